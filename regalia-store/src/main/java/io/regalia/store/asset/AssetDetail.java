package io.regalia.store.asset;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Everything shown for one asset. {@code attributes} keeps only what is known. */
public record AssetDetail(long id, String name, int criticalityScore, int riskScore, Map<String, Object> attributes,
                          List<TagRef> tags, List<OpenDetection> detections) {

    public record TagRef(long id, String name, Integer criticalityScore, String source) {}

    public record OpenDetection(long id, String vulnerabilityKey, long qid, String title, List<String> cves, String type,
                                String status, int port, Integer qds, Double cvssScore, Instant firstFound,
                                Instant lastFound) {}
}
