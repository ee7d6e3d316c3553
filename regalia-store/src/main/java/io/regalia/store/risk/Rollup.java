package io.regalia.store.risk;

/**
 * The risk of a group of assets (a tag, or the whole organization): mean and max TruRisk, assets per
 * TruRisk band, open scored detections per QDS band.
 */
public record Rollup(long assets, int meanRisk, int maxRisk, long severe, long high, long medium, long low,
                     long qdsCritical, long qdsHigh, long qdsMedium, long qdsLow) {}
