package io.regalia.store.tag;

import io.regalia.store.qql.Evaluation;
import io.regalia.store.qql.SqlPredicate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongPredicate;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * Evaluates rule-based tags, writing only changes of membership. On all assets, each rule is one statement that
 * finds the matching assets, inserts those that lack the tag and deletes the members that no longer match; on a
 * few touched assets, all the rules of a level are one query, asset by asset. Tags whose rules read other tags
 * ({@code tags.name} in QQL) run after those tags; cycles are refused on save.
 * Scores are not touched here: callers rescore the assets whose membership changed.
 */
public final class TagEngine {
    private final Clock clock;

    public TagEngine(Clock clock) {
        this.clock = clock;
    }

    /**
     * Re-evaluates every rule-based tag on these assets, in dependency order, inside the caller's transaction.
     *
     * @param assetIds the assets to evaluate; null for all
     * @return the assets whose membership of some tag changed
     */
    public Set<Long> evaluate(Handle h, Collection<Long> assetIds) {
        return evaluate(h, assetIds, "rules");
    }

    /** As {@link #evaluate(Handle, Collection)}, recording {@code actor} in the history of changed tags. */
    public Set<Long> evaluate(Handle h, Collection<Long> assetIds, String actor) {
        if (assetIds != null && assetIds.isEmpty()) return Set.of();
        return assetIds == null ? settle(h, id -> true, Set.of(), actor).assets()
                : settle(h, id -> false, assetIds, actor).assets();
    }

    /** What one settling did: the assets whose membership changed, and each tag's change. */
    record Outcome(Set<Long> assets, List<MembershipChange> changes) {}

    /**
     * Evaluates, in dependency order, the tags {@code everywhere} accepts on all assets, and every other
     * rule-based tag on {@code seed} plus the assets whose membership of a tag it reads just changed. Tags are
     * taken level by level (a tag's level is one more than the highest of the tags it reads), so all the tags of
     * a level that run on a few assets share one pass.
     */
    Outcome settle(Handle h, LongPredicate everywhere, Collection<Long> seed, String actor) {
        Set<Long> changed = new TreeSet<>();
        List<MembershipChange> changes = new ArrayList<>();
        Map<Long, Set<Long>> changedByTag = new HashMap<>();
        List<Node> nodes = order(h);
        Members members = new Members();
        for (List<Node> level : levels(nodes)) {
            List<Scoped> batch = new ArrayList<>();
            for (Node node : level) {
                Set<Long> scope = null;
                if (!everywhere.test(node.id())) {
                    scope = new TreeSet<>(seed);
                    for (long dep : node.dependencies()) scope.addAll(changedByTag.getOrDefault(dep, Set.of()));
                    if (scope.isEmpty()) continue;
                    if (scope.size() <= ONE_PASS_MAX_ASSETS) {
                        batch.add(new Scoped(node, scope));
                        continue;
                    }
                }
                Set<Long> moved = evaluateTag(h, node, scope, actor, changes);
                if (!moved.isEmpty()) changedByTag.put(node.id(), moved);
            }
            for (int from = 0; from < batch.size(); from += ONE_PASS_MAX_RULES) {
                changedByTag.putAll(evaluateScoped(h, batch.subList(from, Math.min(batch.size(), from + ONE_PASS_MAX_RULES)),
                        actor, changes, members));
            }
        }
        changedByTag.values().forEach(changed::addAll);
        return new Outcome(changed, changes);
    }

    /** The tags of {@code ordered} by level: first those that read no rule-based tag, then those reading only them, … */
    private static List<List<Node>> levels(List<Node> ordered) {
        Map<Long, Integer> levelOf = new HashMap<>();
        List<List<Node>> levels = new ArrayList<>();
        for (Node node : ordered) {
            int level = node.dependencies().stream().mapToInt(levelOf::get).map(l -> l + 1).max().orElse(0);
            levelOf.put(node.id(), level);
            while (levels.size() <= level) levels.add(new ArrayList<>());
            levels.get(level).add(node);
        }
        return levels;
    }

    /**
     * The memberships of the assets evaluated so far in one settling, read once per asset for all the levels. A
     * settling evaluates each tag once, so the engine never reads back a membership it wrote. All of an asset's
     * tags are read, static ones too: by asset, that is one index probe per asset, where naming the tags lets
     * PostgreSQL probe once per tag and asset.
     */
    private static final class Members {
        private final Set<Long> loaded = new HashSet<>();
        private final Map<Long, Set<Long>> byTag = new HashMap<>();

        /** The members of each tag among {@code assets}, reading the assets not read before. */
        Map<Long, Set<Long>> of(Handle h, Set<Long> assets) {
            List<Long> missing = assets.stream().filter(id -> !loaded.contains(id)).toList();
            if (!missing.isEmpty()) {
                h.createQuery("SELECT tag_id, asset_id FROM asset_tag WHERE asset_id = ANY (:assets)")
                        .bindArray("assets", Long.class, missing.toArray())
                        .map((rs, ctx) -> byTag.computeIfAbsent(rs.getLong(1), k -> new HashSet<>()).add(rs.getLong(2)))
                        .list();
                loaded.addAll(missing);
            }
            return byTag;
        }
    }

    /**
     * Up to this many assets, rules are evaluated in one pass over the assets (each rule a column of one query,
     * its joins probing indexes asset by asset); beyond it, each rule is a statement of its own, free to scan and
     * hash whole tables.
     */
    static final int ONE_PASS_MAX_ASSETS = 10_000;
    /** Rules evaluated in one pass at most, which bounds the size of the statement. */
    static final int ONE_PASS_MAX_RULES = 64;

    /** A rule-based tag to evaluate on some assets. */
    private record Scoped(Node node, Set<Long> scope) {}

    /**
     * Evaluates independent rules on a few assets in one query whatever their number, which tells for every asset
     * which of the rules it matches; with the memberships of the assets not read before, in a second. Only the
     * differences are written, all the rules' together.
     *
     * @return for each tag whose membership changed, the assets that moved
     */
    private Map<Long, Set<Long>> evaluateScoped(Handle h, List<Scoped> batch, String actor, List<MembershipChange> changes,
                                                Members memberships) {
        Set<Long> union = new TreeSet<>();
        StringBuilder columns = new StringBuilder();
        Map<String, Object> params = new HashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            union.addAll(batch.get(i).scope());
            SqlPredicate p = Rules.compile(batch.get(i).node().rule(), clock, "t" + i + "_", Evaluation.PER_ASSET);
            columns.append(i == 0 ? "\n    " : ",\n    ").append("coalesce((").append(p.sql()).append("), false) AS r").append(i);
            params.putAll(p.params());
        }
        Long[] assets = union.toArray(Long[]::new);
        Map<Long, boolean[]> matches = new HashMap<>();
        // OFFSET 0 keeps the rules a subquery of their own, planned for one asset at a time: each of their joins
        // probes that asset's rows through an index, where a flat query would hash whole tables once per rule.
        h.createQuery("SELECT a.id, m.* FROM asset a CROSS JOIN LATERAL (SELECT" + columns + "\n    OFFSET 0) m\n"
                        + "WHERE a.id = ANY (:scope)")
                .bindArray("scope", Long.class, (Object[]) assets).bindMap(params)
                .map((rs, ctx) -> {
                    boolean[] row = new boolean[batch.size()];
                    for (int i = 0; i < row.length; i++) row[i] = rs.getBoolean(i + 2);
                    return matches.put(rs.getLong(1), row);
                })
                .list();
        Map<Long, Set<Long>> members = memberships.of(h, union);

        List<Move> moves = new ArrayList<>();
        List<Long> addTags = new ArrayList<>(), addAssets = new ArrayList<>();
        List<Long> removeTags = new ArrayList<>(), removeAssets = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Node node = batch.get(i).node();
            Set<Long> current = members.getOrDefault(node.id(), Set.of());
            List<Long> added = new ArrayList<>();
            List<Long> removed = new ArrayList<>();
            for (long id : batch.get(i).scope()) {
                boolean[] row = matches.get(id);
                boolean match = row != null && row[i];
                boolean member = current.contains(id);
                if (match && !member) added.add(id);
                if (!match && member) removed.add(id);
            }
            added.forEach(id -> { addTags.add(node.id()); addAssets.add(id); });
            removed.forEach(id -> { removeTags.add(node.id()); removeAssets.add(id); });
            moves.add(new Move(node, added, removed));
        }
        // All the tags' changes in one insert and one delete: a change usually moves an asset in several tags.
        if (!addAssets.isEmpty()) {
            h.createUpdate("""
                    INSERT INTO asset_tag (asset_id, tag_id, source) SELECT u.asset_id, u.tag_id, 'rule'
                    FROM unnest(:assets, :tags) AS u(asset_id, tag_id)
                    ON CONFLICT (asset_id, tag_id) DO NOTHING""")
                    .bindArray("assets", Long.class, addAssets.toArray()).bindArray("tags", Long.class, addTags.toArray())
                    .execute();
        }
        if (!removeAssets.isEmpty()) {
            h.createUpdate("""
                    DELETE FROM asset_tag t USING unnest(:assets, :tags) AS u(asset_id, tag_id)
                    WHERE t.asset_id = u.asset_id AND t.tag_id = u.tag_id""")
                    .bindArray("assets", Long.class, removeAssets.toArray()).bindArray("tags", Long.class, removeTags.toArray())
                    .execute();
        }
        return record(h, moves, actor, changes);
    }

    private Set<Long> evaluateTag(Handle h, Node node, Set<Long> scope, String actor, List<MembershipChange> changes) {
        SqlPredicate p = Rules.compile(node.rule(), clock, "r", Evaluation.SET);
        // One statement per rule: the matching assets are found once; members that match and assets that do not
        // are left alone, so a settled tag costs one search and two anti-joins, and writes nothing.
        var statement = h.createQuery("""
                WITH matching AS MATERIALIZED (SELECT a.id FROM asset a WHERE %s AND (%s)),
                added AS (
                    INSERT INTO asset_tag (asset_id, tag_id, source)
                    SELECT m.id, :tag, 'rule' FROM matching m
                    WHERE NOT EXISTS (SELECT 1 FROM asset_tag x WHERE x.tag_id = :tag AND x.asset_id = m.id)
                    ON CONFLICT (asset_id, tag_id) DO NOTHING
                    RETURNING asset_id),
                removed AS (
                    DELETE FROM asset_tag t
                    WHERE t.tag_id = :tag AND %s AND NOT EXISTS (SELECT 1 FROM matching m WHERE m.id = t.asset_id)
                    RETURNING t.asset_id)
                SELECT asset_id, true AS added FROM added
                UNION ALL SELECT asset_id, false FROM removed""".formatted(scope == null ? "true" : "a.id = ANY (:scope)",
                p.sql(), scope == null ? "true" : "t.asset_id = ANY (:scope)"))
                .bind("tag", node.id()).bindMap(p.params());
        if (scope != null) statement.bindArray("scope", Long.class, (Object[]) scope.toArray(Long[]::new));
        List<Long> added = new ArrayList<>();
        List<Long> removed = new ArrayList<>();
        statement.map((rs, ctx) -> rs.getBoolean(2) ? added.add(rs.getLong(1)) : removed.add(rs.getLong(1))).list();
        return record(h, List.of(new Move(node, added, removed)), actor, changes).getOrDefault(node.id(), Set.of());
    }

    /** The assets a tag gained and lost. */
    private record Move(Node node, List<Long> added, List<Long> removed) {
        boolean isEmpty() { return added.isEmpty() && removed.isEmpty(); }
    }

    /**
     * Writes the membership changes to the tags' histories, with each tag's number of members, in two round trips
     * whatever their number.
     *
     * @return for each tag whose membership changed, the assets that moved
     */
    private static Map<Long, Set<Long>> record(Handle h, List<Move> moves, String actor, List<MembershipChange> changes) {
        List<Move> changed = moves.stream().filter(m -> !m.isEmpty()).toList();
        if (changed.isEmpty()) return Map.of();
        Map<Long, Long> members = new HashMap<>();
        h.createQuery("SELECT tag_id, count(*) FROM asset_tag WHERE tag_id = ANY (:tags) GROUP BY tag_id")
                .bindArray("tags", Long.class, changed.stream().map(m -> m.node().id()).toArray())
                .map((rs, ctx) -> members.put(rs.getLong(1), rs.getLong(2))).list();
        List<TagService.HistoryEntry> entries = new ArrayList<>();
        Map<Long, Set<Long>> movedByTag = new HashMap<>();
        for (Move m : changed) {
            long now = members.getOrDefault(m.node().id(), 0L);
            Map<String, Object> before = Map.of("members", now - m.added().size() + m.removed().size());
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("members", now);
            after.put("added", m.added().size());
            after.put("removed", m.removed().size());
            entries.add(new TagService.HistoryEntry(m.node().id(), m.node().name(), actor, "membership", before, after));
            changes.add(new MembershipChange(m.node().name(), m.added().size(), m.removed().size(), now));
            Set<Long> moved = new TreeSet<>(m.added());
            moved.addAll(m.removed());
            movedByTag.put(m.node().id(), moved);
        }
        TagService.history(h, entries);
        return movedByTag;
    }

    /** A rule-based tag with the rule-based tags it reads. */
    record Node(long id, String name, TagRule rule, Set<Long> dependencies) {}

    /**
     * The rule-based tags in an order where every tag comes after the tags it reads.
     *
     * @throws TagException naming the tags of a cycle when rules read each other
     */
    static List<Node> order(Handle h) {
        record Row(long id, String name, String type, String text) {}
        List<Row> rows = h.createQuery("SELECT id, name, rule_type, rule_text FROM tag")
                .map((rs, ctx) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4))).list();
        // Only the engine's own rule types: CMDB business tags are maintained by the sync.
        List<Row> dynamic = rows.stream().filter(r -> RuleType.isRule(r.type()))
                .sorted(Comparator.comparing((Row r) -> r.name().toLowerCase(Locale.ROOT))).toList();
        Map<Long, Node> nodes = new LinkedHashMap<>();
        for (Row r : dynamic) {
            TagRule rule = new TagRule(RuleType.valueOf(r.type()), r.text());
            TagReferences refs = Rules.references(rule);
            Set<Long> deps = new LinkedHashSet<>();
            for (Row other : dynamic) {
                if (refs.anyTag ? other.id() != r.id() : refs.refersTo(other.id(), other.name())) deps.add(other.id());
            }
            nodes.put(r.id(), new Node(r.id(), r.name(), rule, deps));
        }
        List<Node> ordered = new ArrayList<>();
        Map<Long, Integer> state = new HashMap<>(); // 1 visiting, 2 done
        for (Node n : nodes.values()) visit(n, nodes, state, new ArrayList<>(), ordered);
        return ordered;
    }

    private static void visit(Node n, Map<Long, Node> nodes, Map<Long, Integer> state, List<Node> path, List<Node> ordered) {
        Integer s = state.get(n.id());
        if (s != null && s == 2) return;
        if (s != null) {
            List<Node> cycle = new ArrayList<>(path.subList(path.indexOf(n), path.size()));
            cycle.add(n);
            throw new TagException(TagException.Kind.INVALID, "tag rules read each other in a cycle: "
                    + cycle.stream().map(Node::name).collect(Collectors.joining(" -> "))
                    + "; change one of these rules so it no longer reads the next tag (`backticks` match one exact name)");
        }
        state.put(n.id(), 1);
        path.add(n);
        for (long dep : n.dependencies()) visit(nodes.get(dep), nodes, state, path, ordered);
        path.remove(path.size() - 1);
        state.put(n.id(), 2);
        ordered.add(n);
    }
}
