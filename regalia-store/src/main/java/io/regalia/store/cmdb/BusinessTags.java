package io.regalia.store.cmdb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.regalia.store.db.NamedSql;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * The tags a sync maintains, written inside the caller's transaction. Every change leaves a row in the
 * tag's history, in the words TagService uses ({@code create}, {@code update}, {@code assign},
 * {@code unassign}, {@code delete}).
 */
final class BusinessTags {
    static final NamedSql SQL = NamedSql.load(BusinessTags.class, "cmdb.sql");
    static final String RULE_TYPE = "BUSINESS_INFORMATION";
    static final String PARENT = "Business Applications";
    static final String PREFIX = "Business: ";
    static final String SOURCE = "cmdb";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A tag the sync maintains and what the CMDB last said about its application. */
    record Managed(long tagId, String tagName, String name, String sysId, String criticality, String owner, Integer score) {}

    record TagRow(long id, String name, String ruleType, Integer score) {}

    private final Handle h;
    private final String actor;

    BusinessTags(Handle h, String actor) {
        this.h = h;
        this.actor = actor;
    }

    List<Managed> managed() {
        return h.createQuery(SQL.get("managed")).map((rs, ctx) -> new Managed(rs.getLong("tag_id"), rs.getString("tag_name"),
                rs.getString("name"), rs.getString("sys_id"), rs.getString("criticality"), rs.getString("owner"),
                (Integer) rs.getObject("criticality_score"))).list();
    }

    Optional<TagRow> find(String name) {
        return h.createQuery("SELECT id, name, rule_type, criticality_score FROM tag WHERE lower(name) = lower(:n)")
                .bind("n", name).map((rs, ctx) -> new TagRow(rs.getLong(1), rs.getString(2), rs.getString(3),
                        (Integer) rs.getObject(4))).findOne();
    }

    /** The parent of all business tags, created (as a plain static tag without a score) when missing. */
    long parent(List<String> created) {
        Optional<TagRow> parent = find(PARENT);
        if (parent.isPresent()) return parent.get().id();
        long id = h.createUpdate("INSERT INTO tag (name) VALUES (:n)").bind("n", PARENT)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        history(id, PARENT, "create", null, Map.of("name", PARENT));
        created.add(PARENT);
        return id;
    }

    long create(String name, long parent, Integer score) {
        long id = h.createUpdate("""
                INSERT INTO tag (name, parent_id, criticality_score, rule_type) VALUES (:n, :p, :c, :rule)""")
                .bind("n", name).bind("p", parent).bind("c", score).bind("rule", RULE_TYPE)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("name", name);
        after.put("parent", PARENT);
        after.put("criticality", score);
        after.put("ruleType", RULE_TYPE);
        history(id, name, "create", null, after);
        return id;
    }

    void rename(long id, String before, String after) {
        h.createUpdate("UPDATE tag SET name = :n, updated = now() WHERE id = :id").bind("n", after).bind("id", id).execute();
        history(id, after, "update", Map.of("name", before), Map.of("name", after));
    }

    void setCriticality(long id, String name, Integer before, Integer after) {
        h.createUpdate("UPDATE tag SET criticality_score = :c, updated = now() WHERE id = :id").bind("c", after).bind("id", id).execute();
        history(id, name, "update", nullable("criticality", before), nullable("criticality", after));
    }

    void remember(long tagId, String name, String sysId, String criticality, String owner) {
        h.createUpdate(SQL.get("remember")).bind("tag", tagId).bind("name", name).bind("sysId", sysId)
                .bind("criticality", criticality).bind("owner", owner).execute();
    }

    void assign(long tagId, String name, Collection<Long> assets) {
        if (assets.isEmpty()) return;
        h.createUpdate("""
                INSERT INTO asset_tag (asset_id, tag_id, source) SELECT a, :tag, :source FROM unnest(:ids) AS a
                ON CONFLICT DO NOTHING""")
                .bind("tag", tagId).bind("source", SOURCE).bindArray("ids", Long.class, assets).execute();
        history(tagId, name, "assign", null, Map.of("assets", sorted(assets)));
    }

    void unassign(long tagId, String name, Collection<Long> assets) {
        if (assets.isEmpty()) return;
        h.createUpdate("DELETE FROM asset_tag WHERE tag_id = :tag AND asset_id = ANY(:ids)")
                .bind("tag", tagId).bindArray("ids", Long.class, assets).execute();
        history(tagId, name, "unassign", Map.of("assets", sorted(assets)), null);
    }

    boolean hasChildren(long tagId) {
        return h.createQuery("SELECT 1 FROM tag WHERE parent_id = :id LIMIT 1").bind("id", tagId).mapTo(Integer.class).findOne().isPresent();
    }

    /** Stops maintaining a tag without deleting it. */
    void release(long tagId) {
        h.createUpdate("DELETE FROM cmdb_application WHERE tag_id = :id").bind("id", tagId).execute();
    }

    void delete(long tagId, String name) {
        h.createUpdate("DELETE FROM tag WHERE id = :id").bind("id", tagId).execute();
        history(tagId, name, "delete", Map.of("name", name), null);
    }

    /** The members of these tags, by tag; every tag asked for has an entry. */
    Map<Long, Set<Long>> members(Collection<Long> tagIds) {
        Map<Long, Set<Long>> members = new HashMap<>();
        tagIds.forEach(id -> members.put(id, new HashSet<>()));
        if (tagIds.isEmpty()) return members;
        h.createQuery("SELECT tag_id, asset_id FROM asset_tag WHERE tag_id = ANY(:ids)").bindArray("ids", Long.class, tagIds)
                .map((rs, ctx) -> members.get(rs.getLong(1)).add(rs.getLong(2))).list();
        return members;
    }

    /** Brings every maintained tag's criticality to what this mapping gives; collects the members to rescore. */
    List<SyncReport.TagCriticality> follow(CriticalityMapping mapping, Set<Long> touched) {
        List<SyncReport.TagCriticality> changes = new ArrayList<>();
        List<Long> moved = new ArrayList<>();
        for (Managed m : managed()) {
            Integer score = mapping.acsOf(m.criticality());
            if (Objects.equals(score, m.score())) continue;
            setCriticality(m.tagId(), m.tagName(), m.score(), score);
            changes.add(new SyncReport.TagCriticality(m.tagName(), m.score(), score));
            moved.add(m.tagId());
        }
        members(moved).values().forEach(touched::addAll);
        changes.sort(Comparator.comparing(SyncReport.TagCriticality::tag, String.CASE_INSENSITIVE_ORDER));
        return changes;
    }

    /** Sets the business columns of assets from the applications they now run. */
    void businessFields() {
        h.execute(SQL.get("business_fields"));
    }

    private void history(long tagId, String name, String action, Object before, Object after) {
        h.createUpdate("""
                INSERT INTO tag_history (tag_id, tag_name, actor, action, before, after)
                VALUES (:id, :name, :actor, :action, cast(:before AS jsonb), cast(:after AS jsonb))""")
                .bind("id", tagId).bind("name", name).bind("actor", actor).bind("action", action)
                .bind("before", json(before)).bind("after", json(after)).execute();
    }

    private static Map<String, Object> nullable(String key, Object value) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(key, value);
        return map;
    }

    private static List<Long> sorted(Collection<Long> ids) {
        return ids.stream().sorted().toList();
    }

    private static String json(Object value) {
        if (value == null) return null;
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
