package io.regalia.ingest.inventory;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.regalia.core.model.CloudFacts;
import io.regalia.core.model.DetectionObservation;
import io.regalia.core.model.Hardware;
import io.regalia.core.model.HostObservation;
import io.regalia.core.model.Lifecycle;
import io.regalia.core.model.NetworkInterface;
import io.regalia.core.model.OpenPort;
import io.regalia.core.model.OperatingSystem;
import io.regalia.core.model.Software;
import io.regalia.core.model.ThreatHints;
import io.regalia.core.model.VulnerabilityInfo;
import io.regalia.core.report.ReportEvent;
import io.regalia.core.report.ReportSink;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Writes the Regalia inventory JSON as a stream: give it a {@link ReportEvent.Header} (its source, scannedAt and
 * complete), then one {@link ReportEvent.Host} per asset, then {@link #close()}. Null values are left out, as are
 * empty interface, tag, detection and CVE lists (they read back empty); {@code software} and {@code openPorts} are
 * written even when empty, since an empty list there says "none" while an absent one says "not stated". What it
 * writes, {@link InventoryJsonReader} reads back to equal records. Warnings are not part of the format and are
 * ignored. Closing also closes the output stream.
 */
public final class InventoryJsonWriter implements ReportSink, AutoCloseable {
    private static final JsonFactory JSON = new JsonFactory();

    private final JsonGenerator out;
    private boolean started;
    private boolean closed;

    /** Compact output. */
    public InventoryJsonWriter(OutputStream stream) {
        this(stream, false);
    }

    public InventoryJsonWriter(OutputStream stream, boolean pretty) {
        try {
            this.out = JSON.createGenerator(stream, JsonEncoding.UTF8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (pretty) out.useDefaultPrettyPrinter();
    }

    /**
     * @throws IllegalStateException for a second header, or a host before the header
     */
    @Override
    public void accept(ReportEvent event) {
        try {
            if (event instanceof ReportEvent.Header h) {
                if (started) throw new IllegalStateException("the header was already written");
                start(h.source(), h.scannedAt(), h.complete());
            } else if (event instanceof ReportEvent.Host h) {
                if (!started) throw new IllegalStateException("a Header must be written before the first Host");
                asset(h.host());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ends the document (an empty one if nothing was written) and closes the stream. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        try {
            if (!started) start(null, null, false);
            out.writeEndArray();
            out.writeEndObject();
            out.writeRaw('\n');
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void start(String source, Instant scannedAt, boolean complete) throws IOException {
        started = true;
        out.writeStartObject();
        out.writeStringField("format", InventoryJsonReader.FORMAT);
        text("source", source);
        instant("scannedAt", scannedAt);
        out.writeBooleanField("complete", complete);
        out.writeArrayFieldStart("assets");
    }

    private void asset(HostObservation h) throws IOException {
        out.writeStartObject();
        text("externalId", h.externalId());
        text("name", h.name());
        text("hostname", h.hostname());
        text("fqdn", h.fqdn());
        text("netbiosName", h.netbiosName());
        if (h.type() != null) out.writeStringField("type", h.type().name());
        text("agentId", h.agentId());
        if (!h.interfaces().isEmpty()) {
            out.writeArrayFieldStart("interfaces");
            for (NetworkInterface i : h.interfaces()) {
                out.writeStartObject();
                text("address", i.address());
                text("hostname", i.hostname());
                text("macAddress", i.macAddress());
                out.writeEndObject();
            }
            out.writeEndArray();
        }
        if (h.os() != null) os(h.os());
        if (h.hardware() != null) hardware(h.hardware());
        if (h.cloud() != null) cloud(h.cloud());
        if (h.software() != null) {
            out.writeArrayFieldStart("software");
            for (Software s : h.software()) software(s);
            out.writeEndArray();
        }
        if (h.openPorts() != null) {
            out.writeArrayFieldStart("openPorts");
            for (OpenPort p : h.openPorts()) {
                out.writeStartObject();
                out.writeNumberField("port", p.port());
                if (p.protocol() != null) out.writeStringField("protocol", p.protocol().name());
                text("serviceName", p.serviceName());
                out.writeEndObject();
            }
            out.writeEndArray();
        }
        instant("lastSeen", h.lastSeen());
        instant("lastBoot", h.lastBoot());
        strings("tags", h.tags());
        if (h.externallyExposed() != null) out.writeBooleanField("externallyExposed", h.externallyExposed());
        if (!h.detections().isEmpty()) {
            out.writeArrayFieldStart("detections");
            for (DetectionObservation d : h.detections()) detection(d);
            out.writeEndArray();
        }
        out.writeEndObject();
    }

    private void os(OperatingSystem os) throws IOException {
        out.writeObjectFieldStart("os");
        text("name", os.name());
        text("version", os.version());
        text("publisher", os.publisher());
        text("category1", os.category1());
        text("category2", os.category2());
        lifecycle(os.lifecycle());
        out.writeEndObject();
    }

    private void hardware(Hardware h) throws IOException {
        out.writeObjectFieldStart("hardware");
        text("category1", h.category1());
        text("category2", h.category2());
        text("manufacturer", h.manufacturer());
        text("model", h.model());
        out.writeEndObject();
    }

    private void cloud(CloudFacts c) throws IOException {
        out.writeObjectFieldStart("cloud");
        if (c.provider() != null) out.writeStringField("provider", c.provider().name());
        text("region", c.region());
        text("accountId", c.accountId());
        text("instanceId", c.instanceId());
        text("imageId", c.imageId());
        text("publicIpAddress", c.publicIpAddress());
        out.writeEndObject();
    }

    private void software(Software s) throws IOException {
        out.writeStartObject();
        text("name", s.name());
        text("version", s.version());
        text("publisher", s.publisher());
        text("category1", s.category1());
        text("category2", s.category2());
        lifecycle(s.lifecycle());
        out.writeEndObject();
    }

    private void lifecycle(Lifecycle l) throws IOException {
        if (l == null) return;
        out.writeObjectFieldStart("lifecycle");
        if (l.stage() != null) out.writeStringField("stage", l.stage().label());
        date("eol", l.eol());
        date("eos", l.eos());
        out.writeEndObject();
    }

    private void detection(DetectionObservation d) throws IOException {
        out.writeStartObject();
        if (d.vulnerability() != null) vulnerability(d.vulnerability());
        if (d.type() != null) out.writeStringField("type", d.type().name());
        if (d.status() != null) out.writeStringField("status", d.status().name());
        if (d.port() != null) out.writeNumberField("port", d.port());
        if (d.protocol() != null) out.writeStringField("protocol", d.protocol().name());
        instant("firstFound", d.firstFound());
        instant("lastFound", d.lastFound());
        text("results", d.results());
        out.writeEndObject();
    }

    private void vulnerability(VulnerabilityInfo v) throws IOException {
        out.writeObjectFieldStart("vulnerability");
        text("key", v.key());
        if (v.qid() != null) out.writeNumberField("qid", v.qid());
        text("title", v.title());
        if (v.severity() != null) out.writeNumberField("severity", v.severity());
        strings("cves", v.cves());
        text("cvss2", v.cvss2());
        text("cvss3", v.cvss3());
        text("cvss4", v.cvss4());
        if (v.cvssScore() != null) out.writeNumberField("cvssScore", v.cvssScore());
        if (v.patchAvailable() != null) out.writeBooleanField("patchAvailable", v.patchAvailable());
        ThreatHints hints = v.hints();
        if (hints.maturity() != null) out.writeStringField("exploitMaturity", hints.maturity().name());
        if (hints.malware()) out.writeBooleanField("malware", true);
        if (hints.epss() != null) out.writeNumberField("epss", hints.epss());
        out.writeEndObject();
    }

    private void text(String field, String value) throws IOException {
        if (value != null) out.writeStringField(field, value);
    }

    private void instant(String field, Instant value) throws IOException {
        if (value != null) out.writeStringField(field, value.toString());
    }

    private void date(String field, LocalDate value) throws IOException {
        if (value != null) out.writeStringField(field, value.toString());
    }

    private void strings(String field, List<String> values) throws IOException {
        if (values.isEmpty()) return;
        out.writeArrayFieldStart(field);
        for (String s : values) out.writeString(s);
        out.writeEndArray();
    }
}
