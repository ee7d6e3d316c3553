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
 * {@link #with}. A format without a registered reader fails with a clear
 * message rather than a wrong reader.
 */
public final class ReportReaders {
    private static final ReportReaders BUILT_IN = new ReportReaders(Map.ofEntries(
            Map.entry("qualys-detection", io.regalia.ingest.qualys.QualysDetectionReader::new),
            Map.entry("qualys-scan", io.regalia.ingest.qualys.QualysScanReader::new),
            Map.entry("qualys-asset", io.regalia.ingest.qualys.QualysAssetReader::new),
            Map.entry("nessus", io.regalia.ingest.nessus.NessusReader::new),
            Map.entry("openvas", io.regalia.ingest.openvas.OpenVasReader::new),
            Map.entry("nmap", io.regalia.ingest.nmap.NmapReader::new),
            Map.entry("inventory", () -> Formats.inventory(false)),
            Map.entry("trivy", TrivyReader::new),
            Map.entry("grype", GrypeReader::new),
            Map.entry("cyclonedx", CycloneDxReader::new),
            Map.entry("qualys-csv", QualysCsvReader::new),
            Map.entry("nessus-csv", NessusCsvReader::new),
            Map.entry("openvas-csv", OpenVasCsvReader::new)));

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
