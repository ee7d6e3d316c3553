package io.regalia.store.qql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.regalia.core.qql.FieldCatalog;
import io.regalia.core.qql.FieldCatalog.Field;
import io.regalia.core.qql.FieldCatalog.Type;
import io.regalia.core.qql.Qql;
import io.regalia.core.qql.QqlException;
import io.regalia.core.qql.Query;
import io.regalia.core.qql.Value;
import io.regalia.core.report.BadInputException;
import io.regalia.store.testing.TestDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class QqlSqlTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-15T12:00:00Z"), ZoneOffset.UTC);

    @BeforeEach
    void insertEstate() {
        EstateRows.insert(db.jdbi(), QqlSqlExamplesTest.specEstate());
    }

    List<Long> run(String where, Map<String, Object> params) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT a.id FROM asset a WHERE " + where + " ORDER BY a.id")
                .bindMap(params).mapTo(Long.class).list());
    }

    @Test
    void shouldKeepUserTextOutOfTheSqlAndBindItAsAParameter() {
        String hostile = "x' OR 1=1; DROP TABLE asset; --";
        SqlPredicate p = QqlSql.compile("asset.name:\"" + hostile + "\" or `" + hostile + "`", CLOCK);

        assertThat(p.sql()).doesNotContain("DROP").doesNotContain("1=1");
        assertThat(p.params()).containsValues("%" + hostile + "%", hostile);
        assertThat(run(p.sql(), p.params())).isEmpty();
        assertThat(run("true", Map.of())).hasSize(7);
    }

    @Test
    void shouldNameParametersInOrderAndBindListsAsJavaArrays() {
        SqlPredicate p = QqlSql.compile("asset.type:[HOST, CONTAINER] and asset.riskScore > 100", CLOCK);

        assertThat(p.params()).containsOnlyKeys("q0", "q1");
        assertThat(p.params().get("q0")).isEqualTo(new String[] {"HOST", "CONTAINER"});
        assertThat(p.params().get("q1")).isEqualTo(100L);
        assertThat(p.sql()).contains(":q0").contains(":q1");
    }

    @Test
    void shouldLetTwoPredicatesWithTheirOwnPrefixesShareOneStatement() {
        SqlPredicate servers = QqlSql.compile(Qql.parse("operatingSystem.category:Server"), CLOCK, "t1_");
        SqlPredicate windows = QqlSql.compile(Qql.parse("operatingSystem:windows"), CLOCK, "t2_");
        Map<String, Object> params = new HashMap<>(servers.params());
        params.putAll(windows.params());

        assertThat(servers.params()).allSatisfy((name, value) -> assertThat(name).startsWith("t1_"));
        assertThat(run(servers.sql() + " AND NOT " + windows.sql(), params)).containsExactly(1L, 5L, 7L);
    }

    @Test
    void shouldRefuseAPrefixThatCouldCollideOrIsNotAnIdentifier() {
        Query q = Qql.parse("asset.name:x");
        assertThatThrownBy(() -> QqlSql.compile(q, CLOCK, "t1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> QqlSql.compile(q, CLOCK, "t-")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> QqlSql.compile(q, CLOCK, "")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldCompileAndRunEveryFieldOfTheCatalog() {
        for (Field field : FieldCatalog.standard().fields()) {
            for (Query q : List.of(new Query.IsNull(field, true), new Query.IsNull(field, false),
                    new Query.Match(field, new Value.Present()))) {
                SqlPredicate p = QqlSql.compile(q, CLOCK);
                assertThat(run(p.sql(), p.params())).as(q.toString()).isNotNull();
            }
        }
    }

    @Test
    void shouldNameAFieldThatHasNoColumn() {
        Field unstored = new Field("asset.color", Type.TEXT, null, List.of());
        Query q = new Query.Match(unstored, new Value.Text("red", Value.TextMatch.CONTAINS));

        assertThatThrownBy(() -> QqlSql.compile(q, CLOCK)).isInstanceOf(BadInputException.class)
                .hasMessage("qql: asset.color is not stored yet, so queries cannot search it");
    }

    @Test
    void shouldReportABadQueryWithItsColumnBeforeAnySql() {
        assertThatThrownBy(() -> QqlSql.compile("operatingSystem.category:", CLOCK)).isInstanceOf(QqlException.class)
                .hasMessage("qql: column 26: expected a value after ':' but found end of query");
    }

    @Test
    void shouldEscapeLikeWildcardsAndTurnStarsIntoThem() {
        assertThat(PredicateWriter.likeLiteral("50%_a\\b")).isEqualTo("50\\%\\_a\\\\b");
        assertThat(PredicateWriter.glob("*prod_db*")).isEqualTo("%prod\\_db%");
        assertThat(PredicateWriter.glob("a**b")).isEqualTo("a%%b");
    }

    @Test
    void shouldAskTheSmallDictionaryFirstForOperatingSystemsAndSoftware() {
        assertThat(QqlSql.compile("operatingSystem:windows", CLOCK).sql())
                .isEqualTo("(a.os_id IS NOT NULL AND a.os_id = ANY (ARRAY(SELECT osr.id FROM os_release osr WHERE osr.name ILIKE :q0)))");
        assertThat(QqlSql.compile("software:(name:OpenSSL and version:1.0*)", CLOCK).sql()).isEqualTo(
                "EXISTS (SELECT 1 FROM asset_software asw WHERE asw.asset_id = a.id AND asw.software_id = ANY "
                        + "(ARRAY(SELECT swp.id FROM software_product swp WHERE (swp.name ILIKE :q0 AND coalesce(swp.version ILIKE :q1, false)))))");
    }
}
