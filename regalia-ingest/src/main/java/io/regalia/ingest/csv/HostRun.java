package io.regalia.ingest.csv;

import io.regalia.core.model.AssetType;
import io.regalia.core.model.DetectionObservation;
import io.regalia.core.model.HostObservation;
import io.regalia.core.model.NetworkInterface;
import io.regalia.core.model.OpenPort;
import io.regalia.core.model.OperatingSystem;
import io.regalia.core.report.ReportEvent;
import io.regalia.core.report.ReportSink;
import io.regalia.ingest.vulnerability.Detections;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Consecutive rows about one host, emitted as one host observation when a row names another host or
 * the file ends. Exports list a host's rows together; a host whose rows are scattered is emitted once
 * per run, and the import merges the runs by identity. Memory holds one host at a time.
 */
final class HostRun {
    private final String key;
    private String name;
    private String hostname;
    private String fqdn;
    private String netbios;
    private String os;
    private final Map<String, NetworkInterface> interfaces = new LinkedHashMap<>();
    private final Detections detections = new Detections();

    private HostRun(String key) { this.key = key; }

    /** The run of the host {@code key} names: the current one, or a new one after flushing the current. */
    static HostRun forKey(HostRun current, String key, ReportSink sink) {
        if (current != null && current.key.equals(key)) return current;
        if (current != null) current.emitTo(sink);
        return new HostRun(key);
    }

    void name(String value) { if (name == null && value != null) name = value; }

    void hostname(String value) { if (hostname == null && value != null) hostname = value; }

    void fqdn(String value) { if (fqdn == null && value != null) fqdn = value; }

    void netbios(String value) { if (netbios == null && value != null) netbios = value; }

    void os(String value) { if (os == null && value != null) os = value; }

    void address(String ip, String mac) {
        interfaces.merge(ip, new NetworkInterface(ip, null, mac),
                (a, b) -> new NetworkInterface(a.address(), null, a.macAddress() != null ? a.macAddress() : b.macAddress()));
    }

    /** A DNS name or host name as scanners write it: dotted names are FQDNs. */
    void dnsName(String value) {
        if (value == null) return;
        if (value.contains(".")) fqdn(value);
        else hostname(value);
    }

    void detection(DetectionObservation detection) { detections.add(detection); }

    void emitTo(ReportSink sink) {
        var ports = new LinkedHashSet<OpenPort>();
        for (DetectionObservation d : detections.toList()) {
            if (d.port() != null && d.protocol() != null) ports.add(new OpenPort(d.port(), d.protocol(), null));
        }
        String displayName = name != null ? name : fqdn != null ? fqdn : hostname != null ? hostname
                : netbios != null ? netbios : interfaces.keySet().stream().findFirst().orElse(null);
        var operatingSystem = os == null ? null : new OperatingSystem(os, null, null, null, null, null);
        sink.accept(new ReportEvent.Host(new HostObservation(null, displayName, hostname, fqdn, netbios, AssetType.HOST,
                null, new ArrayList<>(interfaces.values()), operatingSystem, null, null, null,
                ports.isEmpty() ? null : List.copyOf(ports), null, null, List.of(), null, detections.toList())));
    }
}
