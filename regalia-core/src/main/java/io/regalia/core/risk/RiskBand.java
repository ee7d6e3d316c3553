package io.regalia.core.risk;

/** Bands of the asset risk score (TruRisk). */
public enum RiskBand {
    SEVERE(850, 1000), HIGH(700, 849), MEDIUM(500, 699), LOW(0, 499);

    private final int min;
    private final int max;

    RiskBand(int min, int max) {
        this.min = min;
        this.max = max;
    }

    /** Lowest TruRisk in the band, inclusive. */
    public int min() { return min; }

    /** Highest TruRisk in the band, inclusive. */
    public int max() { return max; }

    /** @throws IllegalArgumentException outside 0–1000: such a value is not a TruRisk */
    public static RiskBand of(int truRisk) {
        for (RiskBand band : values()) {
            if (truRisk >= band.min && truRisk <= band.max) return band;
        }
        throw new IllegalArgumentException("TruRisk must be 0–1000, got " + truRisk);
    }
}
