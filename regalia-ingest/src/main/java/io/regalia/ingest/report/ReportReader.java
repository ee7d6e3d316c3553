package io.regalia.ingest.report;

/** Reads one report file and streams its events. */
public interface ReportReader {
    String format();

    void read(java.nio.file.Path file, io.regalia.core.report.ReportSink sink) throws io.regalia.core.report.BadInputException;
}
