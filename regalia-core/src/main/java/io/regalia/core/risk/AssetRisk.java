package io.regalia.core.risk;

import java.util.Objects;

/** One asset's TruRisk and its open, scored detections per QDS band: the input of a roll-up. */
public record AssetRisk(int truRisk, BandCounts openDetections) {
    public AssetRisk {
        RiskBand.of(truRisk);
        Objects.requireNonNull(openDetections, "openDetections");
    }
}
