package io.regalia.core.risk;

import java.util.Objects;

/**
 * An asset's open, scored detections in one QDS band, as the store aggregates them
 * ({@code GROUP BY asset_id, band} with {@code count(*)}, {@code sum(qds)} and {@code max(qds)}).
 *
 * @param maxQds highest QDS in the band; 0 when not computed (formula v1 does not need it)
 */
public record BandAggregate(QdsBand band, long count, long qdsSum, int maxQds) {
    public BandAggregate {
        Objects.requireNonNull(band, "band");
        if (count < 0) throw new IllegalArgumentException("count must be ≥ 0, got " + count);
        // catches a band computed with other bounds than QdsBand's
        if (qdsSum < count * band.min() || qdsSum > count * band.max()) {
            throw new IllegalArgumentException(band + ": sum " + qdsSum + " of " + count + " scores is outside the band");
        }
        if (maxQds != 0 && (count == 0 || maxQds < band.min() || maxQds > band.max())) {
            throw new IllegalArgumentException(band + ": max " + maxQds + " is outside the band or has no detection");
        }
    }

    /** Without the band's maximum, which only formula v2 needs. */
    public BandAggregate(QdsBand band, long count, long qdsSum) {
        this(band, count, qdsSum, 0);
    }

    public double averageQds() {
        return count == 0 ? 0.0 : (double) qdsSum / count;
    }
}
