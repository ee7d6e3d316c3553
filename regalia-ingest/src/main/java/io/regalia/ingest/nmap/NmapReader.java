package io.regalia.ingest.nmap;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Nmap XML ({@code nmaprun}): one host per {@code host} that is up, with its addresses, host names,
 * best OS match and open ports. The {@code vulners} NSE script's findings become detections keyed by
 * CVE ({@code cve:<id>}); they are matched from the service's CPE (product and version), not tested, so
 * they are POTENTIAL. Non-CVE entries (exploit-database ids and the like) are dropped; an exploit
 * entry that names a CVE marks that CVE's exploit as proof-of-concept.
 */
public final class NmapReader implements ReportReader {

    public static final String FORMAT = "nmap";

    /** One CVE the vulners script listed for a port. */
    private static final class Vulners {
        final String cve;
        final String cpe;
        Double cvss;
        boolean exploit;

        Vulners(String cve, String cpe) {
            this.cve = cve;
            this.cpe = cpe;
        }
    }

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public void read(Path file, ReportSink sink) throws BadInputException {
        ReportStream out = new ReportStream(sink, FORMAT, "Nmap");
        try (XmlCursor x = XmlCursor.open(file, out)) {
            x.expectRoot(FORMAT, "nmaprun");
            out.scannedAt(x.epochSeconds(x.attr("start"), "nmaprun start"));
            while (x.nextElement()) {
                if (x.name().equals("host")) readHost(x, out);
            }
        }
        out.finish();
    }

    private static void readHost(XmlCursor x, ReportStream out) {
        HostDraft host = new HostDraft(x);
        host.lastSeen(x.epochSeconds(x.attr("endtime"), "host endtime"));
        host.lastSeen(x.epochSeconds(x.attr("starttime"), "host starttime"));
        boolean up = true;
        String userName = null, ptrName = null;
        int depth = x.depth();
        while (x.nextChild(depth)) {
            switch (x.name()) {
                case "status" -> up = !"down".equalsIgnoreCase(x.attr("state"));
                case "address" -> {
                    String type = x.attr("addrtype");
                    if ("mac".equalsIgnoreCase(type)) host.macAddress(x.attr("addr"));
                    else host.address(x.attr("addr"));
                }
                case "hostnames" -> {
                    int names = x.depth();
                    while (x.nextChild(names)) {
                        if (!x.name().equals("hostname")) continue;
                        String name = x.attr("name");
                        if ("PTR".equalsIgnoreCase(x.attr("type"))) ptrName = ptrName == null ? name : ptrName;
                        else userName = userName == null ? name : userName;
                    }
                }
                case "ports" -> {
                    host.portsListed();
                    int ports = x.depth();
                    while (x.nextChild(ports)) {
                        if (x.name().equals("port")) readPort(x, host);
                    }
                }
                case "os" -> {
                    int os = x.depth();
                    while (x.nextChild(os)) {
                        // Nmap lists OS matches best first.
                        if (x.name().equals("osmatch")) host.os(x.attr("name"));
                    }
                }
                default -> { }
            }
        }
        if (!up) return;
        // The name the user scanned comes first: it is how they know the host.
        host.name(userName != null ? userName : ptrName);
        host.dnsName(userName).dnsName(ptrName);
        host.emit(out);
    }

    private static void readPort(XmlCursor x, HostDraft host) {
        Integer port = x.integer(x.attr("portid"), "portid");
        Protocol protocol = protocol(x.attr("protocol"));
        boolean open = false;
        String service = null, product = null;
        Map<String, Vulners> vulners = new LinkedHashMap<>();
        int depth = x.depth();
        while (x.nextChild(depth)) {
            switch (x.name()) {
                case "state" -> open = "open".equalsIgnoreCase(x.attr("state"));
                case "service" -> {
                    service = x.attr("name");
                    product = join(x.attr("product"), x.attr("version"));
                }
                case "script" -> {
                    if ("vulners".equals(x.attr("id"))) readVulners(x, vulners);
                }
                default -> { }
            }
        }
        if (!open || port == null || protocol == null) return;
        host.openPort(port, protocol, service);
        for (Vulners v : vulners.values()) {
            FindingDraft finding = new FindingDraft(x, "cve:" + v.cve).title(v.cve).cves(v.cve)
                    .type(DetectionType.POTENTIAL)
                    .port(port, protocol)
                    .cvssScore(0, v.cvss)
                    .results("vulners: " + (product == null ? "" : product + " ") + "(" + v.cpe + ")");
            if (v.cvss != null) finding.severity(FindingDraft.severityOfScore(v.cvss));
            if (v.exploit) finding.maturity(ExploitMaturity.PROOF_OF_CONCEPT);
            host.detection(finding.build());
        }
    }

    /**
     * Structured output ({@code <table key="cpe…"><table><elem key="id">…}) when present, else the text
     * output: a {@code cpe:…:} line followed by {@code id  cvss  url  [*EXPLOIT*]} lines.
     */
    private static void readVulners(XmlCursor x, Map<String, Vulners> found) {
        String output = x.attr("output");
        boolean structured = false;
        int depth = x.depth();
        while (x.nextChild(depth)) {
            if (!x.name().equals("table")) continue;
            structured = true;
            String cpe = x.attr("key");
            int cpeDepth = x.depth();
            while (x.nextChild(cpeDepth)) {
                if (!x.name().equals("table")) continue;
                String id = null, cvss = null, exploit = null;
                int entry = x.depth();
                while (x.nextChild(entry)) {
                    if (!x.name().equals("elem")) continue;
                    String key = x.attr("key");
                    String value = x.text();
                    if ("id".equals(key)) id = value;
                    else if ("cvss".equals(key)) cvss = value;
                    else if ("is_exploit".equals(key)) exploit = value;
                }
                add(x, found, cpe, id, cvss, "true".equalsIgnoreCase(exploit));
            }
        }
        if (structured || output == null) return;
        String cpe = null;
        for (String line : output.lines().map(String::strip).toList()) {
            if (line.isEmpty()) continue;
            if (line.startsWith("cpe:") && line.endsWith(":")) {
                cpe = line.substring(0, line.length() - 1);
                continue;
            }
            List<String> cells = List.of(line.split("\\s+"));
            if (cells.size() < 2) continue;
            add(x, found, cpe, cells.get(0), cells.get(1), line.contains("*EXPLOIT*"));
        }
    }

    private static void add(XmlCursor x, Map<String, Vulners> found, String cpe, String id, String cvss, boolean exploit) {
        List<String> cves = FindingDraft.cveIds(id);
        if (cves.isEmpty()) return;
        Vulners v = found.computeIfAbsent(cves.get(0), cve -> new Vulners(cve, cpe == null ? "unknown CPE" : cpe));
        Double score = x.decimal(cvss, "vulners cvss");
        if (score != null && (v.cvss == null || score > v.cvss)) v.cvss = score;
        v.exploit |= exploit;
    }

    private static Protocol protocol(String text) {
        if (text == null) return null;
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "tcp" -> Protocol.TCP;
            case "udp" -> Protocol.UDP;
            default -> null;
        };
    }

    private static String join(String product, String version) {
        if (product == null) return null;
        return version == null ? product : product + " " + version;
    }
}
