package io.regalia.store.cmdb;

import io.regalia.store.risk.RiskEngine;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;

/** Rescores assets and says whose ACS moved, from what to what. */
final class ScoreChanges {
    private ScoreChanges() {}

    private record Scores(String name, int acs, int risk) {}

    static List<SyncReport.AcsChange> rescore(Handle h, RiskEngine risk, Collection<Long> assets) {
        if (assets.isEmpty()) return List.of();
        List<Long> ids = new ArrayList<>(new TreeSet<>(assets));
        Map<Long, Scores> before = read(h, ids);
        risk.rescoreAssets(h, ids);
        Map<Long, Scores> after = read(h, ids);
        List<SyncReport.AcsChange> changes = new ArrayList<>();
        for (Long id : ids) {
            Scores b = before.get(id);
            Scores a = after.get(id);
            if (a == null || b == null || a.acs() == b.acs()) continue;
            changes.add(new SyncReport.AcsChange(id, a.name(), b.acs(), a.acs(), b.risk(), a.risk()));
        }
        return changes;
    }

    /** The display names of these assets, as reports show them. */
    static Map<Long, String> names(Handle h, Collection<Long> ids) {
        Map<Long, String> names = new HashMap<>();
        read(h, ids).forEach((id, s) -> names.put(id, s.name()));
        return names;
    }

    private static Map<Long, Scores> read(Handle h, Collection<Long> ids) {
        Map<Long, Scores> scores = new HashMap<>();
        if (ids.isEmpty()) return scores;
        h.createQuery(BusinessTags.SQL.get("scores")).bindArray("ids", Long.class, ids)
                .map((rs, ctx) -> scores.put(rs.getLong(1), new Scores(rs.getString(2), rs.getInt(3), rs.getInt(4)))).list();
        return scores;
    }
}
