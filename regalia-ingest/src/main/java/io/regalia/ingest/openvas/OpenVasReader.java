package io.regalia.ingest.openvas;

import io.regalia.core.model.DetectionType;
import io.regalia.core.model.Protocol;
import io.regalia.core.report.BadInputException;
import io.regalia.core.report.ReportSink;
import io.regalia.ingest.report.ReportReader;
import io.regalia.ingest.xml.FindingDraft;
import io.regalia.ingest.xml.HostDraft;
import io.regalia.ingest.xml.ReportStream;
import io.regalia.ingest.xml.SourcePosition;
import io.regalia.ingest.xml.XmlCursor;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OpenVAS / Greenbone (GVM) XML report ({@code report}, or a {@code get_reports_response} around it).
 * Results are listed by severity across hosts and the host details come last, so results are spooled
 * to a temporary file while reading and each host is emitted, with its detections, at the end.
 *
 * <p>Mapping: the NVT OID is the vulnerability ({@code openvas:<oid>}); threat Log or Debug, or a
 * severity of 0, is an INFO detection; a False Positive result is not a detection; a result with a
 * quality of detection below 70 % (GVM's own default cut-off) is POTENTIAL, others CONFIRMED.
 * Severity 1–5 comes from the CVSS severity in the bands of the risk model. Solution type VendorFix
 * means a patch is available; NoneAvailable and WillNotFix mean none is.
 */
public final class OpenVasReader implements ReportReader {

    public static final String FORMAT = "openvas";

    /** GVM hides results below this quality of detection by default: they are likely, not certain. */
    static final int MIN_CONFIRMED_QOD = 70;
    private static final Pattern PORT = Pattern.compile("(\\d+)/(tcp|udp)", Pattern.CASE_INSENSITIVE);

    /** A host being gathered: its draft (without detections, so small) and where its detections are spooled. */
    private record PendingHost(HostDraft draft, ResultSpool.Offsets offsets) {
        static PendingHost at(String ip, String where, ReportStream out) {
            HostDraft draft = new HostDraft(SourcePosition.fixed(where, out)).address(ip);
            return new PendingHost(draft, new ResultSpool.Offsets());
        }
    }

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public void read(Path file, ReportSink sink) throws BadInputException {
        ReportStream out = new ReportStream(sink, FORMAT, "OpenVAS");
        Map<String, PendingHost> hosts = new LinkedHashMap<>();
        Instant scanStart = null, timestamp = null;
        try (ResultSpool spool = new ResultSpool()) {
            try (XmlCursor x = XmlCursor.open(file, out)) {
                x.expectRoot(FORMAT, "report", "get_reports_response");
                while (x.nextElement()) {
                    switch (x.name()) {
                        case "scan_start" -> scanStart = x.instant(x.text(), "scan_start");
                        case "timestamp" -> timestamp = x.instant(x.text(), "timestamp");
                        case "ports", "filters", "task", "result_count", "severity_class" -> x.skipElement();
                        case "result" -> readResult(x, hosts, spool, out);
                        case "host" -> readHostDetails(x, hosts, out);
                        default -> { }
                    }
                }
            }
            out.scannedAt(scanStart != null ? scanStart : timestamp);
            // Hosts are emitted in order of first mention, each with its detections read back from the spool.
            for (PendingHost host : hosts.values()) {
                spool.read(host.offsets()).forEach(host.draft()::detection);
                host.draft().emit(out);
            }
        }
        out.finish();
    }

    private static void readResult(XmlCursor x, Map<String, PendingHost> hosts, ResultSpool spool, ReportStream out) {
        String where = x.where();
        String host = null, hostname = null, port = null, threat = null, severity = null, qod = null,
                description = null, oid = null, resultName = null;
        Nvt nvt = null;
        int depth = x.depth();
        while (x.nextChild(depth)) {
            switch (x.name()) {
                case "name" -> resultName = x.text();
                case "host" -> {
                    // The address is the element's own text; asset and hostname are children.
                    String[] name = new String[1];
                    host = x.ownText(child -> {
                        if (child.name().equals("hostname")) name[0] = child.text();
                    });
                    hostname = name[0];
                }
                case "port" -> port = x.text();
                case "nvt" -> {
                    oid = x.attr("oid");
                    nvt = readNvt(x);
                }
                case "threat" -> threat = x.text();
                case "severity" -> severity = x.text();
                case "qod" -> qod = qodValue(x);
                case "description" -> description = x.text();
                default -> { }
            }
        }
        if (host == null) {
            x.warn("result " + (resultName == null ? "" : "'" + resultName + "' ") + "names no host; skipped");
            return;
        }
        if (threat != null && threat.equalsIgnoreCase("False Positive")) return;
        if (oid == null) {
            x.warn("result on " + host + " names no NVT OID; skipped");
            return;
        }
        PendingHost pending = hosts.computeIfAbsent(host, ip -> PendingHost.at(ip, where, out));
        pending.draft().dnsName(hostname);
        Double score = x.decimal(severity, "severity");
        Integer quality = x.integer(qod, "qod");
        boolean informational = score == null || score <= 0 || threat != null
                && (threat.equalsIgnoreCase("Log") || threat.equalsIgnoreCase("Debug"));
        FindingDraft finding = new FindingDraft(x, "openvas:" + oid)
                .title(nvt != null && nvt.name != null ? nvt.name : resultName)
                .results(description);
        if (nvt != null) nvt.applyTo(finding);
        finding.cvssScore(0, score != null && score > 0 ? score : null);
        if (informational) {
            finding.type(DetectionType.INFO).severity(1);
        } else {
            finding.type(quality != null && quality < MIN_CONFIRMED_QOD ? DetectionType.POTENTIAL : DetectionType.CONFIRMED)
                    .severity(FindingDraft.severityOfScore(score));
        }
        Matcher m = port == null ? null : PORT.matcher(port);
        if (m != null && m.lookingAt()) {
            int number = Integer.parseInt(m.group(1));
            Protocol protocol = m.group(2).equalsIgnoreCase("udp") ? Protocol.UDP : Protocol.TCP;
            finding.port(number, protocol);
            pending.draft().openPort(number, protocol, null);
        }
        spool.add(finding.build(), pending.offsets());
    }

    /** The NVT's description of the vulnerability, gathered before the finding is built. */
    private static final class Nvt {
        String name;
        String cves = "";
        final List<String> vectors = new ArrayList<>();
        final Map<Integer, Double> scores = new LinkedHashMap<>();
        Double cvssBase;
        String solutionType;
        Double epss;

        void applyTo(FindingDraft finding) {
            finding.cves(cves);
            vectors.forEach(finding::cvssVector);
            scores.forEach(finding::cvssScore);
            finding.cvssScore(0, cvssBase);
            finding.patchAvailable(patchAvailable(solutionType));
            finding.epss(epss);
        }
    }

    private static Nvt readNvt(XmlCursor x) {
        Nvt nvt = new Nvt();
        int depth = x.depth();
        while (x.nextChild(depth)) {
            switch (x.name()) {
                case "name" -> nvt.name = x.text();
                case "cvss_base" -> nvt.cvssBase = x.decimal(x.text(), "cvss_base");
                case "cve" -> nvt.cves += " " + x.text();
                case "refs" -> {
                    int refs = x.depth();
                    while (x.nextChild(refs)) {
                        String type = x.attr("type");
                        if (x.name().equals("ref") && "cve".equalsIgnoreCase(type)) nvt.cves += " " + x.attr("id");
                    }
                }
                case "severities" -> readSeverities(x, nvt);
                case "tags" -> readTags(x.text(), nvt);
                case "solution" -> {
                    String type = x.attr("type");
                    if (type != null) nvt.solutionType = type;
                }
                case "epss" -> nvt.epss = readEpss(x);
                default -> { }
            }
        }
        return nvt;
    }

    private static void readSeverities(XmlCursor x, Nvt nvt) {
        int depth = x.depth();
        while (x.nextChild(depth)) {
            if (!x.name().equals("severity")) continue;
            String type = x.attr("type");
            int version = type == null ? 0 : type.contains("v4") ? 4 : type.contains("v3") ? 3 : type.contains("v2") ? 2 : 0;
            int severity = x.depth();
            while (x.nextChild(severity)) {
                switch (x.name()) {
                    case "value" -> {
                        String vector = x.text();
                        if (vector != null) nvt.vectors.add(vector);
                    }
                    case "score" -> {
                        Double score = x.decimal(x.text(), "severity score");
                        if (score != null) nvt.scores.putIfAbsent(version, score);
                    }
                    default -> { }
                }
            }
        }
    }

    /** {@code key=value|key=value}: the older place for the CVSS vector and the solution type. */
    private static void readTags(String tags, Nvt nvt) {
        if (tags == null) return;
        for (String tag : tags.split("\\|")) {
            int eq = tag.indexOf('=');
            if (eq <= 0) continue;
            String key = tag.substring(0, eq).trim();
            String value = tag.substring(eq + 1).trim();
            if (key.equals("cvss_base_vector") && !value.isEmpty()) nvt.vectors.add(value);
            if (key.equals("solution_type") && nvt.solutionType == null) nvt.solutionType = value;
        }
    }

    /** GVM 22.4+: {@code <epss><max_epss><score>…}: the highest EPSS among the NVT's CVEs. */
    private static Double readEpss(XmlCursor x) {
        Double epss = null;
        int depth = x.depth();
        while (x.nextChild(depth)) {
            if (!x.name().equals("max_epss")) continue;
            int max = x.depth();
            while (x.nextChild(max)) {
                if (x.name().equals("score")) epss = x.decimal(x.text(), "EPSS score");
            }
        }
        return epss;
    }

    private static String qodValue(XmlCursor x) {
        String value = null;
        int depth = x.depth();
        while (x.nextChild(depth)) {
            if (x.name().equals("value")) value = x.text();
        }
        return value;
    }

    /** A report-level {@code host} (with an {@code ip}): start/end times and host details. */
    private static void readHostDetails(XmlCursor x, Map<String, PendingHost> hosts, ReportStream out) {
        String where = x.where();
        String ip = null, end = null;
        Map<String, String> details = new LinkedHashMap<>();
        int depth = x.depth();
        while (x.nextChild(depth)) {
            switch (x.name()) {
                case "ip" -> ip = x.text();
                case "end" -> end = x.text();
                case "detail" -> {
                    String name = null, value = null;
                    int detail = x.depth();
                    while (x.nextChild(detail)) {
                        switch (x.name()) {
                            case "name" -> name = x.text();
                            case "value" -> value = x.text();
                            default -> { }
                        }
                    }
                    if (name != null && value != null) details.putIfAbsent(name, value);
                }
                default -> { }
            }
        }
        if (ip == null) return;
        HostDraft host = hosts.computeIfAbsent(ip, address -> PendingHost.at(address, where, out)).draft();
        host.lastSeen(x.instant(end, "host end")).dnsName(details.get("hostname")).os(details.get("best_os_txt"))
                .macAddress(details.get("MAC"));
        addPortList(host, details.getOrDefault("tcp_ports", details.get("ports")), Protocol.TCP);
        addPortList(host, details.get("udp_ports"), Protocol.UDP);
    }

    private static void addPortList(HostDraft host, String list, Protocol protocol) {
        if (list == null) return;
        for (String item : list.split("[,\\s]+")) {
            try {
                host.openPort(Integer.parseInt(item.trim()), protocol, null);
            } catch (NumberFormatException e) {
                // ranges or names: not a single open port
            }
        }
    }

    static Boolean patchAvailable(String solutionType) {
        if (solutionType == null) return null;
        return switch (solutionType.trim().toLowerCase(Locale.ROOT)) {
            case "vendorfix" -> Boolean.TRUE;
            case "noneavailable", "willnotfix" -> Boolean.FALSE;
            default -> null;
        };
    }
}
