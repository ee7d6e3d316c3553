package io.regalia.store.cmdb;

/**
 * How a sync applies a snapshot.
 *
 * @param dryRun        compute and report every change, then roll all of them back
 * @param createMissing create an asset for each related configuration item that matches none
 * @param actor         who the tag history names
 */
public record SyncOptions(boolean dryRun, boolean createMissing, String actor) {}
