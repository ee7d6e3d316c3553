package io.regalia.core.risk;

import io.regalia.core.model.DetectionType;
import io.regalia.core.model.ExploitMaturity;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The detection score (QDS, 1–100) of a CVE or a vulnerability, with the terms it came from. A detection
 * takes its vulnerability's score; INFO and fixed detections have none (the caller does not score them).
 */
public record Qds(int score, QdsBand band, Explanation explanation) {

    /** Where the exploit maturity came from: the first source, in this order, that gives the highest level. */
    public enum MaturitySource { KEV, CVSS, SCANNER, NVD_REFERENCE, NONE }

    /** Evidence of exploitation that puts the score at {@code threat.base} or above. */
    public enum ThreatSignal { KEV, RANSOMWARE, MALWARE, THREAT_ACTOR, ACTIVE_ATTACKS, CVSS_ATTACKED }

    /** Why the trending term is 1 (KEV addition wins when both hold). */
    public enum Trending { KEV_ADDED_RECENTLY, FEED, NO }

    /**
     * The terms of one score.
     *
     * @param cve             the CVE that gave the score, null when scored from scanner facts alone
     * @param cvss            base score used, null when none was known (counted as 0)
     * @param exploitMaturity em, NONE without evidence
     * @param epss            EPSS probability, null when unknown (term 0)
     * @param epssTerm        sqrt(epss)
     * @param likelihood      L
     * @param threatSignals   empty without a threat signal
     * @param formula         the formula applied, with its constants
     * @param unrounded       the score before rounding and clamping
     */
    public record Explanation(String cve, CvssScore cvss, ExploitMaturity exploitMaturity,
                              MaturitySource maturitySource, Double epss, double epssTerm, Trending trending,
                              double likelihood, Set<ThreatSignal> threatSignals, String formula, double unrounded,
                              LocalDate scoringDate, String modelVersion) {
        public Explanation {
            threatSignals = threatSignals.isEmpty() ? Set.of()
                    : Collections.unmodifiableSet(EnumSet.copyOf(threatSignals));
        }

        public boolean threat() {
            return !threatSignals.isEmpty();
        }
    }

    public Qds {
        Objects.requireNonNull(explanation, "explanation");
        if (band != QdsBand.of(score)) throw new IllegalArgumentException("band " + band + " does not hold " + score);
    }

    /** Whether a detection of this type has a QDS at all: informational detections never do. */
    public static boolean applies(DetectionType type) {
        return type != DetectionType.INFO;
    }

    /** The score of one CVE (its facts already completed with the scanner's, see {@link ThreatFacts#with}). */
    public static Qds ofCve(ThreatFacts facts, LocalDate scoringDate, ScoringModel model) {
        Objects.requireNonNull(scoringDate, "scoringDate");
        double cvss = facts.cvss() == null ? 0.0 : facts.cvss().base();

        ExploitMaturity em = ExploitMaturity.NONE;
        MaturitySource emSource = MaturitySource.NONE;
        // sources in explanation priority; a later source replaces only on a strictly higher level
        if (facts.kevDateAdded() != null) {
            em = ExploitMaturity.WEAPONIZED;
            emSource = MaturitySource.KEV;
        }
        if (facts.cvssMaturity() != null && (emSource == MaturitySource.NONE || higher(facts.cvssMaturity(), em))) {
            em = facts.cvssMaturity();
            emSource = MaturitySource.CVSS;
        }
        if (facts.scannerMaturity() != null && (emSource == MaturitySource.NONE || higher(facts.scannerMaturity(), em))) {
            em = facts.scannerMaturity();
            emSource = MaturitySource.SCANNER;
        }
        if (facts.nvdExploitReference()
                && (emSource == MaturitySource.NONE || higher(ExploitMaturity.PROOF_OF_CONCEPT, em))) {
            em = ExploitMaturity.PROOF_OF_CONCEPT;
            emSource = MaturitySource.NVD_REFERENCE;
        }

        double epssTerm = facts.epss() == null ? 0.0 : Math.sqrt(facts.epss());
        Trending trending = kevAddedRecently(facts.kevDateAdded(), scoringDate, model.trendingWindowDays())
                ? Trending.KEV_ADDED_RECENTLY : facts.feedTrending() ? Trending.FEED : Trending.NO;
        ScoringModel.LikelihoodWeights w = model.likelihood();
        double l = w.exploitMaturity() * em.weight() + w.epss() * epssTerm
                + w.trending() * (trending == Trending.NO ? 0.0 : 1.0);

        Set<ThreatSignal> signals = EnumSet.noneOf(ThreatSignal.class);
        if (facts.kevDateAdded() != null) signals.add(ThreatSignal.KEV);
        if (facts.ransomware()) signals.add(ThreatSignal.RANSOMWARE);
        if (facts.malware()) signals.add(ThreatSignal.MALWARE);
        if (facts.threatActor()) signals.add(ThreatSignal.THREAT_ACTOR);
        if (facts.activeAttacks()) signals.add(ThreatSignal.ACTIVE_ATTACKS);
        if (facts.cvssAttacked()) signals.add(ThreatSignal.CVSS_ATTACKED);

        double unrounded;
        String formula;
        if (!signals.isEmpty()) {
            int base = model.threatBase();
            unrounded = base + (100 - base) * l;
            formula = base + " + " + (100 - base) + "·L";
        } else {
            unrounded = 65.0 * (cvss / 10.0) + 35.0 * l;
            formula = "65·cvss/10 + 35·L";
        }
        int score = Rounding.clamp(Rounding.halfUp(unrounded), 1, 100);
        return new Qds(score, QdsBand.of(score), new Explanation(facts.cve(), facts.cvss(), em, emSource, facts.epss(),
                epssTerm, trending, l, signals, formula, unrounded, scoringDate, model.version()));
    }

    /**
     * The score of a vulnerability: the highest over its CVEs, each completed with the scanner's facts
     * (ties go to the lowest CVE id, so the explanation does not depend on input order); with no CVE, the
     * scanner's facts alone.
     *
     * @param scanner facts from the scanner report, e.g. {@link ThreatFacts#fromScanner}; null means none
     */
    public static Qds ofVulnerability(Collection<ThreatFacts> cves, ThreatFacts scanner, LocalDate scoringDate,
                                      ScoringModel model) {
        ThreatFacts own = scanner == null ? ThreatFacts.NONE : scanner;
        if (cves.isEmpty()) return ofCve(own, scoringDate, model);
        Comparator<Qds> order = Comparator.comparingInt(Qds::score)
                .thenComparing(q -> q.explanation().cve(), Comparator.nullsFirst(Comparator.<String>reverseOrder()));
        return cves.stream().map(cve -> ofCve(cve.with(own), scoringDate, model)).max(order).orElseThrow();
    }

    /** KEV addition in [scoringDate − window days, scoringDate]. */
    static boolean kevAddedRecently(LocalDate kevDateAdded, LocalDate scoringDate, int windowDays) {
        return kevDateAdded != null && !kevDateAdded.isAfter(scoringDate)
                && !kevDateAdded.isBefore(scoringDate.minusDays(windowDays));
    }

    private static boolean higher(ExploitMaturity a, ExploitMaturity b) {
        return a.ordinal() > b.ordinal();
    }
}
