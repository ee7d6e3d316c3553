package io.regalia.store.risk;

import io.regalia.core.risk.Acs;
import io.regalia.core.risk.TruRisk;

/** Both scores of one asset with their terms, and a readable rendering of them. */
public record AssetExplanation(Acs criticality, TruRisk.Explanation risk, int riskScore, String text) {}
