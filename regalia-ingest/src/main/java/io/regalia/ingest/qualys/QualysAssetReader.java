package io.regalia.ingest.qualys;

import io.regalia.core.model.Protocol;
import io.regalia.core.report.BadInputException;
import io.regalia.core.report.ReportSink;
import io.regalia.ingest.report.ReportReader;
import io.regalia.ingest.xml.FindingDraft;
import io.regalia.ingest.xml.HostDraft;
import io.regalia.ingest.xml.ReportStream;
import io.regalia.ingest.xml.XmlCursor;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Qualys asset data report XML ({@code ASSET_DATA_REPORT}): hosts with {@code VULN_INFO} entries that
 * name a QID, and a {@code GLOSSARY} after the hosts that describes each QID (title, severity, CVEs,
 * CVSS). The file is read twice: first the glossary (memory grows with distinct QIDs, not hosts), then
 * the hosts, one at a time.
 */
public final class QualysAssetReader implements ReportReader {

    public static final String FORMAT = "qualys-asset";

    /** What the glossary says about one QID. */
    private record Glossary(String title, Integer severity, List<String> cves, Double cvss2, Double cvss3,
                            Boolean patchable) {}

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public void read(Path file, ReportSink sink) throws BadInputException {
        ReportStream out = new ReportStream(sink, FORMAT, "Qualys");
        Map<Long, Glossary> glossary = new HashMap<>();
        try (XmlCursor x = XmlCursor.open(file, out)) {
            x.expectRoot(FORMAT, "ASSET_DATA_REPORT");
            while (x.nextElement()) {
                switch (x.name()) {
                    case "GENERATION_DATETIME" -> out.scannedAt(x.instant(x.text(), "GENERATION_DATETIME"));
                    case "HOST_LIST" -> x.skipElement();
                    case "VULN_DETAILS" -> readGlossary(x, glossary);
                    default -> { }
                }
            }
        }
        try (XmlCursor x = XmlCursor.open(file, out)) {
            x.rootElement();
            while (x.nextElement()) {
                if (x.name().equals("HOST_LIST")) {
                    int list = x.depth();
                    while (x.nextChild(list)) {
                        if (x.name().equals("HOST")) readHost(x, out, glossary);
                    }
                    break;
                }
            }
        }
        out.finish();
    }

    private static void readGlossary(XmlCursor x, Map<Long, Glossary> glossary) {
        String qid = null, title = null, severity = null, cvss2 = null, cvss3 = null, patchable = null;
        StringBuilder cves = new StringBuilder();
        int depth = x.depth();
        while (x.nextWithin(depth)) {
            switch (x.name()) {
                case "QID" -> qid = x.text();
                case "TITLE" -> title = x.text();
                case "SEVERITY" -> severity = x.text();
                case "CVE_ID_LIST" -> cves.append(' ').append(x.text());
                case "CVSS_BASE" -> cvss2 = x.text();
                case "CVSS3_BASE" -> cvss3 = x.text();
                case "PATCHABLE" -> patchable = x.text();
                case "THREAT", "IMPACT", "SOLUTION", "COMPLIANCE", "CORRELATION" -> x.skipElement();
                default -> { }
            }
        }
        Long id = x.longValue(qid, "glossary QID");
        if (id == null) return;
        glossary.put(id, new Glossary(title, x.integer(severity, "SEVERITY"), FindingDraft.cveIds(cves),
                x.decimal(cvss2, "CVSS_BASE"), x.decimal(cvss3, "CVSS3_BASE"), x.bool(patchable, "PATCHABLE")));
    }

    private static void readHost(XmlCursor x, ReportStream out, Map<Long, Glossary> glossary) {
        HostDraft host = new HostDraft(x);
        int depth = x.depth();
        while (x.nextChild(depth)) {
            switch (x.name()) {
                case "HOST_ID" -> host.externalId(QualysValues.externalId(x.text()));
                case "IP" -> host.address(x.text());
                case "DNS" -> host.dnsName(x.text());
                case "NETBIOS" -> host.netbiosName(x.text());
                case "OPERATING_SYSTEM" -> host.os(x.text());
                case "LAST_SCAN_DATETIME", "LAST_VULN_SCAN_DATETIME" -> host.lastSeen(x.instant(x.text(), x.name()));
                case "VULN_INFO_LIST" -> {
                    int list = x.depth();
                    while (x.nextChild(list)) {
                        if (x.name().equals("VULN_INFO")) readVulnInfo(x, host, glossary);
                    }
                }
                default -> { }
            }
        }
        host.emit(out);
    }

    private static void readVulnInfo(XmlCursor x, HostDraft host, Map<Long, Glossary> glossary) {
        String qidText = null, type = null, port = null, protocol = null, service = null, results = null,
                status = null, firstFound = null, lastFound = null, cvss2 = null, cvss3 = null;
        int depth = x.depth();
        while (x.nextChild(depth)) {
            switch (x.name()) {
                case "QID" -> qidText = x.text();
                case "TYPE" -> type = x.text();
                case "PORT" -> port = x.text();
                case "PROTOCOL" -> protocol = x.text();
                case "SERVICE" -> service = x.text();
                case "RESULT" -> results = x.text();
                case "VULN_STATUS" -> status = x.text();
                case "FIRST_FOUND" -> firstFound = x.text();
                case "LAST_FOUND" -> lastFound = x.text();
                case "CVSS_FINAL" -> cvss2 = x.text();
                case "CVSS3_FINAL" -> cvss3 = x.text();
                default -> { }
            }
        }
        Long qid = x.longValue(qidText, "QID");
        if (qid == null) {
            x.warn("VULN_INFO without a QID; skipped");
            return;
        }
        Glossary known = glossary.get(qid);
        if (known == null) x.warn("QID " + qid + " is missing from the report's glossary; no title or CVEs");
        Protocol proto = QualysValues.protocol(protocol);
        Integer portNumber = x.integer(port, "PORT");
        FindingDraft finding = new FindingDraft(x, QualysValues.key(qid)).qid(qid)
                .type(QualysValues.type(x, type))
                .status(QualysValues.status(x, status))
                .port(portNumber, proto)
                .found(x.instant(firstFound, "FIRST_FOUND"), x.instant(lastFound, "LAST_FOUND"))
                .results(results);
        if (known != null) {
            finding.title(known.title()).severity(known.severity()).cves(String.join(" ", known.cves()))
                    .cvssScore(3, known.cvss3()).cvssScore(2, known.cvss2()).patchAvailable(known.patchable());
        }
        // The glossary's base scores come first; the per-host "final" scores only fill in.
        finding.cvssScore(3, x.decimal(cvss3, "CVSS3_FINAL")).cvssScore(2, x.decimal(cvss2, "CVSS_FINAL"));
        host.detection(finding.build());
        if (QualysValues.listsOpenServices(qid)) QualysValues.openServices(host, qid, results);
        else if (portNumber != null && proto != null) host.openPort(portNumber, proto, service);
    }
}
