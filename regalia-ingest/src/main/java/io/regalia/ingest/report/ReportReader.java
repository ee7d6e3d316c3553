package io.regalia.ingest.report;

import io.regalia.core.report.BadInputException;
import io.regalia.core.report.ReportSink;

/**
 * Reads one scanner report file and streams what it says to a sink: one header, then hosts and warnings.
 * Implementations hold no state between calls, so one instance may read many files.
 */
public interface ReportReader {

    /** The {@code --format} name this reader handles, e.g. {@code nessus} or {@code qualys-detection}. */
    String format();

    /** Streams the report; bad input fails with the file, line and column (or JSON path) and the reason. */
    void read(java.nio.file.Path file, ReportSink sink) throws BadInputException;
}
