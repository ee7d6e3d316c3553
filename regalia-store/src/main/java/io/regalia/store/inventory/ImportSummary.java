package io.regalia.store.inventory;

import java.util.List;
import java.util.Map;

/** What an import did, in the shape of the ingest spec's summary. */
public record ImportSummary(String file, String format, int hosts, int assetsCreated, int assetsUpdated,
                            long detections, Map<String, Long> byType, Map<String, Long> byStatus,
                            int vulnerabilitiesCreated, List<String> warnings, double seconds) {}
