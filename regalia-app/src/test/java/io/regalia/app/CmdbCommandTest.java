package io.regalia.app;

import io.regalia.store.testing.TableDump;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.regalia.ingest.cmdb.FakeServiceNow;
import io.regalia.store.risk.AssetExplanation;
import io.regalia.store.risk.RiskEngine;
import io.regalia.store.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code regalia cmdb …} against a fake ServiceNow over real HTTP and the real database. */
class CmdbCommandTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;
    FakeServiceNow now;
    Path passwordFile;

    @BeforeEach
    void setUp() throws Exception {
        now = FakeServiceNow.start();
        now.server("s1", "pay-db-01", "pay-db-01.corp.example", "10.0.0.1", "SN-1")
                .server("s2", "PAY-APP-01", "", "", "")
                .server("s3", "wiki", "", "10.0.0.3", "")
                .server("s4", "ghost-01", "", "10.9.9.9", "SN-4")
                .server("s5", "lab-01", "", "10.0.0.5", "");
        now.application("a1", "Payroll", "1 - most critical", "Jane Doe")
                .application("a2", "Wiki", "4 - not critical", "IT Ops")
                .application("a3", "Reporting", "", null);
        now.relation("r1", "a1", "s1", false).relation("r2", "a1", "s2", true).relation("r3", "a2", "s3", false)
                .relation("r4", "a2", "s4", true).relation("r5", "a3", "s2", false);
        passwordFile = Files.writeString(dir.resolve("servicenow-password"), FakeServiceNow.PASSWORD + "\n");
        Cli imported = regalia("import", fixture("estate.json").toString());
        assertThat(imported.exit()).as(imported.err()).isZero();
    }

    @AfterEach
    void tearDown() {
        now.close();
    }

    static Path fixture(String name) throws Exception {
        return Path.of(CmdbCommandTest.class.getResource("/cmdb/" + name).toURI());
    }

    Cli regalia(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--db");
        all.add(db.jdbcUrl());
        return Cli.run(all.toArray(String[]::new));
    }

    Cli sync(String... extra) {
        List<String> args = new ArrayList<>(List.of("cmdb", "sync", "--servicenow", now.url(), "--user", FakeServiceNow.USER,
                "--password-file", passwordFile.toString(), "--page-size", "2", "--retry-delay", "5ms", "--max-retry-delay", "3s"));
        args.addAll(List.of(extra));
        return regalia(args.toArray(String[]::new));
    }

    static JsonNode json(Cli c) throws Exception {
        assertThat(c.exit()).as(c.err()).isZero();
        return JSON.readTree(c.out());
    }

    long asset(String name) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT id FROM asset WHERE name = :n").bind("n", name).mapTo(Long.class).one());
    }

    int acs(String name) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT criticality_score FROM asset WHERE name = :n").bind("n", name)
                .mapTo(Integer.class).one());
    }

    AssetExplanation explain(String name) {
        return new RiskEngine(db.jdbi(), Clock.systemUTC()).explain(asset(name));
    }

    @Test
    void shouldScoreServersByTheirApplicationsAndFallBackWhenARelationGoes() throws Exception {
        now.fail("cmdb_ci_server", 2, 429, "1", 1);

        JsonNode report = json(sync("--json"));

        assertThat(report.get("tagsCreated")).extracting(JsonNode::asText)
                .containsExactly("Business Applications", "Business: Payroll", "Business: Reporting", "Business: Wiki");
        assertThat(now.requests("cmdb_ci_server")).extracting(FakeServiceNow.Request::offset).containsExactly(0L, 2L, 2L, 4L);
        assertThat(acs("pay-db-01")).isEqualTo(5);
        assertThat(explain("pay-db-01").criticality().setBy()).containsExactly("Business: Payroll");
        assertThat(explain("pay-db-01").text()).contains("ACS 5 (set by tag Business: Payroll)");
        assertThat(acs("wiki-01")).isEqualTo(2);
        assertThat(explain("wiki-01").criticality().setBy()).as("2 from its application, not the default").containsExactly("Business: Wiki");
        assertThat(acs("pay-app-01")).isEqualTo(5);
        assertThat(report.get("acsChanges").findValuesAsText("name")).containsExactly("pay-db-01", "pay-app-01");
        assertThat(report.get("unmatched").findValuesAsText("sysId")).containsExactly("s4");
        assertThat(report.get("matchedBy").get("fqdn").asInt()).isEqualTo(1);
        JsonNode shown = json(regalia("asset", "show", String.valueOf(asset("pay-app-01")), "--json"));
        assertThat(shown.get("attributes").get("business.application").asText()).isEqualTo("Payroll, Reporting");
        assertThat(shown.get("attributes").get("business.criticality").asText()).isEqualTo("1 - most critical");
        int riskWithPayroll = shown.get("riskScore").asInt();

        now.remove("cmdb_rel_ci", r -> r.get("sys_id").equals("r1"));
        JsonNode again = json(sync("--json"));

        assertThat(again.get("memberships")).hasSize(1);
        assertThat(again.get("memberships").get(0).get("tag").asText()).isEqualTo("Business: Payroll");
        assertThat(again.get("memberships").get(0).get("removed").findValuesAsText("name")).containsExactly("pay-db-01");
        assertThat(again.get("acsChanges").get(0).get("acsBefore").asInt()).isEqualTo(5);
        assertThat(again.get("acsChanges").get(0).get("acsAfter").asInt()).isEqualTo(2);
        assertThat(acs("pay-db-01")).isEqualTo(2);
        assertThat(explain("pay-db-01").criticality().isDefault()).isTrue();
        assertThat(json(regalia("asset", "show", String.valueOf(asset("pay-db-01")), "--json")).get("riskScore").asInt())
                .isLessThan(riskWithPayroll);
    }

    @Test
    void shouldChangeNothingWhenServiceNowFailsAfterTheFirstPage() throws Exception {
        json(sync("--json"));
        now.remove("cmdb_rel_ci", r -> r.get("sys_id").equals("r1")); // a sync that got through would change things
        now.application("a4", "Billing", "2 - somewhat critical", null);
        String before = TableDump.of(db.jdbi(), "cmdb_sync");
        List<String> syncsBefore = TableDump.rows(db.jdbi(), "cmdb_sync");
        now.fail("cmdb_ci_server", 2, 500, null, -1);

        Cli failed = sync("--attempts", "3");

        assertThat(failed.exit()).isEqualTo(2);
        assertThat(failed.err().strip()).isEqualTo("regalia: ServiceNow cmdb_ci_server (offset 2): HTTP 500: Transaction cancelled - "
                + "request carried Authorization: Basic ***, still after 3 attempts");
        assertThat(now.requests("cmdb_ci_server").stream().filter(r -> r.offset() == 2)).hasSize(3 + 1);
        assertThat(TableDump.of(db.jdbi(), "cmdb_sync")).isEqualTo(before);
        List<String> syncsAfter = TableDump.rows(db.jdbi(), "cmdb_sync");
        assertThat(syncsAfter).hasSize(syncsBefore.size() + 1).containsAll(syncsBefore);
        JsonNode status = json(regalia("cmdb", "status", "--json"));
        assertThat(status.get("outcome").asText()).isEqualTo("FAILED");
        assertThat(status.get("error").asText()).contains("HTTP 500");
    }

    @Test
    void shouldReportInADryRunExactlyWhatTheSyncThenDoes() throws Exception {
        for (int round = 0; round < 2; round++) {
            String before = TableDump.of(db.jdbi());
            ObjectNode dry = (ObjectNode) json(sync("--dry-run", "--json"));
            assertThat(TableDump.of(db.jdbi())).as("a dry run changes nothing").isEqualTo(before);
            ObjectNode real = (ObjectNode) json(sync("--json"));

            assertThat(dry.remove("dryRun").asBoolean()).isTrue();
            assertThat(real.remove("dryRun").asBoolean()).isFalse();
            assertThat(dry).isEqualTo(real);
            assertThat(real.get("memberships")).isNotEmpty();
            // the second round: a relation gone, an application more critical
            now.remove("cmdb_rel_ci", r -> r.get("sys_id").equals("r1"));
            now.remove("cmdb_ci_business_app", r -> r.get("sys_id").equals("a2"));
            now.application("a2", "Wiki", "2 - somewhat critical", "IT Ops");
        }
        Cli text = sync("--dry-run");
        assertThat(text.out()).startsWith("dry run: nothing was changed").contains("no changes");
    }

    @Test
    void shouldEditTheMappingAndRescoreAtOnce() throws Exception {
        json(sync("--json"));
        Cli shown = regalia("cmdb", "mapping", "show");
        assertThat(shown.out()).contains("mapping version 1").containsPattern("1 - most critical\\s+ACS 5");

        Cli set = regalia("cmdb", "mapping", "set", "1 - most critical", "4");

        assertThat(set.exit()).as(set.err()).isZero();
        assertThat(set.out()).contains("mapping version 2").contains("criticality Business: Payroll: 5 -> 4")
                .contains("ACS pay-db-01 (#" + asset("pay-db-01") + "): 5 -> 4");
        assertThat(acs("pay-db-01")).isEqualTo(4);
        assertThat(json(regalia("cmdb", "mapping", "show", "--history", "--json"))).hasSize(2);
        JsonNode none = json(regalia("cmdb", "mapping", "set", "4 - not critical", "none", "--json"));
        assertThat(none.get("criticalityChanges").get(0).get("after").isNull()).isTrue();
        assertThat(explain("wiki-01").criticality().isDefault()).isTrue();
        Cli bad = regalia("cmdb", "mapping", "set", "1 - most critical", "9");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("ACS must be 1-5, got 9");
    }

    @Test
    void shouldImportTheSameContentFromACsv() throws Exception {
        JsonNode report = json(regalia("cmdb", "import", fixture("applications.csv").toString(), "--json"));

        assertThat(report.get("tagsCreated")).extracting(JsonNode::asText)
                .containsExactly("Business Applications", "Business: Payroll", "Business: Wiki");
        assertThat(report.get("unmatched").findValuesAsText("name")).containsExactly("ghost-01");
        assertThat(acs("pay-db-01")).isEqualTo(5);
        assertThat(acs("pay-app-01")).isEqualTo(5);
        assertThat(explain("wiki-01").criticality().setBy()).containsExactly("Business: Wiki");
        assertThat(regalia("cmdb", "import", "--help").out()).contains("hostname, fqdn, ip, serial_number").contains("criticality");
        Path bad = Files.writeString(dir.resolve("bad.csv"), "application,hostname\n,web-01\n");
        Cli refused = regalia("cmdb", "import", bad.toString());
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains(bad + ":2:1: no application name");
    }

    @Test
    void shouldSignInWithATokenAndNeverPrintASecret() throws Exception {
        Path token = Files.writeString(dir.resolve("token"), FakeServiceNow.TOKEN);
        Cli ok = regalia("cmdb", "sync", "--servicenow", now.url(), "--token-file", token.toString());
        assertThat(ok.exit()).as(ok.err()).isZero();
        assertThat(now.requests()).allSatisfy(r -> assertThat(r.authorization()).startsWith("Bearer "));
        assertThat(ok.out()).contains("tags created: Business Applications, Business: Payroll");

        Path wrong = Files.writeString(dir.resolve("wrong"), "not-the-password-1234");
        Cli refused = regalia("cmdb", "sync", "--servicenow", now.url(), "--user", FakeServiceNow.USER, "--password-file", wrong.toString());
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains("refused the credentials (HTTP Basic as user 'regalia-sync'): HTTP 401");
        assertThat(refused.out() + refused.err()).doesNotContain("not-the-password-1234").doesNotContain(FakeServiceNow.TOKEN);

        Cli missing = regalia("cmdb", "sync", "--servicenow", now.url());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("no ServiceNow credentials");
    }
}
