package io.regalia.store.cmdb;

import java.util.List;

/**
 * The result of editing the mapping: the version now in force, whether it is a new one, and what moved
 * at once because of it.
 */
public record MappingChange(CriticalityMapping mapping, boolean changed, List<SyncReport.TagCriticality> criticalityChanges,
                            List<SyncReport.AcsChange> acsChanges) {}
