package io.regalia.core.risk;

import io.regalia.core.model.DetectionStatus;
import io.regalia.core.model.DetectionType;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The asset risk score (TruRisk, 0–1000) from the asset's open, non-INFO detections aggregated per QDS
 * band, its ACS and its exposure, with an explanation of every term.
 *
 * <pre>
 * v1: min(1000, round( ACS × E × Σ_b w_b × avg(QDS_b) × count_b^(1/100) ))
 * v2: min(1000, round( ACS × E × ( maxQDS × g(maxQDS) + Σ_b W_b × count_b ) )),  g = 1.3 (≥ 90), 1.1 (70–89), 1.0
 * </pre>
 * An asset with no open scored detection has TruRisk 0.
 */
public record TruRisk(int score, RiskBand band, Explanation explanation) {
    public static final int CAP = 1000;

    /**
     * One band's part of the sum. {@code averageQds} is null for an empty band; {@code contribution} is
     * {@code w × avg × count^0.01} (v1) or {@code W × count} (v2), before ACS and E.
     */
    public record BandTerm(QdsBand band, long count, Double averageQds, double weight, double contribution) {}

    /**
     * The terms of one TruRisk.
     *
     * @param exposureFactor E
     * @param bands          critical, high, medium, low, always all four
     * @param maxQds         highest open QDS, null when unknown (v1 without band maxima) or nothing is open
     * @param maxQdsFactor   g(maxQDS) in v2, else null
     * @param rawSum         the bracketed sum, before ACS and E
     * @param unrounded      ACS × E × rawSum
     * @param capped         the rounded value exceeded {@value TruRisk#CAP}
     */
    public record Explanation(Acs acs, Exposure exposure, double exposureFactor, List<BandTerm> bands, Integer maxQds,
                              Double maxQdsFactor, double rawSum, double unrounded, boolean capped,
                              ScoringModel.Formula formula, String modelVersion, FeedDates feeds) {
        public Explanation {
            bands = List.copyOf(bands);
        }
    }

    public TruRisk {
        Objects.requireNonNull(explanation, "explanation");
        if (band != RiskBand.of(score)) throw new IllegalArgumentException("band " + band + " does not hold " + score);
    }

    /**
     * Whether a detection counts in its asset's TruRisk: scored (not INFO) and open (not FIXED; a
     * detection without a stated status is open).
     */
    public static boolean counts(DetectionType type, DetectionStatus status) {
        return Qds.applies(type) && (status == null || status.isOpen());
    }

    /**
     * Scores one asset. Several rows for the same band add up.
     *
     * @param open  the asset's open detections per band; missing bands have none
     * @param feeds the feed dates the QDS values used, echoed in the explanation
     * @throws IllegalArgumentException formula v2 without the maximum QDS of the highest non-empty band
     */
    public static TruRisk of(Acs acs, Exposure exposure, Collection<BandAggregate> open, FeedDates feeds,
                             ScoringModel model) {
        Objects.requireNonNull(acs, "acs");
        Objects.requireNonNull(exposure, "exposure");
        Map<QdsBand, BandAggregate> byBand = new EnumMap<>(QdsBand.class);
        for (QdsBand b : QdsBand.values()) byBand.put(b, new BandAggregate(b, 0, 0));
        for (BandAggregate row : open) {
            BandAggregate prior = byBand.get(row.band());
            byBand.put(row.band(), new BandAggregate(row.band(), prior.count() + row.count(),
                    prior.qdsSum() + row.qdsSum(), Math.max(prior.maxQds(), row.maxQds())));
        }
        Integer maxQds = byBand.values().stream().filter(a -> a.count() > 0).findFirst() // band order: critical first
                .map(a -> a.maxQds() == 0 ? null : a.maxQds()).orElse(null);
        boolean anyOpen = byBand.values().stream().anyMatch(a -> a.count() > 0);
        double e = exposure.factor(model);

        List<BandTerm> terms = new ArrayList<>(4);
        Double g = maxQds == null || model.formula() != ScoringModel.Formula.V2 ? null
                : maxQds >= 90 ? 1.3 : maxQds >= 70 ? 1.1 : 1.0;
        double sum = switch (model.formula()) {
            case V1 -> {
                double s = 0.0;
                for (BandAggregate a : byBand.values()) {
                    double w = model.v1Weights().of(a.band());
                    double contribution = a.count() == 0 ? 0.0 : w * a.averageQds() * Math.pow(a.count(), 0.01);
                    terms.add(term(a, w, contribution));
                    s += contribution;
                }
                yield s;
            }
            case V2 -> {
                if (anyOpen && maxQds == null) {
                    throw new IllegalArgumentException("formula v2 needs the maximum QDS of the highest non-empty band");
                }
                double s = g == null ? 0.0 : maxQds * g;
                for (BandAggregate a : byBand.values()) {
                    double w = model.v2Weights().of(a.band());
                    double contribution = w * a.count();
                    terms.add(term(a, w, contribution));
                    s += contribution;
                }
                yield s;
            }
        };
        double unrounded = anyOpen ? acs.value() * e * sum : 0.0;
        long rounded = Rounding.halfUp(unrounded);
        int score = (int) Math.min(CAP, rounded);
        return new TruRisk(score, RiskBand.of(score), new Explanation(acs, exposure, e, terms, maxQds, g,
                anyOpen ? sum : 0.0, unrounded, rounded > CAP, model.formula(), model.version(),
                feeds == null ? FeedDates.NONE : feeds));
    }

    private static BandTerm term(BandAggregate a, double weight, double contribution) {
        return new BandTerm(a.band(), a.count(), a.count() == 0 ? null : a.averageQds(), weight, contribution);
    }
}
