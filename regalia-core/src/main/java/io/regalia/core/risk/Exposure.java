package io.regalia.core.risk;

import java.util.Objects;

/**
 * Whether an asset is internet-facing, and why (its public address, or a user's mark), for TruRisk's
 * factor E.
 */
public record Exposure(boolean internetFacing, String why) {
    public Exposure {
        Objects.requireNonNull(why, "why");
    }

    public static Exposure internetFacing(String why) {
        return new Exposure(true, why);
    }

    public static Exposure internal() {
        return new Exposure(false, "no public address and not marked internet-facing");
    }

    /** E: the model's exposure factor when internet-facing, else 1.0. */
    public double factor(ScoringModel model) {
        return internetFacing ? model.exposureFactor() : 1.0;
    }
}
