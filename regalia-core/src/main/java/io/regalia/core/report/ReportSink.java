package io.regalia.core.report;

/** Receives a reader's events as it streams; the store's import implements it. */
@FunctionalInterface
public interface ReportSink {
    void accept(ReportEvent event);
}
