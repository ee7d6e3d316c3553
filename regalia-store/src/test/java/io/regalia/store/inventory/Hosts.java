package io.regalia.store.inventory;

import io.regalia.core.model.AssetType;
import io.regalia.core.model.DetectionObservation;
import io.regalia.core.model.DetectionType;
import io.regalia.core.model.HostObservation;
import io.regalia.core.model.NetworkInterface;
import io.regalia.core.model.ThreatHints;
import io.regalia.core.model.VulnerabilityInfo;
import io.regalia.core.report.ReportEvent;
import io.regalia.core.report.ReportSink;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/** Small hand-written observations for store tests. */
final class Hosts {
    private Hosts() {}

    static HostObservation host(String name, String ip, List<String> tags, DetectionObservation... detections) {
        return new HostObservation(name, name, name, null, null, AssetType.HOST, null,
                List.of(new NetworkInterface(ip, null, null)), null, null, null, null, null, null, null, tags, null,
                List.of(detections));
    }

    static DetectionObservation detection(String cve, String cvss3) {
        VulnerabilityInfo v = new VulnerabilityInfo("cve:" + cve, null, "Test " + cve, 5, List.of(cve), null, cvss3, null,
                null, true, ThreatHints.NONE);
        return new DetectionObservation(v, DetectionType.CONFIRMED, null, 443, null, null, null, null);
    }

    static DetectionObservation info(String key) {
        VulnerabilityInfo v = new VulnerabilityInfo(key, null, "Information gathered", 1, List.of(), null, null, null,
                null, null, ThreatHints.NONE);
        return new DetectionObservation(v, DetectionType.INFO, null, null, null, null, null, null);
    }

    static Consumer<ReportSink> report(String source, Instant scannedAt, boolean complete, HostObservation... hosts) {
        return sink -> {
            sink.accept(new ReportEvent.Header("inventory", source, scannedAt, complete));
            for (HostObservation h : hosts) sink.accept(new ReportEvent.Host(h));
        };
    }
}
