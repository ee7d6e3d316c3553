package io.regalia.ingest.csv;

import io.regalia.core.model.DetectionObservation;
import io.regalia.core.model.DetectionStatus;
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
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads Nessus, Tenable.io and Tenable.sc CSV exports, whose columns differ in name (Plugin ID / Plugin,
 * Host / IP Address / DNS Name, Risk / Severity / Risk Factor, CVSS v2.0 Base Score / CVSS V2 Base Score…).
 * Each plugin on a port is a detection keyed {@code nessus:<plugin>}; Nessus writes one row per CVE of
 * a plugin, and those rows merge. Risk None (or Info) is an INFO detection. Exploit columns follow the
 * risk model: exploit available → functional; Metasploit, Core Impact, CANVAS or a CISA known-exploited
 * cross reference → weaponized; exploited by malware → malware.
 */
public final class NessusCsvReader implements ReportReader {
    private static final String[] PLUGIN = {"Plugin ID", "Plugin"};
    private static final String[] HOST = {"Host", "IP Address", "DNS Name"};

    @Override
    public String format() { return "nessus-csv"; }

    /** True for a Nessus / Tenable CSV header row: a plugin column and a host column. */
    public static boolean recognizes(List<String> row) {
        return Columns.contains(row, PLUGIN) && Columns.contains(row, HOST);
    }

    @Override
    public void read(Path file, ReportSink sink) throws BadInputException {
        try (var table = CsvTable.open(file, NessusCsvReader::recognizes, "columns Plugin ID and Host")) {
            sink.accept(new ReportEvent.Header(format(), "Nessus", null, true));
            new Rows(table, sink).readAll();
        }
    }

    private static final class Rows {
        private final CsvTable table;
        private final ReportSink sink;
        private final CellReader cells;
        private final int plugin, host, ip, dns, fqdn, netbios, mac, os, name, cve, port, protocol, output, state,
                firstSeen, lastSeen, patchPublished, exploitable, exploitEase, frameworksText, malware, xref, epss,
                cvss2, cvss3, cvss4, vector2, vector3, vector4;
        private final int[] risk;
        private final int[] frameworks;

        Rows(CsvTable table, ReportSink sink) {
            this.table = table;
            this.sink = sink;
            this.cells = new CellReader(table, sink);
            Columns c = table.columns();
            plugin = c.index(PLUGIN);
            host = c.index("Host");
            ip = c.index("IP Address", "IP");
            dns = c.index("DNS Name", "DNS");
            fqdn = c.index("FQDN");
            netbios = c.index("NetBIOS Name", "NetBios", "NetBIOS");
            mac = c.index("MAC Address", "MAC");
            os = c.index("OS", "Operating System");
            name = c.index("Name", "Plugin Name");
            cve = c.index("CVE", "CVEs");
            port = c.index("Port");
            protocol = c.index("Protocol");
            output = c.index("Plugin Output", "Plugin Text");
            state = c.index("Vulnerability State", "State");
            firstSeen = c.index("First Seen", "First Discovered", "First Found");
            lastSeen = c.index("Last Seen", "Last Observed", "Last Found");
            patchPublished = c.index("Patch Publication Date");
            risk = new int[] {c.index("Risk"), c.index("Severity"), c.index("Risk Factor")};
            exploitable = c.index("Exploit?", "Exploit Available", "exploit_available");
            exploitEase = c.index("Exploit Ease");
            frameworks = new int[] {c.index("Metasploit", "exploit_framework_metasploit"),
                    c.index("Core Impact", "exploit_framework_core"), c.index("CANVAS", "exploit_framework_canvas")};
            frameworksText = c.index("Exploit Frameworks");
            malware = c.index("Exploited by Malware", "exploited_by_malware", "Malware");
            xref = c.index("XREF", "Cross References");
            epss = c.index("EPSS Score", "EPSS");
            cvss2 = c.index("CVSS v2.0 Base Score", "CVSS V2 Base Score", "CVSS Base Score", "CVSS");
            cvss3 = c.index("CVSS v3.0 Base Score", "CVSS v3.1 Base Score", "CVSS V3 Base Score", "CVSS3 Base Score");
            cvss4 = c.index("CVSS v4.0 Base Score", "CVSS V4 Base Score", "CVSS4 Base Score");
            vector2 = c.index("CVSS v2.0 Vector", "CVSS V2 Vector", "CVSS Vector", "CVSS2 Vector");
            vector3 = c.index("CVSS v3.0 Vector", "CVSS v3.1 Vector", "CVSS V3 Vector", "CVSS3 Vector");
            vector4 = c.index("CVSS v4.0 Vector", "CVSS V4 Vector", "CVSS4 Vector");
        }

        void readAll() {
            HostRun run = null;
            for (CsvTable.Row row; (row = table.next(sink)) != null; ) {
                String where = table.where(row);
                String pluginId = row.get(plugin);
                if (pluginId == null) {
                    sink.accept(new ReportEvent.Warning(where, "row without plugin id skipped"));
                    continue;
                }
                var addresses = new ArrayList<String>();
                String hostName = null;
                String hostCell = row.get(host);
                if (Addresses.isIpAddress(hostCell)) {
                    addresses.add(hostCell);
                } else if (Addresses.looksLikeAddress(hostCell)) {
                    Addresses.validIn(hostCell, where, sink);
                } else {
                    hostName = hostCell;
                }
                for (String address : Addresses.validIn(row.get(ip), where, sink)) {
                    if (!addresses.contains(address)) addresses.add(address);
                }
                String netbiosName = netbios(row.get(netbios));
                if (addresses.isEmpty() && hostName == null && row.get(dns) == null && row.get(fqdn) == null
                        && netbiosName == null) {
                    sink.accept(new ReportEvent.Warning(where, "row names no host (no valid IP, DNS or NetBIOS name); skipped"));
                    continue;
                }
                String key = String.join("|", String.valueOf(hostCell), String.valueOf(row.get(ip)),
                        String.valueOf(row.get(dns)), String.valueOf(netbiosName));
                run = HostRun.forKey(run, key, sink);
                for (String address : addresses) run.address(address, row.get(mac));
                run.dnsName(row.get(fqdn));
                run.dnsName(row.get(dns));
                run.dnsName(hostName);
                run.netbios(netbiosName);
                run.os(row.get(os));
                run.detection(detection(row, pluginId));
            }
            if (run != null) run.emitTo(sink);
        }

        private DetectionObservation detection(CsvTable.Row row, String pluginId) {
            Integer level = null;
            for (int column : risk) {
                level = severity(row.get(column));
                if (level != null) break;
            }
            Double score2 = cells.score(row, cvss2);
            Double score3 = cells.score(row, cvss3);
            Double score4 = cells.score(row, cvss4);
            CvssVectors vectors = CvssVectors.NONE.offer(row.get(vector2)).offer(row.get(vector3)).offer(row.get(vector4));
            Double score = score4 != null ? score4 : score3 != null ? score3 : score2;
            var info = new VulnerabilityInfo("nessus:" + pluginId, null, row.get(name), level,
                    AdvisoryIds.cvesIn(row.get(cve)), vectors.cvss2(), vectors.cvss3(), vectors.cvss4(), score,
                    row.get(patchPublished) != null ? Boolean.TRUE : null, hints(row));
            return new DetectionObservation(info, Severity.typeOf(level), status(row.get(state)),
                    CsvValues.port(row.get(port)), CsvValues.protocol(row.get(protocol)),
                    cells.instant(row, firstSeen, ZoneOffset.UTC), cells.instant(row, lastSeen, ZoneOffset.UTC),
                    row.get(output));
        }

        private ThreatHints hints(CsvTable.Row row) {
            ExploitMaturity maturity = null;
            String ease = row.get(exploitEase) == null ? "" : row.get(exploitEase).toLowerCase(Locale.ROOT);
            if (CsvValues.isTrue(row.get(exploitable)) || ease.startsWith("exploits are available")) {
                maturity = ExploitMaturity.FUNCTIONAL;
            }
            for (int column : frameworks) {
                if (CsvValues.isTrue(row.get(column))) maturity = ExploitMaturity.WEAPONIZED;
            }
            if (row.get(frameworksText) != null) maturity = ExploitMaturity.WEAPONIZED;
            String references = row.get(xref);
            if (references != null && references.toUpperCase(Locale.ROOT).contains("CISA-KNOWN-EXPLOITED")) {
                maturity = ExploitMaturity.WEAPONIZED;
            }
            boolean malwareKnown = CsvValues.isTrue(row.get(malware));
            Double probability = cells.epss(row, epss);
            return maturity == null && !malwareKnown && probability == null ? null
                    : new ThreatHints(maturity, malwareKnown, probability);
        }

        /** Words (None, Info, Low…) or Nessus levels 0–4. */
        private static Integer severity(String cell) {
            if (cell == null) return null;
            return switch (cell.trim()) {
                case "0" -> Severity.INFORMATIONAL;
                case "1" -> 2;
                case "2" -> 3;
                case "3" -> 4;
                case "4" -> 5;
                default -> Severity.fromWord(cell);
            };
        }

        /** Tenable.sc writes "DOMAIN\HOST"; the NetBIOS name is the part after the backslash. */
        private static String netbios(String cell) {
            if (cell == null) return null;
            int slash = cell.lastIndexOf('\\');
            String name = slash >= 0 ? cell.substring(slash + 1) : cell;
            return name.isBlank() ? null : name;
        }

        private static DetectionStatus status(String text) {
            if (text == null) return null;
            return switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "new" -> DetectionStatus.NEW;
                case "active", "open" -> DetectionStatus.ACTIVE;
                case "resurfaced", "reopened" -> DetectionStatus.REOPENED;
                case "fixed", "mitigated" -> DetectionStatus.FIXED;
                default -> null;
            };
        }
    }
}
