package io.regalia.store.inventory;

import java.util.LinkedHashMap;
import java.util.Map;

/** Detections counted by type and by status, as the import summary reports them. */
final class DetectionCounts {
    private final Map<String, Long> byType = zeros("CONFIRMED", "POTENTIAL", "INFO");
    private final Map<String, Long> byStatus = zeros("NEW", "ACTIVE", "REOPENED", "FIXED");
    private long total;

    void add(String type, String status, long count) {
        byType.merge(type, count, Long::sum);
        byStatus.merge(status, count, Long::sum);
        total += count;
    }

    void addAll(DetectionCounts other) {
        other.byType.forEach((k, v) -> byType.merge(k, v, Long::sum));
        other.byStatus.forEach((k, v) -> byStatus.merge(k, v, Long::sum));
        total += other.total;
    }

    void clear() {
        byType.replaceAll((k, v) -> 0L);
        byStatus.replaceAll((k, v) -> 0L);
        total = 0;
    }

    long total() { return total; }

    Map<String, Long> byType() { return byType; }

    Map<String, Long> byStatus() { return byStatus; }

    private static Map<String, Long> zeros(String... keys) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String k : keys) counts.put(k, 0L);
        return counts;
    }
}
