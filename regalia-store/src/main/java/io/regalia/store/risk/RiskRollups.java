package io.regalia.store.risk;

import io.regalia.store.db.NamedSql;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Roll-ups of TruRisk per organization and per tag, and the snapshots that make trends. */
public final class RiskRollups {
    private static final NamedSql SQL = NamedSql.load(RiskRollups.class, "rollup.sql");
    private final Jdbi jdbi;

    public RiskRollups(Jdbi jdbi) { this.jdbi = jdbi; }

    public Rollup organization() {
        return group(null);
    }

    /** The roll-up of one tag's assets. */
    public Rollup tag(long tagId) {
        return group(tagId);
    }

    private Rollup group(Long tagId) {
        return jdbi.withHandle(h -> h.createQuery(SQL.get("group")).bind("tag", tagId).map((rs, ctx) -> new Rollup(rs.getLong(1),
                rs.getInt(2), rs.getInt(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8),
                rs.getLong(9), rs.getLong(10), rs.getLong(11))).one());
    }

    /** How much shorter the list to act on is with QDS than with a CVSS cut; {@code tagId} null for all. */
    public io.regalia.core.risk.Prioritization prioritization(Long tagId) {
        return jdbi.withHandle(h -> h.createQuery(SQL.get("prioritization")).bind("tag", tagId)
                .map((rs, ctx) -> io.regalia.core.risk.Prioritization.of(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
                .one());
    }

    /** Stores a snapshot of the organization and of every tag, all stamped with the same time. */
    public static void snapshot(Handle h) {
        h.execute(SQL.get("snapshot"));
    }

    public void snapshot() {
        jdbi.useTransaction(RiskRollups::snapshot);
    }

    /** Organization snapshots, oldest first. */
    public List<Snapshot> history(int limit) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT taken_at, mean_risk, max_risk, assets FROM (
                    SELECT * FROM risk_snapshot WHERE tag_id IS NULL ORDER BY taken_at DESC LIMIT :limit) s
                ORDER BY taken_at""").bind("limit", limit)
                .map((rs, ctx) -> new Snapshot(rs.getObject(1, java.time.OffsetDateTime.class).toInstant(), rs.getInt(2),
                        rs.getInt(3), rs.getLong(4))).list());
    }

    public record Snapshot(java.time.Instant takenAt, int meanRisk, int maxRisk, long assets) {}
}
