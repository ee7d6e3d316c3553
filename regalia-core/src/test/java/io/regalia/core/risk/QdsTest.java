package io.regalia.core.risk;

import io.regalia.core.model.ExploitMaturity;
import io.regalia.core.model.ThreatHints;
import io.regalia.core.model.VulnerabilityInfo;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class QdsTest {
    static final LocalDate TODAY = LocalDate.of(2026, 3, 1);
    static final ScoringModel MODEL = ScoringModel.defaults();

    static ThreatFacts.Builder cvss(double base) {
        return ThreatFacts.builder().cvss(base, CvssSource.V3_1);
    }

    static int score(ThreatFacts facts) {
        return Qds.ofCve(facts, TODAY, MODEL).score();
    }

    @Test
    void shouldScoreCvssAloneAt65PercentOfIt() {
        assertThat(score(cvss(9.8).build())).isEqualTo(64);
        assertThat(score(cvss(5.4).build())).isEqualTo(35);
    }

    @Test
    void shouldAddProofOfConceptAndEpssToTheLikelihood() {
        Qds qds = Qds.ofCve(cvss(9.8).nvdExploitReference(true).epss(0.2).build(), TODAY, MODEL);

        assertThat(qds.score()).isEqualTo(76);
        assertThat(qds.explanation().exploitMaturity()).isEqualTo(ExploitMaturity.PROOF_OF_CONCEPT);
        assertThat(qds.explanation().maturitySource()).isEqualTo(Qds.MaturitySource.NVD_REFERENCE);
        assertThat(qds.explanation().epssTerm()).isCloseTo(Math.sqrt(0.2), within(1e-12));
        assertThat(qds.explanation().likelihood()).isCloseTo(0.5 * 0.4 + 0.35 * Math.sqrt(0.2), within(1e-12));
        assertThat(qds.explanation().unrounded()).isCloseTo(76.18, within(0.01));
        assertThat(qds.explanation().formula()).isEqualTo("65·cvss/10 + 35·L");
        assertThat(qds.explanation().threat()).isFalse();
        assertThat(qds.band()).isEqualTo(QdsBand.HIGH);
    }

    @Test
    void shouldPutKevListedCvesAtNinetyOrAbove() {
        LocalDate longAgo = TODAY.minusYears(2);
        Qds withEpss = Qds.ofCve(cvss(7.5).kevDateAdded(longAgo).epss(0.94).build(), TODAY, MODEL);
        Qds noEpss = Qds.ofCve(cvss(7.5).kevDateAdded(longAgo).build(), TODAY, MODEL);

        assertThat(withEpss.score()).isEqualTo(98);
        assertThat(noEpss.score()).isEqualTo(95);
        assertThat(noEpss.explanation().threatSignals()).containsExactly(Qds.ThreatSignal.KEV);
        assertThat(noEpss.explanation().exploitMaturity()).isEqualTo(ExploitMaturity.WEAPONIZED);
        assertThat(noEpss.explanation().maturitySource()).isEqualTo(Qds.MaturitySource.KEV);
        assertThat(noEpss.explanation().trending()).isEqualTo(Qds.Trending.NO);
        assertThat(noEpss.explanation().formula()).isEqualTo("90 + 10·L");
        assertThat(noEpss.band()).isEqualTo(QdsBand.CRITICAL);
    }

    @Test
    void shouldCountAKevAdditionWithinThirtyDaysAsTrending() {
        for (int daysBefore : new int[] {0, 10, 30}) {
            Qds qds = Qds.ofCve(cvss(7.5).kevDateAdded(TODAY.minusDays(daysBefore)).build(), TODAY, MODEL);
            assertThat(qds.explanation().trending()).as("%d days before", daysBefore)
                    .isEqualTo(Qds.Trending.KEV_ADDED_RECENTLY);
            assertThat(qds.score()).isEqualTo(97); // 90 + 10·(0.5 + 0.15) = 96.5 → 97
        }
    }

    @Test
    void shouldNotCountAKevAdditionOutsideTheWindowAsTrending() {
        Qds old = Qds.ofCve(cvss(7.5).kevDateAdded(TODAY.minusDays(31)).build(), TODAY, MODEL);
        Qds afterScoringDate = Qds.ofCve(cvss(7.5).kevDateAdded(TODAY.plusDays(1)).build(), TODAY, MODEL);

        assertThat(old.explanation().trending()).isEqualTo(Qds.Trending.NO);
        assertThat(old.score()).isEqualTo(95);
        assertThat(afterScoringDate.explanation().trending()).isEqualTo(Qds.Trending.NO);
    }

    @Test
    void shouldUseTheModelsTrendingWindow() {
        ScoringModel week = ScoringModel.parse(java.util.Map.of("trending.windowDays", "7"));
        Qds qds = Qds.ofCve(cvss(7.5).kevDateAdded(TODAY.minusDays(10)).build(), TODAY, week);

        assertThat(qds.explanation().trending()).isEqualTo(Qds.Trending.NO);
        assertThat(qds.explanation().modelVersion()).startsWith("regalia-2026.1+custom.");
    }

    @Test
    void shouldCountAFeedTrendingFlag() {
        Qds qds = Qds.ofCve(cvss(9.8).feedTrending(true).build(), TODAY, MODEL);

        assertThat(qds.explanation().trending()).isEqualTo(Qds.Trending.FEED);
        assertThat(qds.score()).isEqualTo(69); // 63.7 + 35·0.15 = 68.95
    }

    @Test
    void shouldTakeTheHighestMaturityOfAnySource() {
        ThreatFacts facts = cvss(6.0).cvssMaturity(ExploitMaturity.PROOF_OF_CONCEPT)
                .scannerMaturity(ExploitMaturity.FUNCTIONAL).nvdExploitReference(true).build();
        Qds qds = Qds.ofCve(facts, TODAY, MODEL);

        assertThat(qds.explanation().exploitMaturity()).isEqualTo(ExploitMaturity.FUNCTIONAL);
        assertThat(qds.explanation().maturitySource()).isEqualTo(Qds.MaturitySource.SCANNER);
        assertThat(qds.score()).isEqualTo(53); // 39 + 35·0.4 = 53
    }

    @Test
    void shouldNameTheFirstSourceWhenSeveralGiveTheSameMaturity() {
        ThreatFacts facts = cvss(6.0).cvssMaturity(ExploitMaturity.PROOF_OF_CONCEPT).nvdExploitReference(true).build();

        assertThat(Qds.ofCve(facts, TODAY, MODEL).explanation().maturitySource()).isEqualTo(Qds.MaturitySource.CVSS);
    }

    @Test
    void shouldTreatEverySignalAsThreatEvidence() {
        assertThat(score(cvss(2.0).ransomware(true).build())).isEqualTo(90);
        assertThat(score(cvss(2.0).malware(true).build())).isEqualTo(90);
        assertThat(score(cvss(2.0).threatActor(true).build())).isEqualTo(90);
        assertThat(score(cvss(2.0).activeAttacks(true).build())).isEqualTo(90);
        Qds attacked = Qds.ofCve(ThreatFacts.builder()
                .cvss((Cvss.Parsed) Cvss.parse("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:A"))
                .build(), TODAY, MODEL);
        assertThat(attacked.explanation().threatSignals()).containsExactly(Qds.ThreatSignal.CVSS_ATTACKED);
        assertThat(attacked.score()).isEqualTo(95);
    }

    @Test
    void shouldScoreNothingKnownAsTheMinimumOfOne() {
        Qds qds = Qds.ofCve(ThreatFacts.NONE, TODAY, MODEL);

        assertThat(qds.score()).isEqualTo(1);
        assertThat(qds.explanation().unrounded()).isZero();
        assertThat(qds.explanation().cvss()).isNull();
        assertThat(qds.explanation().maturitySource()).isEqualTo(Qds.MaturitySource.NONE);
    }

    @Test
    void shouldFollowTheModelsThreatBaseAndLikelihoodWeights() {
        ScoringModel custom = ScoringModel.parse(java.util.Map.of("threat.base", "80", "likelihood.epss", "0.2"));
        Qds qds = Qds.ofCve(cvss(5.0).kevDateAdded(TODAY.minusYears(1)).epss(0.25).build(), TODAY, custom);

        // 80 + 20·(0.5 + 0.2·0.5) = 92
        assertThat(qds.score()).isEqualTo(92);
        assertThat(qds.explanation().formula()).isEqualTo("80 + 20·L");
    }

    @Test
    void shouldScoreAVulnerabilityAsItsHighestScoringCve() {
        ThreatFacts low = cvss(5.4).cve("CVE-2020-0002").build();
        ThreatFacts kev = cvss(5.4).cve("CVE-2020-0001").kevDateAdded(TODAY.minusYears(1)).build();
        ThreatFacts high = cvss(9.8).cve("CVE-2020-0003").build();

        Qds qds = Qds.ofVulnerability(List.of(low, kev, high), null, TODAY, MODEL);

        assertThat(qds.score()).isEqualTo(95);
        assertThat(qds.explanation().cve()).isEqualTo("CVE-2020-0001");
    }

    @Test
    void shouldBreakTiesBetweenCvesByTheLowestId() {
        ThreatFacts a = cvss(9.8).cve("CVE-2021-0002").build();
        ThreatFacts b = cvss(9.8).cve("CVE-2021-0001").build();

        assertThat(Qds.ofVulnerability(List.of(a, b), null, TODAY, MODEL).explanation().cve()).isEqualTo("CVE-2021-0001");
        assertThat(Qds.ofVulnerability(List.of(b, a), null, TODAY, MODEL).explanation().cve()).isEqualTo("CVE-2021-0001");
    }

    @Test
    void shouldCompleteEachCveWithTheScannersFlags() {
        ThreatFacts cve = ThreatFacts.builder().cve("CVE-2022-1000").build(); // no CVSS known from NVD
        ThreatFacts scanner = cvss(8.0).scannerMaturity(ExploitMaturity.WEAPONIZED).epss(0.5).build();

        Qds qds = Qds.ofVulnerability(List.of(cve), scanner, TODAY, MODEL);

        assertThat(qds.explanation().cve()).isEqualTo("CVE-2022-1000");
        assertThat(qds.explanation().cvss()).isEqualTo(new CvssScore(8.0, CvssSource.V3_1));
        assertThat(qds.explanation().maturitySource()).isEqualTo(Qds.MaturitySource.SCANNER);
        assertThat(qds.explanation().epss()).isEqualTo(0.5);
        // 52 + 35·(0.5 + 0.35·0.7071) = 78.16
        assertThat(qds.score()).isEqualTo(78);
    }

    @Test
    void shouldScoreAVulnerabilityWithoutCveFromItsScannerScoreAndFlags() {
        VulnerabilityInfo info = new VulnerabilityInfo("nessus:1", null, "x", 3, List.of(), null, null, null, 9.0,
                null, new ThreatHints(ExploitMaturity.FUNCTIONAL, false, null));

        Qds qds = Qds.ofVulnerability(List.of(), ThreatFacts.fromScanner(info), TODAY, MODEL);

        assertThat(qds.explanation().cvss()).isEqualTo(new CvssScore(9.0, CvssSource.SCANNER));
        assertThat(qds.score()).isEqualTo(73); // 58.5 + 35·0.4 = 72.5 → 73 (half up)
    }

    @Test
    void shouldFallBackToTheSeverityWhenAScannerGivesNoCvss() {
        VulnerabilityInfo info = new VulnerabilityInfo("qualys:38170", 38170L, "x", 4, List.of(), null, null, null,
                null, null, ThreatHints.NONE);

        Qds qds = Qds.ofVulnerability(List.of(), ThreatFacts.fromScanner(info), TODAY, MODEL);

        assertThat(qds.explanation().cvss()).isEqualTo(new CvssScore(8.9, CvssSource.SEVERITY));
        assertThat(qds.score()).isEqualTo(58); // 65·0.89 = 57.85
    }

    @Test
    void shouldTreatScannerMalwareFlagAsAThreatSignal() {
        VulnerabilityInfo info = new VulnerabilityInfo("nessus:2", null, "x", 2, List.of(), null,
                "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:L", null, null, null,
                new ThreatHints(null, true, 0.04));

        Qds qds = Qds.ofVulnerability(List.of(), ThreatFacts.fromScanner(info), TODAY, MODEL);

        assertThat(qds.explanation().threatSignals()).containsExactly(Qds.ThreatSignal.MALWARE);
        assertThat(qds.score()).isEqualTo(91); // 90 + 10·0.35·0.2 = 90.7
    }

    @Test
    void shouldRejectAnEpssOutsideZeroToOne() {
        assertThatThrownBy(() -> ThreatFacts.builder().epss(1.5).build()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldPlaceBandBoundariesExactly() {
        assertThat(QdsBand.of(100)).isEqualTo(QdsBand.CRITICAL);
        assertThat(QdsBand.of(90)).isEqualTo(QdsBand.CRITICAL);
        assertThat(QdsBand.of(89)).isEqualTo(QdsBand.HIGH);
        assertThat(QdsBand.of(70)).isEqualTo(QdsBand.HIGH);
        assertThat(QdsBand.of(69)).isEqualTo(QdsBand.MEDIUM);
        assertThat(QdsBand.of(40)).isEqualTo(QdsBand.MEDIUM);
        assertThat(QdsBand.of(39)).isEqualTo(QdsBand.LOW);
        assertThat(QdsBand.of(1)).isEqualTo(QdsBand.LOW);
        assertThatThrownBy(() -> QdsBand.of(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> QdsBand.of(101)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void qdsStaysWithinOneToHundredAndThreatsScoreAtLeastTheBase(
            @ForAll @DoubleRange(min = 0, max = 10) double cvss, @ForAll @DoubleRange(min = 0, max = 1) double epss,
            @ForAll ExploitMaturity maturity, @ForAll boolean kev, @ForAll boolean trending,
            @ForAll @IntRange(min = 0, max = 60) int kevDaysAgo) {
        ThreatFacts facts = ThreatFacts.builder().cvss(cvss, CvssSource.V4_0).epss(epss).scannerMaturity(maturity)
                .kevDateAdded(kev ? TODAY.minusDays(kevDaysAgo) : null).feedTrending(trending).build();

        Qds qds = Qds.ofCve(facts, TODAY, MODEL);

        assertThat(qds.score()).isBetween(1, 100);
        assertThat(qds.band()).isEqualTo(QdsBand.of(qds.score()));
        if (kev) assertThat(qds.score()).isGreaterThanOrEqualTo(95);
        else assertThat(qds.score()).isLessThanOrEqualTo(100);
    }

    @Property
    void moreEvidenceNeverLowersTheScore(@ForAll @DoubleRange(min = 0, max = 10) double cvss,
                                         @ForAll @DoubleRange(min = 0, max = 1) double epss,
                                         @ForAll ExploitMaturity maturity) {
        ThreatFacts base = ThreatFacts.builder().cvss(cvss, CvssSource.V3_1).epss(epss).build();
        ThreatFacts more = base.toBuilder().scannerMaturity(maturity).build();

        assertThat(score(more)).isGreaterThanOrEqualTo(score(base));
    }
}
