package io.regalia.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.regalia.store.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class QqlCommandTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();
    static final ObjectMapper JSON = new ObjectMapper();

    Cli regalia(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--db");
        all.add(db.jdbcUrl());
        return Cli.run(all.toArray(String[]::new));
    }

    void importEstate() throws Exception {
        Path estate = Path.of(QqlCommandTest.class.getResource("/inventory/estate.json").toURI());
        Cli imported = regalia("import", estate.toString());
        assertThat(imported.exit()).as(imported.err()).isZero();
    }

    static List<String> names(String json) throws Exception {
        List<String> names = new ArrayList<>();
        JSON.readTree(json).forEach(a -> names.add(a.get("name").asText()));
        return names;
    }

    @Test
    void shouldSayOkForAGoodQuery() {
        Cli c = Cli.run("qql", "check", "operatingSystem.category:Server and hardware.category2:`Server`");
        assertThat(c.exit()).isZero();
        assertThat(c.out()).isEqualTo("ok\n");
    }

    @Test
    void shouldShowTheErrorUnderItsColumnAndExitTwo() {
        Cli c = Cli.run("qql", "check", "operatingSystem.category:");
        assertThat(c.exit()).isEqualTo(2);
        assertThat(c.out()).isEqualTo("""
                qql: column 26: expected a value after ':' but found end of query
                  operatingSystem.category:
                                           ^
                """);
    }

    @Test
    void shouldCheckEveryQueryOfAFileSkippingCommentsAndBlankLines(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("rules.qql");
        Files.writeString(file, """
                # crown jewels
                asset.riskScore>700

                  # indented comment
                openPorts.port:abc
                software:(name:OpenSSL)
                """);
        Cli c = Cli.run("qql", "check", "--file", file.toString());
        assertThat(c.exit()).isEqualTo(2);
        assertThat(c.out()).isEqualTo(file + ":2: ok\n"
                + file + ":5: qql: column 16: openPorts.port is a number; 'abc' is not\n  openPorts.port:abc\n                 ^\n"
                + file + ":6: ok\n");

        Files.writeString(file, "# only good ones\nasset.riskScore>700\n");
        assertThat(Cli.run("qql", "check", "--file", file.toString()).exit()).isZero();
    }

    @Test
    void shouldReportEachQueryAsJson(@TempDir Path dir) throws Exception {
        Cli single = Cli.run("qql", "check", "--json", "openPorts.port:abc");
        assertThat(single.exit()).isEqualTo(2);
        JsonNode result = JSON.readTree(single.out());
        assertThat(result).hasSize(1);
        assertThat(result.get(0).get("query").asText()).isEqualTo("openPorts.port:abc");
        assertThat(result.get(0).get("ok").asBoolean()).isFalse();
        assertThat(result.get(0).get("error").asText()).isEqualTo("qql: column 16: openPorts.port is a number; 'abc' is not");
        assertThat(result.get(0).get("column").asInt()).isEqualTo(16);

        Path file = dir.resolve("rules.qql");
        Files.writeString(file, "asset.riskScore>700\n# skip\nNOT tags.name: Windows\n");
        Cli many = Cli.run("qql", "check", "--file", file.toString(), "--json");
        assertThat(many.exit()).isZero();
        JsonNode results = JSON.readTree(many.out());
        assertThat(results).hasSize(2);
        assertThat(results.get(1).get("line").asInt()).isEqualTo(3);
        assertThat(results.get(1).get("query").asText()).isEqualTo("NOT tags.name: Windows");
        assertThat(results.get(1).get("ok").asBoolean()).isTrue();
        assertThat(results.get(1).get("error").isNull()).isTrue();
        assertThat(results.get(1).get("column").isNull()).isTrue();
    }

    @Test
    void shouldAskForAQueryOrAFile() {
        assertThat(Cli.run("qql", "check").exit()).isEqualTo(2);
        assertThat(Cli.run("qql", "check", "a:b", "--file", "x").exit()).isEqualTo(2);
        Cli missing = Cli.run("qql", "check", "--file", "/no/such/rules.qql");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("/no/such/rules.qql");
    }

    @Test
    void shouldListOnlyTheAssetsAQueryMatchesRiskiestFirst() throws Exception {
        importEstate();
        assertThat(names(regalia("assets", "--qql", "software:(name:OpenSSL)", "--json").out())).containsExactly("web-01");
        assertThat(names(regalia("assets", "--qql", "asset.name:*db*", "--json").out())).containsExactly("db-prod-db-01");
        List<String> all = names(regalia("assets", "--qql", "interfaces.address:10.0.0.0/8", "--json").out());
        assertThat(all).hasSize(3).startsWith("web-01");
        assertThat(names(regalia("assets", "--qql", "interfaces.address:10.0.0.0/8", "--limit", "1", "--json").out()))
                .containsExactly("web-01");
        Cli text = regalia("assets", "--qql", "NOT vulnerabilities:*");
        assertThat(text.exit()).isZero();
        assertThat(text.out()).contains("printer-7").doesNotContain("web-01");
    }

    @Test
    void shouldExportOnlyTheAssetsAQueryMatches() throws Exception {
        importEstate();
        Cli export = regalia("export", "--qql", "interfaces.address:10.0.9.0/24");
        assertThat(export.exit()).as(export.err()).isZero();
        JsonNode assets = JSON.readTree(export.out()).get("assets");
        assertThat(assets).hasSize(1);
        assertThat(assets.get(0).get("name").asText()).isEqualTo("printer-7");
    }

    @Test
    void shouldRefuseABadQueryWithOneLineAndExitTwo() throws Exception {
        importEstate();
        for (String command : List.of("assets", "export")) {
            Cli bad = regalia(command, "--qql", "openPorts.port:abc");
            assertThat(bad.exit()).as(command).isEqualTo(2);
            assertThat(bad.out()).as(command).isEmpty();
            assertThat(bad.err().strip()).as(command).isEqualTo("regalia: qql: column 16: openPorts.port is a number; 'abc' is not");
        }
    }

    @Test
    void shouldGiveHelp() {
        Cli c = Cli.run("qql", "check", "--help");
        assertThat(c.exit()).isZero();
        assertThat(c.out()).contains("Usage:").contains("--file");
    }
}
