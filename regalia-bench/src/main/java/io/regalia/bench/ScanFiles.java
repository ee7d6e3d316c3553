package io.regalia.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.SplittableRandom;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Generated scanner reports of a given size, shaped like the real ones in the shared samples: Nessus v2
 * ({@code NessusClientData_v2}: host properties, report items with description, solution, CVSS, CVEs and
 * plugin output) and the Qualys host detection API output (hosts with their detection lists). Every host
 * has the same number of distinct findings, drawn from a seeded catalog, so the file holds exactly
 * hosts × detections per host detections and the same spec always writes the same file.
 */
final class ScanFiles {
    enum Kind { NESSUS, QUALYS }

    record Spec(int hosts, int detectionsPerHost, long seed, LocalDate today) {
        long detections() { return (long) hosts * detectionsPerHost; }
    }

    private static final int CATALOG = 2_000;
    private static final int[] PORTS = {0, 0, 0, 22, 25, 53, 80, 123, 135, 139, 161, 443, 445, 1433, 3306, 3389, 5432, 8080, 8443};
    private static final String[] SERVICES = {"general", "general", "general", "ssh", "smtp", "dns", "www", "ntp", "epmap",
            "smb", "snmp", "www", "cifs", "mssql", "mysql", "msrdp", "postgresql", "www", "www"};
    private static final String[] OS = {"Microsoft Windows Server 2019 Standard", "Microsoft Windows Server 2016 Datacenter",
            "Microsoft Windows 10 Enterprise", "Linux Kernel 5.15 on Ubuntu 22.04", "Linux Kernel 4.18 on Red Hat Enterprise Linux 8",
            "CISCO IOS 15.2", "VMware ESXi 7.0"};
    private static final String[] RISK = {"None", "Low", "Medium", "High", "Critical"};
    private static final String LOREM = "The remote host is affected by a vulnerability in a component it runs. An "
            + "unauthenticated, remote attacker can exploit this issue to execute arbitrary code, disclose sensitive "
            + "information or cause a denial of service, depending on the configuration of the affected service. Note "
            + "that Nessus has not tested for this issue but has instead relied only on the application's self-reported "
            + "version number.";

    /** One catalog entry: what a plugin or QID says about itself. */
    private record Finding(int id, int severity, double cvss, String vector, String[] cves, boolean exploit, int port) {}

    private ScanFiles() {}

    /** Writes the file; returns the number of detections in it. */
    static long write(Kind kind, Spec spec, Path file) {
        Finding[] catalog = catalog(spec.seed());
        try (OutputStream stream = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(stream, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            switch (kind) {
                case NESSUS -> nessus(xml, spec, catalog);
                case QUALYS -> qualys(xml, spec, catalog);
            }
            xml.writeEndDocument();
            xml.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return spec.detections();
    }

    private static Finding[] catalog(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Finding[] out = new Finding[CATALOG];
        for (int i = 0; i < CATALOG; i++) {
            int roll = r.nextInt(100);
            int severity = roll < 15 ? 0 : roll < 40 ? 1 : roll < 75 ? 2 : roll < 93 ? 3 : 4;
            double cvss = switch (severity) {
                case 0 -> 0.0;
                case 1 -> 0.1 + r.nextInt(39) / 10.0;
                case 2 -> 4.0 + r.nextInt(30) / 10.0;
                case 3 -> 7.0 + r.nextInt(20) / 10.0;
                default -> 9.0 + r.nextInt(11) / 10.0;
            };
            String vector = severity == 0 ? null : "CVSS:3.1/AV:N/AC:" + (r.nextBoolean() ? "L" : "H") + "/PR:"
                    + (severity >= 3 ? "N" : "L") + "/UI:N/S:U/C:H/I:" + (severity >= 2 ? "H" : "N") + "/A:H";
            String[] cves = new String[severity == 0 ? 0 : r.nextInt(3)];
            for (int c = 0; c < cves.length; c++) cves[c] = "CVE-" + (2015 + r.nextInt(10)) + "-" + (1000 + r.nextInt(40_000));
            out[i] = new Finding(i, severity, cvss, vector, cves, r.nextInt(100) < 20, r.nextInt(PORTS.length));
        }
        return out;
    }

    /** Distinct catalog indexes for one host (a partial Fisher–Yates shuffle). */
    private static int[] pick(SplittableRandom r, int n, int[] scratch) {
        for (int i = 0; i < n; i++) {
            int j = i + r.nextInt(scratch.length - i);
            int t = scratch[i];
            scratch[i] = scratch[j];
            scratch[j] = t;
        }
        return scratch;
    }

    private static int[] identity() {
        int[] a = new int[CATALOG];
        for (int i = 0; i < CATALOG; i++) a[i] = i;
        return a;
    }

    private static String ip(int host) {
        return "10." + ((host >> 16) & 0xFF) + "." + ((host >> 8) & 0xFF) + "." + (host & 0xFF);
    }

    private static String name(int host) { return String.format(Locale.ROOT, "host-%06d", host); }

    private static void nessus(XMLStreamWriter x, Spec spec, Finding[] catalog) throws XMLStreamException {
        SplittableRandom r = new SplittableRandom(spec.seed() + 1);
        int[] scratch = identity();
        int n = Math.min(spec.detectionsPerHost(), CATALOG);
        LocalDateTime start = spec.today().atTime(6, 0);
        DateTimeFormatter hostTime = DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.ENGLISH);
        x.writeStartElement("NessusClientData_v2");
        x.writeCharacters("\n");
        x.writeStartElement("Report");
        x.writeAttribute("name", "bench");
        x.writeCharacters("\n");
        for (int h = 1; h <= spec.hosts(); h++) {
            LocalDateTime begin = start.plusSeconds(h % 7200);
            x.writeStartElement("ReportHost");
            x.writeAttribute("name", ip(h));
            x.writeStartElement("HostProperties");
            tag(x, "HOST_END", hostTime.format(begin.plusMinutes(7)));
            tag(x, "operating-system", OS[h % OS.length]);
            tag(x, "host-ip", ip(h));
            tag(x, "host-fqdn", name(h) + ".corp.example");
            tag(x, "netbios-name", name(h).toUpperCase(Locale.ROOT));
            tag(x, "system-type", h % OS.length == 5 ? "router" : "general-purpose");
            tag(x, "HOST_START", hostTime.format(begin));
            endLine(x);
            int[] chosen = pick(r, n, scratch);
            for (int i = 0; i < n; i++) {
                Finding f = catalog[chosen[i]];
                int port = PORTS[f.port()];
                x.writeStartElement("ReportItem");
                x.writeAttribute("port", Integer.toString(port));
                x.writeAttribute("svc_name", SERVICES[f.port()]);
                x.writeAttribute("protocol", port == 53 || port == 123 || port == 161 ? "udp" : "tcp");
                x.writeAttribute("severity", Integer.toString(f.severity()));
                x.writeAttribute("pluginID", Integer.toString(100_000 + f.id()));
                x.writeAttribute("pluginName", "Generated check " + f.id() + " (severity " + f.severity() + ")");
                x.writeAttribute("pluginFamily", "General");
                x.writeCharacters("\n");
                element(x, "description", LOREM);
                element(x, "fname", "generated_" + f.id() + ".nasl");
                element(x, "plugin_modification_date", "2025/06/0" + (1 + f.id() % 9));
                element(x, "plugin_name", "Generated check " + f.id() + " (severity " + f.severity() + ")");
                element(x, "plugin_publication_date", "2019/0" + (1 + f.id() % 9) + "/15");
                element(x, "plugin_type", "remote");
                element(x, "risk_factor", RISK[f.severity()]);
                element(x, "script_version", "1." + f.id());
                element(x, "solution", "Upgrade the affected component to the latest version.");
                element(x, "synopsis", "The remote host is affected by generated issue " + f.id() + ".");
                if (f.vector() != null) {
                    element(x, "cvss3_base_score", Double.toString(f.cvss()));
                    element(x, "cvss3_vector", f.vector());
                }
                for (String cve : f.cves()) element(x, "cve", cve);
                if (f.exploit()) element(x, "exploit_available", "true");
                element(x, "plugin_output", "Detected on " + ip(h) + " port " + port + ": version 1." + (h % 13)
                        + "." + (i % 7) + " is installed.");
                endLine(x);
            }
            endLine(x);
        }
        x.writeEndElement();
        x.writeEndElement();
    }

    /** Ends the open element and the line it is on, so the files read like scanners write them. */
    private static void endLine(XMLStreamWriter x) throws XMLStreamException {
        x.writeEndElement();
        x.writeCharacters("\n");
    }

    private static void tag(XMLStreamWriter x, String name, String value) throws XMLStreamException {
        x.writeCharacters("\n");
        x.writeStartElement("tag");
        x.writeAttribute("name", name);
        x.writeCharacters(value);
        x.writeEndElement();
    }

    private static void element(XMLStreamWriter x, String name, String text) throws XMLStreamException {
        x.writeStartElement(name);
        x.writeCharacters(text);
        endLine(x);
    }

    private static void qualys(XMLStreamWriter x, Spec spec, Finding[] catalog) throws XMLStreamException {
        SplittableRandom r = new SplittableRandom(spec.seed() + 2);
        int[] scratch = identity();
        int n = Math.min(spec.detectionsPerHost(), CATALOG);
        Instant scan = spec.today().atTime(6, 0).toInstant(ZoneOffset.UTC);
        x.writeStartElement("HOST_LIST_VM_DETECTION_OUTPUT");
        x.writeStartElement("RESPONSE");
        element(x, "DATETIME", scan.toString());
        x.writeStartElement("HOST_LIST");
        x.writeCharacters("\n");
        for (int h = 1; h <= spec.hosts(); h++) {
            Instant scanned = scan.minusSeconds(h % 7200);
            x.writeStartElement("HOST");
            x.writeCharacters("\n");
            element(x, "ID", Integer.toString(1_000_000 + h));
            element(x, "IP", ip(h));
            element(x, "TRACKING_METHOD", "IP");
            cdata(x, "OS", OS[h % OS.length]);
            cdata(x, "DNS", name(h) + ".corp.example");
            cdata(x, "NETBIOS", name(h).toUpperCase(Locale.ROOT));
            element(x, "LAST_SCAN_DATETIME", scanned.toString());
            element(x, "LAST_VM_SCANNED_DATE", scanned.toString());
            element(x, "LAST_VM_SCANNED_DURATION", Integer.toString(300 + h % 200));
            x.writeStartElement("DETECTION_LIST");
            x.writeCharacters("\n");
            int[] chosen = pick(r, n, scratch);
            for (int i = 0; i < n; i++) {
                Finding f = catalog[chosen[i]];
                int port = PORTS[f.port()];
                Instant first = scanned.minusSeconds(86_400L * (1 + (f.id() + h) % 400));
                int roll = (f.id() * 31 + h) % 100;
                String status = roll < 8 ? "New" : roll < 13 ? "Fixed" : roll < 16 ? "Re-Opened" : "Active";
                x.writeStartElement("DETECTION");
                x.writeCharacters("\n");
                element(x, "QID", Integer.toString(10_000 + 7 * f.id()));
                element(x, "TYPE", f.severity() == 0 ? "Info" : f.exploit() || f.severity() >= 3 ? "Confirmed" : "Potential");
                element(x, "SEVERITY", Integer.toString(f.severity() + 1));
                if (port > 0) {
                    element(x, "PORT", Integer.toString(port));
                    element(x, "PROTOCOL", port == 53 || port == 123 || port == 161 ? "udp" : "tcp");
                    element(x, "SSL", port == 443 || port == 8443 ? "1" : "0");
                }
                cdata(x, "RESULTS", "Detected on " + ip(h) + (port > 0 ? " port " + port : "") + ": version 1." + (h % 13)
                        + "." + (i % 7) + " is installed.\nExpected a fixed version; see the QID for details.");
                element(x, "STATUS", status);
                element(x, "FIRST_FOUND_DATETIME", first.toString());
                element(x, "LAST_FOUND_DATETIME", scanned.toString());
                element(x, "TIMES_FOUND", Integer.toString(1 + (f.id() + h) % 400));
                element(x, "LAST_TEST_DATETIME", scanned.toString());
                element(x, "LAST_UPDATE_DATETIME", scanned.toString());
                element(x, "IS_IGNORED", "0");
                element(x, "IS_DISABLED", "0");
                element(x, "LAST_PROCESSED_DATETIME", scanned.toString());
                endLine(x);
            }
            endLine(x);
            endLine(x);
        }
        x.writeEndElement();
        x.writeEndElement();
        x.writeEndElement();
    }

    private static void cdata(XMLStreamWriter x, String name, String text) throws XMLStreamException {
        x.writeStartElement(name);
        x.writeCData(text);
        endLine(x);
    }
}
