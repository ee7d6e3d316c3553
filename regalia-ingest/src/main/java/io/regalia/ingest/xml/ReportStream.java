package io.regalia.ingest.xml;

import io.regalia.core.model.HostObservation;
import io.regalia.core.report.ReportEvent;
import io.regalia.core.report.ReportSink;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps a reader's events in the order the sink expects: the header first (sent with the first host,
 * so a scan date found while reading that host still makes it in), then hosts and warnings. Warnings
 * raised before the header are held back until it is sent. Scanner reports are complete snapshots of
 * the hosts they cover, so the header always says {@code complete=true}.
 */
public final class ReportStream {

    /** Past this many warnings one more says how many were dropped; a broken export must not flood the user. */
    static final int MAX_WARNINGS = 1000;

    private final ReportSink sink;
    private final String format;
    private final String source;
    private final List<ReportEvent.Warning> heldWarnings = new ArrayList<>();
    private Instant scannedAt;
    private boolean headerSent;
    private int hosts;
    private int warnings;

    public ReportStream(ReportSink sink, String format, String source) {
        this.sink = sink;
        this.format = format;
        this.source = source;
    }

    /** The scan's date; only the first non-null value given before the header goes out counts. */
    public void scannedAt(Instant at) {
        if (!headerSent && scannedAt == null) scannedAt = at;
    }

    public void host(HostObservation host) {
        sendHeader();
        hosts++;
        sink.accept(new ReportEvent.Host(host));
    }

    public void warning(String where, String message) {
        warnings++;
        if (warnings > MAX_WARNINGS + 1) return;
        ReportEvent.Warning warning = warnings == MAX_WARNINGS + 1
                ? new ReportEvent.Warning(where, "more than " + MAX_WARNINGS + " warnings; further ones are not shown")
                : new ReportEvent.Warning(where, message);
        if (headerSent) sink.accept(warning);
        else heldWarnings.add(warning);
    }

    /** Sends the header if no host did, and any held warnings. Call once the whole file was read. */
    public void finish() {
        sendHeader();
    }

    public int hosts() {
        return hosts;
    }

    public int warnings() {
        return warnings;
    }

    private void sendHeader() {
        if (headerSent) return;
        headerSent = true;
        sink.accept(new ReportEvent.Header(format, source, scannedAt, true));
        heldWarnings.forEach(sink::accept);
        heldWarnings.clear();
    }
}
