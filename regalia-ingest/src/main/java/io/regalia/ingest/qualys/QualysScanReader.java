package io.regalia.ingest.qualys;

import io.regalia.core.model.DetectionType;
import io.regalia.core.model.Protocol;
import io.regalia.core.report.BadInputException;
import io.regalia.core.report.ReportSink;
import io.regalia.ingest.report.ReportReader;
import io.regalia.ingest.xml.FindingDraft;
import io.regalia.ingest.xml.HostDraft;
import io.regalia.ingest.xml.ReportStream;
import io.regalia.ingest.xml.XmlCursor;

import java.nio.file.Path;
import java.time.Instant;

/**
 * Qualys VM scan report XML (scan-1.dtd, root {@code SCAN}): one host per {@code IP}, findings grouped
 * by section and category. {@code VULN} is a confirmed vulnerability, {@code PRACTICE} a potential one,
 * {@code INFO} and {@code SERVICE} are information gathered. A category's port and protocol apply to
 * its findings and mark the port open, as do the "Open TCP/UDP Services List" tables.
 */
public final class QualysScanReader implements ReportReader {

    public static final String FORMAT = "qualys-scan";
    private static final String NO_HOSTNAME = "No registered hostname";

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public void read(Path file, ReportSink sink) throws BadInputException {
        ReportStream out = new ReportStream(sink, FORMAT, "Qualys");
        Instant scanDate = null;
        try (XmlCursor x = XmlCursor.open(file, out)) {
            x.expectRoot(FORMAT, "SCAN");
            while (x.nextElement()) {
                switch (x.name()) {
                    case "KEY" -> {
                        if ("DATE".equals(x.attr("value"))) {
                            scanDate = x.instant(x.text(), "scan DATE");
                            out.scannedAt(scanDate);
                        }
                    }
                    case "IP" -> readHost(x, out, scanDate);
                    default -> { }
                }
            }
        }
        out.finish();
    }

    private static void readHost(XmlCursor x, ReportStream out, Instant scanDate) {
        HostDraft host = new HostDraft(x).lastSeen(scanDate);
        host.address(x.attr("value"));
        String name = x.attr("name");
        if (name != null && !name.equalsIgnoreCase(NO_HOSTNAME)) host.dnsName(name);
        int depth = x.depth();
        while (x.nextChild(depth)) {
            switch (x.name()) {
                case "OS" -> host.os(x.text());
                case "NETBIOS_HOSTNAME" -> host.netbiosName(x.text());
                case "VULNS", "PRACTICES", "INFOS", "SERVICES" -> readSection(x, host);
                default -> { }
            }
        }
        host.emit(out);
    }

    private static void readSection(XmlCursor x, HostDraft host) {
        int section = x.depth();
        while (x.nextChild(section)) {
            if (!x.name().equals("CAT")) continue;
            Integer port = x.integer(x.attr("port"), "CAT port");
            Protocol protocol = QualysValues.protocol(x.attr("protocol"));
            if (port != null) host.openPort(port, protocol, null);
            int cat = x.depth();
            while (x.nextChild(cat)) {
                DetectionType type = switch (x.name()) {
                    case "VULN" -> DetectionType.CONFIRMED;
                    case "PRACTICE" -> DetectionType.POTENTIAL;
                    case "INFO", "SERVICE" -> DetectionType.INFO;
                    default -> null;
                };
                if (type != null) readItem(x, host, type, port, protocol);
            }
        }
    }

    private static void readItem(XmlCursor x, HostDraft host, DetectionType type, Integer port, Protocol protocol) {
        Long qid = x.longValue(x.attr("number"), "QID");
        if (qid == null) {
            x.warn(x.name() + " without a QID number; skipped");
            x.skipElement();
            return;
        }
        FindingDraft finding = new FindingDraft(x, QualysValues.key(qid)).qid(qid).type(type)
                .severity(x.integer(x.attr("severity"), "severity"))
                .cves(x.attr("cveid"))
                .port(port, protocol);
        String results = null;
        int depth = x.depth();
        while (x.nextChild(depth)) {
            switch (x.name()) {
                case "TITLE" -> finding.title(x.text());
                case "CVSS_BASE" -> finding.cvssScore(2, x.decimal(x.text(), "CVSS_BASE"));
                case "CVSS3_BASE" -> finding.cvssScore(3, x.decimal(x.text(), "CVSS3_BASE"));
                case "CVE_ID_LIST" -> finding.cves(x.text());
                case "PATCHABLE" -> finding.patchAvailable(x.bool(x.text(), "PATCHABLE"));
                case "RESULT" -> results = x.text();
                default -> { }
            }
        }
        host.detection(finding.results(results).build());
        if (QualysValues.listsOpenServices(qid)) QualysValues.openServices(host, qid, results);
    }
}
