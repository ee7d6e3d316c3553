package io.regalia.core.report;

import io.regalia.core.model.HostObservation;

/** What a reader emits, in order: one {@link Header} first, then hosts and warnings. */
public sealed interface ReportEvent permits ReportEvent.Header, ReportEvent.Host, ReportEvent.Warning {

    /** {@code source} names the scanner (Qualys, Nessus…); {@code complete} as in the inventory format. */
    record Header(String format, String source, java.time.Instant scannedAt, boolean complete) implements ReportEvent {}

    record Host(HostObservation host) implements ReportEvent {}

    /** Odd but valid input: imported, and reported to the user. {@code where} is a line or JSON path. */
    record Warning(String where, String message) implements ReportEvent {}
}
