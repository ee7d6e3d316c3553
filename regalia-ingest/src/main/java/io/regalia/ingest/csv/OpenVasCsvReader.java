package io.regalia.ingest.csv;

import io.regalia.core.model.DetectionObservation;
import io.regalia.core.model.DetectionType;
import io.regalia.core.model.ThreatHints;
import io.regalia.core.model.VulnerabilityInfo;
import io.regalia.core.report.BadInputException;
import io.regalia.core.report.ReportEvent;
import io.regalia.core.report.ReportSink;
import io.regalia.ingest.report.ReportReader;
import io.regalia.ingest.vulnerability.AdvisoryIds;
import io.regalia.ingest.vulnerability.Severity;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

/**
 * Reads OpenVAS / GVM CSV results. Each NVT on a port is a detection keyed {@code openvas:<oid>}.
 * Severity is a word (Log, Low, Medium, High, Critical) or a score 0–10, which is also the CVSS score;
 * Log or 0 is an INFO detection, and a quality of detection below GVM's default threshold of 70% makes
 * the detection POTENTIAL. Solution type VendorFix means a patch is available.
 */
public final class OpenVasCsvReader implements ReportReader {
    private static final int QOD_THRESHOLD = 70;

    @Override
    public String format() { return "openvas-csv"; }

    /** True for an OpenVAS CSV header row: IP and NVT OID columns. */
    public static boolean recognizes(List<String> row) {
        return Columns.contains(row, "NVT OID") && Columns.contains(row, "IP");
    }

    @Override
    public void read(Path file, ReportSink sink) throws BadInputException {
        try (var table = CsvTable.open(file, OpenVasCsvReader::recognizes, "columns IP and NVT OID")) {
            sink.accept(new ReportEvent.Header(format(), "OpenVAS", null, true));
            Columns c = table.columns();
            var cells = new CellReader(table, sink);
            int ip = c.index("IP");
            int hostname = c.index("Hostname");
            int oid = c.index("NVT OID");
            HostRun run = null;
            for (CsvTable.Row row; (row = table.next(sink)) != null; ) {
                String where = table.where(row);
                String nvt = row.get(oid);
                if (nvt == null) {
                    sink.accept(new ReportEvent.Warning(where, "row without NVT OID skipped"));
                    continue;
                }
                var addresses = Addresses.validIn(row.get(ip), where, sink);
                if (addresses.isEmpty() && row.get(hostname) == null) {
                    sink.accept(new ReportEvent.Warning(where, "row names no host (no valid IP or hostname); skipped"));
                    continue;
                }
                run = HostRun.forKey(run, row.get(ip) + "|" + row.get(hostname), sink);
                for (String address : addresses) run.address(address, null);
                run.dnsName(row.get(hostname));
                run.detection(detection(row, c, cells, nvt));
            }
            if (run != null) run.emitTo(sink);
        }
    }

    private static DetectionObservation detection(CsvTable.Row row, Columns c, CellReader cells, String nvt) {
        String severityCell = row.get(c.index("Severity", "Threat"));
        Double severityScore = CsvValues.leadingNumber(severityCell);
        Double cvss = cells.score(row, c.index("CVSS"));
        if (cvss == null && severityScore != null) cvss = cells.score(row, c.index("Severity"));
        Integer level = severityScore != null ? Severity.fromScore(severityScore) : Severity.fromWord(severityCell);
        if (level == null && cvss != null) level = Severity.fromScore(cvss);

        DetectionType type = Severity.typeOf(level);
        Double qod = CsvValues.leadingNumber(row.get(c.index("QoD")));
        if (type == DetectionType.CONFIRMED && qod != null && qod < QOD_THRESHOLD) type = DetectionType.POTENTIAL;

        String solution = row.get(c.index("Solution Type"));
        Boolean patch = solution == null ? null : switch (solution.toLowerCase(Locale.ROOT)) {
            case "vendorfix" -> Boolean.TRUE;
            case "nonavailable", "noneavailable", "willnotfix" -> Boolean.FALSE;
            default -> null;
        };
        Double epss = cells.epss(row, c.index("EPSS Score", "EPSS"));
        String results = row.get(c.index("Specific Result"));
        var info = new VulnerabilityInfo("openvas:" + nvt, null, row.get(c.index("NVT Name")), level,
                AdvisoryIds.cvesIn(row.get(c.index("CVEs", "CVE"))), null, null, null, cvss, patch,
                epss == null ? null : new ThreatHints(null, false, epss));
        return new DetectionObservation(info, type, null, CsvValues.port(row.get(c.index("Port"))),
                CsvValues.protocol(row.get(c.index("Port Protocol"))), null,
                cells.instant(row, c.index("Timestamp"), ZoneOffset.UTC),
                results != null ? results : row.get(c.index("Summary")));
    }
}
