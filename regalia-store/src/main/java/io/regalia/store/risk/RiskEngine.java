package io.regalia.store.risk;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.regalia.core.model.ExploitMaturity;
import io.regalia.core.model.ThreatHints;
import io.regalia.core.model.VulnerabilityInfo;
import io.regalia.core.risk.Acs;
import io.regalia.core.risk.BandAggregate;
import io.regalia.core.risk.Cvss;
import io.regalia.core.risk.CvssScore;
import io.regalia.core.risk.Exposure;
import io.regalia.core.risk.FeedDates;
import io.regalia.core.risk.Qds;
import io.regalia.core.risk.QdsBand;
import io.regalia.core.risk.ScoringModel;
import io.regalia.core.risk.TagCriticality;
import io.regalia.core.risk.ThreatFacts;
import io.regalia.core.risk.TruRisk;
import io.regalia.store.db.NamedSql;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Keeps the stored scores equal to what the risk model ({@code io.regalia.core.risk}) computes from the
 * stored inputs. QDS is computed in Java per vulnerability (there are few); ACS and TruRisk are computed
 * in set-based SQL per asset (there are many), and a parity test holds the SQL to the Java.
 */
public final class RiskEngine {
    private static final NamedSql SQL = NamedSql.load(RiskEngine.class, "risk.sql");
    private static final int PAGE = 5000;
    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final Jdbi jdbi;
    private final Clock clock;

    public RiskEngine(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** The scoring model in force: the newest stored one, or the built-in defaults. */
    public ScoringModel model() {
        return jdbi.withHandle(this::model);
    }

    ScoringModel model(Handle h) {
        return h.createQuery("SELECT settings::text FROM scoring_model ORDER BY id DESC LIMIT 1").mapTo(String.class)
                .findOne().map(RiskEngine::parseModel).orElseGet(ScoringModel::defaults);
    }

    /** Stores a new model and rescores everything under it. */
    public RescoreResult setModel(ScoringModel model) {
        return jdbi.inTransaction(h -> {
            h.createUpdate("INSERT INTO scoring_model (version, settings) VALUES (:v, cast(:s AS jsonb))")
                    .bind("v", model.version()).bind("s", write(model.toMap())).execute();
            return rescoreAll(h);
        });
    }

    /** Recomputes QDS of these vulnerabilities; returns the ids whose score changed. */
    public Set<Long> scoreVulnerabilities(Handle h, Collection<Long> vulnerabilityIds) {
        if (vulnerabilityIds.isEmpty()) return Set.of();
        ScoringModel model = model(h);
        LocalDate today = LocalDate.now(clock);
        Set<Long> changed = new HashSet<>();
        List<Long> ids = new ArrayList<>(vulnerabilityIds);
        for (int from = 0; from < ids.size(); from += PAGE) {
            List<Long> page = ids.subList(from, Math.min(ids.size(), from + PAGE));
            changed.addAll(scorePage(h, page, model, today));
        }
        return changed;
    }

    private List<Long> scorePage(Handle h, List<Long> ids, ScoringModel model, LocalDate today) {
        List<VulnRow> vulns = h.createQuery("""
                SELECT id, key, severity, cves, cvss2, cvss3, cvss4, scanner_cvss, scanner_maturity, scanner_malware,
                       scanner_epss FROM vulnerability WHERE id = ANY(:ids)""")
                .bindArray("ids", Long.class, ids).map(RiskEngine::vulnRow).list();
        Set<String> cveIds = new HashSet<>();
        vulns.forEach(v -> cveIds.addAll(v.info().cves()));
        Map<String, ThreatFacts> cves = new HashMap<>();
        if (!cveIds.isEmpty()) {
            h.createQuery("""
                    SELECT id, cvss2, cvss3, cvss4, exploit_ref, epss, kev_date_added, kev_ransomware
                    FROM cve WHERE id = ANY(:ids)""")
                    .bindArray("ids", String.class, cveIds)
                    .map((rs, ctx) -> cveFacts(rs)).forEach(f -> cves.put(f.cve(), f));
        }
        int n = vulns.size();
        Long[] vid = new Long[n];
        Integer[] qds = new Integer[n];
        Integer[] band = new Integer[n];
        Double[] cvss = new Double[n];
        String[] explanation = new String[n];
        for (int i = 0; i < n; i++) {
            VulnRow v = vulns.get(i);
            ThreatFacts scanner = ThreatFacts.fromScanner(v.info());
            List<ThreatFacts> perCve = v.info().cves().stream()
                    .map(c -> cves.getOrDefault(c, ThreatFacts.builder().cve(c).build()))
                    .toList();
            Qds score = Qds.ofVulnerability(perCve, scanner, today, model);
            vid[i] = v.id();
            qds[i] = score.score();
            band[i] = score.band().ordinal();
            CvssScore used = score.explanation().cvss();
            cvss[i] = used == null ? null : used.base();
            explanation[i] = write(score.explanation());
        }
        return h.createQuery("""
                UPDATE vulnerability v SET qds = x.qds, qds_band = x.band, cvss_score = x.cvss,
                                           qds_explanation = cast(x.explanation AS jsonb)
                FROM unnest(:ids, :qds, :band, :cvss, :explanation) AS x(id, qds, band, cvss, explanation)
                WHERE v.id = x.id AND (v.qds, v.qds_band, v.cvss_score) IS DISTINCT FROM (x.qds, x.band, x.cvss)
                RETURNING v.id""")
                .bindArray("ids", Long.class, (Object[]) vid).bindArray("qds", Integer.class, (Object[]) qds)
                .bindArray("band", Integer.class, (Object[]) band).bindArray("cvss", Double.class, (Object[]) cvss)
                .bindArray("explanation", String.class, (Object[]) explanation)
                .mapTo(Long.class).list();
    }

    /** Recomputes QDS of the vulnerabilities naming these CVEs, then TruRisk where it moved. */
    public int rescoreCves(Handle h, Collection<String> cveIds) {
        if (cveIds.isEmpty()) return 0;
        List<Long> vulns = h.createQuery("SELECT id FROM vulnerability WHERE cves && cast(:cves AS text[])")
                .bindArray("cves", String.class, cveIds).mapTo(Long.class).list();
        Set<Long> changed = scoreVulnerabilities(h, vulns);
        if (changed.isEmpty()) return 0;
        List<Long> assets = h.createQuery("""
                SELECT DISTINCT asset_id FROM detection WHERE vulnerability_id = ANY(:ids) AND status <> 'FIXED'""")
                .bindArray("ids", Long.class, changed).mapTo(Long.class).list();
        rescoreAssets(h, assets);
        return changed.size();
    }

    /** Brings ACS, then TruRisk, of these assets up to date; returns how many stored values changed. */
    public int rescoreAssets(Handle h, Collection<Long> assetIds) {
        if (assetIds.isEmpty()) return 0;
        ScoringModel model = model(h);
        Long[] ids = assetIds.toArray(Long[]::new);
        int changed = h.createUpdate(SQL.get("acs").replace("/*assets*/", "a.id = ANY(:ids)"))
                .bind("defaultAcs", model.defaultAcs()).bindArray("ids", Long.class, (Object[]) ids).execute();
        var update = h.createUpdate(SQL.get("truerisk_touched").replace("/*scores*/", SQL.get("truerisk_scores")
                .replace("/*detections*/", "AND d.asset_id = ANY(:ids)").replace("/*assets*/", "a.id = ANY(:ids)")));
        bindModel(update, model);
        return changed + update.bindArray("ids", Long.class, (Object[]) ids).execute();
    }

    /** Recomputes every derived score from the inputs, as incremental updates would have left them. */
    public RescoreResult rescoreAll() {
        return jdbi.inTransaction(this::rescoreAll);
    }

    private RescoreResult rescoreAll(Handle h) {
        ScoringModel model = model(h);
        List<Long> vulns = h.createQuery("SELECT id FROM vulnerability ORDER BY id").mapTo(Long.class).list();
        int changed = scoreVulnerabilities(h, vulns).size();
        changed += h.createUpdate(SQL.get("acs").replace("/*assets*/", "true")).bind("defaultAcs", model.defaultAcs()).execute();
        h.execute("DROP TABLE IF EXISTS truerisk_score");
        var compute = h.createUpdate(SQL.get("truerisk_all_compute").replace("/*scores*/", SQL.get("truerisk_scores")
                .replace("/*detections*/", "").replace("/*assets*/", "true")));
        bindModel(compute, model);
        compute.execute();
        changed += h.createUpdate(SQL.get("truerisk_all_write")).execute();
        h.execute("DROP TABLE truerisk_score");
        int assets = h.createQuery("SELECT count(*) FROM asset").mapTo(Integer.class).one();
        return new RescoreResult(vulns.size(), assets, changed);
    }

    private static void bindModel(org.jdbi.v3.core.statement.Update update, ScoringModel model) {
        var w1 = model.v1Weights();
        var w2 = model.v2Weights();
        update.bind("w1c", w1.critical()).bind("w1h", w1.high()).bind("w1m", w1.medium()).bind("w1l", w1.low())
                .bind("w2c", w2.critical()).bind("w2h", w2.high()).bind("w2m", w2.medium()).bind("w2l", w2.low())
                .bind("exposure", model.exposureFactor()).bind("v2", model.formula() == ScoringModel.Formula.V2)
                .bind("g90", 1.3).bind("g70", 1.1);
    }

    /** Both scores of one asset, term by term, computed by the Java model from the stored inputs. */
    public AssetExplanation explain(long assetId) {
        return jdbi.withHandle(h -> {
            ScoringModel model = model(h);
            List<TagCriticality> tags = h.createQuery("""
                    SELECT t.name, t.criticality_score FROM asset_tag at JOIN tag t ON t.id = at.tag_id WHERE at.asset_id = :id""")
                    .bind("id", assetId)
                    .map((rs, ctx) -> new TagCriticality(rs.getString(1), rs.getObject(2) == null ? null : rs.getInt(2)))
                    .list();
            Acs acs = Acs.of(tags, model);
            Exposure exposure = exposure(h, assetId);
            List<BandAggregate> bands = h.createQuery(SQL.get("bands")).bind("asset", assetId)
                    .map((rs, ctx) -> new BandAggregate(QdsBand.values()[rs.getInt(1)], rs.getLong(2), rs.getLong(3), rs.getInt(4)))
                    .list();
            FeedDates feeds = feedDates(h);
            TruRisk risk = TruRisk.of(acs, exposure, bands, feeds, model);
            return new AssetExplanation(acs, risk.explanation(), risk.score(), Explanations.text(acs, risk));
        });
    }

    static FeedDates feedDates(Handle h) {
        Map<String, LocalDate> dates = new HashMap<>();
        h.createQuery("SELECT name, feed_date FROM feed").map((rs, ctx) -> {
            java.sql.Date d = rs.getDate(2);
            dates.put(rs.getString(1), d == null ? null : d.toLocalDate());
            return null;
        }).list();
        return new FeedDates(dates.get("KEV"), dates.get("EPSS"), dates.get("NVD"));
    }

    private static Exposure exposure(Handle h, long assetId) {
        Map<String, Object> r = h.createQuery("""
                SELECT a.exposure_override, host(a.cloud_public_ip) AS public_ip, a.externally_exposed,
                       (SELECT host(i.address) FROM asset_interface i WHERE i.asset_id = a.id AND i.address IS NOT NULL
                          AND NOT i.address <<= ANY ('{10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,127.0.0.0/8,169.254.0.0/16,100.64.0.0/10,0.0.0.0/8,::1/128,fc00::/7,fe80::/10}'::inet[])
                        LIMIT 1) AS public_interface
                FROM asset a WHERE a.id = :id""").bind("id", assetId).mapToMap().one();
        Boolean override = (Boolean) r.get("exposure_override");
        if (override != null) {
            return override ? Exposure.internetFacing("marked internet-facing by a user")
                    : new Exposure(false, "marked internal by a user");
        }
        if (r.get("public_ip") != null) return Exposure.internetFacing("public cloud address " + r.get("public_ip"));
        if (r.get("public_interface") != null) return Exposure.internetFacing("public interface address " + r.get("public_interface"));
        return Exposure.internal();
    }

    private record VulnRow(long id, VulnerabilityInfo info) {}

    private static VulnRow vulnRow(ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx) throws SQLException {
        Array cves = rs.getArray("cves");
        String maturity = rs.getString("scanner_maturity");
        ThreatHints hints = new ThreatHints(maturity == null ? null : ExploitMaturity.valueOf(maturity),
                rs.getBoolean("scanner_malware"), (Double) rs.getObject("scanner_epss"));
        VulnerabilityInfo info = new VulnerabilityInfo(rs.getString("key"), null, null,
                rs.getObject("severity") == null ? null : rs.getInt("severity"),
                cves == null ? List.of() : Arrays.asList((String[]) cves.getArray()),
                rs.getString("cvss2"), rs.getString("cvss3"), rs.getString("cvss4"), (Double) rs.getObject("scanner_cvss"),
                null, hints);
        return new VulnRow(rs.getLong("id"), info);
    }

    private static ThreatFacts cveFacts(ResultSet rs) throws SQLException {
        ThreatFacts.Builder b = ThreatFacts.builder().cve(rs.getString("id"));
        Cvss.preferred(rs.getString("cvss4"), rs.getString("cvss3"), rs.getString("cvss2")).ifPresent(b::cvss);
        java.sql.Date kev = rs.getDate("kev_date_added");
        return b.nvdExploitReference(rs.getBoolean("exploit_ref")).epss((Double) rs.getObject("epss"))
                .kevDateAdded(kev == null ? null : kev.toLocalDate()).ransomware(rs.getBoolean("kev_ransomware")).build();
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static ScoringModel parseModel(String json) {
        try {
            return ScoringModel.parse((Map<String, String>) JSON.readValue(json, Map.class));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored scoring model is unreadable: " + e.getMessage(), e);
        }
    }
}
