package io.regalia.store.cmdb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.regalia.core.report.BadInputException;
import io.regalia.store.inventory.ImportService;
import io.regalia.store.risk.RiskEngine;
import io.regalia.store.risk.RiskRollups;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The business criticality → ACS mapping, versioned like the scoring model: every change is a new row,
 * the newest is in force, and a change moves the business tags' criticality and their members' scores
 * in the same transaction.
 */
public final class CriticalityMappings {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_VALUE = 200;

    private final Jdbi jdbi;
    private final RiskEngine risk;

    public CriticalityMappings(Jdbi jdbi, RiskEngine risk) {
        this.jdbi = jdbi;
        this.risk = risk;
    }

    public CriticalityMapping current() {
        return jdbi.withHandle(CriticalityMappings::current);
    }

    /** Every version, oldest first. */
    public List<CriticalityMapping> history() {
        return jdbi.withHandle(h -> h.createQuery("SELECT version, entries::text, actor, created FROM cmdb_criticality_mapping ORDER BY version")
                .map((rs, ctx) -> row(rs)).list());
    }

    /**
     * Maps a criticality value to an ACS (1–5), or with {@code acs} null stops mapping it. Stores a new
     * version only when the mapping changes (a value spelled differently but mapped alike is no change).
     */
    public MappingChange set(String criticality, Integer acs, String actor) {
        if (criticality == null || criticality.isBlank()) throw new BadInputException("criticality", "give the criticality value to map");
        String value = criticality.strip();
        if (value.length() > MAX_VALUE) throw new BadInputException("criticality", "at most " + MAX_VALUE + " characters");
        if (acs != null && (acs < 1 || acs > 5)) throw new BadInputException("acs", "ACS must be 1-5, got " + acs);
        return jdbi.inTransaction(h -> {
            // a sync reads the mapping and writes tags under this lock
            h.execute("SELECT pg_advisory_xact_lock(?)", ImportService.IMPORT_LOCK);
            CriticalityMapping now = current(h);
            if (acs != null && acs.equals(now.acsOf(value))) return new MappingChange(now, false, List.of(), List.of());
            TreeMap<String, Integer> entries = new TreeMap<>(now.entries());
            boolean known = entries.keySet().removeIf(k -> CriticalityMapping.normalize(k).equals(CriticalityMapping.normalize(value)));
            if (acs == null && !known) {
                throw new BadInputException("criticality", "the mapping has no value '" + value + "'; it lists "
                        + String.join(", ", now.entries().keySet()));
            }
            if (acs != null) entries.put(value, acs);
            if (entries.equals(now.entries())) return new MappingChange(now, false, List.of(), List.of());
            h.createUpdate("INSERT INTO cmdb_criticality_mapping (entries, actor) VALUES (cast(:e AS jsonb), :actor)")
                    .bind("e", write(entries)).bind("actor", actor).execute();
            CriticalityMapping next = current(h);
            BusinessTags tags = new BusinessTags(h, actor);
            Set<Long> touched = new TreeSet<>();
            List<SyncReport.TagCriticality> changes = tags.follow(next, touched);
            tags.businessFields();
            List<SyncReport.AcsChange> moved = ScoreChanges.rescore(h, risk, touched);
            if (!changes.isEmpty()) RiskRollups.snapshot(h);
            return new MappingChange(next, true, changes, moved);
        });
    }

    static CriticalityMapping current(Handle h) {
        return h.createQuery("SELECT version, entries::text, actor, created FROM cmdb_criticality_mapping ORDER BY version DESC LIMIT 1")
                .map((rs, ctx) -> row(rs)).findOne()
                .orElseGet(() -> new CriticalityMapping(0, new TreeMap<>(CriticalityMapping.DEFAULTS), "default", Instant.EPOCH));
    }

    private static CriticalityMapping row(ResultSet rs) throws SQLException {
        Map<String, Integer> entries;
        try {
            entries = JSON.readValue(rs.getString(2), new TypeReference<Map<String, Integer>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("criticality mapping version " + rs.getInt(1) + " is unreadable", e);
        }
        return new CriticalityMapping(rs.getInt(1), new TreeMap<>(entries), rs.getString(3),
                rs.getObject(4, OffsetDateTime.class).toInstant());
    }

    private static String write(Map<String, Integer> entries) {
        try {
            return JSON.writeValueAsString(entries);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
