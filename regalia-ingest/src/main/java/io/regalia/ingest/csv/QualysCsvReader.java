package io.regalia.ingest.csv;

import io.regalia.core.model.DetectionObservation;
import io.regalia.core.model.DetectionStatus;
import io.regalia.core.model.DetectionType;
import io.regalia.core.model.ExploitMaturity;
import io.regalia.core.model.ThreatHints;
import io.regalia.core.model.VulnerabilityInfo;
import io.regalia.core.report.BadInputException;
import io.regalia.core.report.ReportEvent;
import io.regalia.core.report.ReportSink;
import io.regalia.ingest.report.ReportReader;
import io.regalia.ingest.vulnerability.AdvisoryIds;
import io.regalia.ingest.vulnerability.CvssVectors;
import io.regalia.ingest.vulnerability.Severity;

import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads Qualys CSV: the VM scan report ("IP","DNS","NetBIOS","OS",…,"QID","Title","Type","Severity") and
 * the VMDR lists ("Asset Vuln Datalist": "CVE","QID",…,"Asset IPV4"), with their metadata lines before
 * the header row. Each QID is a detection keyed {@code qualys:<QID>}; the CVE view's one row per CVE
 * of a QID merges into one detection. Type Vuln/Confirmed is CONFIRMED, Practice/Potential POTENTIAL,
 * Ig/Information Gathered INFO. Exploitability, Associated Malware and the real-time threat indicators
 * (RTI) give threat hints. Zone-less dates are read in the report's own zone when its date line names
 * one, else in UTC.
 */
public final class QualysCsvReader implements ReportReader {
    private static final String[] IP = {"IP", "IP Address", "Asset IPV4", "IPv4"};
    private static final String[] IDENTITY = {"IP", "IP Address", "Asset IPV4", "Asset IPV6", "Asset Id", "Asset Name",
            "DNS", "NetBIOS", "FQDN"};

    @Override
    public String format() { return "qualys-csv"; }

    /** True for a Qualys CSV header row: a QID column and a host column. */
    public static boolean recognizes(List<String> row) {
        return Columns.contains(row, "QID") && Columns.contains(row, IDENTITY);
    }

    @Override
    public void read(Path file, ReportSink sink) throws BadInputException {
        try (var table = CsvTable.open(file, QualysCsvReader::recognizes, "columns QID and IP")) {
            String dateCell = scanDate(table.preamble());
            ZoneId zone = CsvValues.zoneOf(dateCell);
            sink.accept(new ReportEvent.Header(format(), "Qualys", CsvValues.instant(dateCell, ZoneOffset.UTC), true));
            new Rows(table, sink, zone).readAll();
        }
    }

    /** The report date: under "Launch Date" in scan reports, else the first date on the first line. */
    private static String scanDate(List<List<String>> preamble) {
        for (int i = 0; i + 1 < preamble.size(); i++) {
            int at = new Columns(preamble.get(i)).index("Launch Date", "Scan Date", "Report Date");
            if (at >= 0 && at < preamble.get(i + 1).size()) return preamble.get(i + 1).get(at);
        }
        if (!preamble.isEmpty()) {
            for (String cell : preamble.get(0)) {
                if (CsvValues.instant(cell, ZoneOffset.UTC) != null) return cell;
            }
        }
        return null;
    }

    private static final class Rows {
        private final CsvTable table;
        private final ReportSink sink;
        private final ZoneId zone;
        private final CellReader cells;
        private final int ip, ipv6, dns, netbios, fqdn, assetName, assetId, os, qid, title, type, severity, port,
                protocol, cve, cvss2, cvss3, status, results, first, last, patchable, patchReleased, exploitability,
                malware, rti;

        Rows(CsvTable table, ReportSink sink, ZoneId zone) {
            this.table = table;
            this.sink = sink;
            this.zone = zone;
            this.cells = new CellReader(table, sink);
            Columns c = table.columns();
            ip = c.index(IP);
            ipv6 = c.index("Asset IPV6", "IPv6");
            dns = c.index("DNS", "DNS Name");
            netbios = c.index("NetBIOS", "NetBIOS Name");
            fqdn = c.index("FQDN");
            assetName = c.index("Asset Name");
            assetId = c.index("Asset Id", "Host ID", "QG Host ID");
            os = c.index("OS", "Operating System");
            qid = c.index("QID");
            title = c.index("Title");
            type = c.index("Type", "Type Detected");
            severity = c.index("Severity", "KB Severity");
            port = c.index("Port");
            protocol = c.index("Protocol");
            cve = c.index("CVE ID", "CVE", "CVE IDs");
            cvss2 = c.index("CVSS Base", "CVSSv2 Base (nvd)", "CVSS V2 Base", "CVSS2 Base", "CVSS");
            cvss3 = c.index("CVSS3.1 Base", "CVSS3 Base", "CVSSv3.1 Base (nvd)", "CVSSv3 Base (nvd)", "CVSS V3 Base",
                    "CVSS3.1", "CVSS3");
            status = c.index("Vuln Status", "Status");
            results = c.index("Results");
            first = c.index("First Detected");
            last = c.index("Last Detected");
            patchable = c.index("Vuln Patchable", "Patchable");
            patchReleased = c.index("Patch Released");
            exploitability = c.index("Exploitability");
            malware = c.index("Associated Malware");
            rti = c.index("RTI");
        }

        void readAll() {
            HostRun run = null;
            for (CsvTable.Row row; (row = table.next(sink)) != null; ) {
                String where = table.where(row);
                String qidText = row.get(qid);
                Long qidValue = parseQid(qidText);
                if (qidValue == null) {
                    sink.accept(new ReportEvent.Warning(where, qidText == null ? "row without QID skipped"
                            : "QID \"" + qidText + "\" is not a number; row skipped"));
                    continue;
                }
                var addresses = new ArrayList<>(Addresses.validIn(row.get(ip), where, sink));
                addresses.addAll(Addresses.validIn(row.get(ipv6), where, sink));
                String name = row.get(assetName);
                if (Addresses.looksLikeAddress(name)) name = null;
                if (addresses.isEmpty() && row.get(dns) == null && row.get(netbios) == null && row.get(fqdn) == null
                        && name == null) {
                    sink.accept(new ReportEvent.Warning(where, "row names no host (no valid IP, DNS, NetBIOS or asset name); skipped"));
                    continue;
                }
                String key = String.join("|", String.valueOf(row.get(assetId)), String.valueOf(row.get(ip)),
                        String.valueOf(row.get(dns)), String.valueOf(row.get(netbios)), String.valueOf(name));
                run = HostRun.forKey(run, key, sink);
                for (String address : addresses) run.address(address, null);
                run.name(row.get(assetName));
                run.dnsName(row.get(dns));
                run.fqdn(row.get(fqdn));
                run.dnsName(name);
                run.netbios(row.get(netbios));
                run.os(row.get(os));
                run.detection(detection(row, qidValue));
            }
            if (run != null) run.emitTo(sink);
        }

        private DetectionObservation detection(CsvTable.Row row, long qidValue) {
            String severityCell = row.get(severity);
            Integer level = severityCell == null ? null : severityCell.matches("[0-5]")
                    ? Integer.valueOf(severityCell) : Severity.fromWord(severityCell);
            Double score2 = cells.score(row, cvss2);
            Double score3 = cells.score(row, cvss3);
            CvssVectors vectors = CvssVectors.NONE.offer(CsvValues.parenthesized(row.get(cvss3)))
                    .offer(CsvValues.parenthesized(row.get(cvss2)));
            Boolean patch = CsvValues.yesNo(row.get(patchable));
            if (patch == null && row.get(patchReleased) != null) patch = Boolean.TRUE;
            var info = new VulnerabilityInfo("qualys:" + qidValue, qidValue, row.get(title), level,
                    AdvisoryIds.cvesIn(row.get(cve)), vectors.cvss2(), vectors.cvss3(), vectors.cvss4(),
                    score3 != null ? score3 : score2, patch, hints(row));
            return new DetectionObservation(info, type(row.get(type)), status(row.get(status)),
                    CsvValues.port(row.get(port)), CsvValues.protocol(row.get(protocol)),
                    cells.instant(row, first, zone), cells.instant(row, last, zone), row.get(results));
        }

        /** Real-time threat indicators and exploit references, as far as they say how exploitable it is. */
        private ThreatHints hints(CsvTable.Row row) {
            ExploitMaturity maturity = row.get(exploitability) != null ? ExploitMaturity.PROOF_OF_CONCEPT : null;
            boolean malwareKnown = row.get(malware) != null;
            String indicators = row.get(rti) == null ? "" : row.get(rti).toLowerCase(Locale.ROOT);
            if (indicators.contains("public exploit") || indicators.contains("easy exploit")) {
                maturity = ExploitMaturity.max(maturity, ExploitMaturity.FUNCTIONAL);
            }
            if (indicators.contains("exploit kit") || indicators.contains("active attack")
                    || indicators.contains("active exploit")) {
                maturity = ExploitMaturity.WEAPONIZED;
            }
            malwareKnown |= indicators.contains("malware") || indicators.contains("ransomware");
            return maturity == null && !malwareKnown ? null : new ThreatHints(maturity, malwareKnown, null);
        }

        private static Long parseQid(String text) {
            if (text == null) return null;
            try {
                return Long.valueOf(text.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }

        private static DetectionType type(String text) {
            if (text == null) return DetectionType.CONFIRMED;
            String t = text.trim().toLowerCase(Locale.ROOT);
            if (t.equals("ig") || t.startsWith("info")) return DetectionType.INFO;
            if (t.startsWith("practice") || t.startsWith("potential")) return DetectionType.POTENTIAL;
            return DetectionType.CONFIRMED;
        }

        private static DetectionStatus status(String text) {
            if (text == null) return null;
            return switch (text.trim().toLowerCase(Locale.ROOT).replace("-", "")) {
                case "new" -> DetectionStatus.NEW;
                case "active" -> DetectionStatus.ACTIVE;
                case "fixed" -> DetectionStatus.FIXED;
                case "reopened" -> DetectionStatus.REOPENED;
                default -> null;
            };
        }
    }

}
