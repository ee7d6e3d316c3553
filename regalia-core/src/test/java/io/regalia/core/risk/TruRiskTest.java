package io.regalia.core.risk;

import io.regalia.core.model.DetectionStatus;
import io.regalia.core.model.DetectionType;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class TruRiskTest {
    static final ScoringModel V1 = ScoringModel.defaults();
    static final ScoringModel V2 = V1.withFormula(ScoringModel.Formula.V2);
    static final FeedDates FEEDS = new FeedDates(LocalDate.of(2025, 8, 25), LocalDate.of(2026, 9, 29), null);

    static Acs acs(int value) {
        return new Acs(value, List.of("tag-" + value));
    }

    static BandAggregate band(QdsBand band, long count, int average) {
        return new BandAggregate(band, count, count * average);
    }

    @Test
    void shouldCapQualysFirstExampleAtOneThousand() {
        TruRisk risk = TruRisk.of(acs(5), Exposure.internetFacing("public address 203.0.113.7"),
                List.of(band(QdsBand.CRITICAL, 2, 95), band(QdsBand.HIGH, 10, 84), band(QdsBand.MEDIUM, 40, 65),
                        band(QdsBand.LOW, 30, 31)), FEEDS, V1);

        assertThat(risk.score()).isEqualTo(1000);
        assertThat(risk.band()).isEqualTo(RiskBand.SEVERE);
        assertThat(risk.explanation().capped()).isTrue();
        assertThat(risk.explanation().exposureFactor()).isEqualTo(1.2);
        assertThat(risk.explanation().unrounded()).isCloseTo(1136.3, within(0.1));
    }

    @Test
    void shouldReproduceQualysSecondExample() {
        TruRisk risk = TruRisk.of(acs(4), Exposure.internal(),
                List.of(band(QdsBand.CRITICAL, 3, 95), band(QdsBand.MEDIUM, 50, 65), band(QdsBand.LOW, 20, 30)), FEEDS, V1);

        assertThat(risk.score()).isEqualTo(518);
        assertThat(risk.band()).isEqualTo(RiskBand.MEDIUM);
        assertThat(risk.explanation().capped()).isFalse();
    }

    @Test
    void shouldExplainEveryTermOfTheSecondExample() {
        TruRisk.Explanation why = TruRisk.of(acs(4), Exposure.internal(),
                List.of(band(QdsBand.CRITICAL, 3, 95), band(QdsBand.MEDIUM, 50, 65), band(QdsBand.LOW, 20, 30)),
                FEEDS, V1).explanation();

        assertThat(why.acs().provenance()).isEqualTo("tag-4");
        assertThat(why.exposure().internetFacing()).isFalse();
        assertThat(why.exposureFactor()).isEqualTo(1.0);
        assertThat(why.bands()).extracting(TruRisk.BandTerm::band)
                .containsExactly(QdsBand.CRITICAL, QdsBand.HIGH, QdsBand.MEDIUM, QdsBand.LOW);
        TruRisk.BandTerm critical = why.bands().get(0);
        assertThat(critical.count()).isEqualTo(3);
        assertThat(critical.averageQds()).isEqualTo(95.0);
        assertThat(critical.weight()).isEqualTo(1.0);
        assertThat(critical.contribution()).isCloseTo(95 * Math.pow(3, 0.01), within(1e-9));
        TruRisk.BandTerm high = why.bands().get(1);
        assertThat(high.count()).isZero();
        assertThat(high.averageQds()).isNull();
        assertThat(high.contribution()).isZero();
        assertThat(why.bands().get(2).weight()).isEqualTo(0.45);
        assertThat(why.bands().get(3).weight()).isEqualTo(0.10);
        assertThat(why.rawSum()).isCloseTo(129.56, within(0.01));
        assertThat(why.unrounded()).isCloseTo(4 * why.rawSum(), within(1e-9));
        assertThat(why.formula()).isEqualTo(ScoringModel.Formula.V1);
        assertThat(why.modelVersion()).isEqualTo("regalia-2026.1");
        assertThat(why.feeds()).isEqualTo(FEEDS);
        assertThat(why.maxQds()).isNull();
        assertThat(why.maxQdsFactor()).isNull();
    }

    @Test
    void shouldScoreZeroWithNothingOpen() {
        TruRisk risk = TruRisk.of(acs(5), Exposure.internal(), List.of(), FEEDS, V1);

        assertThat(risk.score()).isZero();
        assertThat(risk.band()).isEqualTo(RiskBand.LOW);
        assertThat(risk.explanation().rawSum()).isZero();
        assertThat(TruRisk.of(acs(5), Exposure.internal(), List.of(band(QdsBand.HIGH, 0, 0)), FEEDS, V2).score()).isZero();
    }

    @Test
    void shouldAverageTheIntegerSumOfEachBand() {
        // 2 criticals scored 90 and 95: avg 92.5, not an integer
        TruRisk risk = TruRisk.of(new Acs(1, List.of()), Exposure.internal(),
                List.of(new BandAggregate(QdsBand.CRITICAL, 2, 185)), FEEDS, V1);

        assertThat(risk.explanation().bands().get(0).averageQds()).isEqualTo(92.5);
        assertThat(risk.score()).isEqualTo(93); // 92.5·2^0.01 = 93.14
    }

    @Test
    void shouldAddUpRowsOfTheSameBand() {
        TruRisk split = TruRisk.of(acs(3), Exposure.internal(),
                List.of(new BandAggregate(QdsBand.HIGH, 2, 150), new BandAggregate(QdsBand.HIGH, 1, 80)), FEEDS, V1);
        TruRisk whole = TruRisk.of(acs(3), Exposure.internal(), List.of(new BandAggregate(QdsBand.HIGH, 3, 230)), FEEDS, V1);

        assertThat(split.score()).isEqualTo(whole.score());
        assertThat(split.explanation().bands()).isEqualTo(whole.explanation().bands());
    }

    @Test
    void shouldApplyFormulaTwoAsComputedByHand() {
        // 95·1.3 + (2.0·1 + 1.0·2 + 0.3·4 + 0.05·10) = 123.5 + 5.7 = 129.2; × 3 × 1.0 = 387.6 → 388
        TruRisk risk = TruRisk.of(acs(3), Exposure.internal(),
                List.of(new BandAggregate(QdsBand.CRITICAL, 1, 95, 95), new BandAggregate(QdsBand.HIGH, 2, 160, 81),
                        new BandAggregate(QdsBand.MEDIUM, 4, 200, 60), new BandAggregate(QdsBand.LOW, 10, 200, 30)),
                FEEDS, V2);

        assertThat(risk.score()).isEqualTo(388);
        assertThat(risk.explanation().formula()).isEqualTo(ScoringModel.Formula.V2);
        assertThat(risk.explanation().maxQds()).isEqualTo(95);
        assertThat(risk.explanation().maxQdsFactor()).isEqualTo(1.3);
        assertThat(risk.explanation().rawSum()).isCloseTo(129.2, within(1e-9));
        assertThat(risk.explanation().bands()).extracting(TruRisk.BandTerm::contribution)
                .containsExactly(2.0, 2.0, 1.2, 0.5);
    }

    @Test
    void shouldUseTheMiddleFactorForAHighMaximumInFormulaTwo() {
        // 75·1.1 + 1.0·1 + 0.3·3 = 84.4; × 2 × 1.2 = 202.56 → 203
        TruRisk risk = TruRisk.of(acs(2), Exposure.internetFacing("marked by user"),
                List.of(new BandAggregate(QdsBand.HIGH, 1, 75, 75), new BandAggregate(QdsBand.MEDIUM, 3, 150, 55)),
                FEEDS, V2);

        assertThat(risk.score()).isEqualTo(203);
        assertThat(risk.explanation().maxQdsFactor()).isEqualTo(1.1);
        assertThat(risk.explanation().exposure().why()).isEqualTo("marked by user");
    }

    @Test
    void shouldNotLetFixingTheLowestCriticalRaiseFormulaTwo() {
        List<BandAggregate> before = List.of(new BandAggregate(QdsBand.CRITICAL, 2, 190, 100));
        List<BandAggregate> after = List.of(new BandAggregate(QdsBand.CRITICAL, 1, 100, 100));

        assertThat(TruRisk.of(acs(3), Exposure.internal(), after, FEEDS, V2).score())
                .isLessThan(TruRisk.of(acs(3), Exposure.internal(), before, FEEDS, V2).score());
        // the v1 quirk the v2 formula fixes
        assertThat(TruRisk.of(acs(3), Exposure.internal(), after, FEEDS, V1).score())
                .isGreaterThan(TruRisk.of(acs(3), Exposure.internal(), before, FEEDS, V1).score());
    }

    @Test
    void shouldRequireTheMaximumForFormulaTwo() {
        assertThatThrownBy(() -> TruRisk.of(acs(3), Exposure.internal(), List.of(band(QdsBand.HIGH, 2, 80)), FEEDS, V2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maximum");
    }

    @Test
    void shouldRejectAggregatesThatDoNotFitTheirBand() {
        assertThatThrownBy(() -> new BandAggregate(QdsBand.CRITICAL, 2, 100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BandAggregate(QdsBand.LOW, 1, 40)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BandAggregate(QdsBand.HIGH, 1, 75, 95)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BandAggregate(QdsBand.HIGH, -1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldCountOnlyOpenScoredDetections() {
        assertThat(TruRisk.counts(DetectionType.CONFIRMED, DetectionStatus.ACTIVE)).isTrue();
        assertThat(TruRisk.counts(DetectionType.POTENTIAL, DetectionStatus.REOPENED)).isTrue();
        assertThat(TruRisk.counts(DetectionType.CONFIRMED, null)).isTrue();
        assertThat(TruRisk.counts(DetectionType.CONFIRMED, DetectionStatus.FIXED)).isFalse();
        assertThat(TruRisk.counts(DetectionType.INFO, DetectionStatus.NEW)).isFalse();
        assertThat(Qds.applies(DetectionType.INFO)).isFalse();
        assertThat(Qds.applies(DetectionType.POTENTIAL)).isTrue();
    }

    @Test
    void shouldPlaceRiskBandBoundariesExactly() {
        assertThat(RiskBand.of(1000)).isEqualTo(RiskBand.SEVERE);
        assertThat(RiskBand.of(850)).isEqualTo(RiskBand.SEVERE);
        assertThat(RiskBand.of(849)).isEqualTo(RiskBand.HIGH);
        assertThat(RiskBand.of(700)).isEqualTo(RiskBand.HIGH);
        assertThat(RiskBand.of(699)).isEqualTo(RiskBand.MEDIUM);
        assertThat(RiskBand.of(500)).isEqualTo(RiskBand.MEDIUM);
        assertThat(RiskBand.of(499)).isEqualTo(RiskBand.LOW);
        assertThat(RiskBand.of(0)).isEqualTo(RiskBand.LOW);
        assertThatThrownBy(() -> RiskBand.of(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RiskBand.of(1001)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void truRiskIsWithinRangeAndMonotoneInAcs(@ForAll @IntRange(min = 1, max = 4) int acs,
                                              @ForAll @LongRange(min = 0, max = 500) long critical,
                                              @ForAll @LongRange(min = 0, max = 500) long high,
                                              @ForAll @LongRange(min = 0, max = 500) long medium,
                                              @ForAll @LongRange(min = 0, max = 500) long low,
                                              @ForAll boolean internetFacing, @ForAll boolean formulaTwo) {
        List<BandAggregate> open = List.of(new BandAggregate(QdsBand.CRITICAL, critical, critical * 93, critical > 0 ? 97 : 0),
                new BandAggregate(QdsBand.HIGH, high, high * 77, high > 0 ? 88 : 0),
                new BandAggregate(QdsBand.MEDIUM, medium, medium * 51, medium > 0 ? 60 : 0),
                new BandAggregate(QdsBand.LOW, low, low * 12, low > 0 ? 39 : 0));
        Exposure exposure = internetFacing ? Exposure.internetFacing("public address") : Exposure.internal();
        ScoringModel model = formulaTwo ? V2 : V1;

        TruRisk lower = TruRisk.of(new Acs(acs, List.of()), exposure, open, FEEDS, model);
        TruRisk higher = TruRisk.of(new Acs(acs + 1, List.of()), exposure, open, FEEDS, model);

        assertThat(lower.score()).isBetween(0, 1000);
        assertThat(higher.score()).isBetween(0, 1000).isGreaterThanOrEqualTo(lower.score());
        assertThat(lower.score() == 0).isEqualTo(critical + high + medium + low == 0);
    }

    @Property
    void internetExposureNeverLowersTruRisk(@ForAll @IntRange(min = 1, max = 5) int acs,
                                            @ForAll @LongRange(min = 1, max = 100) long medium) {
        List<BandAggregate> open = List.of(new BandAggregate(QdsBand.MEDIUM, medium, medium * 55, 69));

        assertThat(TruRisk.of(new Acs(acs, List.of()), Exposure.internetFacing("x"), open, FEEDS, V1).score())
                .isGreaterThanOrEqualTo(TruRisk.of(new Acs(acs, List.of()), Exposure.internal(), open, FEEDS, V1).score());
    }
}
