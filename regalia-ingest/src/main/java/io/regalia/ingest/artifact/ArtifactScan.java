package io.regalia.ingest.artifact;

import io.regalia.core.model.AssetType;
import io.regalia.core.model.DetectionObservation;
import io.regalia.core.model.HostObservation;
import io.regalia.core.model.OperatingSystem;
import io.regalia.core.model.Software;
import io.regalia.core.report.ReportEvent;
import io.regalia.core.report.ReportSink;
import io.regalia.ingest.vulnerability.Detections;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Collects one artifact's report while its file is read, then emits it as header, host, warnings.
 * Package scanners name the artifact anywhere in the file (Grype after its matches), so nothing is
 * emitted before the end; what is held is one host's packages and detections.
 */
public final class ArtifactScan {
    private final String format;
    private final String source;
    private final Detections detections = new Detections();
    private final LinkedHashSet<Software> software = new LinkedHashSet<>();
    private final List<ReportEvent.Warning> warnings = new ArrayList<>();
    private Instant scannedAt;
    private String name;
    private AssetType type;
    private String os;

    public ArtifactScan(String format, String source) {
        this.format = format;
        this.source = source;
    }

    public void scannedAt(Instant at) { this.scannedAt = at; }

    /** The artifact is the asset: its name is the identity package scanners give (image reference or path). */
    public void artifact(String name, AssetType type) {
        this.name = name;
        this.type = type;
    }

    public boolean hasArtifact() { return name != null; }

    public void operatingSystem(String osName) {
        if (osName != null && !osName.isBlank()) this.os = osName.trim();
    }

    public void software(String name, String version, String publisher) {
        if (name == null || name.isBlank()) return;
        software.add(new Software(name, version, publisher, null, null, null));
    }

    public void detection(DetectionObservation detection) { detections.add(detection); }

    public void warn(String where, String message) { warnings.add(new ReportEvent.Warning(where, message)); }

    public int detectionCount() { return detections.size(); }

    public void emitTo(ReportSink sink) {
        sink.accept(new ReportEvent.Header(format, source, scannedAt, true));
        var operatingSystem = os == null ? null : new OperatingSystem(os, null, null, null, null, null);
        sink.accept(new ReportEvent.Host(new HostObservation(name, name, null, null, null,
                type == null ? AssetType.UNKNOWN : type, null, List.of(), operatingSystem, null, null,
                List.copyOf(software), null, scannedAt, null, List.of(), null, detections.toList())));
        warnings.forEach(sink::accept);
    }
}
