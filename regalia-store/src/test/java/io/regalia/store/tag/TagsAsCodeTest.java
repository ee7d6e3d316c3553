package io.regalia.store.tag;

import static io.regalia.store.tag.Estate.members;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.regalia.core.report.BadInputException;
import io.regalia.store.inventory.ImportService;
import io.regalia.store.risk.RiskEngine;
import io.regalia.store.testing.TestDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TagsAsCodeTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();

    static final String FILE = """
            format: regalia-tags/1
            tags:
            - name: Crown jewels
              criticality: 5
              color: "#B00020"
              children:
              - name: Production databases
                ruleType: GLOBAL_ASSET_VIEW
                rule: asset.name:*prod-db*
              - name: Exposed servers
                ruleType: GLOBAL_ASSET_VIEW
                rule: "tags.name:`Servers` and cloud.hasPublicIp:true"
                criticality: 4
            - name: Servers
              ruleType: GLOBAL_ASSET_VIEW
              rule: operatingSystem.category:Server and hardware.category2:`Server`
            - name: Windows
              ruleType: OS_REGEX
              rule: ^windows (server|10)
              criticality: 3
            - name: Office network
              ruleType: NETWORK_RANGE
              rule: 10.0.0.0/24, 192.168.1.40-192.168.1.60
            - name: Remote access
              ruleType: OPEN_PORTS
              rule: 22,3389
            """;

    TagService tags;
    ImportService imports;

    @BeforeEach
    void setUp() {
        Clock clock = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);
        RiskEngine risk = new RiskEngine(db.jdbi(), clock);
        tags = new TagService(db.jdbi(), risk, clock);
        imports = new ImportService(db.jdbi(), risk, clock);
    }

    ApplyResult apply(String yaml, boolean dryRun) {
        return tags.apply(TagsAsCode.read(yaml, "tags.yaml"), "tags.yaml", dryRun, "test");
    }

    /** Everything an apply may change: tags, membership, scores and history. */
    Map<String, Object> state() {
        return db.jdbi().withHandle(h -> h.createQuery("""
                SELECT (SELECT string_agg(concat_ws('|', t.name, p.name, t.criticality_score, t.color, t.rule_type, t.rule_text), ';'
                                          ORDER BY t.name) FROM tag t LEFT JOIN tag p ON p.id = t.parent_id) AS tags,
                       (SELECT string_agg(t.name || '>' || x.asset_id || x.source, ';' ORDER BY t.name, x.asset_id)
                          FROM asset_tag x JOIN tag t ON t.id = x.tag_id) AS members,
                       (SELECT string_agg(id || ':' || criticality_score || '/' || risk_score, ';' ORDER BY id) FROM asset) AS scores,
                       (SELECT count(*) FROM tag_history) AS history""").mapToMap().one());
    }

    @Test
    void shouldCreateTheWholeTreeAndEvaluateItsRules() {
        Estate.loadAll(imports);
        ApplyResult result = apply(FILE, false);
        assertThat(result.changes()).hasSize(7).first().asString().isEqualTo(
                "+ create tag 'Crown jewels': criticality 5, color #B00020");
        assertThat(result.changes()).contains("+ create tag 'Production databases' under 'Crown jewels': rule GLOBAL_ASSET_VIEW 'asset.name:*prod-db*'");
        assertThat(tags.get("Exposed servers").parentName()).isEqualTo("Crown jewels");
        assertThat(members(db.jdbi(), "Exposed servers")).isEqualTo("web-01");
        assertThat(members(db.jdbi(), "Remote access")).isEqualTo("db-prod-db-01,web-01");
        assertThat(result.memberships()).extracting(MembershipChange::tag)
                .containsExactlyInAnyOrder("Production databases", "Exposed servers", "Servers", "Windows", "Office network", "Remote access");
        assertThat(apply(FILE, false).isEmpty()).as("a second apply changes nothing").isTrue();
    }

    @Test
    void shouldRoundTripExportThroughApplyWithoutChanges() {
        Estate.loadAll(imports);
        apply(FILE, false);
        tags.create(new TagChange("Finance: EMEA #1", Optional.of(2), Optional.of("Crown jewels"), Optional.of("#00ff00")), "test");
        Map<String, Object> before = state();
        String exported = TagsAsCode.write(tags.export());
        assertThat(exported).startsWith("format: regalia-tags/1\ntags:\n");
        ApplyResult again = apply(exported, false);
        assertThat(again.changes()).isEmpty();
        assertThat(state()).isEqualTo(before);
        assertThat(TagsAsCode.write(tags.export())).isEqualTo(exported);
    }

    @Test
    void shouldApplyDeclarativelyAndReportOnADryRunTheDiffARealApplyMakes() {
        Estate.loadAll(imports);
        apply(FILE, false);
        tags.create(new TagChange("Legacy", Optional.of(1), Optional.empty(), Optional.empty()), "test");
        String changed = FILE.replace("criticality: 3", "criticality: 4")
                .replace("rule: 22,3389", "rule: 22")
                .replace("""
                        - name: Office network
                          ruleType: NETWORK_RANGE
                          rule: 10.0.0.0/24, 192.168.1.40-192.168.1.60
                        """, "")
                .replace("- name: Servers\n", "- name: Servers\n  color: \"#123456\"\n");
        Map<String, Object> before = state();
        ApplyResult dry = apply(changed, true);
        assertThat(state()).as("a dry run keeps nothing").isEqualTo(before);
        ApplyResult real = apply(changed, false);
        assertThat(dry.dryRun()).isTrue();
        assertThat(real.dryRun()).isFalse();
        assertThat(dry.changes()).isEqualTo(real.changes());
        assertThat(dry.memberships()).isEqualTo(real.memberships());
        assertThat(dry.assetsRescored()).isEqualTo(real.assetsRescored());
        assertThat(real.changes()).containsExactly(
                "~ update tag 'Servers': color none -> #123456",
                "~ update tag 'Windows': criticality 3 -> 4",
                "~ update tag 'Remote access': rule OPEN_PORTS '22,3389' -> OPEN_PORTS '22'",
                "- delete tag 'Legacy' (0 members)",
                "- delete tag 'Office network' (2 members)");
        assertThat(real.memberships()).containsExactly(new MembershipChange("Remote access", 0, 1, 1));
        assertThat(members(db.jdbi(), "Remote access")).isEqualTo("db-prod-db-01");
        assertThat(apply(changed, false).isEmpty()).isTrue();
        assertThat(tags.history("Legacy")).extracting(r -> r.get("action")).containsExactly("create", "delete");
    }

    @Test
    void shouldRefuseAFileWhoseRulesReadEachOtherAndKeepNothing() {
        String cycle = """
                tags:
                - name: A
                  ruleType: GLOBAL_ASSET_VIEW
                  rule: tags.name:`B`
                - name: B
                  ruleType: GLOBAL_ASSET_VIEW
                  rule: tags.name:`A`
                """;
        assertThatThrownBy(() -> apply(cycle, false)).isInstanceOf(BadInputException.class)
                .hasMessage("tags.yaml: tag rules read each other in a cycle: A -> B -> A; change one of these rules so it no longer reads the next tag (`backticks` match one exact name)");
        assertThat(tags.list()).isEmpty();
    }

    @Test
    void shouldRefuseARegexPostgresRejectsNamingItsEntryAndKeepNothing() {
        String bad = FILE.replace("rule: ^windows (server|10)", "rule: ^windows.*+");
        assertThatThrownBy(() -> apply(bad, false))
                .hasMessageStartingWith("tags.yaml: tags[2].rule: OS_REGEX rule '^windows.*+' is not a regular expression PostgreSQL accepts");
        assertThat(tags.list()).isEmpty();
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiterString = " => ", value = {
            "- name: Crown jewels\\n  children:\\n  - name: X\\n    ruleType: GROOVY\\n    rule: 1 => tags.yaml: tags[0].children[0].ruleType: rule type GROOVY is not supported",
            "- name: X\\n  ruleType: OPEN_PORTS\\n  rule: 22,http => tags.yaml: tags[0].rule: OPEN_PORTS rule '22,http' entry 2 'http'",
            "- name: X\\n  ruleType: OS_REGEX\\n  rule: '(a' => tags.yaml: tags[0].rule: OS_REGEX rule '(a' is not a valid regular expression",
            "- name: X\\n  ruleType: NETWORK_RANGE\\n  rule: 10.1.1.1-10.1.1 => tags.yaml: tags[0].rule: NETWORK_RANGE rule '10.1.1.1-10.1.1' entry 1",
            "- name: X\\n  colour: red => tags.yaml: tags[0].colour: unknown field; expected name, ruleType, rule, criticality, color, children",
            "- name: X\\n  criticality: 9 => tags.yaml: tags[0].criticality: expected a whole number 1-5, got 9",
            "- name: X\\n  color: red => tags.yaml: tags[0].color: color must look like #RRGGBB",
            "- name: X\\n  rule: abc => tags.yaml: tags[0].ruleType: a rule needs a ruleType",
            "- criticality: 2 => tags.yaml: tags[0].name: a tag needs a name",
            "- name: X\\n- name: Y\\n  children:\\n  - name: x => tags.yaml: tags[1].children[0].name: tag 'x' is also defined at tags[0]",
            "- name: X\\n  name: Y => tags.yaml:4:7: not valid YAML: Duplicate field 'name'",
            "- name: [X => tags.yaml:3:11: not valid YAML: while parsing a flow sequence; expected ',' or ']', but got <stream end>",
    })
    void shouldNameThePathOfABadEntry(String entries, String message) {
        String yaml = "format: regalia-tags/1\ntags:\n" + entries.replace("\\n", "\n") + "\n";
        assertThatThrownBy(() -> apply(yaml, false)).isInstanceOf(BadInputException.class).hasMessageStartingWith(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThat(tags.list()).isEmpty();
    }

    @Test
    void shouldRefuseADocumentWithoutTags() {
        assertThatThrownBy(() -> apply("", false)).hasMessageContaining("tags.yaml: expected a document with 'format: regalia-tags/1'");
        assertThatThrownBy(() -> apply("format: regalia-tags/2\ntags: []\n", false))
                .hasMessage("tags.yaml: format: expected 'regalia-tags/1', got 'regalia-tags/2'");
    }

    @Test
    void shouldWriteRulesThatLookLikeYamlSyntaxSoTheyReadBack() {
        List<TagSpec> tree = List.of(new TagSpec("*star", TagRule.of("GLOBAL_ASSET_VIEW", "asset.name:*db* or asset.name: \"x #1\""), 2,
                "#abcdef", List.of(new TagSpec("true", TagRule.of("NAME_CONTAINS", "- dash"), null, null, List.of()),
                        new TagSpec("multi", TagRule.of("GLOBAL_ASSET_VIEW", "asset.name:a\nor asset.name:b"), null, null, List.of()))));
        assertThat(TagsAsCode.read(TagsAsCode.write(tree), "x.yaml")).isEqualTo(tree);
    }
}
