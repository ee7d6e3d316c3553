package io.regalia.core.risk;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RiskRollupTest {

    @Test
    void shouldReportMeanMaxAndCountsPerBand() {
        RiskRollup rollup = RiskRollup.of(List.of(new AssetRisk(900, new BandCounts(3, 1, 0, 0)),
                new AssetRisk(518, new BandCounts(0, 0, 50, 20)), new AssetRisk(0, BandCounts.ZERO),
                new AssetRisk(700, new BandCounts(1, 2, 3, 4))));

        assertThat(rollup.assets()).isEqualTo(4);
        assertThat(rollup.mean()).isEqualTo(530); // 2118 / 4 = 529.5 → 530
        assertThat(rollup.max()).isEqualTo(900);
        assertThat(rollup.assetsByBand()).containsExactly(java.util.Map.entry(RiskBand.SEVERE, 1L),
                java.util.Map.entry(RiskBand.HIGH, 1L), java.util.Map.entry(RiskBand.MEDIUM, 1L),
                java.util.Map.entry(RiskBand.LOW, 1L));
        assertThat(rollup.openDetections()).isEqualTo(new BandCounts(4, 3, 53, 24));
        assertThat(rollup.openDetections().total()).isEqualTo(84);
    }

    @Test
    void shouldRoundTheMeanHalfUp() {
        assertThat(RiskRollup.of(List.of(new AssetRisk(1, BandCounts.ZERO), new AssetRisk(2, BandCounts.ZERO))).mean())
                .isEqualTo(2);
        assertThat(RiskRollup.of(List.of(new AssetRisk(1, BandCounts.ZERO), new AssetRisk(1, BandCounts.ZERO),
                new AssetRisk(2, BandCounts.ZERO))).mean()).isEqualTo(1); // 1.33
        assertThat(RiskRollup.of(List.of(new AssetRisk(1, BandCounts.ZERO), new AssetRisk(2, BandCounts.ZERO),
                new AssetRisk(2, BandCounts.ZERO))).mean()).isEqualTo(2); // 1.67
    }

    @Test
    void shouldRollUpAnEmptyGroupToZero() {
        RiskRollup rollup = RiskRollup.of(List.of());

        assertThat(rollup.assets()).isZero();
        assertThat(rollup.mean()).isZero();
        assertThat(rollup.max()).isZero();
        assertThat(rollup.assetsByBand()).containsOnlyKeys(RiskBand.values()).allSatisfy((b, n) -> assertThat(n).isZero());
        assertThat(rollup.openDetections()).isEqualTo(BandCounts.ZERO);
    }
}
