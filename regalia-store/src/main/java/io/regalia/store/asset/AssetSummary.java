package io.regalia.store.asset;

/** An asset in a list: who it is and its two scores. */
public record AssetSummary(long id, String name, String type, String operatingSystem, int criticalityScore,
                           int riskScore, boolean externallyExposed) {}
