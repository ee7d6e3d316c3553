package io.regalia.store.inventory;

import io.regalia.core.report.BadInputException;
import io.regalia.core.report.ReportSink;
import io.regalia.store.db.CopyRows;
import io.regalia.store.db.NamedSql;
import io.regalia.store.risk.RiskEngine;
import io.regalia.store.risk.RiskRollups;
import io.regalia.store.tag.TagEngine;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Imports one report in one transaction: stream its hosts into staging tables, merge each table with one
 * statement, move the detection lifecycle, then bring tags and scores of the touched assets up to date.
 * A reader that fails midway rolls everything back.
 */
public final class ImportService {
    static final NamedSql SQL = NamedSql.load(ImportService.class, "merge.sql");
    static final String STAGING = NamedSql.load(ImportService.class, "staging.sql").get("staging.sql");
    /** Held (transaction-scoped advisory lock) by whatever resolves or creates assets: imports, CMDB syncs. */
    public static final long IMPORT_LOCK = 0x5245_4741_4c49_4101L;

    private final Jdbi jdbi;
    private final RiskEngine risk;
    private final Clock clock;
    private final TagEngine tags;
    private final int hostsPerBatch;

    public ImportService(Jdbi jdbi, RiskEngine risk, Clock clock) {
        this(jdbi, risk, clock, ImportSession.BATCH);
    }

    /** With {@code hostsPerBatch} hosts resolved and staged together (tests use small batches). */
    ImportService(Jdbi jdbi, RiskEngine risk, Clock clock, int hostsPerBatch) {
        this.hostsPerBatch = hostsPerBatch;
        this.jdbi = jdbi;
        this.risk = risk;
        this.clock = clock;
        this.tags = new TagEngine(clock);
    }

    /**
     * Runs {@code read}, which streams the report's events into the sink it is given, and stores the result.
     *
     * @throws BadInputException when the reader finds the input unusable; nothing is stored then
     */
    public ImportSummary run(ImportRequest request, Consumer<ReportSink> read) {
        long started = System.nanoTime();
        return jdbi.inTransaction(handle -> {
            // Imports are serialised: identity resolution assumes no one else creates assets meanwhile.
            handle.execute("SELECT pg_advisory_xact_lock(?)", IMPORT_LOCK);
            // The merge sorts and hashes whole reports; at the default 4 MB they spill to disk.
            handle.execute("SET LOCAL work_mem = '64MB'");
            handle.execute(STAGING);
            Instant fallbackTime = handle.createQuery(
                            "SELECT min(imported_at) FROM import WHERE sha256 = :sha")
                    .bind("sha", request.sha256()).mapTo(Instant.class).findOne().orElse(null);
            if (fallbackTime == null) fallbackTime = clock.instant();
            // a re-import observes at the time of the first import of the same content, so it changes nothing
            ImportSession session = new ImportSession(handle, request, fallbackTime, hostsPerBatch);
            try {
                ReadAhead.run(read, session);
                session.finishStaging();
            } catch (RuntimeException | Error e) {
                session.abandon();
                throw e;
            }
            ImportSummary summary = merge(handle, request, session, started);
            handle.createUpdate("""
                    INSERT INTO import (file, sha256, format, source, scanned_at, imported_at, summary)
                    VALUES (:file, :sha, :format, :source, :scannedAt, :importedAt, cast(:summary AS jsonb))""")
                    .bind("importedAt", fallbackTime)
                    .bind("file", request.file()).bind("sha", request.sha256()).bind("format", summary.format())
                    .bind("source", session.source()).bind("scannedAt", session.scannedAt())
                    .bind("summary", SummaryJson.of(summary)).execute();
            RiskRollups.snapshot(handle);
            return summary;
        });
    }

    private ImportSummary merge(Handle handle, ImportRequest request, ImportSession session, long started) {
        String source = session.source();
        handle.execute(SQL.get("stale"));
        handle.execute(SQL.get("os"));
        Set<Long> changedAssets = new TreeSet<>(handle.createQuery(SQL.get("assets"))
                .bind("source", source).mapTo(Long.class).list());
        handle.execute(SQL.get("identities"));
        handle.execute(SQL.get("interfaces"));
        handle.execute(SQL.get("software_products"));
        handle.execute(SQL.get("software_removed"));
        handle.execute(SQL.get("software_added"));
        handle.execute(SQL.get("ports_removed"));
        handle.execute(SQL.get("ports_added"));
        handle.execute(SQL.get("ports_upserted"));
        var vulnRows = session.mergedVulnerabilities();
        int vulnerabilitiesCreated = (int) vulnRows.stream().filter(Map.Entry::getValue).count();
        Set<Long> touched = new TreeSet<>(changedAssets);
        handle.execute(SQL.get("found_staged"));
        if (session.detectionsUnique()) {
            handle.execute(SQL.get("found_as_staged"));
        } else {
            handle.execute(SQL.get("found_deduplicated"));
            handle.execute("ANALYZE found_detection");
        }
        DetectionCounts counts = new DetectionCounts();
        counts.addAll(session.written());
        long staged = session.detectionsUnique() ? session.stagedDetections()
                : handle.createQuery("SELECT count(*) FROM found_detection").mapTo(Long.class).one();
        long merged = 0;
        for (String statement : new String[] {"detections_seen_again", "detections_new"}) {
            // the next scan of the same hosts updates every finding: then none is left to insert
            if (staged == 0 || statement.equals("detections_new") && merged == staged) break;
            for (Merged m : handle.createQuery(SQL.get(statement)).bind("source", source)
                    .map((rs, ctx) -> new Merged(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4))).list()) {
                touched.add(m.assetId());
                counts.add(m.type(), m.status(), m.count());
                merged += m.count();
            }
        }
        if (session.complete()) {
            touched.addAll(handle.createQuery(SQL.get("fixed_by_absence"))
                    .bind("source", source).bind("reportTime", session.reportTime()).mapTo(Long.class).list());
        }
        handle.execute(SQL.get("tags_created"));
        touched.addAll(handle.createQuery(SQL.get("tags_assigned")).mapTo(Long.class).list());
        handle.execute(SQL.get("exposure"));

        risk.scoreVulnerabilities(handle, vulnRows.stream().map(Map.Entry::getKey).toList());
        touched.addAll(tags.evaluate(handle, touched, "import:" + request.file()));
        risk.rescoreAssets(handle, touched);

        if (merged != staged) {
            // some findings were no newer than what is stored (a re-import, a late report): count as stored
            counts.clear();
            countStored(handle, counts);
            counts.addAll(session.written());
        }
        handle.execute(session.detectionsUnique() ? "DROP VIEW found_detection" : "DROP TABLE found_detection");
        handle.execute("DROP VIEW found_staged");
        int created = session.createdAssets();
        int updated = (int) changedAssets.stream().filter(id -> !session.isNew(id)).count();
        return new ImportSummary(request.file(), session.format(request), session.hosts(), created, updated,
                counts.total(), counts.byType(), counts.byStatus(), vulnerabilitiesCreated, session.warnings(),
                Math.round((System.nanoTime() - started) / 1e7) / 100.0);
    }

    /** Detections of one asset the merge inserted or updated, by the type and status they now have. */
    private record Merged(long assetId, String type, String status, long count) {}

    /**
     * Counts this report's detections, as stored after the merge, by type and by status in one pass. Needed
     * only when the merge left some unchanged; otherwise what it inserted and updated says it all.
     */
    private static void countStored(Handle handle, DetectionCounts counts) {
        handle.createQuery("""
                SELECT d.type, d.status, count(*) FROM found_detection f
                JOIN detection d ON d.asset_id = f.asset_id AND d.vulnerability_id = f.vulnerability_id AND d.port = f.port
                GROUP BY 1, 2""")
                .map((rs, ctx) -> {
                    counts.add(rs.getString(1), rs.getString(2), rs.getLong(3));
                    return null;
                })
                .list();
    }
}
