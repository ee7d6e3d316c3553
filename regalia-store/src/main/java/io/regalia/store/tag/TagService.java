package io.regalia.store.tag;

import io.regalia.store.risk.RiskEngine;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.Jdbi;

/**
 * Tags and their membership. Every change is recorded in the tag's history and, in the same transaction,
 * re-evaluates the rules it affects and moves ACS and TruRisk of exactly the assets whose membership or
 * tag criticality changed.
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
    private final TagEngine engine;

    public TagService(Jdbi jdbi, RiskEngine risk) {
        this(jdbi, risk, Clock.systemUTC());
    }

    /** {@code clock} is "now" for relative dates in rules. */
    public TagService(Jdbi jdbi, RiskEngine risk, Clock clock) {
        this.jdbi = jdbi;
        this.risk = risk;
        this.engine = new TagEngine(clock);
    }

    public List<Tag> list() {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " ORDER BY lower(t.name)").map(TagService::row).list());
    }

    public Tag get(String name) {
        return jdbi.withHandle(h -> find(h, name));
    }

    /** Creates a tag; a rule-based one is evaluated on all assets at once. */
    public Tag create(TagChange change, String actor) {
        return jdbi.inTransaction(h -> {
            Saved saved = createIn(h, change, actor);
            risk.rescoreAssets(h, saved.rescore());
            return byId(h, saved.tagId());
        });
    }

    /** Changes a tag; a changed rule is evaluated on all assets, a rename or new criticality on the members. */
    public Tag update(String name, TagChange change, String actor) {
        return jdbi.inTransaction(h -> {
            Saved saved = updateIn(h, unmanaged(find(h, name)), change, actor);
            risk.rescoreAssets(h, saved.rescore());
            return byId(h, saved.tagId());
        });
    }

    public void delete(String name, String actor) {
        jdbi.useTransaction(h -> {
            Tag tag = unmanaged(find(h, name));
            if (h.createQuery("SELECT 1 FROM tag WHERE parent_id = :id").bind("id", tag.id()).mapTo(Integer.class).findOne().isPresent()) {
                throw new TagException(TagException.Kind.CONFLICT, "tag '" + tag.name() + "' has child tags; delete or move them first");
            }
            List<Long> members = members(h, tag.id());
            h.createUpdate("DELETE FROM tag WHERE id = :id").bind("id", tag.id()).execute();
            history(h, tag, actor, "delete", tag, null);
            settle(h, members, actor);
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
            if (!added.isEmpty()) history(h, tag, actor, "assign", null, Map.of("assets", added));
            settle(h, added, actor);
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
            if (!removed.isEmpty()) history(h, tag, actor, "unassign", Map.of("assets", removed), null);
            settle(h, removed, actor);
            return removed.size();
        });
    }

    /**
     * Re-evaluates one rule-based tag (and the tags that read it), or every one when {@code name} is null, on
     * all assets: rules with relative dates ({@code now-30d}) move with the calendar.
     */
    public List<MembershipChange> evaluate(String name, String actor) {
        return jdbi.inTransaction(h -> {
            TagEngine.Outcome outcome;
            if (name == null) {
                outcome = engine.settle(h, id -> true, Set.of(), actor);
            } else {
                Tag tag = find(h, name);
                if (!ruleOf(tag).isDynamic()) {
                    throw new TagException(TagException.Kind.INVALID, "tag '" + tag.name() + "' is static: it has no rule to evaluate");
                }
                outcome = engine.settle(h, id -> id == tag.id(), Set.of(), actor);
            }
            risk.rescoreAssets(h, outcome.assets());
            return outcome.changes();
        });
    }

    /**
     * What saving {@code rule} (and {@code criticality}, when not null) would do: to the existing tag named
     * {@code existing}, or to a new tag when it is null. Nothing is kept: the save runs in a transaction that
     * is rolled back.
     */
    public Preview preview(TagRule rule, Integer criticality, String existing) {
        return jdbi.withHandle(h -> {
            h.begin();
            try {
                Set<Long> before;
                Saved saved;
                if (existing != null) {
                    Tag tag = find(h, existing);
                    before = new TreeSet<>(members(h, tag.id()));
                    saved = updateIn(h, tag, new TagChange(null, Optional.ofNullable(criticality), Optional.empty(),
                            Optional.empty(), Optional.of(rule)), "preview");
                } else {
                    before = Set.of();
                    saved = createIn(h, new TagChange("preview " + UUID.randomUUID(), Optional.ofNullable(criticality),
                            Optional.empty(), Optional.empty(), Optional.of(rule)), "preview");
                }
                Set<Long> after = new TreeSet<>(members(h, saved.tagId()));
                Map<Long, int[]> scoresBefore = scores(h, saved.rescore());
                risk.rescoreAssets(h, saved.rescore());
                Map<Long, int[]> scoresAfter = scores(h, saved.rescore());
                Map<Long, String> names = names(h, union(union(before, after), saved.rescore()));
                List<Preview.ScoreChange> changes = new ArrayList<>();
                int raised = 0;
                int lowered = 0;
                long riskBefore = 0;
                long riskAfter = 0;
                for (long id : new TreeSet<>(scoresBefore.keySet())) {
                    int[] b = scoresBefore.get(id);
                    int[] a = scoresAfter.get(id);
                    if (b[0] == a[0] && b[1] == a[1]) continue;
                    changes.add(new Preview.ScoreChange(id, names.get(id), b[0], a[0], b[1], a[1]));
                    if (a[0] > b[0]) raised++;
                    if (a[0] < b[0]) lowered++;
                    riskBefore += b[1];
                    riskAfter += a[1];
                }
                return new Preview(after.size(), refs(minus(after, before), names), refs(minus(before, after), names), changes,
                        new Preview.Totals(changes.size(), raised, lowered, riskBefore, riskAfter));
            } finally {
                h.rollback();
            }
        });
    }

    /** The whole tag tree, children under their parents, each level by name. */
    public List<TagSpec> export() {
        List<Tag> tags = list().stream().filter(t -> !CMDB_MANAGED.equals(t.ruleType())).toList();
        Map<Long, List<Tag>> children = new HashMap<>();
        for (Tag t : tags) children.computeIfAbsent(t.parentId(), k -> new ArrayList<>()).add(t);
        return specs(children, null);
    }

    private static List<TagSpec> specs(Map<Long, List<Tag>> children, Long parent) {
        return children.getOrDefault(parent, List.of()).stream()
                .map(t -> new TagSpec(t.name(), ruleOf(t), t.criticality(), t.color(), specs(children, t.id()))).toList();
    }

    /**
     * Makes the stored tags equal to {@code tree}: creates, changes and deletes tags (by case-insensitive
     * name) in one transaction, then evaluates the rules affected and rescores. With {@code dryRun} the same
     * work is done and rolled back, so the result is what a real apply makes.
     *
     * @param source names the file in error messages, which give the path of the bad entry
     */
    public ApplyResult apply(List<TagSpec> tree, String source, boolean dryRun, String actor) {
        List<Entry> entries = new ArrayList<>();
        flatten(tree, "tags", null, source, entries, new HashMap<>());
        return jdbi.withHandle(h -> {
            h.begin();
            boolean commit = false;
            try {
                ApplyResult result = applyIn(h, entries, source, dryRun, actor);
                commit = !dryRun;
                return result;
            } finally {
                if (commit) h.commit();
                else h.rollback();
            }
        });
    }

    public List<Map<String, Object>> history(String name) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT at, actor, action, before::text AS before, after::text AS after FROM tag_history
                WHERE lower(tag_name) = lower(:n) ORDER BY id""").bind("n", name).mapToMap().list());
    }

    // ---- saving ---------------------------------------------------------------------------------------

    /** A saved tag and the assets whose scores must be recomputed. */
    private record Saved(long tagId, Set<Long> rescore) {}

    private Saved createIn(Handle h, TagChange change, String actor) {
        String name = validName(change.name());
        Integer criticality = change.criticality().map(TagService::validCriticality).orElse(null);
        String color = change.color().map(TagService::validColor).orElse(null);
        TagRule rule = change.rule().orElse(TagRule.STATIC);
        requireFree(h, name);
        Long parent = change.parent().filter(p -> !p.isBlank()).map(p -> find(h, p).id()).orElse(null);
        long id = insert(h, name, parent, criticality, color, rule);
        history(h, byId(h, id), actor, "create", null, byId(h, id));
        if (!rule.isDynamic()) return new Saved(id, Set.of());
        Rules.checkInDatabase(h, rule);
        return new Saved(id, engine.settle(h, t -> t == id, Set.of(), actor).assets());
    }

    private Saved updateIn(Handle h, Tag before, TagChange change, String actor) {
        String newName = change.name() == null ? before.name() : validName(change.name());
        if (!newName.equalsIgnoreCase(before.name())) requireFree(h, newName);
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
        TagRule oldRule = ruleOf(before);
        TagRule rule = change.rule().orElse(oldRule);
        write(h, before.id(), newName, parent, criticality, color, oldRule, rule);
        Tag after = byId(h, before.id());
        history(h, after, actor, "update", before, after);
        return new Saved(before.id(), settleChange(h, before, after, oldRule, rule, actor));
    }

    /**
     * After a tag's row changed: check its rule in the database and the rule graph, evaluate a changed rule
     * everywhere, and the members again when the name or criticality other rules read changed.
     */
    private Set<Long> settleChange(Handle h, Tag before, Tag after, TagRule oldRule, TagRule rule, String actor) {
        boolean ruleChanged = !rule.equals(oldRule) && rule.isDynamic();
        if (ruleChanged) Rules.checkInDatabase(h, rule);
        boolean readByOthers = !before.name().equals(after.name()) || !Objects.equals(before.criticality(), after.criticality());
        Set<Long> seed = readByOthers ? new TreeSet<>(members(h, before.id())) : Set.of();
        if (!ruleChanged && seed.isEmpty() && before.name().equals(after.name())) return Set.of();
        TagEngine.Outcome outcome = engine.settle(h, t -> ruleChanged && t == before.id(), seed, actor);
        return union(outcome.assets(), seed);
    }

    /** Re-evaluates rules on assets whose tags changed, and rescores them and any asset that moved. */
    private void settle(Handle h, Collection<Long> assets, String actor) {
        Set<Long> moved = engine.evaluate(h, assets, actor);
        risk.rescoreAssets(h, union(new TreeSet<>(assets), moved));
    }

    private static long insert(Handle h, String name, Long parent, Integer criticality, String color, TagRule rule) {
        return h.createUpdate("""
                INSERT INTO tag (name, parent_id, criticality_score, color, rule_type, rule_text)
                VALUES (:n, :p, :c, :color, :type, :rule)""")
                .bind("n", name).bind("p", parent).bind("c", criticality).bind("color", color)
                .bind("type", rule.type().name()).bind("rule", rule.text())
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    private static void write(Handle h, long id, String name, Long parent, Integer criticality, String color,
                              TagRule oldRule, TagRule rule) {
        h.createUpdate("""
                UPDATE tag SET name = :n, criticality_score = :c, color = :color, parent_id = :p, rule_type = :type,
                               rule_text = :rule, updated = now()
                WHERE id = :id""")
                .bind("n", name).bind("c", criticality).bind("color", color).bind("p", parent)
                .bind("type", rule.type().name()).bind("rule", rule.text()).bind("id", id).execute();
        if (oldRule.isDynamic() != rule.isDynamic()) {
            // A tag made static keeps its members as static ones; a tag given a rule hands them to the rule.
            h.createUpdate("UPDATE asset_tag SET source = :source WHERE tag_id = :id AND source <> 'cmdb'")
                    .bind("source", rule.isDynamic() ? "rule" : "static").bind("id", id).execute();
        }
    }

    // ---- tags as code ---------------------------------------------------------------------------------

    /** One tag of a file with its path there ({@code tags[0].children[2]}) and its parent's name. */
    private record Entry(String path, TagSpec spec, String parent) {}

    private static void flatten(List<TagSpec> specs, String path, String parent, String source, List<Entry> out,
                                Map<String, String> seen) {
        for (int i = 0; i < specs.size(); i++) {
            TagSpec s = specs.get(i);
            String at = path + "[" + i + "]";
            String name = inEntry(source, at + ".name", () -> validName(s.name()));
            String earlier = seen.putIfAbsent(name.toLowerCase(Locale.ROOT), at);
            if (earlier != null) {
                throw new TagException(TagException.Kind.INVALID, where(source, at + ".name"),
                        "tag '" + name + "' is also defined at " + earlier + "; names are unique, ignoring case");
            }
            if (s.criticality() != null) inEntry(source, at + ".criticality", () -> validCriticality(s.criticality()));
            if (s.color() != null) inEntry(source, at + ".color", () -> validColor(s.color()));
            if (s.rule().isDynamic()) inEntry(source, at + ".rule", () -> { Rules.check(s.rule()); return null; });
            out.add(new Entry(at, new TagSpec(name, s.rule(), s.criticality(), s.color(), List.of()), parent));
            flatten(s.children(), at + ".children", name, source, out, seen);
        }
    }

    private ApplyResult applyIn(Handle h, List<Entry> entries, String source, boolean dryRun, String actor) {
        Map<String, Tag> existing = new LinkedHashMap<>();
        // Tags the CMDB sync maintains are not the file's to change; neither are their parents deleted.
        Set<Long> managedParents = new TreeSet<>(h.createQuery(
                "SELECT DISTINCT parent_id FROM tag WHERE rule_type = :managed AND parent_id IS NOT NULL")
                .bind("managed", CMDB_MANAGED).mapTo(Long.class).list());
        for (Tag t : h.createQuery(SELECT + " ORDER BY lower(t.name)").map(TagService::row).list()) {
            if (!CMDB_MANAGED.equals(t.ruleType())) existing.put(t.name().toLowerCase(Locale.ROOT), t);
        }
        Map<String, Long> ids = new HashMap<>();
        existing.forEach((k, t) -> ids.put(k, t.id()));
        List<String> lines = new ArrayList<>();
        Set<Long> ruleChanged = new TreeSet<>();
        Set<Long> seed = new TreeSet<>();
        Set<String> listed = new TreeSet<>();
        for (Entry e : entries) {
            TagSpec s = e.spec();
            String key = s.name().toLowerCase(Locale.ROOT);
            listed.add(key);
            Long parent = e.parent() == null ? null : ids.get(e.parent().toLowerCase(Locale.ROOT));
            Tag cur = existing.get(key);
            if (cur == null) {
                long id = insert(h, s.name(), parent, s.criticality(), s.color(), s.rule());
                ids.put(key, id);
                history(h, byId(h, id), actor, "create", null, byId(h, id));
                lines.add("+ create tag '" + s.name() + "'" + (e.parent() == null ? "" : " under '" + e.parent() + "'")
                        + describe(s.rule(), s.criticality(), s.color()));
                if (s.rule().isDynamic()) {
                    inEntry(source, e.path() + ".rule", () -> { Rules.checkInDatabase(h, s.rule()); return null; });
                    ruleChanged.add(id);
                }
                continue;
            }
            TagRule oldRule = ruleOf(cur);
            List<String> diffs = new ArrayList<>();
            if (!cur.name().equals(s.name())) diffs.add("name '" + cur.name() + "' -> '" + s.name() + "'");
            if (!Objects.equals(cur.parentId(), parent)) {
                diffs.add("parent " + quoted(cur.parentName()) + " -> " + quoted(e.parent()));
            }
            if (!Objects.equals(cur.criticality(), s.criticality())) {
                diffs.add("criticality " + orNone(cur.criticality()) + " -> " + orNone(s.criticality()));
            }
            if (!Objects.equals(cur.color(), s.color())) diffs.add("color " + orNone(cur.color()) + " -> " + orNone(s.color()));
            if (!oldRule.equals(s.rule())) diffs.add("rule " + ruleText(oldRule) + " -> " + ruleText(s.rule()));
            if (diffs.isEmpty()) continue;
            write(h, cur.id(), s.name(), parent, s.criticality(), s.color(), oldRule, s.rule());
            history(h, byId(h, cur.id()), actor, "update", cur, byId(h, cur.id()));
            lines.add("~ update tag '" + s.name() + "': " + String.join(", ", diffs));
            if (!oldRule.equals(s.rule()) && s.rule().isDynamic()) {
                inEntry(source, e.path() + ".rule", () -> { Rules.checkInDatabase(h, s.rule()); return null; });
                ruleChanged.add(cur.id());
            }
            if (!cur.name().equals(s.name()) || !Objects.equals(cur.criticality(), s.criticality())) {
                seed.addAll(members(h, cur.id()));
            }
        }
        List<Tag> doomed = new ArrayList<>(existing.values().stream().filter(t -> !listed.contains(t.name().toLowerCase(Locale.ROOT)))
                .filter(t -> !managedParents.contains(t.id()))
                .sorted(Comparator.comparing(t -> t.name().toLowerCase(Locale.ROOT))).toList());
        while (!doomed.isEmpty()) {
            // children first: a tag is deleted once no tag names it as parent
            Tag leaf = doomed.stream().filter(t -> h.createQuery("SELECT count(*) FROM tag WHERE parent_id = :id")
                    .bind("id", t.id()).mapTo(Integer.class).one() == 0).findFirst()
                    .orElseThrow(() -> new IllegalStateException("tags to delete still have children"));
            doomed.remove(leaf);
            List<Long> members = members(h, leaf.id());
            seed.addAll(members);
            h.createUpdate("DELETE FROM tag WHERE id = :id").bind("id", leaf.id()).execute();
            history(h, leaf, actor, "delete", leaf, null);
            lines.add("- delete tag '" + leaf.name() + "' (" + members.size() + " members)");
        }
        if (lines.isEmpty()) return new ApplyResult(List.of(), List.of(), 0, dryRun);
        try {
            TagEngine.order(h);
        } catch (TagException e) {
            throw new TagException(e.kind(), source, e.getMessage());
        }
        TagEngine.Outcome outcome = engine.settle(h, ruleChanged::contains, seed, actor);
        Set<Long> rescore = union(outcome.assets(), seed);
        risk.rescoreAssets(h, rescore);
        return new ApplyResult(lines, outcome.changes(), rescore.size(), dryRun);
    }

    private static String describe(TagRule rule, Integer criticality, String color) {
        List<String> parts = new ArrayList<>();
        if (rule.isDynamic()) parts.add("rule " + ruleText(rule));
        if (criticality != null) parts.add("criticality " + criticality);
        if (color != null) parts.add("color " + color);
        return parts.isEmpty() ? "" : ": " + String.join(", ", parts);
    }

    private static String ruleText(TagRule rule) {
        return rule.isDynamic() ? rule.type() + " '" + rule.text() + "'" : "STATIC";
    }

    private static String quoted(String s) { return s == null ? "none" : "'" + s + "'"; }

    private static String orNone(Object o) { return o == null ? "none" : o.toString(); }

    private static String where(String source, String path) {
        return source == null ? path : source + ": " + path;
    }

    private static <T> T inEntry(String source, String path, java.util.function.Supplier<T> check) {
        try {
            return check.get();
        } catch (TagException e) {
            throw new TagException(e.kind(), where(source, path), e.getMessage());
        }
    }

    // ---- reading --------------------------------------------------------------------------------------

    private static Map<Long, int[]> scores(Handle h, Set<Long> ids) {
        Map<Long, int[]> scores = new HashMap<>();
        if (ids.isEmpty()) return scores;
        h.createQuery("SELECT id, criticality_score, risk_score FROM asset WHERE id = ANY(:ids)")
                .bindArray("ids", Long.class, ids)
                .map((rs, ctx) -> scores.put(rs.getLong(1), new int[] {rs.getInt(2), rs.getInt(3)})).list();
        return scores;
    }

    private static Map<Long, String> names(Handle h, Set<Long> ids) {
        Map<Long, String> names = new HashMap<>();
        if (ids.isEmpty()) return names;
        h.createQuery("SELECT id, name FROM asset WHERE id = ANY(:ids)").bindArray("ids", Long.class, ids)
                .map((rs, ctx) -> names.put(rs.getLong(1), rs.getString(2))).list();
        return names;
    }

    private static List<Preview.AssetRef> refs(Set<Long> ids, Map<Long, String> names) {
        return ids.stream().map(id -> new Preview.AssetRef(id, names.get(id))).toList();
    }

    private static Set<Long> union(Set<Long> a, Set<Long> b) {
        Set<Long> u = new TreeSet<>(a);
        u.addAll(b);
        return u;
    }

    private static Set<Long> minus(Set<Long> a, Set<Long> b) {
        Set<Long> d = new TreeSet<>(a);
        d.removeAll(b);
        return d;
    }

    /** Rule type of the tags the CMDB sync maintains: their members and criticality come from the CMDB. */
    static final String CMDB_MANAGED = "BUSINESS_INFORMATION";

    private static Tag unmanaged(Tag tag) {
        if (CMDB_MANAGED.equals(tag.ruleType())) {
            throw new TagException(TagException.Kind.INVALID, "tag '" + tag.name() + "' is maintained by the CMDB sync; "
                    + "change its application in the CMDB or the criticality mapping (regalia cmdb mapping set)");
        }
        return tag;
    }

    private static TagRule ruleOf(Tag t) {
        RuleType type = RuleType.valueOf(t.ruleType());
        return type == RuleType.STATIC ? TagRule.STATIC : new TagRule(type, t.rule());
    }

    private static void requireFree(Handle h, String name) {
        if (h.createQuery("SELECT 1 FROM tag WHERE lower(name) = lower(:n)").bind("n", name).mapTo(Integer.class).findOne().isPresent()) {
            throw new TagException(TagException.Kind.CONFLICT, "tag '" + name + "' already exists");
        }
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
        history(h, tag.id(), tag.name(), actor, action, before, after);
    }

    static void history(Handle h, long tagId, String tagName, String actor, String action, Object before, Object after) {
        history(h, List.of(new HistoryEntry(tagId, tagName, actor, action, before, after)));
    }

    /** One change of a tag, for its history: who, what, and the tag before and after. */
    record HistoryEntry(long tagId, String tagName, String actor, String action, Object before, Object after) {}

    /** Writes the entries in one round trip. */
    static void history(Handle h, List<HistoryEntry> entries) {
        PreparedBatch batch = h.prepareBatch("""
                INSERT INTO tag_history (tag_id, tag_name, actor, action, before, after)
                VALUES (:id, :name, :actor, :action, cast(:before AS jsonb), cast(:after AS jsonb))""");
        for (HistoryEntry e : entries) {
            batch.bind("id", e.tagId()).bind("name", e.tagName()).bind("actor", e.actor()).bind("action", e.action())
                    .bind("before", Json.write(e.before())).bind("after", Json.write(e.after())).add();
        }
        if (!entries.isEmpty()) batch.execute();
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
