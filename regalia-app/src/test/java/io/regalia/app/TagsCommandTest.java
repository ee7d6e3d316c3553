package io.regalia.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.regalia.store.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class TagsCommandTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();
    static final ObjectMapper JSON = new ObjectMapper();

    Cli regalia(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--db");
        all.add(db.jdbcUrl());
        return Cli.run(all.toArray(String[]::new));
    }

    Cli ok(String... args) {
        Cli c = regalia(args);
        assertThat(c.exit()).as(String.join(" ", args) + ": " + c.err()).isZero();
        return c;
    }

    static String fixture(String name) throws Exception {
        return Path.of(TagsCommandTest.class.getResource("/inventory/" + name).toURI()).toString();
    }

    int count(String sql) {
        return db.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Integer.class).one());
    }

    int score(String column, String asset) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT " + column + " FROM asset WHERE name = :n").bind("n", asset)
                .mapTo(Integer.class).one());
    }

    JsonNode tag(String name) throws Exception {
        return JSON.readTree(ok("tags", "list", "--json").out()).findParents("name").stream()
                .filter(n -> n.get("name").asText().equals(name)).findFirst().orElseThrow();
    }

    @BeforeEach
    void estate() throws Exception {
        ok("import", fixture("estate.json"));
    }

    @Test
    void shouldCreateRuleTagsThatFindTheirAssets() throws Exception {
        Cli created = ok("tags", "create", "--name", "AWS public", "--rule-type", "GLOBAL_ASSET_VIEW",
                "--rule", "cloud.provider:AWS and cloud.hasPublicIp:true", "--criticality", "4");
        assertThat(created.out()).contains("AWS public (id").contains("criticality 4").contains("1 assets")
                .contains("rule GLOBAL_ASSET_VIEW: cloud.provider:AWS and cloud.hasPublicIp:true");
        ok("tags", "create", "--name", "Prod DB", "--rule-type", "name_contains", "--rule", "prod-db");
        ok("tags", "create", "--name", "Office", "--rule-type", "NETWORK_RANGE", "--rule", "10.0.0.0/24");
        ok("tags", "create", "--name", "HTTPS", "--rule-type", "OPEN_PORTS", "--rule", "443,8443");
        ok("tags", "create", "--name", "Log4Shell", "--rule-type", "VULN_EXIST", "--rule", "CVE-2021-44228");
        assertThat(tag("AWS public").get("assets").asInt()).isEqualTo(1);
        assertThat(tag("Prod DB").get("assets").asInt()).isEqualTo(1);
        assertThat(tag("Office").get("assets").asInt()).isEqualTo(2);
        assertThat(tag("HTTPS").get("assets").asInt()).isEqualTo(1);
        assertThat(tag("Log4Shell").get("assets").asInt()).isEqualTo(1);
        assertThat(score("criticality_score", "web-01")).isEqualTo(4);

        Cli byHand = regalia("tags", "assign", "Office", "--asset", "1");
        assertThat(byHand.exit()).isEqualTo(2);
        assertThat(byHand.err()).contains("cannot be assigned by hand");
    }

    @Test
    void shouldRefuseGroovyAndInvalidRulesWithExitTwoAndOneLine() {
        Cli groovy = regalia("tags", "create", "--name", "G", "--rule-type", "GROOVY", "--rule", "return true");
        assertThat(groovy.exit()).isEqualTo(2);
        assertThat(groovy.err().strip().lines()).hasSize(1);
        assertThat(groovy.err()).contains("rule type GROOVY is not supported").contains("GLOBAL_ASSET_VIEW");
        for (String[] bad : new String[][] {{"OS_REGEX", "win(dows"}, {"OS_REGEX", "^win.*+"}, {"NETWORK_RANGE", "10.0.0.0/33"},
                {"OPEN_PORTS", "22-"}, {"GLOBAL_ASSET_VIEW", "operatingSystem.category Server"}}) {
            Cli c = regalia("tags", "create", "--name", "Bad", "--rule-type", bad[0], "--rule", bad[1]);
            assertThat(c.exit()).as(String.join(" ", bad)).isEqualTo(2);
            assertThat(c.err().strip().lines()).as(c.err()).hasSize(1);
            assertThat(c.err()).startsWith("regalia: ").contains(bad[0]);
        }
        assertThat(count("SELECT count(*) FROM tag WHERE name IN ('G', 'Bad')")).isZero();
    }

    @Test
    void shouldPreviewWithoutSavingExactlyWhatCreateThenDoes() throws Exception {
        Cli preview = ok("tags", "preview", "--rule-type", "OS_REGEX", "--rule", "server", "--criticality", "5", "--json");
        JsonNode p = JSON.readTree(preview.out());
        assertThat(p.get("matching").asInt()).isEqualTo(1);
        assertThat(p.get("added").get(0).get("name").asText()).isEqualTo("web-01");
        JsonNode change = p.get("scores").get(0);
        assertThat(change.get("acsBefore").asInt()).isEqualTo(2);
        assertThat(change.get("acsAfter").asInt()).isEqualTo(5);
        assertThat(count("SELECT count(*) FROM tag WHERE rule_type <> 'STATIC'")).isZero();
        assertThat(score("criticality_score", "web-01")).isEqualTo(2);

        Cli text = ok("tags", "preview", "--rule-type", "OS_REGEX", "--rule", "server", "--criticality", "5");
        assertThat(text.out()).contains("OS_REGEX server matches 1 assets").contains("joining: 1")
                .contains("web-01 (#").contains("ACS 2 -> 5, TruRisk " + change.get("riskBefore").asInt() + " -> "
                        + change.get("riskAfter").asInt());

        ok("tags", "create", "--name", "Servers", "--rule-type", "OS_REGEX", "--rule", "server", "--criticality", "5");
        assertThat(tag("Servers").get("assets").asInt()).isEqualTo(p.get("matching").asInt());
        assertThat(score("criticality_score", "web-01")).isEqualTo(change.get("acsAfter").asInt());
        assertThat(score("risk_score", "web-01")).isEqualTo(change.get("riskAfter").asInt());

        JsonNode leaving = JSON.readTree(ok("tags", "preview", "--tag", "Servers", "--rule-type", "NAME_CONTAINS",
                "--rule", "printer", "--json").out());
        assertThat(leaving.get("removed").get(0).get("name").asText()).isEqualTo("web-01");
        assertThat(leaving.get("added").get(0).get("name").asText()).isEqualTo("printer-7");
        assertThat(tag("Servers").get("ruleType").asText()).isEqualTo("OS_REGEX");
    }

    @Test
    void shouldMoveScoresInTheImportThatMakesAnAssetMatchAndRecordIt() throws Exception {
        ok("tags", "create", "--name", "EOL", "--rule-type", "GLOBAL_ASSET_VIEW", "--rule", "operatingSystem.lifecycle.stage:EOL",
                "--criticality", "5");
        ok("import", fixture("app-os-ga.json"));
        int acs = score("criticality_score", "app-01");
        int risk = score("risk_score", "app-01");
        ok("import", fixture("app-os-eol.json"));
        assertThat(score("criticality_score", "app-01")).isEqualTo(5);
        assertThat(score("risk_score", "app-01")).isGreaterThan(risk);
        ok("import", fixture("app-os-ga.json"));
        assertThat(score("criticality_score", "app-01")).isEqualTo(acs);
        assertThat(score("risk_score", "app-01")).isEqualTo(risk);
        String history = ok("tags", "history", "EOL").out();
        assertThat(history).contains("membership").contains("import:").contains("\"added\": 1").contains("\"removed\": 1");
        assertThat(acs).isEqualTo(2);
        assertThat(ok("tags", "evaluate").out()).contains("no membership changed");
    }

    @Test
    void shouldRoundTripExportThroughApplyAndShowTheSameDiffOnADryRun(@TempDir Path dir) throws Exception {
        ok("tags", "create", "--name", "Crown", "--criticality", "5", "--color", "#B00020");
        ok("tags", "create", "--name", "Prod DB", "--parent", "Crown", "--rule-type", "GLOBAL_ASSET_VIEW", "--rule", "asset.name:*prod-db*");
        Path file = dir.resolve("tags.yaml");
        Files.writeString(file, ok("tags", "export").out());
        assertThat(Files.readString(file)).contains("- name: Crown").contains("  - name: Prod DB").contains("rule: asset.name:*prod-db*");
        assertThat(ok("tags", "apply", file.toString()).out()).contains("no changes");

        Files.writeString(file, Files.readString(file).replace("criticality: 5", "criticality: 4").replace("- name: Finance\n", ""));
        String dry = ok("tags", "apply", file.toString(), "--dry-run").out();
        assertThat(dry).contains("~ update tag 'Crown': criticality 5 -> 4").contains("- delete tag 'Finance' (1 members)")
                .contains("dry run: 2 tag changes, 1 assets rescored (nothing kept)");
        assertThat(tag("Crown").get("criticality").asInt()).isEqualTo(5);
        String real = ok("tags", "apply", file.toString()).out();
        assertThat(real.replace("dry run: ", "").replace(" (nothing kept)", "")).isEqualTo(dry.replace("dry run: ", "")
                .replace(" (nothing kept)", ""));
        assertThat(tag("Crown").get("criticality").asInt()).isEqualTo(4);
        assertThat(ok("tags", "apply", file.toString()).out()).contains("no changes");

        Files.writeString(file, Files.readString(file).replace("ruleType: GLOBAL_ASSET_VIEW", "ruleType: GROOVY"));
        Cli bad = regalia("tags", "apply", file.toString());
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err().strip().lines()).hasSize(1);
        assertThat(bad.err()).contains(file + ": tags[0].children[0].ruleType: rule type GROOVY is not supported");
    }

    @Test
    void shouldGiveTheNewCommandsHelp() {
        for (String sub : new String[] {"preview", "evaluate", "export", "apply"}) {
            Cli c = Cli.run("tags", sub, "--help");
            assertThat(c.exit()).as(sub).isZero();
            assertThat(c.out()).contains("Usage:");
        }
        assertThat(Cli.run("tags", "create", "--help").out()).contains("GLOBAL_ASSET_VIEW");
    }
}
