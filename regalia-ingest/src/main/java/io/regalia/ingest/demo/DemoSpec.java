package io.regalia.ingest.demo;

import io.regalia.core.report.BadInputException;
import java.time.LocalDate;

/**
 * What demo estate to generate. The same spec always yields the same events; {@code today} anchors every
 * date (scan time, lifecycle stages, first/last found), so no wall clock is read.
 *
 * @param assets             how many assets to emit
 * @param seed               seed of all randomness
 * @param today              the day the estate is scanned (scan time is 06:00Z that day)
 * @param detectionsPerAsset average detections per asset; each asset varies by ±50%
 * @param softwarePerAsset   average installed software entries per asset (network devices have none)
 */
public record DemoSpec(int assets, long seed, LocalDate today, int detectionsPerAsset, int softwarePerAsset) {
    public static final int DEFAULT_ASSETS = 2_000;
    public static final long DEFAULT_SEED = 42L;
    public static final int DEFAULT_DETECTIONS_PER_ASSET = 40;
    public static final int DEFAULT_SOFTWARE_PER_ASSET = 25;

    public DemoSpec {
        if (assets < 0) throw new BadInputException("assets", "must be 0 or more, got " + assets);
        if (today == null) throw new BadInputException("today", "is required");
        if (detectionsPerAsset < 0) {
            throw new BadInputException("detectionsPerAsset", "must be 0 or more, got " + detectionsPerAsset);
        }
        if (softwarePerAsset < 0) throw new BadInputException("softwarePerAsset", "must be 0 or more, got " + softwarePerAsset);
    }

    /** The given size and seed with the default detection and software counts. */
    public static DemoSpec of(int assets, long seed, LocalDate today) {
        return new DemoSpec(assets, seed, today, DEFAULT_DETECTIONS_PER_ASSET, DEFAULT_SOFTWARE_PER_ASSET);
    }

    /** The default demo: 2,000 assets, seed 42. */
    public static DemoSpec defaults(LocalDate today) {
        return of(DEFAULT_ASSETS, DEFAULT_SEED, today);
    }
}
