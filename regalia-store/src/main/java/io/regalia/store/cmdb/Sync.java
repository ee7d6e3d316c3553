package io.regalia.store.cmdb;

import io.regalia.core.cmdb.BusinessApplication;
import io.regalia.core.cmdb.CmdbSnapshot;
import io.regalia.core.cmdb.ConfigurationItem;
import io.regalia.store.inventory.ImportService;
import io.regalia.store.risk.RiskEngine;
import io.regalia.store.risk.RiskRollups;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;

/** One sync of one snapshot inside the caller's transaction: tags, memberships, business columns, scores. */
final class Sync {
    private static final int MAX_TAG_NAME = 200;

    /** An application as it becomes a tag: applications the CMDB names alike share one. */
    private record Application(String tagName, String name, String sysId, String criticality, String owner, Integer acs,
                               List<ConfigurationItem> items) {}

    private final Handle h;
    private final RiskEngine risk;
    private final CmdbSnapshot snapshot;
    private final String source;
    private final SyncOptions options;
    private final List<String> warnings = new ArrayList<>();
    private final List<String> tagsCreated = new ArrayList<>();
    private final List<SyncReport.Rename> renames = new ArrayList<>();
    private final List<SyncReport.TagCriticality> criticality = new ArrayList<>();

    Sync(Handle h, RiskEngine risk, CmdbSnapshot snapshot, String source, SyncOptions options) {
        this.h = h;
        this.risk = risk;
        this.snapshot = snapshot;
        this.source = source;
        this.options = options;
    }

    SyncReport run() {
        // assets may be matched and created here: no import may resolve identities meanwhile
        h.execute("SELECT pg_advisory_xact_lock(?)", ImportService.IMPORT_LOCK);
        CriticalityMapping mapping = CriticalityMappings.current(h);
        List<Application> apps = applications(mapping);

        Map<String, ConfigurationItem> related = new LinkedHashMap<>();
        apps.forEach(a -> a.items().forEach(i -> related.putIfAbsent(i.sysId(), i)));
        List<ConfigurationItem> items = List.copyOf(related.values());
        AssetMatcher matcher = new AssetMatcher(h);
        Map<String, AssetMatcher.Match> matches = new HashMap<>(matcher.match(items));
        Map<String, Integer> matchedBy = new TreeMap<>(Map.of("fqdn", 0, "name", 0, "ip", 0, "serial", 0));
        matches.values().forEach(m -> matchedBy.merge(m.by(), 1, Integer::sum));
        List<ConfigurationItem> unmatched = items.stream().filter(i -> !matches.containsKey(i.sysId())).toList();
        Set<Long> createdIds = new TreeSet<>();
        if (options.createMissing() && !unmatched.isEmpty()) {
            matcher.create(unmatched, snapshot.origin()).forEach((sysId, id) -> {
                matches.put(sysId, new AssetMatcher.Match(id, "created"));
                createdIds.add(id);
            });
            unmatched = unmatched.stream().filter(i -> !matches.containsKey(i.sysId())).toList();
        }
        matcher.rememberSerials(items, matches);

        BusinessTags tags = new BusinessTags(h, options.actor());
        Map<Long, Set<Long>> desired = new LinkedHashMap<>();
        Map<Long, String> tagNames = new HashMap<>();
        Set<Long> rescoreMembersOf = new HashSet<>();
        List<BusinessTags.Managed> managed = tags.managed();
        Set<Long> kept = new HashSet<>();
        Long parent = apps.isEmpty() ? null : tags.parent(tagsCreated);
        for (Application app : apps) {
            Long tagId = tag(app, managed, kept, parent, tags, rescoreMembersOf, tagNames);
            if (tagId == null) continue;
            kept.add(tagId);
            tags.remember(tagId, app.name(), app.sysId(), app.criticality(), app.owner());
            Set<Long> members = new TreeSet<>();
            app.items().forEach(i -> {
                AssetMatcher.Match m = matches.get(i.sysId());
                if (m != null) members.add(m.assetId());
            });
            desired.put(tagId, members);
        }
        List<BusinessTags.Managed> gone = managed.stream().filter(m -> !kept.contains(m.tagId())).toList();
        gone.forEach(m -> {
            desired.put(m.tagId(), Set.of());
            tagNames.put(m.tagId(), m.tagName());
        });

        Map<Long, Set<Long>> current = tags.members(desired.keySet());
        Set<Long> touched = new TreeSet<>(createdIds);
        Map<Long, List<Long>> added = new HashMap<>();
        Map<Long, List<Long>> removed = new HashMap<>();
        desired.forEach((tagId, want) -> {
            Set<Long> have = current.get(tagId);
            List<Long> add = want.stream().filter(a -> !have.contains(a)).sorted().toList();
            List<Long> drop = have.stream().filter(a -> !want.contains(a)).sorted().toList();
            tags.assign(tagId, tagNames.get(tagId), add);
            tags.unassign(tagId, tagNames.get(tagId), drop);
            if (!add.isEmpty()) added.put(tagId, add);
            if (!drop.isEmpty()) removed.put(tagId, drop);
            touched.addAll(add);
            touched.addAll(drop);
            if (rescoreMembersOf.contains(tagId)) touched.addAll(want);
        });
        List<String> deleted = new ArrayList<>();
        for (BusinessTags.Managed m : gone) {
            if (tags.hasChildren(m.tagId())) {
                tags.release(m.tagId());
                warnings.add("application of tag '" + m.tagName() + "' is gone from the CMDB; the tag has child tags, "
                        + "so it was emptied and is no longer maintained, not deleted");
                continue;
            }
            tags.delete(m.tagId(), m.tagName());
            deleted.add(m.tagName());
        }
        tags.businessFields();
        List<SyncReport.AcsChange> acs = ScoreChanges.rescore(h, risk, touched);

        Set<Long> named = new HashSet<>(createdIds);
        added.values().forEach(named::addAll);
        removed.values().forEach(named::addAll);
        Map<Long, String> names = ScoreChanges.names(h, named);
        List<SyncReport.Membership> memberships = new ArrayList<>();
        desired.keySet().stream().filter(id -> added.containsKey(id) || removed.containsKey(id))
                .sorted(Comparator.comparing(tagNames::get, String.CASE_INSENSITIVE_ORDER))
                .forEach(id -> memberships.add(new SyncReport.Membership(tagNames.get(id),
                        refs(added.getOrDefault(id, List.of()), names), refs(removed.getOrDefault(id, List.of()), names))));
        List<SyncReport.UnmatchedItem> unmatchedItems = unmatched.stream().map(i -> new SyncReport.UnmatchedItem(i.sysId(),
                i.name(), i.fqdn(), i.ipAddress(), i.serialNumber(), apps.stream().filter(a -> a.items().contains(i))
                .map(Application::name).toList())).sorted(Comparator.comparing(SyncReport.UnmatchedItem::sysId)).toList();

        tagsCreated.sort(String.CASE_INSENSITIVE_ORDER);
        deleted.sort(String.CASE_INSENSITIVE_ORDER);
        renames.sort(Comparator.comparing(SyncReport.Rename::after, String.CASE_INSENSITIVE_ORDER));
        criticality.sort(Comparator.comparing(SyncReport.TagCriticality::tag, String.CASE_INSENSITIVE_ORDER));
        SyncReport report = new SyncReport(source, options.dryRun(), mapping.version(), snapshot.applications().size(),
                snapshot.items().size(), snapshot.relations().size(), matchedBy, List.copyOf(tagsCreated), List.copyOf(renames),
                List.copyOf(deleted), List.copyOf(criticality), memberships, acs, refs(createdIds, names), unmatchedItems,
                List.copyOf(warnings));
        if (report.hasChanges()) RiskRollups.snapshot(h);
        return report;
    }

    /** The tag of this application: kept (renamed, rescored as needed), adopted or created; null when the name is taken. */
    private Long tag(Application app, List<BusinessTags.Managed> managed, Set<Long> kept, Long parent, BusinessTags tags,
                     Set<Long> rescore, Map<Long, String> tagNames) {
        BusinessTags.Managed m = managed.stream().filter(x -> !kept.contains(x.tagId()) && x.sysId() != null
                && x.sysId().equals(app.sysId())).findFirst()
                .or(() -> managed.stream().filter(x -> !kept.contains(x.tagId()) && x.tagName().equalsIgnoreCase(app.tagName())).findFirst())
                .orElse(null);
        if (m != null) {
            String name = m.tagName();
            if (!name.equals(app.tagName())) {
                var other = tags.find(app.tagName());
                if (other.isEmpty() || other.get().id() == m.tagId()) {
                    tags.rename(m.tagId(), name, app.tagName());
                    renames.add(new SyncReport.Rename(name, app.tagName()));
                    name = app.tagName();
                } else {
                    warnings.add("application '" + app.name() + "' was renamed, but tag '" + app.tagName()
                            + "' exists already; keeping '" + name + "'");
                }
            }
            tagNames.put(m.tagId(), name);
            score(m.tagId(), name, m.score(), app.acs(), tags, rescore);
            return m.tagId();
        }
        var existing = tags.find(app.tagName());
        if (existing.isPresent()) {
            BusinessTags.TagRow t = existing.get();
            if (!t.ruleType().equals(BusinessTags.RULE_TYPE) || kept.contains(t.id())) {
                warnings.add("tag '" + t.name() + "' exists and is not maintained by the CMDB sync (rule type " + t.ruleType()
                        + "); application '" + app.name() + "' skipped: rename or delete that tag");
                return null;
            }
            tagNames.put(t.id(), t.name());
            score(t.id(), t.name(), t.score(), app.acs(), tags, rescore);
            return t.id();
        }
        long id = tags.create(app.tagName(), parent, app.acs());
        tagsCreated.add(app.tagName());
        tagNames.put(id, app.tagName());
        return id;
    }

    private void score(long tagId, String name, Integer before, Integer after, BusinessTags tags, Set<Long> rescore) {
        if (Objects.equals(before, after)) return;
        tags.setCriticality(tagId, name, before, after);
        criticality.add(new SyncReport.TagCriticality(name, before, after));
        rescore.add(tagId);
    }

    /** The snapshot's applications by tag name; same-named ones merged, the most critical value kept. */
    private List<Application> applications(CriticalityMapping mapping) {
        Map<String, List<Map.Entry<BusinessApplication, List<ConfigurationItem>>>> byTag = new LinkedHashMap<>();
        for (var e : snapshot.members().entrySet()) {
            String tagName = BusinessTags.PREFIX + e.getKey().name().strip();
            if (tagName.length() > MAX_TAG_NAME) {
                warnings.add("application '" + e.getKey().name() + "' skipped: its tag name would be longer than "
                        + MAX_TAG_NAME + " characters");
                continue;
            }
            byTag.computeIfAbsent(tagName.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(e);
        }
        List<Application> apps = new ArrayList<>();
        for (var group : byTag.values()) {
            BusinessApplication first = group.get(0).getKey();
            if (group.size() > 1) {
                warnings.add(group.size() + " applications are named '" + first.name() + "' (" + String.join(", ",
                        group.stream().map(e -> e.getKey().sysId()).toList()) + "); they share one tag");
            }
            BusinessApplication top = group.stream().map(Map.Entry::getKey)
                    .max(Comparator.comparing((BusinessApplication a) -> Objects.requireNonNullElse(mapping.acsOf(a.criticality()), 0)))
                    .orElse(first);
            String owner = group.stream().map(e -> e.getKey().owner()).filter(Objects::nonNull).findFirst().orElse(null);
            Map<String, ConfigurationItem> items = new LinkedHashMap<>();
            group.forEach(e -> e.getValue().forEach(i -> items.putIfAbsent(i.sysId(), i)));
            if (top.criticality() != null && mapping.acsOf(top.criticality()) == null) {
                warnings.add("application '" + top.name() + "' has criticality '" + top.criticality()
                        + "', which the mapping does not list: its tag carries no score");
            }
            apps.add(new Application(BusinessTags.PREFIX + first.name().strip(), first.name().strip(), first.sysId(),
                    top.criticality(), owner, mapping.acsOf(top.criticality()), List.copyOf(items.values())));
        }
        return apps;
    }

    private static List<SyncReport.AssetRef> refs(java.util.Collection<Long> ids, Map<Long, String> names) {
        return ids.stream().sorted().map(id -> new SyncReport.AssetRef(id, names.get(id))).toList();
    }
}
