package io.regalia.ingest.format;

import io.regalia.core.report.BadInputException;
import io.regalia.ingest.csv.NessusCsvReader;
import io.regalia.ingest.csv.OpenVasCsvReader;
import io.regalia.ingest.csv.QualysCsvReader;
import io.regalia.ingest.cyclonedx.CycloneDxReader;
import io.regalia.ingest.grype.GrypeReader;
import io.regalia.ingest.report.ReportReader;
import io.regalia.ingest.trivy.TrivyReader;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The readers available, by format name. {@link #builtIn()} is the one place that lists the readers this
 * module ships; a reader written in another package is added to that map, or to a registry built with
 * {@link #with}. Formats that {@link Formats} can detect but whose reader is not registered yet
 * (qualys-detection, qualys-scan, qualys-asset, nessus, openvas, nmap, inventory until their readers
 * land) fail with a clear message rather than a wrong reader.
 */
public final class ReportReaders {
    private static final ReportReaders BUILT_IN = new ReportReaders(Map.of(
            "trivy", TrivyReader::new,
            "grype", GrypeReader::new,
            "cyclonedx", CycloneDxReader::new,
            "qualys-csv", QualysCsvReader::new,
            "nessus-csv", NessusCsvReader::new,
            "openvas-csv", OpenVasCsvReader::new));

    private final Map<String, Supplier<ReportReader>> readers;

    private ReportReaders(Map<String, Supplier<ReportReader>> readers) {
        this.readers = Map.copyOf(readers);
    }

    public static ReportReaders builtIn() { return BUILT_IN; }

    /** A registry with no reader, to build one from scratch with {@link #with}. */
    public static ReportReaders empty() { return new ReportReaders(Map.of()); }

    /** A registry with one more (or a replaced) reader. */
    public ReportReaders with(String format, Supplier<ReportReader> reader) {
        if (!Formats.NAMES.contains(format)) {
            throw new IllegalArgumentException("unknown format " + format + "; known: " + Formats.NAMES);
        }
        var all = new LinkedHashMap<>(readers);
        all.put(format, reader);
        return new ReportReaders(all);
    }

    public Set<String> formats() { return readers.keySet(); }

    public boolean has(String format) { return readers.containsKey(format); }

    /** A new reader for the format; bad input when this build has no reader for it. */
    public ReportReader reader(String format) throws BadInputException {
        Supplier<ReportReader> reader = readers.get(format);
        if (reader == null) {
            throw new BadInputException("--format", Formats.NAMES.contains(format)
                    ? "no reader for format " + format + " in this build"
                    : "unknown format \"" + format + "\" (expected one of " + String.join(", ", Formats.NAMES) + ")");
        }
        return reader.get();
    }
}
