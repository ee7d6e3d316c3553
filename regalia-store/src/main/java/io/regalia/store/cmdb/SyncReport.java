package io.regalia.store.cmdb;

import java.util.List;
import java.util.Map;

/**
 * What a sync changed, or with {@code dryRun} would change. Lists are sorted, so two syncs of the same
 * content over the same data report equal changes.
 *
 * @param matchedBy how the related configuration items were matched: {@code fqdn}, {@code name},
 *                  {@code ip}, {@code serial}
 * @param unmatched related configuration items no asset matched (and none was created for)
 */
public record SyncReport(String source, boolean dryRun, int mappingVersion, int applications, int configurationItems,
                         int relations, Map<String, Integer> matchedBy, List<String> tagsCreated, List<Rename> tagsRenamed,
                         List<String> tagsDeleted, List<TagCriticality> criticalityChanges, List<Membership> memberships,
                         List<AcsChange> acsChanges, List<AssetRef> assetsCreated, List<UnmatchedItem> unmatched,
                         List<String> warnings) {

    public record AssetRef(long id, String name) {}

    public record Rename(String before, String after) {}

    /** A tag whose criticality moved; null is "no score". */
    public record TagCriticality(String tag, Integer before, Integer after) {}

    public record Membership(String tag, List<AssetRef> added, List<AssetRef> removed) {}

    public record AcsChange(long assetId, String name, int acsBefore, int acsAfter, int riskBefore, int riskAfter) {}

    public record UnmatchedItem(String sysId, String name, String fqdn, String ipAddress, String serialNumber,
                                List<String> applications) {}

    /** True when the sync changed (or would change) tags, memberships, assets or scores. */
    public boolean hasChanges() {
        return !tagsCreated.isEmpty() || !tagsRenamed.isEmpty() || !tagsDeleted.isEmpty() || !criticalityChanges.isEmpty()
                || !memberships.isEmpty() || !acsChanges.isEmpty() || !assetsCreated.isEmpty();
    }
}
