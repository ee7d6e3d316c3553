package io.regalia.core.intel;

/** FIRST EPSS: the probability (0–1) of exploitation activity in the next 30 days, and its percentile (0–1). */
public record EpssScore(String cveId, double epss, double percentile) {}
