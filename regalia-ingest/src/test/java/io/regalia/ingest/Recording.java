package io.regalia.ingest;

import io.regalia.core.model.DetectionObservation;
import io.regalia.core.model.HostObservation;
import io.regalia.core.report.ReportEvent;
import io.regalia.ingest.report.ReportReader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Everything a reader emitted for one file, in order. */
public record Recording(List<ReportEvent> events) {

    public static Recording read(ReportReader reader, Path file) {
        var events = new ArrayList<ReportEvent>();
        reader.read(file, events::add);
        if (events.isEmpty() || !(events.get(0) instanceof ReportEvent.Header)) {
            throw new AssertionError("the first event must be the header, got " + events);
        }
        if (events.stream().skip(1).anyMatch(e -> e instanceof ReportEvent.Header)) {
            throw new AssertionError("only one header expected: " + events);
        }
        return new Recording(List.copyOf(events));
    }

    public ReportEvent.Header header() { return (ReportEvent.Header) events.get(0); }

    public List<HostObservation> hosts() {
        return events.stream().filter(e -> e instanceof ReportEvent.Host).map(e -> ((ReportEvent.Host) e).host()).toList();
    }

    public HostObservation onlyHost() {
        if (hosts().size() != 1) throw new AssertionError("expected one host, got " + hosts().size());
        return hosts().get(0);
    }

    public List<ReportEvent.Warning> warnings() {
        return events.stream().filter(e -> e instanceof ReportEvent.Warning).map(e -> (ReportEvent.Warning) e).toList();
    }

    public List<DetectionObservation> detections() {
        return hosts().stream().flatMap(h -> h.detections().stream()).toList();
    }

    public DetectionObservation detection(String key) {
        return detections().stream().filter(d -> d.vulnerability().key().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError("no detection " + key + " in " + detections().stream()
                        .map(d -> d.vulnerability().key()).toList()));
    }
}
