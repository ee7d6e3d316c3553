package io.regalia.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.regalia.store.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class CommandLineTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();
    static final ObjectMapper JSON = new ObjectMapper();

    static Path fixture(String name) throws Exception {
        return Path.of(CommandLineTest.class.getResource("/inventory/" + name).toURI());
    }

    Cli regalia(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--db");
        all.add(db.jdbcUrl());
        return Cli.run(all.toArray(String[]::new));
    }

    Map<String, Object> counts() {
        return db.jdbi().withHandle(h -> h.createQuery("""
                SELECT (SELECT count(*) FROM asset) AS assets, (SELECT count(*) FROM detection) AS detections,
                       (SELECT count(*) FROM vulnerability) AS vulnerabilities, (SELECT count(*) FROM tag) AS tags,
                       (SELECT count(*) FROM import) AS imports""").mapToMap().one());
    }

    @Test
    void shouldCalculateQualysWorkedExamples() {
        Cli example2 = Cli.run("risk", "calculate", "--acs", "4", "--band", "critical=3@95", "--band", "medium=50@65", "--band", "low=20@30");
        assertThat(example2.exit()).isZero();
        assertThat(example2.out().strip()).isEqualTo("518");
        Cli example1 = Cli.run("risk", "calculate", "--acs", "5", "--external", "--band", "critical=2@95", "--band", "high=10@84",
                "--band", "medium=40@65", "--band", "low=30@31");
        assertThat(example1.out().strip()).isEqualTo("1000");
    }

    @Test
    void shouldExplainTheCalculationAsJson() throws Exception {
        Cli c = Cli.run("risk", "calculate", "--acs", "4", "--band", "critical=3@95", "--json");
        JsonNode doc = JSON.readTree(c.out());
        assertThat(doc.get("riskScore").asInt()).isEqualTo(Math.round(4 * 95 * Math.pow(3, 0.01)));
        assertThat(doc.get("explanation").get("bands")).hasSize(4);
    }

    @Test
    void shouldRefuseABadBandWithExitCodeTwo() {
        Cli c = Cli.run("risk", "calculate", "--acs", "4", "--band", "critical=three");
        assertThat(c.exit()).isEqualTo(2);
        assertThat(c.err()).contains("--band critical=three");
    }

    @Test
    void shouldImportListAndShowAssetsWithExplanations() throws Exception {
        Cli imported = regalia("import", fixture("estate.json").toString(), "--json");
        assertThat(imported.exit()).as(imported.err()).isZero();
        JsonNode summary = JSON.readTree(imported.out());
        assertThat(summary.get("hosts").asInt()).isEqualTo(3);
        assertThat(summary.get("assetsCreated").asInt()).isEqualTo(3);
        assertThat(summary.get("detections").asInt()).isEqualTo(3);
        assertThat(summary.get("byStatus").get("NEW").asInt()).isEqualTo(3);

        JsonNode assets = JSON.readTree(regalia("assets", "--json").out());
        assertThat(assets).hasSize(3);
        List<Integer> risks = new ArrayList<>();
        assets.forEach(a -> risks.add(a.get("riskScore").asInt()));
        assertThat(risks).isSortedAccordingTo((a, b) -> b - a);
        assertThat(assets.get(0).get("name").asText()).isEqualTo("web-01");
        assertThat(assets.get(0).has("criticalityScore")).isTrue();

        JsonNode web = JSON.readTree(regalia("asset", "show", assets.get(0).get("id").asText(), "--json").out());
        assertThat(web.get("criticalityScore").asInt()).isEqualTo(2);
        assertThat(web.get("tags").get(0).get("name").asText()).isEqualTo("Finance");
        assertThat(web.get("detections")).hasSize(2);
        assertThat(web.get("explanation").get("risk").get("exposure").get("internetFacing").asBoolean()).isTrue();
        assertThat(web.get("explanation").get("text").asText()).contains("E 1.2");
    }

    @Test
    void shouldRejectAMalformedFileWithOneLineAndChangeNothing() throws Exception {
        regalia("import", fixture("estate.json").toString());
        Map<String, Object> before = counts();
        Cli bad = regalia("import", fixture("bad-port.json").toString());
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err().strip().lines()).hasSize(1);
        assertThat(bad.err()).contains("bad-port.json").contains("assets[1].openPorts[0].port").contains("\"https\"");
        assertThat(counts()).isEqualTo(before);

        Cli broken = regalia("import", fixture("broken.json").toString());
        assertThat(broken.exit()).isEqualTo(2);
        assertThat(broken.err().strip().lines()).hasSize(1);
        assertThat(broken.err()).contains("broken.json");
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void shouldRoundTripExportAndImport(@TempDir Path dir) throws Exception {
        regalia("import", fixture("estate.json").toString());
        regalia("tags", "create", "--name", "Crown", "--criticality", "5");
        long db01 = db.jdbi().withHandle(h -> h.createQuery("SELECT id FROM asset WHERE name = 'db-prod-db-01'").mapTo(Long.class).one());
        assertThat(regalia("tags", "assign", "Crown", "--asset", String.valueOf(db01)).exit()).isZero();
        String before = regalia("assets", "--json").out().replaceAll("\"id\" : \\d+,", "");
        Cli export = regalia("export");
        assertThat(export.exit()).as(export.err()).isZero();
        Path file = dir.resolve("export.json");
        Files.writeString(file, export.out());
        db.jdbi().useHandle(h -> h.execute("TRUNCATE asset, detection, vulnerability, tag, asset_tag, import, cve, feed, os_release, software_product, asset_software, asset_port, asset_identity CASCADE"));
        Cli again = regalia("import", file.toString());
        assertThat(again.exit()).as(again.err()).isZero();
        // Tags come back without criticality (the format carries names only): give Crown its score again.
        regalia("tags", "update", "Crown", "--criticality", "5");
        assertThat(regalia("assets", "--json").out().replaceAll("\"id\" : \\d+,", "")).isEqualTo(before);
    }

    @Test
    void shouldGiveEveryCommandHelp() {
        for (String[] cmd : new String[][] {{"--help"}, {"serve", "--help"}, {"import", "--help"}, {"export", "--help"},
                {"intel", "load", "--help"}, {"assets", "--help"}, {"asset", "show", "--help"}, {"tags", "create", "--help"},
                {"risk", "calculate", "--help"}, {"rescore", "--help"}, {"demo", "--help"}, {"db", "stop", "--help"}}) {
            Cli c = Cli.run(cmd);
            assertThat(c.exit()).as(String.join(" ", cmd)).isZero();
            assertThat(c.out()).contains("Usage:");
        }
        assertThat(Cli.run("--version").out()).startsWith("regalia");
        assertThat(Cli.run("no-such-command").exit()).isEqualTo(2);
    }

    @Test
    void shouldSummariseRiskForTheOrganizationAndATag() throws Exception {
        regalia("import", fixture("estate.json").toString());
        JsonNode org = JSON.readTree(regalia("risk", "summary", "--json").out());
        assertThat(org.get("rollup").get("assets").asInt()).isEqualTo(3);
        JsonNode assets = JSON.readTree(regalia("assets", "--json").out());
        int sum = 0, max = 0;
        for (JsonNode a : assets) { sum += a.get("riskScore").asInt(); max = Math.max(max, a.get("riskScore").asInt()); }
        assertThat(org.get("riskScore").asInt()).isEqualTo(Math.round(sum / 3.0f));
        assertThat(org.get("rollup").get("maxRisk").asInt()).isEqualTo(max);
        // Two CVSS ≥ 9 findings (Log4Shell's 10.0 and a 9.8), none QDS ≥ 90 without KEV loaded.
        assertThat(org.get("prioritization").get("critical").get("byCvss").asInt()).isEqualTo(2);
        assertThat(org.get("prioritization").get("critical").get("byQds").asInt()).isZero();
        JsonNode finance = JSON.readTree(regalia("risk", "summary", "--tag", "Finance", "--json").out());
        assertThat(finance.get("rollup").get("assets").asInt()).isEqualTo(1);
        assertThat(regalia("risk", "summary", "--tag", "Nope").exit()).isEqualTo(2);
    }

    @Test
    void shouldRescoreWhenTheModelChanges(@TempDir Path dir) throws Exception {
        regalia("import", fixture("estate.json").toString());
        assertThat(regalia("model", "show").out()).contains("version = regalia-2026.1").contains("formula = v1");
        Path file = dir.resolve("model.properties");
        Files.writeString(file, "formula = v2\n");
        int before = JSON.readTree(regalia("assets", "--json").out()).get(0).get("riskScore").asInt();
        Cli set = regalia("model", "set", file.toString());
        assertThat(set.exit()).as(set.err()).isZero();
        assertThat(regalia("model", "show").out()).contains("formula = v2").contains("+custom");
        int after = JSON.readTree(regalia("assets", "--json").out()).get(0).get("riskScore").asInt();
        assertThat(after).isNotEqualTo(before);
        Files.writeString(file, "v1.weight.critical = lots\n");
        Cli bad = regalia("model", "set", file.toString());
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("model.properties").contains("v1.weight.critical");
    }
}
