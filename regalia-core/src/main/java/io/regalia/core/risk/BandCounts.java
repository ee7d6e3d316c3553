package io.regalia.core.risk;

/** A count per QDS band (open detections of an asset or a group). */
public record BandCounts(long critical, long high, long medium, long low) {
    public static final BandCounts ZERO = new BandCounts(0, 0, 0, 0);

    public BandCounts {
        if (critical < 0 || high < 0 || medium < 0 || low < 0) throw new IllegalArgumentException("negative count");
    }

    public long of(QdsBand band) {
        return switch (band) {
            case CRITICAL -> critical;
            case HIGH -> high;
            case MEDIUM -> medium;
            case LOW -> low;
        };
    }

    public long total() {
        return critical + high + medium + low;
    }

    public BandCounts plus(BandCounts other) {
        return new BandCounts(critical + other.critical, high + other.high, medium + other.medium, low + other.low);
    }
}
