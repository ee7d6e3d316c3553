package io.regalia.store.tag;

import java.util.List;

/**
 * What applying a tag file changed (or, on a dry run, would change): one line per tag created, changed or
 * deleted, and the membership moves and score changes that followed.
 */
public record ApplyResult(List<String> changes, List<MembershipChange> memberships, int assetsRescored, boolean dryRun) {
    public ApplyResult {
        changes = List.copyOf(changes);
        memberships = List.copyOf(memberships);
    }

    public boolean isEmpty() { return changes.isEmpty(); }
}
