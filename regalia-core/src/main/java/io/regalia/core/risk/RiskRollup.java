package io.regalia.core.risk;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The TruRisk of a group of assets (a tag, any asset group, the organization): the mean over its assets,
 * the max, how many assets fall in each TruRisk band and how many open detections in each QDS band.
 *
 * @param mean             mean TruRisk rounded half up, computed exactly on integers (SQL:
 *                         {@code round(avg(truRisk))}, an exact {@code numeric}); 0 for an empty group
 * @param max              0 for an empty group
 * @param assetsByBand     every band present, zero included
 */
public record RiskRollup(long assets, int mean, int max, Map<RiskBand, Long> assetsByBand, BandCounts openDetections) {

    public RiskRollup {
        Map<RiskBand, Long> copy = new EnumMap<>(RiskBand.class);
        copy.putAll(assetsByBand);
        assetsByBand = Collections.unmodifiableMap(copy);
    }

    public static RiskRollup of(Collection<AssetRisk> group) {
        long n = 0;
        long sum = 0;
        int max = 0;
        Map<RiskBand, Long> byBand = new EnumMap<>(RiskBand.class);
        for (RiskBand band : RiskBand.values()) byBand.put(band, 0L);
        BandCounts detections = BandCounts.ZERO;
        for (AssetRisk asset : group) {
            n++;
            sum += asset.truRisk();
            max = Math.max(max, asset.truRisk());
            byBand.merge(RiskBand.of(asset.truRisk()), 1L, Long::sum);
            detections = detections.plus(asset.openDetections());
        }
        // half up on exact integers: floor((2·sum + n) / 2n)
        int mean = n == 0 ? 0 : (int) ((2 * sum + n) / (2 * n));
        return new RiskRollup(n, mean, max, byBand, detections);
    }
}
