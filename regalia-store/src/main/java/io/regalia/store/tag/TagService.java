package io.regalia.store.tag;

import io.regalia.store.risk.RiskEngine;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Tags and their membership. Every change is recorded in the tag's history and moves ACS and TruRisk of
 * the affected assets in the same transaction.
 */
public final class TagService {
    private static final Pattern COLOR = Pattern.compile("#[0-9A-Fa-f]{6}");
    private static final String SELECT = """
            SELECT t.id, t.name, t.parent_id, p.name AS parent_name, t.criticality_score, t.color, t.rule_type,
                   t.rule_text, (SELECT count(*) FROM asset_tag at WHERE at.tag_id = t.id) AS assets
            FROM tag t LEFT JOIN tag p ON p.id = t.parent_id
            """;

    private final Jdbi jdbi;
    private final RiskEngine risk;

    public TagService(Jdbi jdbi, RiskEngine risk) {
        this.jdbi = jdbi;
        this.risk = risk;
    }

    public List<Tag> list() {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " ORDER BY lower(t.name)").map(TagService::row).list());
    }

    public Tag get(String name) {
        return jdbi.withHandle(h -> find(h, name));
    }

    public Tag create(TagChange change, String actor) {
        String name = validName(change.name());
        Integer criticality = change.criticality().map(TagService::validCriticality).orElse(null);
        String color = change.color().map(TagService::validColor).orElse(null);
        return jdbi.inTransaction(h -> {
            if (h.createQuery("SELECT 1 FROM tag WHERE lower(name) = lower(:n)").bind("n", name).mapTo(Integer.class).findOne().isPresent()) {
                throw new TagException(TagException.Kind.CONFLICT, "tag '" + name + "' already exists");
            }
            Long parent = change.parent().filter(p -> !p.isBlank()).map(p -> find(h, p).id()).orElse(null);
            long id = h.createUpdate("INSERT INTO tag (name, parent_id, criticality_score, color) VALUES (:n, :p, :c, :color)")
                    .bind("n", name).bind("p", parent).bind("c", criticality).bind("color", color)
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            Tag created = byId(h, id);
            history(h, created, actor, "create", null, created);
            return created;
        });
    }

    public Tag update(String name, TagChange change, String actor) {
        return jdbi.inTransaction(h -> {
            Tag before = find(h, name);
            String newName = change.name() == null ? before.name() : validName(change.name());
            if (!newName.equalsIgnoreCase(before.name()) && h.createQuery("SELECT 1 FROM tag WHERE lower(name) = lower(:n)")
                    .bind("n", newName).mapTo(Integer.class).findOne().isPresent()) {
                throw new TagException(TagException.Kind.CONFLICT, "tag '" + newName + "' already exists");
            }
            Integer criticality = change.criticality().isEmpty() ? before.criticality()
                    : change.criticality().get() == TagChange.CLEAR ? null : validCriticality(change.criticality().get());
            String color = change.color().isEmpty() ? before.color()
                    : change.color().get().isBlank() ? null : validColor(change.color().get());
            Long parent = before.parentId();
            if (change.parent().isPresent()) {
                parent = change.parent().get().isBlank() ? null : find(h, change.parent().get()).id();
                if (parent != null && ancestors(h, parent).contains(before.id())) {
                    throw new TagException(TagException.Kind.INVALID,
                            "tag '" + change.parent().get() + "' cannot be the parent of '" + before.name() + "': that makes a cycle");
                }
            }
            h.createUpdate("""
                    UPDATE tag SET name = :n, criticality_score = :c, color = :color, parent_id = :p, updated = now()
                    WHERE id = :id""")
                    .bind("n", newName).bind("c", criticality).bind("color", color).bind("p", parent)
                    .bind("id", before.id()).execute();
            Tag after = byId(h, before.id());
            if (!java.util.Objects.equals(before.criticality(), after.criticality())) {
                risk.rescoreAssets(h, members(h, before.id()));
            }
            history(h, after, actor, "update", before, after);
            return after;
        });
    }

    public void delete(String name, String actor) {
        jdbi.useTransaction(h -> {
            Tag tag = find(h, name);
            if (h.createQuery("SELECT 1 FROM tag WHERE parent_id = :id").bind("id", tag.id()).mapTo(Integer.class).findOne().isPresent()) {
                throw new TagException(TagException.Kind.CONFLICT, "tag '" + tag.name() + "' has child tags; delete or move them first");
            }
            List<Long> members = members(h, tag.id());
            h.createUpdate("DELETE FROM tag WHERE id = :id").bind("id", tag.id()).execute();
            risk.rescoreAssets(h, members);
            history(h, tag, actor, "delete", tag, null);
        });
    }

    /** Adds assets to a static tag; returns how many were not members yet. */
    public int assign(String name, Collection<Long> assetIds, String actor) {
        return jdbi.inTransaction(h -> {
            Tag tag = staticTag(h, name);
            requireAssets(h, assetIds);
            List<Long> added = h.createQuery("""
                    INSERT INTO asset_tag (asset_id, tag_id, source)
                    SELECT a, :tag, 'static' FROM unnest(:ids) AS a ON CONFLICT DO NOTHING RETURNING asset_id""")
                    .bind("tag", tag.id()).bindArray("ids", Long.class, assetIds).mapTo(Long.class).list();
            risk.rescoreAssets(h, added);
            if (!added.isEmpty()) history(h, tag, actor, "assign", null, Map.of("assets", added));
            return added.size();
        });
    }

    /** Removes assets from a static tag; returns how many were members. */
    public int unassign(String name, Collection<Long> assetIds, String actor) {
        return jdbi.inTransaction(h -> {
            Tag tag = staticTag(h, name);
            List<Long> removed = h.createQuery("""
                    DELETE FROM asset_tag WHERE tag_id = :tag AND asset_id = ANY(:ids) RETURNING asset_id""")
                    .bind("tag", tag.id()).bindArray("ids", Long.class, assetIds).mapTo(Long.class).list();
            risk.rescoreAssets(h, removed);
            if (!removed.isEmpty()) history(h, tag, actor, "unassign", Map.of("assets", removed), null);
            return removed.size();
        });
    }

    public List<Map<String, Object>> history(String name) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT at, actor, action, before::text AS before, after::text AS after FROM tag_history
                WHERE lower(tag_name) = lower(:n) ORDER BY id""").bind("n", name).mapToMap().list());
    }

    private Tag staticTag(Handle h, String name) {
        Tag tag = find(h, name);
        if (!"STATIC".equals(tag.ruleType())) {
            throw new TagException(TagException.Kind.INVALID, "tag '" + tag.name() + "' is dynamic (" + tag.ruleType()
                    + "): its members follow its rule and cannot be assigned by hand");
        }
        return tag;
    }

    private static void requireAssets(Handle h, Collection<Long> ids) {
        List<Long> missing = h.createQuery("SELECT a FROM unnest(:ids) a WHERE NOT EXISTS (SELECT 1 FROM asset WHERE id = a)")
                .bindArray("ids", Long.class, ids).mapTo(Long.class).list();
        if (!missing.isEmpty()) throw new TagException(TagException.Kind.NOT_FOUND, "no asset with id " + missing.get(0));
    }

    static List<Long> members(Handle h, long tagId) {
        return h.createQuery("SELECT asset_id FROM asset_tag WHERE tag_id = :id").bind("id", tagId).mapTo(Long.class).list();
    }

    private static TreeSet<Long> ancestors(Handle h, long id) {
        return new TreeSet<>(h.createQuery("""
                WITH RECURSIVE up(id, parent_id) AS (SELECT id, parent_id FROM tag WHERE id = :id
                    UNION SELECT t.id, t.parent_id FROM tag t JOIN up ON t.id = up.parent_id)
                SELECT id FROM up""").bind("id", id).mapTo(Long.class).list());
    }

    static Tag find(Handle h, String name) {
        return h.createQuery(SELECT + " WHERE lower(t.name) = lower(:n)").bind("n", name).map(TagService::row).findOne()
                .orElseThrow(() -> new TagException(TagException.Kind.NOT_FOUND, "no tag named '" + name + "'"));
    }

    private static Tag byId(Handle h, long id) {
        return h.createQuery(SELECT + " WHERE t.id = :id").bind("id", id).map(TagService::row).one();
    }

    private static void history(Handle h, Tag tag, String actor, String action, Object before, Object after) {
        h.createUpdate("""
                INSERT INTO tag_history (tag_id, tag_name, actor, action, before, after)
                VALUES (:id, :name, :actor, :action, cast(:before AS jsonb), cast(:after AS jsonb))""")
                .bind("id", tag.id()).bind("name", tag.name()).bind("actor", actor).bind("action", action)
                .bind("before", Json.write(before)).bind("after", Json.write(after)).execute();
    }

    private static Tag row(java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx) throws java.sql.SQLException {
        return new Tag(rs.getLong("id"), rs.getString("name"), (Long) rs.getObject("parent_id"), rs.getString("parent_name"),
                rs.getObject("criticality_score") == null ? null : rs.getInt("criticality_score"), rs.getString("color"),
                rs.getString("rule_type"), rs.getString("rule_text"), rs.getLong("assets"));
    }

    static String validName(String name) {
        if (name == null || name.isBlank()) throw new TagException(TagException.Kind.INVALID, "a tag needs a name");
        if (name.strip().length() > 200) throw new TagException(TagException.Kind.INVALID, "tag names are at most 200 characters");
        return name.strip();
    }

    static int validCriticality(int c) {
        if (c < 1 || c > 5) throw new TagException(TagException.Kind.INVALID, "criticality must be 1-5, got " + c);
        return c;
    }

    static String validColor(String color) {
        if (!COLOR.matcher(color).matches()) throw new TagException(TagException.Kind.INVALID, "color must look like #RRGGBB, got '" + color + "'");
        return color;
    }

    /** JSON for history rows. */
    static final class Json {
        private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER = new com.fasterxml.jackson.databind.ObjectMapper();

        static String write(Object value) {
            if (value == null) return null;
            try {
                return MAPPER.writeValueAsString(value);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
