package io.regalia.core.risk;

/**
 * How much shorter the list to act on is when ranked by QDS instead of CVSS, on the current open
 * detections: those with CVSS ≥ 9.0 against those with QDS ≥ 90, and CVSS ≥ 7.0 against QDS ≥ 70.
 */
public record Prioritization(Reduction critical, Reduction high) {
    public static final double CVSS_CRITICAL = 9.0;
    public static final int QDS_CRITICAL = 90;
    public static final double CVSS_HIGH = 7.0;
    public static final int QDS_HIGH = 70;

    /**
     * {@code reduction = 1 − byQds / byCvss}: 0.85 means 85% fewer to act on. Null when no detection
     * reaches the CVSS threshold (nothing to reduce); negative when QDS flags more than CVSS does.
     */
    public record Reduction(long byCvss, long byQds, Double reduction) {
        public static Reduction of(long byCvss, long byQds) {
            if (byCvss < 0 || byQds < 0) throw new IllegalArgumentException("counts must be ≥ 0");
            return new Reduction(byCvss, byQds, byCvss == 0 ? null : 1.0 - (double) byQds / byCvss);
        }
    }

    /**
     * @param cvssAtLeast9 open detections with CVSS ≥ {@value #CVSS_CRITICAL}
     * @param qdsAtLeast90 open detections with QDS ≥ {@value #QDS_CRITICAL}
     * @param cvssAtLeast7 open detections with CVSS ≥ {@value #CVSS_HIGH}
     * @param qdsAtLeast70 open detections with QDS ≥ {@value #QDS_HIGH}
     */
    public static Prioritization of(long cvssAtLeast9, long qdsAtLeast90, long cvssAtLeast7, long qdsAtLeast70) {
        return new Prioritization(Reduction.of(cvssAtLeast9, qdsAtLeast90), Reduction.of(cvssAtLeast7, qdsAtLeast70));
    }
}
