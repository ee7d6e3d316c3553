package io.regalia.core.model;

/**
 * Exploitation evidence a scanner report carries for one vulnerability (Nessus exploit_available,
 * exploited_by_malware, EPSS columns…). Null fields mean "not stated".
 */
public record ThreatHints(ExploitMaturity maturity, boolean malware, Double epss) {
    public static final ThreatHints NONE = new ThreatHints(null, false, null);
}
