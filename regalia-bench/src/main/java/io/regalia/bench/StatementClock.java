package io.regalia.bench;

import io.regalia.store.db.NamedSql;
import io.regalia.store.inventory.ImportService;
import io.regalia.store.risk.RiskEngine;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Times every statement Jdbi runs, naming the ones the store keeps as named SQL (the import's merge
 * statements, the risk engine's aggregates) by their names. Installed as Jdbi's SQL logger, so production
 * code needs no timing hooks. COPY into the staging tables bypasses Jdbi and is not seen here.
 */
final class StatementClock implements SqlLogger {
    /** One executed statement: its name and when it ran ({@link System#nanoTime()}). */
    record Run(String label, long start, long end) {
        double seconds() { return (end - start) / 1e9; }
    }

    private static final List<String> MERGE = List.of("os", "assets", "identities", "interfaces", "software_products",
            "software_removed", "software_added", "ports_removed", "ports_added", "ports_upserted", "vulnerabilities", "found_staged", "found_as_staged", "found_deduplicated",
            "detections_seen_again", "detections_new",
            "fixed_by_absence", "tags_created", "tags_assigned", "exposure");
    private static final List<String> RISK = List.of("acs", "truerisk_touched", "truerisk_all_compute", "truerisk_all_write", "bands");

    private static final int PREFIX = 60;

    /** Statement text before its first placeholder comment, to its name. */
    private final Map<String, String> prefixes = new LinkedHashMap<>();
    private final Map<StatementContext, Long> started = new IdentityHashMap<>();
    private final List<Run> runs = new ArrayList<>();

    StatementClock() {
        NamedSql merge = NamedSql.load(ImportService.class, "merge.sql");
        for (String name : MERGE) prefixes.put(prefix(merge.get(name)), "merge " + name);
        NamedSql risk = NamedSql.load(RiskEngine.class, "risk.sql");
        for (String name : RISK) prefixes.put(prefix(risk.get(name)), "risk " + name);
        prefixes.put("SELECT pg_advisory_xact_lock", "import lock");
        prefixes.put("CREATE TEMP TABLE stage_asset", "create staging tables");
        prefixes.put("SELECT i.kind, i.value, i.asset_id FROM asset_identity", "identity lookup (per batch of hosts)");
        prefixes.put("SELECT nextval('asset_id_seq')", "new asset ids (per batch of hosts)");
        prefixes.put("ANALYZE stage_asset", "analyze staging tables");
        prefixes.put("SELECT id, key, severity, cves", "QDS: read vulnerabilities");
        prefixes.put("SELECT id, cvss2, cvss3, cvss4, exploit_ref", "QDS: read CVE facts");
        prefixes.put("UPDATE vulnerability v SET qds", "QDS: write scores");
        prefixes.put("SELECT id FROM vulnerability ORDER BY id", "QDS: list vulnerabilities");
        prefixes.put("SELECT d.type, d.status, count(*)", "summary: count by type and status");
        prefixes.put("INSERT INTO import", "record the import");
        prefixes.put("WITH now AS (SELECT now() AS at)", "risk snapshot (roll-ups)");
    }

    /** The statement's start, enough to tell it apart; cut before placeholders (and parameters, which PostgreSQL renumbers). */
    private static String prefix(String sql) {
        int placeholder = sql.indexOf("/*");
        String head = placeholder < 0 ? sql : sql.substring(0, placeholder);
        return head.length() <= PREFIX ? head : head.substring(0, PREFIX);
    }

    /** Seconds from {@code started} ({@link System#nanoTime()}) to now. */
    static double secondsSince(long started) { return (System.nanoTime() - started) / 1e9; }

    @Override
    public synchronized void logBeforeExecution(StatementContext context) {
        started.put(context, System.nanoTime());
    }

    @Override
    public synchronized void logAfterExecution(StatementContext context) {
        finish(context, "");
    }

    @Override
    public synchronized void logException(StatementContext context, SQLException ex) {
        finish(context, " (failed)");
    }

    private void finish(StatementContext context, String suffix) {
        long end = System.nanoTime();
        Long start = started.remove(context);
        if (start == null) return;
        runs.add(new Run(label(context.getRawSql()) + suffix, start, end));
    }

    String label(String sql) {
        String s = sql == null ? "" : sql.strip();
        for (var e : prefixes.entrySet()) {
            if (s.startsWith(e.getKey())) return e.getValue();
        }
        String oneLine = s.replaceAll("\\s+", " ");
        return oneLine.length() <= 60 ? oneLine : oneLine.substring(0, 57) + "...";
    }

    /** A mark to pass to {@link #since(int)}. */
    synchronized int mark() { return runs.size(); }

    /** Statements finished after the mark, in the order they ran. */
    synchronized List<Run> since(int mark) { return List.copyOf(runs.subList(mark, runs.size())); }

    /** Total seconds per label over these runs, largest first. */
    static Map<String, Double> byLabel(List<Run> runs) {
        Map<String, Double> total = new LinkedHashMap<>();
        for (Run r : runs) total.merge(r.label(), r.seconds(), Double::sum);
        Map<String, Double> sorted = new LinkedHashMap<>();
        total.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    static double seconds(List<Run> runs) {
        return runs.stream().mapToDouble(Run::seconds).sum();
    }
}
