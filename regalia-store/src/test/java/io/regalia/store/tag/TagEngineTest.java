package io.regalia.store.tag;

import static io.regalia.store.tag.Estate.members;
import static io.regalia.store.tag.Estate.names;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.regalia.core.model.HostObservation;
import io.regalia.core.model.LifecycleStage;
import io.regalia.store.inventory.ImportService;
import io.regalia.store.risk.RiskEngine;
import io.regalia.store.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TagEngineTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();

    /** A clock tests can move forward, for rules with relative dates. */
    static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-12-01T00:00:00Z");

        @Override public ZoneId getZone() { return ZoneOffset.UTC; }

        @Override public Clock withZone(ZoneId zone) { return this; }

        @Override public Instant instant() { return now; }
    }

    MovableClock clock;
    RiskEngine risk;
    ImportService imports;
    TagService tags;

    @BeforeEach
    void setUp() {
        clock = new MovableClock();
        risk = new RiskEngine(db.jdbi(), clock);
        imports = new ImportService(db.jdbi(), risk, clock);
        tags = new TagService(db.jdbi(), risk, clock);
    }

    Tag create(String name, String type, String rule, Integer criticality) {
        return tags.create(new TagChange(name, Optional.ofNullable(criticality), Optional.empty(), Optional.empty(),
                Optional.of(TagRule.of(type, rule))), "test");
    }

    int score(String column, String asset) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT " + column + " FROM asset WHERE name = :n").bind("n", asset)
                .mapTo(Integer.class).one());
    }

    long tagCount() {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM tag").mapTo(Long.class).one());
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = ';', value = {
            "GLOBAL_ASSET_VIEW ; operatingSystem.category:Server and hardware.category2:`Server` ; db-prod-db-01,web-01",
            "GLOBAL_ASSET_VIEW ; software:(name:OpenSSL) ; web-01",
            "GLOBAL_ASSET_VIEW ; asset.name:*prod-db* ; db-prod-db-01",
            "GLOBAL_ASSET_VIEW ; cloud.provider:AWS and cloud.hasPublicIp:true ; web-01",
            "NAME_CONTAINS ; prod ; db-prod-db-01",
            "NAME_CONTAINS ; web0 ; web-01",
            "OS_REGEX ; ^windows (server|10) ; laptop-7,web-01",
            "OS_REGEX ; ubuntu 2[0-9]\\.04 ; db-prod-db-01",
            "NETWORK_RANGE ; 10.0.0.0/24, 192.168.1.40-192.168.1.60, 2001:db8::10 ; laptop-7,v6-host,web-01",
            "NETWORK_RANGE ; 10.0.9.7 ; printer-9",
            "OPEN_PORTS ; 22,8080-8090 ; db-prod-db-01,laptop-7",
            "INSTALLED_SOFTWARE ; openssl ; web-01",
            "INSTALLED_SOFTWARE ; google* ; laptop-7",
            "VULN_EXIST ; 38170 ; db-prod-db-01",
            "VULN_EXIST ; cve-2021-44228 ; web-01",
            "CLOUD_ASSET ; AWS ; web-01",
            "CLOUD_ASSET ; azure: cloud.hasPublicIp:false ; db-prod-db-01",
    })
    void shouldMatchTheRightAssetsForEachRuleType(String type, String rule, String expected) {
        Estate.loadAll(imports);
        Tag tag = create("Rule", type, rule, null);
        assertThat(members(db.jdbi(), "Rule")).isEqualTo(expected);
        assertThat(tag.assets()).isEqualTo(expected.split(",").length);
        assertThat(tag.ruleType()).isEqualTo(type);
    }

    @Test
    void shouldReachTheSameMembersOnTouchedAssetsInOnePassAsRuleByRuleOnAll() {
        Estate.loadAll(imports);
        String[][] rules = {
                {"GLOBAL_ASSET_VIEW", "operatingSystem.category:Server and hardware.category2:`Server`"},
                {"GLOBAL_ASSET_VIEW", "software:(name:OpenSSL)"},
                {"GLOBAL_ASSET_VIEW", "vulnerabilities.vulnerability.cveIds:CVE-2021-44228 or openPorts.port:22"},
                {"NAME_CONTAINS", "prod"},
                {"OS_REGEX", "^windows (server|10)"},
                {"NETWORK_RANGE", "10.0.0.0/24, 192.168.1.40-192.168.1.60, 2001:db8::10"},
                {"OPEN_PORTS", "22,8080-8090"},
                {"INSTALLED_SOFTWARE", "google*"},
                {"VULN_EXIST", "38170"},
                {"CLOUD_ASSET", "azure: cloud.hasPublicIp:false"},
        };
        for (int i = 0; i < rules.length; i++) create("R" + i, rules[i][0], rules[i][1], null);
        // reads R0 and R3, so it must be evaluated after them, not in the same pass
        create("R reads", "GLOBAL_ASSET_VIEW", "tags.name:`R0` and not tags.name:`R3`", null);
        Map<String, String> expected = new java.util.TreeMap<>();
        for (int i = 0; i < rules.length; i++) expected.put("R" + i, String.valueOf(members(db.jdbi(), "R" + i)));
        expected.put("R reads", String.valueOf(members(db.jdbi(), "R reads")));
        assertThat(expected.values()).filteredOn(m -> !m.equals("null")).hasSizeGreaterThan(8);

        // every rule tag gets exactly the assets it lacked: each membership is now wrong
        db.jdbi().useHandle(h -> {
            h.execute("CREATE TEMP TABLE was AS SELECT t.* FROM asset_tag t JOIN tag g ON g.id = t.tag_id WHERE g.name LIKE 'R%'");
            h.execute("DELETE FROM asset_tag WHERE tag_id IN (SELECT id FROM tag WHERE name LIKE 'R%')");
            h.execute("""
                    INSERT INTO asset_tag (asset_id, tag_id, source) SELECT a.id, g.id, 'rule' FROM asset a, tag g
                    WHERE g.name LIKE 'R%' AND NOT EXISTS (SELECT 1 FROM was w WHERE w.asset_id = a.id AND w.tag_id = g.id)""");
        });
        List<Long> all = db.jdbi().withHandle(h -> h.createQuery("SELECT id FROM asset").mapTo(Long.class).list());
        assertThat(all.size()).isLessThanOrEqualTo(TagEngine.ONE_PASS_MAX_ASSETS);

        java.util.Set<Long> moved = db.jdbi().inTransaction(h -> new TagEngine(clock).evaluate(h, all, "test"));

        for (var e : expected.entrySet()) assertThat(String.valueOf(members(db.jdbi(), e.getKey()))).as(e.getKey()).isEqualTo(e.getValue());
        assertThat(moved).containsExactlyInAnyOrderElementsOf(all);
        // each tag's history tells its own count, though all the tags' changes were written together
        for (String tag : expected.keySet()) {
            List<Map<String, Object>> history = tags.history(tag);
            String after = (String) history.get(history.size() - 1).get("after");
            long count = db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM asset_tag t JOIN tag g ON g.id = t.tag_id"
                    + " WHERE g.name = :name").bind("name", tag).mapTo(Long.class).one());
            assertThat(after).as(tag).contains("\"members\": " + count + ",");
        }
    }

    @Test
    void shouldGiveAStaticTagNoMembersUntilAssigned() {
        Estate.loadAll(imports);
        create("Hand", "STATIC", null, null);
        assertThat(members(db.jdbi(), "Hand")).isNull();
        assertThatThrownBy(() -> TagRule.of("STATIC", "anything")).hasMessageContaining("STATIC tag takes no rule");
    }

    @Test
    void shouldRefuseGroovyNamingTheSupportedTypes() {
        assertThatThrownBy(() -> TagRule.of("groovy", "return true"))
                .isInstanceOf(TagException.class)
                .hasMessageContaining("GROOVY is not supported")
                .hasMessageContaining("GLOBAL_ASSET_VIEW, NAME_CONTAINS, OS_REGEX, NETWORK_RANGE");
        assertThatThrownBy(() -> TagRule.of("ASSET_INVENTORY", "x")).hasMessageContaining("unknown rule type 'ASSET_INVENTORY'")
                .hasMessageContaining("supported types: STATIC");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = ';', value = {
            "OS_REGEX ; (unclosed ; is not a valid regular expression: Unclosed group",
            "NETWORK_RANGE ; 10.0.0.300 ; '10.0.0.300' is not an IP address",
            "NETWORK_RANGE ; 10.0.0.5/8 ; bits set past /8",
            "NETWORK_RANGE ; 10.0.0.9-10.0.0.1 ; the first address is after the last",
            "NETWORK_RANGE ; 10.0.0.1-2001:db8::1 ; both ends must be IPv4 or both IPv6",
            "NETWORK_RANGE ; intranet.example ; 'intranet.example' is not an IP address",
            "NETWORK_RANGE ; 10.0.0.1,,10.0.0.2 ; has an empty entry 2",
            "OPEN_PORTS ; 22,abc ; entry 2 'abc': expected a port",
            "OPEN_PORTS ; 70000 ; ports are 0-65535",
            "OPEN_PORTS ; 90-80 ; the first port is after the last",
            "VULN_EXIST ; log4shell ; neither a QID (a number) nor a CVE id",
            "CLOUD_ASSET ; ALIBABA ; 'ALIBABA' is not a cloud provider",
            "GLOBAL_ASSET_VIEW ; operatingSystem.category: ; GLOBAL_ASSET_VIEW rule: qql: column 26",
    })
    void shouldRefuseAnInvalidRuleOnSaveWithOneLine(String type, String rule, String reason) {
        assertThatThrownBy(() -> TagRule.of(type, rule))
                .isInstanceOf(TagException.class)
                .hasMessageContaining(reason)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void shouldRefuseARegexPostgresCannotRunAndSaveNothing() {
        TagRule possessive = TagRule.of("OS_REGEX", "^win.*+server"); // Java accepts possessive quantifiers
        assertThatThrownBy(() -> tags.create(new TagChange("Win", Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(possessive)), "test"))
                .isInstanceOf(TagException.class)
                .hasMessageContaining("is not a regular expression PostgreSQL accepts (invalid regular expression");
        assertThat(tagCount()).isZero();
    }

    @Test
    void shouldEvaluateTagsThatReadOtherTagsAfterThem() {
        Estate.loadAll(imports);
        // "A exposed" sorts before "Servers" but must run after it.
        create("Servers", "GLOBAL_ASSET_VIEW", "operatingSystem.category:Server", null);
        create("A exposed", "GLOBAL_ASSET_VIEW", "tags.name:`Servers` and cloud.hasPublicIp:true", 4);
        assertThat(members(db.jdbi(), "A exposed")).isEqualTo("web-01");

        // One import changes an asset's OS to a server: both tags take it in the same import.
        HostObservation laptop = Estate.laptop7();
        Estate.load(imports, "laptop-becomes-server", new HostObservation(laptop.externalId(), laptop.name(), laptop.hostname(),
                null, null, laptop.type(), null, laptop.interfaces(),
                Estate.os("Windows Server 2022", "Windows", "Server", LifecycleStage.GA), laptop.hardware(),
                new io.regalia.core.model.CloudFacts(io.regalia.core.model.CloudProvider.GCP, null, null, "gcp-7", null, "34.1.1.1"),
                null, null, Estate.SEEN, null, List.of(), null, List.of()));
        assertThat(members(db.jdbi(), "Servers")).isEqualTo(names("db-prod-db-01", "laptop-7", "web-01"));
        assertThat(members(db.jdbi(), "A exposed")).isEqualTo(names("laptop-7", "web-01"));
        assertThat(score("criticality_score", "laptop-7")).isEqualTo(4);
    }

    @Test
    void shouldReEvaluateARuleReadingATagCreatedLater() {
        Estate.loadAll(imports);
        create("Crown servers", "GLOBAL_ASSET_VIEW", "tags.name:`Crown`", 5);
        assertThat(members(db.jdbi(), "Crown servers")).isNull();
        create("Crown", "NAME_CONTAINS", "db-", null);
        assertThat(members(db.jdbi(), "Crown servers")).isEqualTo("db-prod-db-01");
        assertThat(score("criticality_score", "db-prod-db-01")).isEqualTo(5);
    }

    @Test
    void shouldRefuseCyclesNamingTheTagsInThem() {
        create("Alpha", "GLOBAL_ASSET_VIEW", "tags.name:`Beta`", null);
        create("Beta", "NAME_CONTAINS", "web", null);
        assertThatThrownBy(() -> tags.update("Beta", new TagChange(null, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(TagRule.of("GLOBAL_ASSET_VIEW", "tags.name:`Alpha`"))), "test"))
                .isInstanceOf(TagException.class)
                .hasMessageContaining("cycle: Alpha -> Beta -> Alpha");
        assertThat(tags.get("Beta").ruleType()).isEqualTo("NAME_CONTAINS");

        assertThatThrownBy(() -> create("Production", "GLOBAL_ASSET_VIEW", "tags.name:prod*", null))
                .hasMessageContaining("cycle: Production -> Production");
        assertThat(tagCount()).isEqualTo(2);

        // A rename can close a cycle too.
        create("Gamma", "GLOBAL_ASSET_VIEW", "tags.name:`Delta`", null);
        assertThatThrownBy(() -> tags.update("Beta", new TagChange("Delta", Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(TagRule.of("GLOBAL_ASSET_VIEW", "tags.name:`Gamma`"))), "test"))
                .hasMessageContaining("cycle: Delta -> Gamma -> Delta");
    }

    @Test
    void shouldGiveAnAssetTheHighestCriticalityOfItsTagsAndDropWhenItLeavesOne() {
        Estate.loadAll(imports);
        long web = db.jdbi().withHandle(h -> h.createQuery("SELECT id FROM asset WHERE name = 'web-01'").mapTo(Long.class).one());
        int riskAlone = score("risk_score", "web-01");
        tags.create(new TagChange("Tier 3", Optional.of(3), Optional.empty(), Optional.empty()), "test");
        tags.assign("Tier 3", List.of(web), "test");
        assertThat(score("criticality_score", "web-01")).isEqualTo(3);
        int risk3 = score("risk_score", "web-01");
        create("Crown", "NAME_CONTAINS", "web-01", 5);
        assertThat(score("criticality_score", "web-01")).isEqualTo(5);
        int risk5 = score("risk_score", "web-01");
        assertThat(risk5).isGreaterThan(risk3).isGreaterThan(riskAlone);

        tags.update("Crown", new TagChange(null, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(TagRule.of("NAME_CONTAINS", "no-such-host"))), "test");
        assertThat(members(db.jdbi(), "Crown")).isNull();
        assertThat(score("criticality_score", "web-01")).isEqualTo(3);
        assertThat(score("risk_score", "web-01")).isEqualTo(risk3);
    }

    @Test
    void shouldMoveCriticalityAndTruRiskInTheImportThatMakesAnAssetMatch() {
        create("EOL systems", "GLOBAL_ASSET_VIEW", "operatingSystem.lifecycle.stage:EOL", 5);
        Estate.load(imports, "inventory-1", Estate.db01(LifecycleStage.GA));
        assertThat(members(db.jdbi(), "EOL systems")).isNull();
        int acsBefore = score("criticality_score", "db-prod-db-01");
        int riskBefore = score("risk_score", "db-prod-db-01");
        assertThat(acsBefore).isEqualTo(2);
        assertThat(riskBefore).isPositive();

        Estate.load(imports, "inventory-2", Estate.db01(LifecycleStage.EOL));
        assertThat(members(db.jdbi(), "EOL systems")).isEqualTo("db-prod-db-01");
        assertThat(score("criticality_score", "db-prod-db-01")).isEqualTo(5);
        assertThat(score("risk_score", "db-prod-db-01")).isGreaterThan(riskBefore);

        Estate.load(imports, "inventory-3", Estate.db01(LifecycleStage.GA));
        assertThat(members(db.jdbi(), "EOL systems")).isNull();
        assertThat(score("criticality_score", "db-prod-db-01")).isEqualTo(acsBefore);
        assertThat(score("risk_score", "db-prod-db-01")).isEqualTo(riskBefore);

        List<Map<String, Object>> history = tags.history("EOL systems");
        assertThat(history).extracting(r -> r.get("action")).containsExactly("create", "membership", "membership");
        assertThat(history.get(1).get("actor")).isEqualTo("import:inventory-2");
        assertThat((String) history.get(1).get("after")).contains("\"added\": 1").contains("\"members\": 1");
        assertThat((String) history.get(2).get("after")).contains("\"removed\": 1").contains("\"members\": 0");
        assertThat(risk.rescoreAll().changed()).isZero();
    }

    @Test
    void shouldPreviewExactlyWhatSavingThenDoes() {
        Estate.loadAll(imports);
        tags.create(new TagChange("Tier 4", Optional.of(4), Optional.empty(), Optional.empty()), "test");
        tags.assign("Tier 4", List.of(assetId("laptop-7")), "test");
        TagRule rule = TagRule.of("OS_REGEX", "^windows");
        Preview preview = tags.preview(rule, 5, null);
        assertThat(tagCount()).isEqualTo(1);
        assertThat(preview.matching()).isEqualTo(2);
        assertThat(preview.added()).extracting(Preview.AssetRef::name).containsExactlyInAnyOrder("web-01", "laptop-7");
        assertThat(preview.removed()).isEmpty();
        assertThat(preview.scores()).extracting(Preview.ScoreChange::name).containsExactlyInAnyOrder("web-01", "laptop-7");
        Preview.ScoreChange laptop = preview.scores().stream().filter(s -> s.name().equals("laptop-7")).findFirst().orElseThrow();
        assertThat(laptop.acsBefore()).isEqualTo(4);
        assertThat(laptop.acsAfter()).isEqualTo(5);
        assertThat(preview.totals().acsRaised()).isEqualTo(2);

        Tag saved = create("Windows", "OS_REGEX", "^windows", 5);
        assertThat(saved.assets()).isEqualTo(preview.matching());
        assertThat(members(db.jdbi(), "Windows")).isEqualTo(names("laptop-7", "web-01"));
        for (Preview.ScoreChange s : preview.scores()) {
            assertThat(score("criticality_score", s.name())).isEqualTo(s.acsAfter());
            assertThat(score("risk_score", s.name())).isEqualTo(s.riskAfter());
        }

        // Against an existing tag: who joins, who leaves.
        Preview narrower = tags.preview(TagRule.of("OS_REGEX", "server|ubuntu"), 3, "Windows");
        assertThat(narrower.matching()).isEqualTo(2);
        assertThat(narrower.added()).extracting(Preview.AssetRef::name).containsExactly("db-prod-db-01");
        assertThat(narrower.removed()).extracting(Preview.AssetRef::name).containsExactly("laptop-7");
        assertThat(members(db.jdbi(), "Windows")).isEqualTo(names("laptop-7", "web-01"));
        tags.update("Windows", new TagChange(null, Optional.of(3), Optional.empty(), Optional.empty(),
                Optional.of(TagRule.of("OS_REGEX", "server|ubuntu"))), "test");
        assertThat(members(db.jdbi(), "Windows")).isEqualTo(names("db-prod-db-01", "web-01"));
        for (Preview.ScoreChange s : narrower.scores()) {
            assertThat(score("criticality_score", s.name())).as(s.name()).isEqualTo(s.acsAfter());
            assertThat(score("risk_score", s.name())).as(s.name()).isEqualTo(s.riskAfter());
        }
        // laptop-7 leaves the 5 and falls back to the 4 of its static tag; the others take the new 3
        assertThat(narrower.scores()).extracting(s -> s.name() + " " + s.acsBefore() + "->" + s.acsAfter())
                .containsExactlyInAnyOrder("db-prod-db-01 2->3", "web-01 5->3", "laptop-7 5->4");
        assertThat(narrower.totals().acsLowered()).isEqualTo(2);
    }

    @Test
    void shouldReEvaluateRelativeDatesWhenAsked() {
        Estate.loadAll(imports);
        create("Stale", "GLOBAL_ASSET_VIEW", "asset.lastSeen < now-30d", null);
        assertThat(members(db.jdbi(), "Stale")).isNull();
        clock.now = clock.now.plus(Duration.ofDays(45));
        List<MembershipChange> changes = tags.evaluate(null, "test");
        assertThat(changes).containsExactly(new MembershipChange("Stale", 5, 0, 5));
        assertThat(tags.evaluate("Stale", "test")).isEmpty();
        assertThatThrownBy(() -> tags.evaluate("nope", "test")).hasMessageContaining("no tag named 'nope'");
    }

    @Test
    void shouldKeepMembersWhenARuleTagBecomesStaticAndRefuseHandAssignmentWhileDynamic() {
        Estate.loadAll(imports);
        create("Web", "NAME_CONTAINS", "web", 4);
        assertThatThrownBy(() -> tags.assign("Web", List.of(assetId("printer-9")), "test"))
                .hasMessageContaining("cannot be assigned by hand");
        tags.update("Web", new TagChange(null, Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(TagRule.STATIC)), "test");
        assertThat(members(db.jdbi(), "Web")).isEqualTo("web-01");
        assertThat(tags.assign("Web", List.of(assetId("printer-9")), "test")).isEqualTo(1);
    }

    long assetId(String name) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT id FROM asset WHERE name = :n").bind("n", name).mapTo(Long.class).one());
    }
}
