package io.regalia.ingest.nessus;

import io.regalia.core.model.AssetType;
import io.regalia.core.model.DetectionType;
import io.regalia.core.model.ExploitMaturity;
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
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Nessus v2 XML ({@code NessusClientData_v2}, .nessus): one host per {@code ReportHost}, one detection
 * per {@code ReportItem}.
 *
 * <p>Severity: Nessus rates 0 (Info) to 4 (Critical). 0 becomes an INFO detection of severity 1;
 * 1–4 (Low, Medium, High, Critical) become severities 2–5, whose CVSS fallback (3.9, 6.9, 8.9, 10.0) is
 * the top of the matching Nessus risk band. Exploit flags become threat hints: {@code exploit_available}
 * or {@code exploited_by_nessus} → functional; {@code exploit_framework_metasploit}, {@code _canvas},
 * {@code _core} → weaponized; {@code exploit_code_maturity} as stated; {@code exploited_by_malware} →
 * malware. Nessus has no report-level date, so the first host's start time stands for the scan date;
 * {@code HOST_START}/{@code HOST_END} text without a zone is read as UTC.
 */
public final class NessusReader implements ReportReader {

    public static final String FORMAT = "nessus";

    private static final DateTimeFormatter HOST_TIME = DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.ENGLISH);
    private static final Pattern ADDRESS_LIKE = Pattern.compile("[\\d.]+|.*:.*");

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public void read(Path file, ReportSink sink) throws BadInputException {
        ReportStream out = new ReportStream(sink, FORMAT, "Nessus");
        try (XmlCursor x = XmlCursor.open(file, out)) {
            x.expectRoot(FORMAT, "NessusClientData_v2");
            while (x.nextElement()) {
                switch (x.name()) {
                    case "Policy" -> x.skipElement();
                    case "ReportHost" -> readHost(x, out);
                    default -> { }
                }
            }
        }
        out.finish();
    }

    private static void readHost(XmlCursor x, ReportStream out) {
        HostDraft host = new HostDraft(x);
        String name = x.attr("name");
        host.name(name);
        int depth = x.depth();
        while (x.nextChild(depth)) {
            switch (x.name()) {
                case "HostProperties" -> readProperties(x, host, out);
                case "ReportItem" -> readItem(x, host);
                default -> { }
            }
        }
        // The ReportHost name is what the user targeted: an address or a DNS name.
        if (name != null) {
            if (ADDRESS_LIKE.matcher(name).matches()) host.address(name);
            else host.dnsName(name);
        }
        host.emit(out);
    }

    private static void readProperties(XmlCursor x, HostDraft host, ReportStream out) {
        Instant start = null, startText = null, end = null, endText = null;
        int depth = x.depth();
        while (x.nextChild(depth)) {
            if (!x.name().equals("tag")) continue;
            String tag = x.attr("name");
            String value = x.text();
            if (tag == null || value == null) continue;
            switch (tag) {
                case "host-ip" -> host.address(value);
                case "host-fqdn" -> host.fqdn(value);
                case "hostname" -> host.hostname(value);
                case "host-rdns" -> host.dnsName(value);
                case "netbios-name" -> host.netbiosName(value);
                case "operating-system" -> host.os(firstLine(value));
                case "mac-address" -> host.macAddress(firstLine(value));
                case "system-type" -> host.type(assetType(value));
                case "HOST_START_TIMESTAMP" -> start = x.epochSeconds(value, tag);
                case "HOST_END_TIMESTAMP" -> end = x.epochSeconds(value, tag);
                case "HOST_START" -> startText = hostTime(x, value, tag);
                case "HOST_END" -> endText = hostTime(x, value, tag);
                default -> { }
            }
        }
        out.scannedAt(start != null ? start : startText);
        host.lastSeen(end != null ? end : endText != null ? endText : start != null ? start : startText);
    }

    private static void readItem(XmlCursor x, HostDraft host) {
        String pluginId = x.attr("pluginID");
        if (pluginId == null) {
            x.warn("ReportItem without a pluginID; skipped");
            x.skipElement();
            return;
        }
        Integer port = x.integer(x.attr("port"), "port");
        Protocol protocol = protocol(x.attr("protocol"));
        String service = service(x.attr("svc_name"));
        Integer severity = x.integer(x.attr("severity"), "severity");
        FindingDraft finding = new FindingDraft(x, "nessus:" + pluginId).title(x.attr("pluginName")).port(port, protocol);
        String riskFactor = null;
        int depth = x.depth();
        while (x.nextChild(depth)) {
            String element = x.name();
            switch (element) {
                case "cve" -> finding.cves(x.text());
                case "cvss_vector", "cvss3_vector", "cvss4_vector" -> finding.cvssVector(x.text());
                case "cvss_temporal_vector", "cvss3_temporal_vector" -> finding.cvssTemporal(x.text());
                case "cvss_base_score" -> finding.cvssScore(2, x.decimal(x.text(), element));
                case "cvss3_base_score" -> finding.cvssScore(3, x.decimal(x.text(), element));
                case "cvss4_base_score" -> finding.cvssScore(4, x.decimal(x.text(), element));
                case "exploit_available", "exploited_by_nessus" -> {
                    if (isTrue(x, element)) finding.maturity(ExploitMaturity.FUNCTIONAL);
                }
                case "exploit_framework_metasploit", "exploit_framework_canvas", "exploit_framework_core" -> {
                    if (isTrue(x, element)) finding.maturity(ExploitMaturity.WEAPONIZED);
                }
                case "exploited_by_malware" -> finding.malware(isTrue(x, element));
                case "exploit_code_maturity" -> finding.maturity(maturity(x.text()));
                case "exploitability_ease" -> {
                    String ease = x.text();
                    if (ease != null && ease.toLowerCase(Locale.ROOT).startsWith("exploits are available")) {
                        finding.maturity(ExploitMaturity.FUNCTIONAL);
                    }
                }
                case "epss_score" -> finding.epss(x.decimal(x.text(), element));
                case "patch_publication_date" -> {
                    if (x.text() != null) finding.patchAvailable(true);
                }
                case "plugin_name" -> finding.title(x.text());
                case "plugin_output" -> finding.results(x.text());
                case "risk_factor" -> riskFactor = x.text();
                default -> { }
            }
        }
        if (severity == null || severity < 0 || severity > 4) {
            Integer fromRisk = riskSeverity(riskFactor);
            if (severity != null && fromRisk == null) x.warn("severity " + severity + " of plugin " + pluginId + " is outside 0–4");
            severity = fromRisk;
        }
        if (severity == null || severity == 0) finding.type(DetectionType.INFO).severity(1);
        else finding.type(DetectionType.CONFIRMED).severity(severity + 1);
        host.detection(finding.build());
        if (port != null && port > 0) host.openPort(port, protocol, service);
    }

    private static boolean isTrue(XmlCursor x, String element) {
        return Boolean.TRUE.equals(x.bool(x.text(), element));
    }

    /** Nessus' own maturity words (CVSS temporal E: High, Functional, Proof-of-Concept, Unproven). */
    private static ExploitMaturity maturity(String text) {
        if (text == null) return null;
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "high" -> ExploitMaturity.WEAPONIZED;
            case "functional" -> ExploitMaturity.FUNCTIONAL;
            case "proof-of-concept", "poc" -> ExploitMaturity.PROOF_OF_CONCEPT;
            case "unproven" -> ExploitMaturity.NONE;
            default -> null;
        };
    }

    private static Integer riskSeverity(String riskFactor) {
        if (riskFactor == null) return null;
        return switch (riskFactor.trim().toLowerCase(Locale.ROOT)) {
            case "none" -> 0;
            case "low" -> 1;
            case "medium" -> 2;
            case "high" -> 3;
            case "critical" -> 4;
            default -> null;
        };
    }

    private static Protocol protocol(String text) {
        if (text == null) return null;
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "tcp" -> Protocol.TCP;
            case "udp" -> Protocol.UDP;
            default -> null;
        };
    }

    /** Nessus marks guessed services with a trailing '?'; "general" is not a service. */
    private static String service(String svcName) {
        if (svcName == null) return null;
        String name = svcName.endsWith("?") ? svcName.substring(0, svcName.length() - 1) : svcName;
        return name.isEmpty() || name.equals("general") ? null : name;
    }

    private static AssetType assetType(String systemType) {
        return switch (systemType.trim().toLowerCase(Locale.ROOT)) {
            case "router", "firewall", "switch", "wireless-access-point", "load-balancer" -> AssetType.NETWORK_DEVICE;
            case "general-purpose", "hypervisor" -> AssetType.HOST;
            default -> null;
        };
    }

    private static String firstLine(String value) {
        return value.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse(null);
    }

    private static Instant hostTime(XmlCursor x, String value, String tag) {
        try {
            return LocalDateTime.parse(value.trim().replaceAll("\\s+", " "), HOST_TIME).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            x.warn(tag + " '" + value + "' is not a Nessus date (like 'Tue Jun 25 10:32:42 2013'); ignored");
            return null;
        }
    }
}
