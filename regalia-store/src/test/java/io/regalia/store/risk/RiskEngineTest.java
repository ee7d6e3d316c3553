package io.regalia.store.risk;

import static org.assertj.core.api.Assertions.assertThat;

import io.regalia.core.model.AssetType;
import io.regalia.core.model.CloudFacts;
import io.regalia.core.model.CloudProvider;
import io.regalia.core.model.DetectionObservation;
import io.regalia.core.model.DetectionType;
import io.regalia.core.model.HostObservation;
import io.regalia.core.model.NetworkInterface;
import io.regalia.core.model.ThreatHints;
import io.regalia.core.model.VulnerabilityInfo;
import io.regalia.core.report.ReportEvent;
import io.regalia.core.risk.ScoringModel;
import io.regalia.ingest.intel.KevReader;
import io.regalia.store.intel.IntelService;
import io.regalia.store.inventory.ImportRequest;
import io.regalia.store.inventory.ImportService;
import io.regalia.store.tag.TagChange;
import io.regalia.store.tag.TagService;
import io.regalia.store.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RiskEngineTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);
    RiskEngine risk;
    ImportService imports;
    TagService tags;
    IntelService intel;

    @BeforeEach
    void setUp() {
        risk = new RiskEngine(db.jdbi(), CLOCK);
        imports = new ImportService(db.jdbi(), risk, CLOCK);
        tags = new TagService(db.jdbi(), risk);
        intel = new IntelService(db.jdbi(), risk);
    }

    static DetectionObservation finding(String cve, String cvss3, DetectionType type) {
        return new DetectionObservation(new VulnerabilityInfo("cve:" + cve, null, cve, 4, List.of(cve), null, cvss3, null,
                null, true, ThreatHints.NONE), type, null, null, null, null, null, null);
    }

    static HostObservation host(String name, String ip, CloudFacts cloud, List<DetectionObservation> detections) {
        return new HostObservation(name, name, name, null, null, AssetType.HOST, null, List.of(new NetworkInterface(ip, null, null)),
                null, null, cloud, null, null, null, null, List.of(), null, detections);
    }

    void importHosts(String name, HostObservation... hosts) {
        imports.run(new ImportRequest(name, name, "inventory"), sink -> {
            sink.accept(new ReportEvent.Header("inventory", "test", Instant.parse("2026-11-30T00:00:00Z"), false));
            for (HostObservation h : hosts) sink.accept(new ReportEvent.Host(h));
        });
    }

    long assetId(String name) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT id FROM asset WHERE name = :n").bind("n", name).mapTo(Long.class).one());
    }

    int scoreOf(String column, String name) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT " + column + " FROM asset WHERE name = :n").bind("n", name)
                .mapTo(Integer.class).one());
    }

    @Test
    void shouldTakeTheHighestTagCriticalityAndNameTheTag() {
        importHosts("a", host("crown", "10.1.0.1", null, List.of(finding("CVE-2099-1000", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", DetectionType.CONFIRMED))),
                host("plain", "10.1.0.2", null, List.of()));
        tags.create(new TagChange("Crown Jewels", Optional.of(5), Optional.empty(), Optional.empty()), "test");
        tags.create(new TagChange("Servers", Optional.of(3), Optional.empty(), Optional.empty()), "test");
        tags.create(new TagChange("Unscored", Optional.empty(), Optional.empty(), Optional.empty()), "test");
        long crown = assetId("crown");
        int before = scoreOf("risk_score", "crown");
        tags.assign("Crown Jewels", List.of(crown), "test");
        tags.assign("Servers", List.of(crown), "test");
        tags.assign("Unscored", List.of(assetId("plain")), "test");
        assertThat(scoreOf("criticality_score", "crown")).isEqualTo(5);
        assertThat(scoreOf("criticality_score", "plain")).isEqualTo(2);
        assertThat(before).isEqualTo(58); // 2 × 0.45 × 64 (one medium at QDS 64) = 57.6
        assertThat(scoreOf("risk_score", "crown")).isEqualTo(144); // 5 × 0.45 × 64
        AssetExplanation why = risk.explain(crown);
        assertThat(why.criticality().setBy()).containsExactly("Crown Jewels");
        assertThat(why.text()).contains("Crown Jewels");
        assertThat(risk.explain(assetId("plain")).criticality().isDefault()).isTrue();

        tags.unassign("Crown Jewels", List.of(crown), "test");
        assertThat(scoreOf("criticality_score", "crown")).isEqualTo(3);
        assertThat(tags.history("Crown Jewels")).extracting(r -> r.get("action")).containsExactly("create", "assign", "unassign");
    }

    @Test
    void shouldScoreLog4ShellAsCriticalOnceKevIsLoaded() {
        Path kev = Path.of(System.getProperty("regalia.shared", "../shared"), "data/intel/known_exploited_vulnerabilities.json");
        Assumptions.assumeTrue(Files.exists(kev), "shared sample data present");
        importHosts("a", host("app", "10.1.0.3", null, List.of(
                finding("CVE-2021-44228", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", DetectionType.CONFIRMED),
                finding("CVE-2099-0001", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", DetectionType.CONFIRMED))));
        int riskBefore = scoreOf("risk_score", "app");
        var result = intel.loadKev(sink -> KevReader.read(kev, sink));
        assertThat(result.read().records()).isEqualTo(1404);
        Map<String, Integer> qds = new java.util.HashMap<>();
        db.jdbi().useHandle(h -> h.createQuery("SELECT key, qds FROM vulnerability").map((rs, c) -> qds.put(rs.getString(1), rs.getInt(2))).list());
        assertThat(qds.get("cve:CVE-2021-44228")).isGreaterThanOrEqualTo(90);
        assertThat(qds.get("cve:CVE-2099-0001")).isEqualTo(64);
        assertThat(scoreOf("risk_score", "app")).isGreaterThan(riskBefore);
        assertThat(risk.explain(assetId("app")).risk().feeds().kev()).isEqualTo(result.read().feedDate());
        // Loading the same catalog again changes no CVE and rescores nothing.
        var again = intel.loadKev(sink -> KevReader.read(kev, sink));
        assertThat(again.cvesChanged()).isZero();
        assertThat(again.vulnerabilitiesRescored()).isZero();
    }

    @Test
    void shouldReproduceIncrementalScoresWithAFullRescore() {
        SplittableRandom random = new SplittableRandom(7);
        String[] vectors = {"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "CVSS:3.1/AV:N/AC:H/PR:L/UI:R/S:U/C:L/I:L/A:N",
                "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N"};
        List<HostObservation> hosts = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            List<DetectionObservation> ds = new ArrayList<>();
            int n = random.nextInt(0, 30);
            for (int j = 0; j < n; j++) {
                ds.add(finding("CVE-2098-" + (1000 + random.nextInt(200)), vectors[random.nextInt(vectors.length)],
                        random.nextInt(10) == 0 ? DetectionType.INFO : DetectionType.CONFIRMED));
            }
            CloudFacts cloud = i % 7 == 0 ? new CloudFacts(CloudProvider.AWS, "eu-west-1", "1", "i-" + i, null, "52.1.2." + i) : null;
            hosts.add(host("h" + i, "10.2.0." + i, cloud, ds));
        }
        importHosts("gen", hosts.toArray(HostObservation[]::new));
        tags.create(new TagChange("Five", Optional.of(5), Optional.empty(), Optional.empty()), "t");
        tags.create(new TagChange("Four", Optional.of(4), Optional.empty(), Optional.empty()), "t");
        tags.assign("Five", List.of(assetId("h1"), assetId("h2"), assetId("h3")), "t");
        tags.assign("Four", List.of(assetId("h3"), assetId("h4")), "t");
        Path kev = Path.of(System.getProperty("regalia.shared", "../shared"), "data/intel/known_exploited_vulnerabilities.json");
        if (Files.exists(kev)) intel.loadKev(sink -> KevReader.read(kev, sink));

        List<Map<String, Object>> incremental = snapshot();
        assertThat(incremental).anyMatch(r -> ((Number) r.get("risk_score")).intValue() > 0);
        // Wipe the derived values, then recompute everything from the inputs.
        db.jdbi().useHandle(h -> h.execute("UPDATE asset SET risk_score = 0, criticality_score = 1; UPDATE vulnerability SET qds = NULL, qds_band = NULL"));
        RescoreResult result = risk.rescoreAll();
        assertThat(result.assets()).isEqualTo(60);
        assertThat(snapshot()).isEqualTo(incremental);
        // And every stored TruRisk equals what the Java model computes for that asset.
        for (Map<String, Object> row : incremental) {
            long id = ((Number) row.get("id")).longValue();
            assertThat(risk.explain(id).riskScore()).as("asset %d", id).isEqualTo(((Number) row.get("risk_score")).intValue());
        }
    }

    @Test
    void shouldRescoreEverythingUnderANewModel() {
        importHosts("a", host("v2", "10.1.0.9", null, List.of(finding("CVE-2099-2000", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", DetectionType.CONFIRMED))));
        int v1 = scoreOf("risk_score", "v2");
        risk.setModel(ScoringModel.defaults().withFormula(ScoringModel.Formula.V2));
        // v2: 2 × 1.0 × (64 × 1.0 + 0.3 × 1) = 128.6 → 129
        assertThat(scoreOf("risk_score", "v2")).isEqualTo(129).isNotEqualTo(v1);
    }

    List<Map<String, Object>> snapshot() {
        return db.jdbi().withHandle(h -> h.createQuery("""
                SELECT a.id, a.criticality_score, a.risk_score,
                       (SELECT string_agg(v.key || '=' || v.qds, ',' ORDER BY v.key) FROM vulnerability v) AS qds
                FROM asset a ORDER BY a.id""").mapToMap().list());
    }
}
