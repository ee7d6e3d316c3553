package io.regalia.store.tag;

import io.regalia.store.qql.SqlPredicate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
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
 * Evaluates rule-based tags: each rule is one statement that finds the matching assets, inserts those that lack
 * the tag and deletes the members that no longer match, so only changes are written. Tags whose
 * rules read other tags ({@code tags.name} in QQL) run after those tags; cycles are refused on save.
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
     * rule-based tag on {@code seed} plus the assets whose membership of a tag it reads just changed.
     */
    Outcome settle(Handle h, LongPredicate everywhere, Collection<Long> seed, String actor) {
        Set<Long> changed = new TreeSet<>();
        List<MembershipChange> changes = new ArrayList<>();
        Map<Long, Set<Long>> changedByTag = new HashMap<>();
        for (Node node : order(h)) {
            Set<Long> scope = null;
            if (!everywhere.test(node.id())) {
                scope = new TreeSet<>(seed);
                for (long dep : node.dependencies()) scope.addAll(changedByTag.getOrDefault(dep, Set.of()));
                if (scope.isEmpty()) continue;
            }
            Set<Long> moved = evaluateTag(h, node, scope, actor, changes);
            if (!moved.isEmpty()) {
                changedByTag.put(node.id(), moved);
                changed.addAll(moved);
            }
        }
        return new Outcome(changed, changes);
    }

    private Set<Long> evaluateTag(Handle h, Node node, Set<Long> scope, String actor, List<MembershipChange> changes) {
        SqlPredicate p = Rules.compile(node.rule(), clock, "r");
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
        if (added.isEmpty() && removed.isEmpty()) return Set.of();
        long members = h.createQuery("SELECT count(*) FROM asset_tag WHERE tag_id = :tag").bind("tag", node.id())
                .mapTo(Long.class).one();
        Map<String, Object> before = Map.of("members", members - added.size() + removed.size());
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("members", members);
        after.put("added", added.size());
        after.put("removed", removed.size());
        TagService.history(h, node.id(), node.name(), actor, "membership", before, after);
        changes.add(new MembershipChange(node.name(), added.size(), removed.size(), members));
        Set<Long> moved = new TreeSet<>(added);
        moved.addAll(removed);
        return moved;
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
