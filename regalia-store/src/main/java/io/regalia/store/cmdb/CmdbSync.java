package io.regalia.store.cmdb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.regalia.core.cmdb.CmdbSnapshot;
import io.regalia.store.risk.RiskEngine;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Keeps business tags equal to what a CMDB says. A sync reads everything first, then applies it in one
 * transaction, so a read or a write that fails midway changes nothing; every sync that is not a dry run
 * is recorded with its outcome and report.
 */
public final class CmdbSync {
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final int MAX_ERROR = 2000;

    private final Jdbi jdbi;
    private final RiskEngine risk;
    private final Clock clock;

    public CmdbSync(Jdbi jdbi, RiskEngine risk, Clock clock) {
        this.jdbi = jdbi;
        this.risk = risk;
        this.clock = clock;
    }

    /**
     * Reads a snapshot with {@code read} (the CMDB connector), applies it and records the outcome.
     *
     * @param source what is read, for the record and the report (never a secret)
     * @throws RuntimeException whatever {@code read} or the store threw, after recording the failure
     */
    public SyncReport run(String source, Supplier<CmdbSnapshot> read, SyncOptions options) {
        Instant started = clock.instant();
        SyncReport report;
        try {
            report = apply(read.get(), source, options);
        } catch (RuntimeException e) {
            if (!options.dryRun()) {
                try {
                    record(source, started, SyncRun.Outcome.FAILED, message(e), null);
                } catch (RuntimeException recording) {
                    e.addSuppressed(recording);
                }
            }
            throw e;
        }
        if (!options.dryRun()) record(source, started, SyncRun.Outcome.SUCCEEDED, null, report);
        return report;
    }

    /** Applies a snapshot as the whole truth, in one transaction; a dry run rolls it back and reports the same. */
    public SyncReport apply(CmdbSnapshot snapshot, String source, SyncOptions options) {
        return jdbi.withHandle(h -> {
            h.begin();
            try {
                SyncReport report = new Sync(h, risk, snapshot, source, options).run();
                if (options.dryRun()) h.rollback();
                else h.commit();
                return report;
            } catch (RuntimeException e) {
                h.rollback();
                throw e;
            }
        });
    }

    /** The most recent recorded sync, if any. */
    public Optional<SyncRun> lastRun() {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT id, source, started_at, finished_at, outcome, error, report::text AS report FROM cmdb_sync
                ORDER BY finished_at DESC, id DESC LIMIT 1""")
                .map((rs, ctx) -> new SyncRun(rs.getLong("id"), rs.getString("source"),
                        rs.getObject("started_at", OffsetDateTime.class).toInstant(),
                        rs.getObject("finished_at", OffsetDateTime.class).toInstant(),
                        SyncRun.Outcome.valueOf(rs.getString("outcome")), rs.getString("error"), parse(rs.getString("report"))))
                .findOne());
    }

    private void record(String source, Instant started, SyncRun.Outcome outcome, String error, SyncReport report) {
        jdbi.useHandle(h -> insert(h, source, started, outcome, error, report));
    }

    private void insert(Handle h, String source, Instant started, SyncRun.Outcome outcome, String error, SyncReport report) {
        h.createUpdate("""
                INSERT INTO cmdb_sync (source, started_at, finished_at, outcome, error, report)
                VALUES (:source, :started, :finished, :outcome, :error, cast(:report AS jsonb))""")
                .bind("source", source).bind("started", started).bind("finished", clock.instant())
                .bind("outcome", outcome.name()).bind("error", error).bind("report", write(report)).execute();
    }

    private static String message(RuntimeException e) {
        String m = e instanceof io.regalia.core.report.BadInputException ? e.getMessage()
                : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        return m.length() > MAX_ERROR ? m.substring(0, MAX_ERROR) + "…" : m;
    }

    private static String write(SyncReport report) {
        if (report == null) return null;
        try {
            return JSON.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SyncReport parse(String json) {
        if (json == null) return null;
        try {
            return JSON.readValue(json, SyncReport.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored sync report is unreadable: " + e.getOriginalMessage(), e);
        }
    }
}
