package io.regalia.ingest.xml;

import io.regalia.core.model.DetectionObservation;
import io.regalia.core.model.DetectionType;
import io.regalia.core.model.HostObservation;
import io.regalia.core.report.ReportEvent;
import io.regalia.core.report.ReportSink;

import java.util.ArrayList;
import java.util.List;

/** Keeps every event a reader sends, for assertions. */
public final class RecordingSink implements ReportSink {

    public final List<ReportEvent> events = new ArrayList<>();

    @Override
    public void accept(ReportEvent event) {
        events.add(event);
    }

    public ReportEvent.Header header() {
        return (ReportEvent.Header) events.get(0);
    }

    public List<HostObservation> hosts() {
        return events.stream().filter(e -> e instanceof ReportEvent.Host)
                .map(e -> ((ReportEvent.Host) e).host()).toList();
    }

    public HostObservation onlyHost() {
        List<HostObservation> hosts = hosts();
        if (hosts.size() != 1) throw new AssertionError("expected one host, got " + hosts.size());
        return hosts.get(0);
    }

    public List<ReportEvent.Warning> warnings() {
        return events.stream().filter(e -> e instanceof ReportEvent.Warning).map(e -> (ReportEvent.Warning) e).toList();
    }

    public List<DetectionObservation> detections() {
        return hosts().stream().flatMap(h -> h.detections().stream()).toList();
    }

    public long count(DetectionType type) {
        return detections().stream().filter(d -> d.type() == type).count();
    }

    public static DetectionObservation detection(HostObservation host, String key) {
        return host.detections().stream().filter(d -> d.vulnerability().key().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError("no detection " + key + " on " + host.name()));
    }

    /** Every string any event carries, for checks that some content never leaks out. */
    public String dump() {
        return events.toString();
    }
}
