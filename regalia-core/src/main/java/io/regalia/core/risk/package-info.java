/**
 * The risk model: asset criticality (ACS), the detection score (QDS, 1–100) and the asset risk score
 * (TruRisk, 0–1000), with their bands, roll-ups and explanations, configured by one versioned
 * {@link io.regalia.core.risk.ScoringModel}.
 *
 * <p>The Java here is the specification. The store computes the same numbers in set-based SQL over
 * millions of rows, and that SQL must match this code exactly, including the order of floating-point
 * operations and the rounding:
 * <ul>
 *   <li>rounding is half up, {@code floor(x + 0.5)}, on IEEE doubles (PostgreSQL {@code double precision});
 *   <li>QDS: {@code L = wEm·em + wEpss·sqrt(epss) + wTrending·trending}, then
 *       {@code base + (100 − base)·L} with a threat signal, else {@code 65.0·(cvss/10.0) + 35.0·L};
 *       rounded, clamped to 1–100;
 *   <li>TruRisk v1: per band {@code (w·(sum/count))·count^0.01}, summed critical → low, then
 *       {@code (acs·e)·sum}; v2: {@code maxQds·g}, then {@code + W·count} per band critical → low, then
 *       {@code (acs·e)·sum}; rounded, capped at 1000;
 *   <li>roll-up means are exact: {@code round(avg(truRisk))} on {@code numeric}.
 * </ul>
 * Everything is pure: no I/O, no clock (the scoring date is always passed in).
 */
package io.regalia.core.risk;
