package io.regalia.app.imports;

import static io.regalia.app.imports.Imports.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.regalia.app.Cli;
import io.regalia.store.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Odd but valid reports import with warnings; hostile XML is refused whole. */
class OddReportsTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();
    final Imports imports = new Imports(db);

    static List<String> warnings(JsonNode summary) {
        List<String> out = new ArrayList<>();
        summary.get("warnings").forEach(w -> out.add(w.asText()));
        return out;
    }

    @Test
    void shouldImportOddButValidReportsWithWarningsInTheSummary(@TempDir Path dir) throws Exception {
        for (String name : List.of("odd-nessus.csv", "odd-openvas.xml", "odd-qualys.xml")) {
            Files.copy(fixture(name), dir.resolve(name));
        }

        Cli c = imports.regalia("import", dir.toString(), "--json");

        assertThat(c.exit()).as(c.err()).isZero();
        JsonNode summaries = Imports.read(c.out());
        assertThat(summaries).hasSize(3);

        // CSV: 300 rows with no values, a row one value short and one two values long, non-ASCII titles.
        JsonNode csv = summaries.get(0);
        assertThat(csv.get("hosts").asInt()).isEqualTo(1);
        assertThat(csv.get("detections").asInt()).isEqualTo(3);
        assertThat(warnings(csv)).anyMatch(w -> w.contains("300 rows with no values were skipped"))
                .anyMatch(w -> w.contains("odd-nessus.csv:153") && w.contains("12 values but the header has 13 columns"))
                .anyMatch(w -> w.contains("odd-nessus.csv:304") && w.contains("15 values but the header has 13 columns"));
        JsonNode windows = imports.show(SampleReport.byAddress(imports, "10.9.8.7"));
        assertThat(SampleReport.detection(windows, "nessus:97833", 445).get("title").asText())
                .isEqualTo("MS17-010: Sicherheitsupdate für Windows SMB (ETERNALBLUE)");
        assertThat(SampleReport.detection(windows, "nessus:10180", 0).get("type").asText()).isEqualTo("INFO");

        // OpenVAS: its header counts 3 hosts and 7 results, its body has one of each.
        JsonNode openvas = summaries.get(1);
        assertThat(openvas.get("hosts").asInt()).isEqualTo(1);
        assertThat(openvas.get("detections").asInt()).isEqualTo(1);
        JsonNode serveur = imports.show(SampleReport.byAddress(imports, "10.7.7.7"));
        assertThat(serveur.get("attributes").get("fqdn").asText()).isEqualTo("serveur-données.example");
        assertThat(serveur.get("detections").get(0).get("title").asText()).isEqualTo("Serveur web obsolète — mise à jour requise");

        // Qualys: the address 192.168.1.1001 is no address; the host still comes in by its id and names.
        JsonNode qualys = summaries.get(2);
        assertThat(qualys.get("hosts").asInt()).isEqualTo(1);
        assertThat(warnings(qualys)).anyMatch(w -> w.contains("192.168.1.1001"));
        JsonNode printer = imports.show(imports.assetId("external_id = ?", "qualys:8801")).get("attributes");
        assertThat(printer.get("netbiosName").asText()).isEqualTo("GERÄT-01");
        assertThat(printer.get("fqdn").asText()).isEqualTo("bürodrucker-01.example");
        assertThat(printer.get("interfaces")).isEmpty();
        String results = db.jdbi().withHandle(h -> h.createQuery("SELECT results FROM detection d JOIN asset a ON a.id = d.asset_id "
                + "WHERE a.external_id = 'qualys:8801'").mapTo(String.class).one());
        assertThat(results).isEqualTo("Zertifikat für „bürodrucker-01“ ist abgelaufen — 証明書");
    }

    @Test
    void shouldDropTimestampsNoDatabaseCanStoreWithAWarning(@TempDir Path dir) throws Exception {
        Path qualys = Files.writeString(dir.resolve("year-zero.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <HOST_LIST_VM_DETECTION_OUTPUT><RESPONSE><DATETIME>2026-11-30T06:00:00Z</DATETIME><HOST_LIST>
                <HOST><ID>7001</ID><IP>10.6.6.1</IP><DETECTION_LIST><DETECTION>
                  <QID>38170</QID><TYPE>Confirmed</TYPE><SEVERITY>3</SEVERITY><STATUS>Active</STATUS>
                  <FIRST_FOUND_DATETIME>0000-01-01T00:00:00Z</FIRST_FOUND_DATETIME>
                  <LAST_FOUND_DATETIME>2026-11-30T05:00:00Z</LAST_FOUND_DATETIME>
                </DETECTION></DETECTION_LIST></HOST>
                </HOST_LIST></RESPONSE></HOST_LIST_VM_DETECTION_OUTPUT>
                """);
        Path nmap = Files.writeString(dir.resolve("far-future.nmap.xml"), """
                <?xml version="1.0"?>
                <nmaprun scanner="nmap" start="1764482400" version="7.94">
                <host starttime="99999999999999" endtime="9223372036854775807"><status state="up"/>
                <address addr="10.6.6.2" addrtype="ipv4"/>
                <ports><port protocol="tcp" portid="22"><state state="open"/><service name="ssh"/></port></ports></host>
                <runstats><finished time="1764482460"/></runstats></nmaprun>
                """);

        Cli c = imports.regalia("import", qualys.toString(), nmap.toString(), "--json");

        assertThat(c.exit()).as(c.err()).isZero();
        JsonNode summaries = Imports.read(c.out());
        assertThat(warnings(summaries.get(0))).anyMatch(w -> w.contains("year-zero.xml:")
                && w.contains("FIRST_FOUND_DATETIME '0000-01-01T00:00:00Z' is outside the years 1-9999; ignored"));
        assertThat(warnings(summaries.get(1))).anyMatch(w -> w.contains("'99999999999999' is outside the years 1-9999"))
                .anyMatch(w -> w.contains("'9223372036854775807' is outside the years 1-9999"));
        // the finding is kept, first found when the report looked; the host is kept, never said to be seen
        String firstFound = db.jdbi().withHandle(h -> h.createQuery("SELECT d.first_found::text FROM detection d "
                + "JOIN asset a ON a.id = d.asset_id WHERE a.external_id = 'qualys:7001'").mapTo(String.class).one());
        assertThat(firstFound).startsWith("2026-11-30 05:00:00");
        assertThat(imports.show(SampleReport.byAddress(imports, "10.6.6.2")).get("attributes").get("openPorts"))
                .hasSize(1);
    }

    @Test
    void shouldStoreTextWithNulOrHalfASurrogatePairAsPostgresqlCanHoldIt(@TempDir Path dir) throws Exception {
        // JSON may escape U+0000 or half a surrogate pair in a string; PostgreSQL text holds neither
        Path trivy = Files.writeString(dir.resolve("nul.json"), """
                {"SchemaVersion": 2, "ArtifactName": "registry.example/shop\\u0000:1.4", "ArtifactType": "container_image",
                 "Results": [{"Target": "shop (debian 12.4)", "Class": "os-pkgs", "Type": "debian", "Vulnerabilities": [
                   {"VulnerabilityID": "TEMP-\\u00000001", "PkgName": "libfoo\\u0000", "InstalledVersion": "1.0",
                    "Severity": "HIGH", "Title": "heap \\u0000overflow"},
                   {"VulnerabilityID": "TEMP-\\ud8000002", "PkgName": "libbar", "InstalledVersion": "2.0",
                    "Severity": "LOW", "Title": "half \\udc00a pair"}]}]}
                """);

        Cli c = imports.regalia("import", trivy.toString(), "--json");

        assertThat(c.exit()).as(c.err()).isZero();
        assertThat(Imports.read(c.out()).get("detections").asInt()).isEqualTo(2);
        List<String> stored = db.jdbi().withHandle(h -> h.createQuery("""
                SELECT a.external_id || ' ' || v.key || ' ' || v.title FROM detection d
                JOIN asset a ON a.id = d.asset_id JOIN vulnerability v ON v.id = d.vulnerability_id ORDER BY v.key""")
                .mapTo(String.class).list());
        assertThat(stored).containsExactly("registry.example/shop:1.4 temp:TEMP-0001 heap overflow",
                "registry.example/shop:1.4 temp:TEMP-\uFFFD0002 half \uFFFDa pair");

        // a CSV cell may hold the byte itself: the host is still the one a clean report names
        String header = "Plugin ID,CVE,CVSS v2.0 Base Score,Risk,Host,Protocol,Port,Name\n";
        Path withNul = Files.writeString(dir.resolve("nul.csv"), header + "97833,CVE-2017-0143,9.3,Critical,10.4.\u00004.4,tcp,445,MS17-010\n");
        Path clean = Files.writeString(dir.resolve("clean.csv"), header + "58987,,10.0,Critical,10.4.4.4,tcp,80,PHP Unsupported\n");

        Cli csv = imports.regalia("import", withNul.toString(), clean.toString(), "--json");

        assertThat(csv.exit()).as(csv.err()).isZero();
        List<String> keys = db.jdbi().withHandle(h -> h.createQuery("""
                SELECT v.key FROM detection d JOIN vulnerability v ON v.id = d.vulnerability_id
                WHERE d.asset_id = (SELECT asset_id FROM asset_interface WHERE address = '10.4.4.4') ORDER BY v.key""")
                .mapTo(String.class).list());
        assertThat(keys).containsExactly("nessus:58987", "nessus:97833");
    }

    @Test
    void shouldRefuseAnExternalEntityThatReadsALocalFileAndImportNothing(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "s3cret-password");
        Path report = Files.writeString(dir.resolve("xxe.nessus"), """
                <?xml version="1.0" ?>
                <!DOCTYPE NessusClientData_v2 [ <!ENTITY xxe SYSTEM "%s"> ]>
                <NessusClientData_v2>
                  <Report name="xxe">
                    <ReportHost name="10.0.0.1">
                      <HostProperties><tag name="host-ip">10.0.0.1</tag></HostProperties>
                      <ReportItem port="443" protocol="tcp" severity="3" pluginID="10001" pluginName="Harmless"/>
                    </ReportHost>
                    <ReportHost name="10.0.0.2">
                      <HostProperties><tag name="host-ip">10.0.0.2</tag><tag name="host-fqdn">&xxe;</tag></HostProperties>
                    </ReportHost>
                  </Report>
                </NessusClientData_v2>
                """.formatted(secret.toUri()));
        Map<String, String> before = imports.state();

        Cli c = imports.regalia("import", report.toString(), "--json");

        assertThat(c.exit()).isEqualTo(2);
        assertThat(c.err().strip().lines()).hasSize(1);
        assertThat(c.err()).containsPattern(Pattern.quote(report.toString()) + ":\\d+").contains("&xxe;")
                .doesNotContain("s3cret");
        assertThat(c.out()).isEmpty();
        assertThat(imports.state()).isEqualTo(before);
        assertThat(imports.count("import")).isZero();
    }

    @Test
    void shouldRefuseAnEntityExpansionBombAndImportNothing() {
        Map<String, String> before = imports.state();

        Cli c = imports.regalia("import", fixture("entity-bomb.xml").toString(), "--json");

        assertThat(c.exit()).isEqualTo(2);
        assertThat(c.err().strip().lines()).hasSize(1);
        assertThat(c.err()).containsPattern(Pattern.quote(fixture("entity-bomb.xml").toString()) + ":\\d+").contains("&lol9;");
        assertThat(imports.state()).isEqualTo(before);
        assertThat(imports.count("import")).isZero();
    }
}
