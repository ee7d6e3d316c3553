package io.regalia.ingest.demo;

import java.time.LocalDate;

/** How big the estate is, its seed, the day it is generated for, and the detections and software per asset. */
public record DemoSpec(int assets, long seed, LocalDate today, int detectionsPerAsset, int softwarePerAsset) {
    public DemoSpec {
        if (assets < 0) throw new IllegalArgumentException("assets must be ≥ 0");
        if (detectionsPerAsset < 0 || softwarePerAsset < 0) throw new IllegalArgumentException("counts must be ≥ 0");
    }
}
