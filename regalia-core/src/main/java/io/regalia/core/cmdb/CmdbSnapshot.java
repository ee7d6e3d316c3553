package io.regalia.core.cmdb;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything one read of a CMDB returned, complete: a sync applies it as the whole truth.
 *
 * @param origin what it was read from, for inventory sources (e.g. {@code ServiceNow}, {@code CMDB CSV})
 */
public record CmdbSnapshot(String origin, List<BusinessApplication> applications, List<ConfigurationItem> items,
                           List<CmdbRelation> relations) {
    public CmdbSnapshot {
        applications = List.copyOf(applications);
        items = List.copyOf(items);
        relations = List.copyOf(relations);
    }

    /**
     * The configuration items each application runs on, in the order the items were read. A relation
     * counts in either direction (CMDBs model "runs on" and "depends on" both ways); relations to items
     * that were not read (databases, other applications) are ignored, and of applications sharing an id
     * the first one read counts.
     */
    public Map<BusinessApplication, List<ConfigurationItem>> members() {
        Map<String, BusinessApplication> apps = new LinkedHashMap<>();
        applications.forEach(a -> apps.putIfAbsent(a.sysId(), a));
        Map<String, Integer> order = new HashMap<>();
        Map<String, ConfigurationItem> byId = new HashMap<>();
        for (ConfigurationItem item : items) {
            if (byId.putIfAbsent(item.sysId(), item) == null) order.put(item.sysId(), order.size());
        }
        Map<BusinessApplication, Set<String>> related = new LinkedHashMap<>();
        apps.values().forEach(a -> related.put(a, new LinkedHashSet<>()));
        for (CmdbRelation r : relations) {
            link(apps.get(r.parent()), r.child(), byId, related);
            link(apps.get(r.child()), r.parent(), byId, related);
        }
        Map<BusinessApplication, List<ConfigurationItem>> members = new LinkedHashMap<>();
        related.forEach((app, ids) -> {
            List<String> sorted = new ArrayList<>(ids);
            sorted.sort((x, y) -> Integer.compare(order.get(x), order.get(y)));
            members.put(app, sorted.stream().map(byId::get).toList());
        });
        return members;
    }

    private static void link(BusinessApplication app, String itemId, Map<String, ConfigurationItem> items,
                             Map<BusinessApplication, Set<String>> related) {
        if (app != null && items.containsKey(itemId)) related.get(app).add(itemId);
    }
}
