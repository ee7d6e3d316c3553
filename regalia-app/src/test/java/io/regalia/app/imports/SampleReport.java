package io.regalia.app.imports;

import static io.regalia.app.imports.FileStructure.elements;
import static io.regalia.app.imports.FileStructure.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.regalia.app.imports.FileStructure.Tally;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Every sample report under the shared data folder: where it is, its format, what an import of it must
 * report (tallied from the file's own structure), and the attributes one asset and one detection must carry.
 */
enum SampleReport {
    QUALYS_DETECTION("qualys-api/jupiterone_detections.xml", "qualys-detection") {
        @Override
        Tally tally(Path file) {
            Tally t = new Tally();
            for (Element host : elements(FileStructure.xml(file), "//HOST_LIST/HOST")) {
                String id = text(host, "ID");
                t.host(id);
                for (Element d : elements(host, "DETECTION_LIST/DETECTION")) {
                    t.detection(id, text(d, "QID"), text(d, "PORT"), qualysType(text(d, "TYPE")), qualysStatus(text(d, "STATUS")));
                }
            }
            return t;
        }

        @Override
        void check(Path file, Imports imports) {
            Element host = elements(FileStructure.xml(file), "//HOST_LIST/HOST").get(0);
            JsonNode asset = imports.show(imports.assetId("external_id = ?", "qualys:" + text(host, "ID")));
            JsonNode attrs = asset.get("attributes");
            assertThat(attrs.get("hostname").asText()).isEqualTo(text(host, "DNS"));
            assertThat(attrs.get("netbiosName").asText()).isEqualTo(text(host, "NETBIOS"));
            assertThat(addresses(attrs)).contains(text(host, "IP"));
            assertThat(attrs.get("lastSeen").asText()).isEqualTo(text(host, "LAST_SCAN_DATETIME"));
            JsonNode os = attrs.get("operatingSystem");
            assertThat(os.get("name").asText()).isEqualTo(text(host, "OS"));
            assertThat(os.get("category1").asText()).isEqualTo("Windows");
            assertThat(os.get("lifecycleStage").asText()).isEqualTo("EOL");

            Element d = elements(host, "DETECTION_LIST/DETECTION").get(0);
            JsonNode detection = detection(asset, "qualys:" + text(d, "QID"), Integer.parseInt(text(d, "PORT")));
            assertThat(detection.get("qid").asText()).isEqualTo(text(d, "QID"));
            assertThat(detection.get("type").asText()).isEqualTo(qualysType(text(d, "TYPE")));
            assertThat(detection.get("status").asText()).isEqualTo(qualysStatus(text(d, "STATUS")));
            assertThat(detection.get("firstFound").asText()).isEqualTo(text(d, "FIRST_FOUND_DATETIME"));
            assertThat(detection.get("lastFound").asText()).isEqualTo(text(d, "LAST_FOUND_DATETIME"));
        }
    },

    QUALYS_SCAN("scanners/qualys_dradis/simple.xml", "qualys-scan") {
        @Override
        Tally tally(Path file) {
            Tally t = new Tally();
            for (Element ip : elements(FileStructure.xml(file), "/SCAN/IP")) {
                String address = ip.getAttribute("value");
                t.host(address);
                for (Element f : elements(ip, ".//VULN | .//PRACTICE | .//INFO | .//SERVICE")) {
                    String type = switch (f.getTagName()) {
                        case "VULN" -> "CONFIRMED";
                        case "PRACTICE" -> "POTENTIAL";
                        default -> "INFO";
                    };
                    t.detection(address, f.getAttribute("number"), text(f, "ancestor::CAT[1]/@port"), type, null);
                }
            }
            return t;
        }

        @Override
        void check(Path file, Imports imports) {
            Document doc = FileStructure.xml(file);
            Element ip = elements(doc, "/SCAN/IP").get(0);
            JsonNode asset = imports.show(byAddress(imports, ip.getAttribute("value")));
            JsonNode attrs = asset.get("attributes");
            assertThat(asset.get("name").asText()).as("'No registered hostname' is no name").isEqualTo(ip.getAttribute("value"));
            assertThat(attrs.has("hostname")).isFalse();
            assertThat(attrs.get("operatingSystem").get("name").asText()).isEqualTo(text(ip, "OS"));
            assertThat(attrs.get("operatingSystem").get("category1").asText()).isEqualTo("Linux");
            assertThat(attrs.get("lastSeen").asText()).isEqualTo(text(doc, "/SCAN/HEADER/KEY[@value='DATE']"));

            Element vuln = elements(ip, ".//VULN[@cveid]").get(0);
            String port = text(vuln, "ancestor::CAT[1]/@port");
            JsonNode detection = detection(asset, "qualys:" + vuln.getAttribute("number"), port == null ? 0 : Integer.parseInt(port));
            assertThat(detection.get("title").asText()).isEqualTo(text(vuln, "TITLE"));
            assertThat(texts(detection.get("cves"))).contains(vuln.getAttribute("cveid"));
            assertThat(detection.get("type").asText()).isEqualTo("CONFIRMED");
            assertThat(detection.get("status").asText()).isEqualTo("NEW");
        }
    },

    QUALYS_ASSET("scanners/qualys_dradis/simple_asset.xml", "qualys-asset") {
        @Override
        Tally tally(Path file) {
            Tally t = new Tally();
            for (Element host : elements(FileStructure.xml(file), "//HOST_LIST/HOST")) {
                String id = text(host, "HOST_ID");
                t.host(id);
                for (Element v : elements(host, "VULN_INFO_LIST/VULN_INFO")) {
                    t.detection(id, text(v, "QID"), text(v, "PORT"), qualysType(text(v, "TYPE")), qualysStatus(text(v, "VULN_STATUS")));
                }
            }
            return t;
        }

        @Override
        void check(Path file, Imports imports) {
            Document doc = FileStructure.xml(file);
            Element host = elements(doc, "//HOST_LIST/HOST").get(0);
            JsonNode asset = imports.show(imports.assetId("external_id = ?", "qualys:" + text(host, "HOST_ID")));
            JsonNode attrs = asset.get("attributes");
            assertThat(attrs.get("hostname").asText()).isEqualTo(text(host, "DNS"));
            if (text(host, "IP") != null) assertThat(addresses(attrs)).contains(text(host, "IP"));
            JsonNode os = attrs.get("operatingSystem");
            assertThat(os.get("name").asText()).isEqualTo(text(host, "OPERATING_SYSTEM"));
            assertThat(os.get("category1").asText()).isEqualTo("Linux");
            assertThat(os.get("version").asText()).isEqualTo("7");

            Element v = elements(host, "VULN_INFO_LIST/VULN_INFO").get(0);
            String qid = text(v, "QID");
            JsonNode detection = detection(asset, "qualys:" + qid, text(v, "PORT") == null ? 0 : Integer.parseInt(text(v, "PORT")));
            assertThat(detection.get("title").asText()).isEqualTo(text(doc, "//GLOSSARY//VULN_DETAILS[QID='" + qid + "']/TITLE"));
            assertThat(detection.get("status").asText()).isEqualTo(qualysStatus(text(v, "VULN_STATUS")));
            assertThat(detection.get("firstFound").asText()).isEqualTo(text(v, "FIRST_FOUND"));
            assertThat(detection.get("lastFound").asText()).isEqualTo(text(v, "LAST_FOUND"));
        }
    },

    QUALYS_CSV("scanners/qualys_vmdr/one_vuln_cve.csv", "qualys-csv") {
        @Override
        Tally tally(Path file) {
            Tally t = new Tally();
            for (Map<String, String> row : FileStructure.csv(file, "QID")) {
                t.detection(row.get("Asset IPV4"), row.get("QID"), row.get("Port"), qualysType(row.get("Type Detected")),
                        qualysStatus(row.get("Status")));
            }
            return t;
        }

        @Override
        void check(Path file, Imports imports) {
            Map<String, String> row = FileStructure.csv(file, "QID").get(0);
            JsonNode asset = imports.show(byAddress(imports, row.get("Asset IPV4")));
            JsonNode attrs = asset.get("attributes");
            assertThat(attrs.get("hostname").asText()).isEqualTo(row.get("Asset Name"));
            assertThat(attrs.get("operatingSystem").get("name").asText()).isEqualTo(row.get("Operating System"));
            assertThat(attrs.get("operatingSystem").get("category1").asText()).isEqualTo("Linux");
            assertThat(attrs.get("openPorts").findValuesAsText("port")).contains(row.get("Port"));

            JsonNode detection = detection(asset, "qualys:" + row.get("QID"), Integer.parseInt(row.get("Port")));
            assertThat(detection.get("title").asText()).isEqualTo(row.get("Title"));
            assertThat(texts(detection.get("cves"))).containsExactly(row.get("CVE"));
            assertThat(detection.get("status").asText()).isEqualTo(qualysStatus(row.get("Status")));
            assertThat(detection.get("type").asText()).isEqualTo(qualysType(row.get("Type Detected")));
        }
    },

    NESSUS("scanners/nessus/nessus_many_vuln.xml", "nessus") {
        @Override
        Tally tally(Path file) {
            Tally t = new Tally();
            for (Element host : elements(FileStructure.xml(file), "//ReportHost")) {
                String name = host.getAttribute("name");
                t.host(name);
                for (Element item : elements(host, "ReportItem")) {
                    t.detection(name, item.getAttribute("pluginID"), item.getAttribute("port"),
                            item.getAttribute("severity").equals("0") ? "INFO" : "CONFIRMED", null);
                }
            }
            return t;
        }

        @Override
        void check(Path file, Imports imports) {
            Element host = elements(FileStructure.xml(file), "//ReportHost").get(0);
            String fqdn = text(host, "HostProperties/tag[@name='host-fqdn']");
            JsonNode asset = imports.show(imports.assetId("fqdn = ?", fqdn));
            JsonNode attrs = asset.get("attributes");
            assertThat(addresses(attrs)).contains(text(host, "HostProperties/tag[@name='host-ip']"));
            assertThat(attrs.get("operatingSystem").get("name").asText())
                    .isEqualTo(text(host, "HostProperties/tag[@name='operating-system']"));
            assertThat(attrs.get("type").asText()).as("system-type firewall").isEqualTo("NETWORK_DEVICE");
            assertThat(attrs.get("lastSeen").asText()).isEqualTo(nessusTime(text(host, "HostProperties/tag[@name='HOST_END']")));
            List<String> ports = elements(host, "ReportItem[@port != '0']").stream().map(i -> i.getAttribute("port")).distinct().toList();
            assertThat(attrs.get("openPorts").findValuesAsText("port")).containsExactlyInAnyOrderElementsOf(ports);

            Element item = elements(host, "ReportItem[@port != '0']").get(0);
            JsonNode detection = detection(asset, "nessus:" + item.getAttribute("pluginID"), Integer.parseInt(item.getAttribute("port")));
            assertThat(detection.get("title").asText()).isEqualTo(item.getAttribute("pluginName"));
            assertThat(detection.get("type").asText()).isEqualTo("INFO");
            assertThat(detection.get("status").asText()).isEqualTo("NEW");
        }
    },

    NESSUS_CSV("scanners/nessus/nessus-template.csv", "nessus-csv") {
        @Override
        Tally tally(Path file) {
            Tally t = new Tally();
            for (Map<String, String> row : FileStructure.csv(file, "Plugin ID")) {
                t.detection(row.get("Host"), row.get("Plugin ID"), row.get("Port"),
                        row.get("Risk").equalsIgnoreCase("None") ? "INFO" : "CONFIRMED", null);
            }
            return t;
        }

        @Override
        void check(Path file, Imports imports) {
            List<Map<String, String>> rows = FileStructure.csv(file, "Plugin ID");
            Map<String, String> row = rows.get(0);
            JsonNode asset = imports.show(byAddress(imports, row.get("Host")));
            List<String> ports = rows.stream().filter(r -> r.get("Host").equals(row.get("Host"))).map(r -> r.get("Port")).distinct().toList();
            assertThat(asset.get("attributes").get("openPorts").findValuesAsText("port")).containsExactlyInAnyOrderElementsOf(ports);

            JsonNode detection = detection(asset, "nessus:" + row.get("Plugin ID"), Integer.parseInt(row.get("Port")));
            assertThat(detection.get("title").asText()).isEqualTo(row.get("Name"));
            assertThat(texts(detection.get("cves"))).contains(row.get("CVE"));
            assertThat(detection.get("type").asText()).isEqualTo("CONFIRMED");
        }
    },

    OPENVAS("scanners/openvas/one_vuln.xml", "openvas") {
        @Override
        Tally tally(Path file) {
            Tally t = new Tally();
            for (Element r : elements(FileStructure.xml(file), "//results/result")) {
                String threat = text(r, "threat");
                if ("False Positive".equalsIgnoreCase(threat)) continue;
                boolean info = "Log".equalsIgnoreCase(threat) || "Debug".equalsIgnoreCase(threat)
                        || Double.parseDouble(text(r, "severity")) <= 0;
                t.detection(text(r, "normalize-space(host/text())"), text(r, "nvt/@oid"), openVasPort(text(r, "port")),
                        info ? "INFO" : "CONFIRMED", null);
            }
            return t;
        }

        @Override
        void check(Path file, Imports imports) {
            Element r = elements(FileStructure.xml(file), "//results/result").get(0);
            JsonNode asset = imports.show(byAddress(imports, text(r, "normalize-space(host/text())")));
            JsonNode detection = detection(asset, "openvas:" + text(r, "nvt/@oid"), openVasPort(text(r, "port")));
            assertThat(detection.get("title").asText()).isEqualTo(text(r, "nvt/name"));
            List<String> cves = elements(r, "nvt/refs/ref[@type='cve']").stream().map(e -> e.getAttribute("id")).toList();
            assertThat(texts(detection.get("cves"))).containsExactlyInAnyOrderElementsOf(cves);
            assertThat(detection.get("cvssScore").asDouble()).isEqualTo(Double.parseDouble(text(r, "severity")));
        }
    },

    OPENVAS_CSV("scanners/openvas/one_vuln.csv", "openvas-csv") {
        @Override
        Tally tally(Path file) {
            Tally t = new Tally();
            for (Map<String, String> row : FileStructure.csv(file, "NVT OID")) {
                t.detection(row.get("IP"), row.get("NVT OID"), row.get("Port"),
                        row.get("Severity").equalsIgnoreCase("Log") ? "INFO" : "CONFIRMED", null);
            }
            return t;
        }

        @Override
        void check(Path file, Imports imports) {
            Map<String, String> row = FileStructure.csv(file, "NVT OID").get(0);
            JsonNode asset = imports.show(byAddress(imports, row.get("IP")));
            assertThat(asset.get("attributes").get("openPorts").findValuesAsText("port")).contains(row.get("Port"));
            JsonNode detection = detection(asset, "openvas:" + row.get("NVT OID"), Integer.parseInt(row.get("Port")));
            assertThat(detection.get("title").asText()).isEqualTo(row.get("NVT Name"));
            assertThat(detection.get("cvssScore").asDouble()).isEqualTo(Double.parseDouble(row.get("CVSS")));
        }
    },

    TRIVY("scanners/trivy/scheme_2_many_vulns.json", "trivy") {
        @Override
        Tally tally(Path file) {
            JsonNode doc = FileStructure.json(file);
            String artifact = doc.get("ArtifactName").asText();
            Tally t = new Tally().host(artifact);
            for (JsonNode result : doc.get("Results")) {
                for (JsonNode v : result.path("Vulnerabilities")) {
                    t.detection(artifact, v.get("VulnerabilityID").asText(), null, "CONFIRMED",
                            "not_affected".equals(v.path("Status").asText()) ? "FIXED" : null);
                }
            }
            return t;
        }

        @Override
        void check(Path file, Imports imports) {
            JsonNode doc = FileStructure.json(file);
            JsonNode asset = imports.show(imports.assetId("name = ?", doc.get("ArtifactName").asText()));
            JsonNode attrs = asset.get("attributes");
            assertThat(attrs.get("type").asText()).isEqualTo("CONTAINER");
            JsonNode os = attrs.get("operatingSystem");
            assertThat(os.get("name").asText()).contains(doc.at("/Metadata/OS/Family").asText()).contains(doc.at("/Metadata/OS/Name").asText());
            assertThat(os.get("category1").asText()).isEqualTo("Linux");
            List<String> software = new ArrayList<>();
            attrs.get("software").forEach(s -> software.add(s.get("name").asText() + "@" + s.get("version").asText()));
            List<String> packages = new ArrayList<>();
            doc.get("Results").forEach(r -> r.path("Vulnerabilities").forEach(v -> packages.add(v.get("PkgName").asText() + "@" + v.get("InstalledVersion").asText())));
            assertThat(software).containsAll(packages);

            JsonNode v = doc.at("/Results/0/Vulnerabilities/0");
            JsonNode detection = detection(asset, "cve:" + v.get("VulnerabilityID").asText(), 0);
            assertThat(detection.get("title").asText()).isEqualTo(v.get("Title").asText());
            assertThat(texts(detection.get("cves"))).containsExactly(v.get("VulnerabilityID").asText());
        }
    },

    GRYPE("scanners/grype/check_all_fields.json", "grype") {
        @Override
        Tally tally(Path file) {
            JsonNode doc = FileStructure.json(file);
            String target = doc.at("/source/target/userInput").asText();
            Tally t = new Tally().host(target);
            doc.get("matches").forEach(m -> t.detection(target, m.at("/vulnerability/id").asText(), null, "CONFIRMED", null));
            return t;
        }

        @Override
        void check(Path file, Imports imports) {
            JsonNode doc = FileStructure.json(file);
            JsonNode asset = imports.show(imports.assetId("name = ?", doc.at("/source/target/userInput").asText()));
            JsonNode attrs = asset.get("attributes");
            assertThat(attrs.get("type").asText()).as("source type image").isEqualTo("CONTAINER");
            JsonNode os = attrs.get("operatingSystem");
            assertThat(os.get("name").asText()).isEqualTo(doc.at("/distro/name").asText() + " " + doc.at("/distro/version").asText());
            assertThat(os.get("category1").asText()).isEqualTo("Linux");
            assertThat(os.get("lifecycleStage").asText()).as("Debian 10 ended in 2024").isEqualTo("EOL");
            List<String> software = new ArrayList<>();
            attrs.get("software").forEach(s -> software.add(s.get("name").asText() + "@" + s.get("version").asText()));
            doc.get("matches").forEach(m -> assertThat(software).contains(m.at("/artifact/name").asText() + "@" + m.at("/artifact/version").asText()));

            JsonNode match = StreamSupport.stream(doc.get("matches").spliterator(), false)
                    .filter(m -> m.at("/vulnerability/id").asText().startsWith("GHSA-")).findFirst().orElseThrow();
            JsonNode detection = detection(asset, "ghsa:" + match.at("/vulnerability/id").asText(), 0);
            assertThat(texts(detection.get("cves"))).containsExactly(match.at("/relatedVulnerabilities/0/id").asText());
            assertThat(detection.get("type").asText()).isEqualTo("CONFIRMED");
        }
    },

    CYCLONEDX("scanners/cyclonedx/log4j.json", "cyclonedx") {
        @Override
        Tally tally(Path file) {
            JsonNode doc = FileStructure.json(file);
            String subject = doc.at("/metadata/component/name").asText();
            Tally t = new Tally().host(subject);
            for (JsonNode v : doc.get("vulnerabilities")) {
                String state = v.at("/analysis/state").asText();
                boolean closed = List.of("not_affected", "false_positive", "resolved", "resolved_with_pedigree").contains(state);
                boolean info = StreamSupport.stream(v.path("ratings").spliterator(), false)
                        .map(r -> r.path("severity").asText()).filter(s -> !s.isEmpty()).findFirst()
                        .map(s -> s.equals("info") || s.equals("none")).orElse(false);
                t.detection(subject, v.get("id").asText(), null, info ? "INFO" : "CONFIRMED", closed ? "FIXED" : null);
            }
            return t;
        }

        @Override
        void check(Path file, Imports imports) {
            JsonNode doc = FileStructure.json(file);
            JsonNode asset = imports.show(imports.assetId("name = ?", doc.at("/metadata/component/name").asText()));
            assertThat(asset.get("attributes").get("type").asText()).as("a file, not an image").isEqualTo("HOST");
            JsonNode component = doc.at("/components/0");
            assertThat(asset.get("attributes").get("software").get(0).get("name").asText()).isEqualTo(component.get("name").asText());
            assertThat(asset.get("attributes").get("software").get(0).get("version").asText()).isEqualTo(component.get("version").asText());

            JsonNode v = doc.at("/vulnerabilities/0");
            JsonNode detection = detection(asset, "cve:" + v.get("id").asText(), 0);
            assertThat(detection.get("title").asText()).startsWith(v.get("description").asText().substring(0, 40));
            double best = StreamSupport.stream(v.get("ratings").spliterator(), false).mapToDouble(r -> r.path("score").asDouble()).max().orElseThrow();
            assertThat(detection.get("cvssScore").asDouble()).isEqualTo(best);
        }
    },

    NMAP("scanners/nmap/nmap_multiple_port.xml", "nmap") {
        @Override
        Tally tally(Path file) {
            Tally t = new Tally();
            for (Element host : elements(FileStructure.xml(file), "//host[status/@state='up']")) {
                String address = text(host, "address[@addrtype='ipv4']/@addr");
                t.host(address);
                for (Element cve : elements(host, "ports/port/script[@id='vulners']/table/table/elem[@key='id']")) {
                    t.detection(address, cve.getTextContent(), text(cve, "ancestor::port/@portid"), "CONFIRMED", null);
                }
            }
            return t;
        }

        @Override
        void check(Path file, Imports imports) {
            Element host = elements(FileStructure.xml(file), "//host[status/@state='up']").get(0);
            JsonNode asset = imports.show(byAddress(imports, text(host, "address[@addrtype='ipv4']/@addr")));
            JsonNode attrs = asset.get("attributes");
            assertThat(attrs.get("fqdn").asText()).isEqualTo(text(host, "hostnames/hostname[@type='user']/@name"));
            assertThat(attrs.get("externallyExposed").asBoolean()).as("a public address").isTrue();
            assertThat(attrs.get("lastSeen").asText()).isEqualTo(Instant.ofEpochSecond(Long.parseLong(host.getAttribute("endtime"))).toString());
            List<String> open = elements(host, "ports/port[state/@state='open']").stream()
                    .map(p -> p.getAttribute("portid") + "/" + text(p, "service/@name")).toList();
            List<String> stored = new ArrayList<>();
            attrs.get("openPorts").forEach(p -> stored.add(p.get("port").asText() + "/" + p.path("serviceName").asText(null)));
            assertThat(stored).hasSize(13).containsExactlyInAnyOrderElementsOf(open);
            assertThat(asset.get("detections")).as("the sample ran no vulners script").isEmpty();
        }
    };

    /** Where the sample is, under the shared data folder. */
    final String path;
    final String format;

    SampleReport(String path, String format) {
        this.path = path;
        this.format = format;
    }

    /** What importing the file into an empty database must report, counted from the file itself. */
    abstract Tally tally(Path file);

    /** One asset's attributes and one detection's fields, as stored, against the file. */
    abstract void check(Path file, Imports imports);

    static String qualysType(String type) {
        String t = type.toLowerCase(Locale.ROOT);
        if (t.startsWith("confirmed") || t.startsWith("vuln")) return "CONFIRMED";
        if (t.startsWith("potential") || t.startsWith("practice")) return "POTENTIAL";
        return "INFO";
    }

    static String qualysStatus(String status) {
        return status == null ? null : status.toUpperCase(Locale.ROOT).replace("-", "");
    }

    static int openVasPort(String port) {
        String number = port.substring(0, port.indexOf('/'));
        return number.matches("\\d+") ? Integer.parseInt(number) : 0;
    }

    static String nessusTime(String text) {
        return LocalDateTime.parse(text.replaceAll("\\s+", " "), DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.ENGLISH))
                .toInstant(ZoneOffset.UTC).toString();
    }

    static long byAddress(Imports imports, String address) {
        return imports.assetId("EXISTS (SELECT 1 FROM asset_interface i WHERE i.asset_id = a.id AND host(i.address) = ?)", address);
    }

    static List<String> addresses(JsonNode attrs) {
        return attrs.get("interfaces").findValuesAsText("address");
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** The open detection of that vulnerability on that port, from {@code asset show}. */
    static JsonNode detection(JsonNode asset, String key, int port) {
        for (JsonNode d : asset.get("detections")) {
            if (d.get("vulnerabilityKey").asText().equals(key) && d.get("port").asInt() == port) return d;
        }
        throw new AssertionError("no open detection " + key + " on port " + port + " in " + asset.get("detections"));
    }
}
