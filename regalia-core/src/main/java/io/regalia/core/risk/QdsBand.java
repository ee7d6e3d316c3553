package io.regalia.core.risk;

/** Bands of the detection score (QDS). */
public enum QdsBand {
    CRITICAL(90, 100), HIGH(70, 89), MEDIUM(40, 69), LOW(1, 39);

    private final int min;
    private final int max;

    QdsBand(int min, int max) {
        this.min = min;
        this.max = max;
    }

    /** Lowest QDS in the band, inclusive. */
    public int min() { return min; }

    /** Highest QDS in the band, inclusive. */
    public int max() { return max; }

    /** @throws IllegalArgumentException outside 1–100: such a value is not a QDS */
    public static QdsBand of(int qds) {
        for (QdsBand band : values()) {
            if (qds >= band.min && qds <= band.max) return band;
        }
        throw new IllegalArgumentException("QDS must be 1–100, got " + qds);
    }
}
