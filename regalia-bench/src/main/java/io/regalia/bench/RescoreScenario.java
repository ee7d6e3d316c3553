package io.regalia.bench;

import io.regalia.app.Demo;
import io.regalia.core.risk.ScoringModel;
import io.regalia.store.db.NamedSql;
import io.regalia.store.risk.RiskEngine;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * Scenario 2: a full rescore of an imported estate by the risk engine, against one hand-written SQL
 * statement that computes TruRisk v1 for every asset from the spec's formula (per asset and QDS band a count
 * and an integer sum, then the weighted sum) into a temporary table. Both must give identical scores.
 */
final class RescoreScenario {
    /** The engine's aim: at most this many times the hand-written statement. */
    static final double AIM = 1.5;

    /** Best and median of repeated timings, in seconds. */
    record Timing(double best, double median) {
        static Timing of(List<Double> seconds) {
            double[] s = seconds.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            return new Timing(s[0], s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "best %7.2f s, median %7.2f s", best, median);
        }
    }

    record Result(long assets, long scoredDetections, long scoredAssets, Timing rescoreAll, Timing assetPart,
                  Timing rescoreAllWriting, Timing rescoreAssets, Timing hand, long mismatches, long mismatchesAfterWriting,
                  Timing engineStatement, Timing engineStatementMoreMemory, Timing twoStep,
                  List<String> enginePlan, List<String> handPlan) {
        double ratio() { return rescoreAll.best() / hand.best(); }
        double assetPartRatio() { return assetPart.best() / hand.best(); }
    }

    private static final NamedSql RISK = NamedSql.load(RiskEngine.class, "risk.sql");
    /** Enough for the per-asset-and-band aggregate of 100k assets to stay in memory. */
    private static final String MORE_WORK_MEM = "64MB";
    private static final String OPEN_SCORED = "d.status <> 'FIXED' AND d.type <> 'INFO' AND v.qds IS NOT NULL";

    private RescoreScenario() {}

    static Result run(Sandbox sandbox, int repeat, boolean printPlans, Printout out) {
        Jdbi jdbi = sandbox.database().jdbi();
        RiskEngine engine = sandbox.regalia().risk();
        ScoringModel model = engine.model();
        if (model.formula() != ScoringModel.Formula.V1) throw new IllegalStateException("the hand SQL computes TruRisk v1");
        Demo.scoreTags(sandbox.regalia(), "bench");
        jdbi.useHandle(h -> h.execute("VACUUM (ANALYZE) asset, detection, vulnerability, asset_tag, tag"));
        long assets = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM asset").mapTo(Long.class).one());
        long scored = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM detection d JOIN vulnerability v "
                + "ON v.id = d.vulnerability_id WHERE " + OPEN_SCORED).mapTo(Long.class).one());
        out.section(String.format(Locale.ROOT, "rescore: %,d assets, %,d open scored detections, best of %d", assets, scored, repeat));

        StatementClock clock = sandbox.statements();
        List<Double> all = new ArrayList<>(), assetPart = new ArrayList<>(), hand = new ArrayList<>(),
                writing = new ArrayList<>(), incremental = new ArrayList<>(), statement = new ArrayList<>(),
                moreMemory = new ArrayList<>(), twoStep = new ArrayList<>();
        long mismatches = 0, mismatchesAfterWriting = 0, scoredAssets = 0;
        String handSql = handSql(model);
        for (int i = 0; i < repeat; i++) {
            int mark = clock.mark();
            all.add(time(() -> engine.rescoreAll()));
            assetPart.add(clock.since(mark).stream().filter(r -> r.label().startsWith("risk acs") || r.label().startsWith("risk truerisk"))
                    .mapToDouble(StatementClock.Run::seconds).sum());
            try (Handle h = jdbi.open()) {
                h.execute("DROP TABLE IF EXISTS hand_truerisk");
                hand.add(time(() -> h.execute(handSql)));
                mismatches = Math.max(mismatches, mismatches(h));
                scoredAssets = h.createQuery("SELECT count(*) FROM hand_truerisk WHERE risk > 0").mapTo(Long.class).one();
            }
            statement.add(time(() -> jdbi.useTransaction(h -> bindModel(h.createUpdate(engineTrueRiskSql()), model).execute())));
            moreMemory.add(time(() -> jdbi.useTransaction(h -> {
                h.execute("SET LOCAL work_mem = '" + MORE_WORK_MEM + "'");
                bindModel(h.createUpdate(engineTrueRiskSql()), model).execute();
            })));
            try (Handle h = jdbi.open()) {
                h.execute("DROP TABLE IF EXISTS hand_truerisk");
                twoStep.add(time(() -> h.useTransaction(t -> {
                    t.execute(handSql);
                    t.execute("UPDATE asset a SET risk_score = t.risk FROM hand_truerisk t WHERE a.id = t.id AND a.risk_score <> t.risk");
                })));
            }
            Long[] ids = jdbi.withHandle(h -> h.createQuery("SELECT id FROM asset").mapTo(Long.class).list()).toArray(Long[]::new);
            incremental.add(time(() -> jdbi.inTransaction(h -> engine.rescoreAssets(h, Arrays.asList(ids)))));
            // a rescore that has to write every score, as after a model change
            jdbi.useHandle(h -> h.execute("UPDATE asset SET risk_score = 0"));
            jdbi.useHandle(h -> h.execute("VACUUM (ANALYZE) asset"));
            writing.add(time(() -> engine.rescoreAll()));
            try (Handle h = jdbi.open()) {
                h.execute("DROP TABLE IF EXISTS hand_truerisk");
                h.execute(handSql);
                mismatchesAfterWriting = Math.max(mismatchesAfterWriting, mismatches(h));
            }
        }
        List<String> enginePlan = jdbi.inTransaction(h -> {
            List<String> plan = bindModel(h.createQuery("EXPLAIN (ANALYZE, BUFFERS) " + engineTrueRiskSql()), model)
                    .mapTo(String.class).list();
            h.rollback();
            return plan;
        });
        List<String> handPlan = jdbi.withHandle(h -> {
            h.execute("DROP TABLE IF EXISTS hand_truerisk");
            return h.createQuery("EXPLAIN (ANALYZE, BUFFERS) " + handSql).mapTo(String.class).list();
        });

        Result r = new Result(assets, scored, scoredAssets, Timing.of(all), Timing.of(assetPart), Timing.of(writing),
                Timing.of(incremental), Timing.of(hand), mismatches, mismatchesAfterWriting, Timing.of(statement),
                Timing.of(moreMemory), Timing.of(twoStep), enginePlan, handPlan);
        print(r, printPlans, out);
        return r;
    }

    private static void print(Result r, boolean printPlans, Printout out) {
        out.line("RiskEngine.rescoreAll() (scores current)", r.rescoreAll().toString());
        out.line("  of which its asset part (ACS + TruRisk SQL)", r.assetPart().toString());
        out.line("RiskEngine.rescoreAll() (every score written)", r.rescoreAllWriting().toString());
        out.line("rescoreAssets(all asset ids), one transaction", r.rescoreAssets().toString());
        out.line("hand-written TruRisk v1 aggregate → temp table", r.hand().toString());
        out.line("scores identical", r.mismatches() == 0 && r.mismatchesAfterWriting() == 0
                ? String.format(Locale.ROOT, "yes (%,d assets, %,d with a score > 0)", r.assets(), r.scoredAssets())
                : String.format(Locale.ROOT, "NO: %,d and %,d assets differ", r.mismatches(), r.mismatchesAfterWriting()));
        out.line("rescoreAll / hand SQL (best times)", Printout.times(r.ratio()) + "  (aim ≤ " + Printout.times(AIM)
                + (r.ratio() <= AIM ? ", met)" : ", not met)"));
        out.line("asset part / hand SQL (best times)", Printout.times(r.assetPartRatio()));
        out.line("what-ifs (not what Regalia runs), vs hand SQL", "");
        out.line("  one UPDATE for all assets (the incremental form)", r.engineStatement() + "  " + Printout.times(r.engineStatement().best() / r.hand().best()));
        out.line("  same with SET LOCAL work_mem = '" + MORE_WORK_MEM + "'", r.engineStatementMoreMemory() + "  "
                + Printout.times(r.engineStatementMoreMemory().best() / r.hand().best()));
        out.line("  hand CTAS (parallel) + UPDATE … FROM it", r.twoStep() + "  " + Printout.times(r.twoStep().best() / r.hand().best()));
        out.line("plans", planSummary(r.enginePlan()) + " (engine TruRisk update); " + planSummary(r.handPlan()) + " (hand)");
        if (printPlans) {
            out.line("EXPLAIN (ANALYZE, BUFFERS) engine TruRisk statement (rolled back)", "");
            r.enginePlan().forEach(out::note);
            out.line("EXPLAIN (ANALYZE, BUFFERS) hand-written statement", "");
            r.handPlan().forEach(out::note);
        }
    }

    /**
     * TruRisk v1 as the spec writes it: min(1000, round(ACS × E × Σ_b w_b × avg(QDS_b) × count_b^(1/100))),
     * 0 without open scored detections. Model numbers are inlined as float8 literals so the statement can be
     * a parallel CREATE TABLE AS.
     */
    static String handSql(ScoringModel model) {
        ScoringModel.BandWeights w = model.v1Weights();
        return """
                CREATE TEMP TABLE hand_truerisk AS
                SELECT a.id,
                       CASE WHEN t.asset_id IS NULL THEN 0
                            ELSE least(1000, floor(a.criticality_score
                                                   * CASE WHEN a.externally_exposed THEN %s ELSE 1 END
                                                   * t.total + 0.5))::int END AS risk
                FROM asset a
                LEFT JOIN (SELECT asset_id,
                                  sum(CASE band WHEN 0 THEN %s WHEN 1 THEN %s WHEN 2 THEN %s ELSE %s END
                                      * (qds_sum::float8 / n) * power(n::float8, 0.01)) AS total
                           FROM (SELECT d.asset_id, v.qds_band AS band, count(*) AS n, sum(v.qds) AS qds_sum
                                 FROM detection d JOIN vulnerability v ON v.id = d.vulnerability_id
                                 WHERE %s
                                 GROUP BY d.asset_id, v.qds_band) per_band
                           GROUP BY asset_id) t ON t.asset_id = a.id""".formatted(real(model.exposureFactor()),
                real(w.critical()), real(w.high()), real(w.medium()), real(w.low()), OPEN_SCORED);
    }

    private static String real(double value) { return "'" + value + "'::float8"; }

    private static long mismatches(Handle h) {
        return h.createQuery("""
                SELECT count(*) FROM asset a FULL JOIN hand_truerisk t ON t.id = a.id
                WHERE a.risk_score IS DISTINCT FROM t.risk""").mapTo(Long.class).one();
    }

    /** The engine's incremental TruRisk statement applied to every asset: one UPDATE, which cannot run in parallel. */
    private static String engineTrueRiskSql() {
        return RISK.get("truerisk_touched").replace("/*scores*/",
                RISK.get("truerisk_scores").replace("/*detections*/", "").replace("/*assets*/", "true"));
    }

    /** Binds the model's numbers as the engine does. */
    private static <S extends SqlStatement<S>> S bindModel(S statement, ScoringModel model) {
        ScoringModel.BandWeights w1 = model.v1Weights(), w2 = model.v2Weights();
        return statement.bind("w1c", w1.critical()).bind("w1h", w1.high()).bind("w1m", w1.medium())
                .bind("w1l", w1.low()).bind("w2c", w2.critical()).bind("w2h", w2.high()).bind("w2m", w2.medium())
                .bind("w2l", w2.low()).bind("exposure", model.exposureFactor())
                .bind("v2", model.formula() == ScoringModel.Formula.V2).bind("g90", 1.3).bind("g70", 1.1);
    }

    /** Parallel workers launched and execution time, from a plan's text. */
    static String planSummary(List<String> plan) {
        int launched = plan.stream().filter(l -> l.contains("Workers Launched:"))
                .mapToInt(l -> Integer.parseInt(l.replaceAll(".*Workers Launched: (\\d+).*", "$1"))).max().orElse(0);
        String time = plan.stream().filter(l -> l.startsWith("Execution Time:")).findFirst()
                .map(l -> l.substring("Execution Time:".length()).strip()).orElse("?");
        return time + ", " + (launched == 0 ? "serial" : launched + " parallel workers");
    }

    private static double time(Runnable work) {
        long started = System.nanoTime();
        work.run();
        return (System.nanoTime() - started) / 1e9;
    }
}
