package io.regalia.store.asset;

import io.regalia.store.risk.AssetExplanation;
import java.util.List;
import java.util.Map;

/** One asset as the CLI and the API show it: its detail and the explanation of both scores. */
public record AssetView(long id, String name, int criticalityScore, int riskScore, Map<String, Object> attributes,
                        List<AssetDetail.TagRef> tags, List<AssetDetail.OpenDetection> detections,
                        AssetExplanation explanation) {

    public static AssetView of(AssetDetail detail, AssetExplanation explanation) {
        return new AssetView(detail.id(), detail.name(), detail.criticalityScore(), detail.riskScore(), detail.attributes(),
                detail.tags(), detail.detections(), explanation);
    }
}
