package io.regalia.ingest.qualys;

import io.regalia.core.model.CloudFacts;
import io.regalia.core.model.CloudProvider;
import io.regalia.core.model.Protocol;
import io.regalia.core.report.BadInputException;
import io.regalia.core.report.ReportSink;
import io.regalia.ingest.report.ReportReader;
import io.regalia.ingest.xml.FindingDraft;
import io.regalia.ingest.xml.HostDraft;
import io.regalia.ingest.xml.ReportStream;
import io.regalia.ingest.xml.XmlCursor;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Qualys VM host detection API output ({@code HOST_LIST_VM_DETECTION_OUTPUT}): one host per
 * {@code HOST}, one detection per {@code DETECTION} with its QID, type, severity, status and dates.
 * The API gives no titles or CVEs (those live in the KnowledgeBase). A paginated response says so in a
 * {@code WARNING}, which becomes a warning: the file then holds one page of hosts.
 */
public final class QualysDetectionReader implements ReportReader {

    public static final String FORMAT = "qualys-detection";

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public void read(Path file, ReportSink sink) throws BadInputException {
        ReportStream out = new ReportStream(sink, FORMAT, "Qualys");
        try (XmlCursor x = XmlCursor.open(file, out)) {
            x.expectRoot(FORMAT, "HOST_LIST_VM_DETECTION_OUTPUT");
            while (x.nextElement()) {
                switch (x.name()) {
                    case "DATETIME" -> out.scannedAt(x.instant(x.text(), "DATETIME"));
                    case "HOST" -> readHost(x, out);
                    case "WARNING" -> readWarning(x, out);
                    default -> { }
                }
            }
        }
        out.finish();
    }

    private static void readHost(XmlCursor x, ReportStream out) {
        HostDraft host = new HostDraft(x);
        String provider = null;
        String instanceId = null;
        int depth = x.depth();
        while (x.nextChild(depth)) {
            switch (x.name()) {
                case "ID" -> host.externalId(QualysValues.externalId(x.text()));
                case "IP", "IPV6" -> host.address(x.text());
                case "DNS" -> host.dnsName(x.text());
                case "DNS_DATA" -> readDnsData(x, host);
                case "NETBIOS" -> host.netbiosName(x.text());
                case "OS" -> host.os(x.text());
                case "LAST_SCAN_DATETIME", "LAST_VM_SCANNED_DATE" -> host.lastSeen(x.instant(x.text(), x.name()));
                case "CLOUD_PROVIDER" -> provider = x.text();
                case "EC2_INSTANCE_ID", "CLOUD_RESOURCE_ID" -> instanceId = instanceId == null ? x.text() : instanceId;
                case "DETECTION_LIST" -> {
                    int list = x.depth();
                    while (x.nextChild(list)) {
                        if (x.name().equals("DETECTION")) readDetection(x, host);
                    }
                }
                default -> { }
            }
        }
        if (instanceId != null || provider != null) host.cloud(new CloudFacts(cloudProvider(provider, instanceId),
                null, null, instanceId, null, null));
        host.emit(out);
    }

    private static void readDnsData(XmlCursor x, HostDraft host) {
        int depth = x.depth();
        while (x.nextChild(depth)) {
            switch (x.name()) {
                case "FQDN" -> host.fqdn(x.text());
                case "HOSTNAME" -> host.hostname(x.text());
                default -> { }
            }
        }
    }

    private static void readDetection(XmlCursor x, HostDraft host) {
        String qidText = null, type = null, severity = null, port = null, protocol = null, results = null,
                status = null, firstFound = null, lastFound = null;
        int depth = x.depth();
        while (x.nextChild(depth)) {
            switch (x.name()) {
                case "QID" -> qidText = x.text();
                case "TYPE" -> type = x.text();
                case "SEVERITY" -> severity = x.text();
                case "PORT" -> port = x.text();
                case "PROTOCOL" -> protocol = x.text();
                case "RESULTS" -> results = x.text();
                case "STATUS" -> status = x.text();
                case "FIRST_FOUND_DATETIME" -> firstFound = x.text();
                case "LAST_FOUND_DATETIME" -> lastFound = x.text();
                default -> { }
            }
        }
        Long qid = x.longValue(qidText, "QID");
        if (qid == null) {
            x.warn("detection without a QID; skipped");
            return;
        }
        Protocol proto = QualysValues.protocol(protocol);
        Integer portNumber = x.integer(port, "PORT");
        FindingDraft finding = new FindingDraft(x, QualysValues.key(qid)).qid(qid)
                .type(QualysValues.type(x, type))
                .severity(x.integer(severity, "SEVERITY"))
                .status(QualysValues.status(x, status))
                .port(portNumber, proto)
                .found(x.instant(firstFound, "FIRST_FOUND_DATETIME"), x.instant(lastFound, "LAST_FOUND_DATETIME"))
                .results(results);
        host.detection(finding.build());
        if (QualysValues.listsOpenServices(qid)) QualysValues.openServices(host, qid, results);
        else if (portNumber != null && proto != null) host.openPort(portNumber, proto, null);
    }

    private static void readWarning(XmlCursor x, ReportStream out) {
        String where = x.where();
        String text = null, url = null;
        int depth = x.depth();
        while (x.nextChild(depth)) {
            switch (x.name()) {
                case "TEXT" -> text = x.text();
                case "URL" -> url = x.text();
                default -> { }
            }
        }
        out.warning(where, "Qualys: " + (text == null ? "response truncated" : text)
                + (url == null ? "" : " (next page: " + url + ")") + "; this file holds one page of hosts");
    }

    private static CloudProvider cloudProvider(String text, String instanceId) {
        if (text == null) return instanceId != null && instanceId.startsWith("i-") ? CloudProvider.AWS : null;
        return switch (text.trim().toUpperCase(Locale.ROOT)) {
            case "AWS", "EC2", "AMAZON" -> CloudProvider.AWS;
            case "AZURE", "MICROSOFT AZURE" -> CloudProvider.AZURE;
            case "GCP", "GOOGLE" -> CloudProvider.GCP;
            case "OCI", "ORACLE" -> CloudProvider.OCI;
            case "IBM" -> CloudProvider.IBM;
            default -> null;
        };
    }
}
