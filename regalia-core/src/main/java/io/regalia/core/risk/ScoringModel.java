package io.regalia.core.risk;

import io.regalia.core.report.BadInputException;

import java.io.IOException;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Every weight of the risk model, under one version string that each explanation echoes. Changing any
 * value changes the scores, so the store rescores everything when the effective model changes.
 *
 * <p>Keys accepted by {@link #parse(Map)} and {@link #parse(String)}, with their defaults:
 * <pre>
 * version                      regalia-2026.1
 * acs.default                  2       ACS of an asset none of whose tags carries a criticality (1–5)
 * formula                      v1      TruRisk formula: v1 or v2
 * v1.weight.critical           1.0     w_b of formula v1, per QDS band (≥ 0)
 * v1.weight.high               0.70
 * v1.weight.medium             0.45
 * v1.weight.low                0.10
 * v2.weight.critical           2.0     W_b of formula v2, per QDS band (≥ 0)
 * v2.weight.high               1.0
 * v2.weight.medium             0.3
 * v2.weight.low                0.05
 * exposure.factor              1.2     E of an internet-facing asset (≥ 1; other assets 1.0)
 * likelihood.exploitMaturity   0.50    weights of L, each ≥ 0, summing to at most 1 so L stays 0–1
 * likelihood.epss              0.35
 * likelihood.trending          0.15
 * threat.base                  90      QDS floor with a threat signal: base + (100 − base)·L (0–100)
 * trending.windowDays          30      a KEV addition this many days before scoring is trending (0–3650)
 * </pre>
 * Overriding any value without naming a {@code version} yields the version
 * {@code regalia-2026.1+custom.<hash of the effective values>}, so explanations never attribute custom
 * weights to the built-in model.
 */
public record ScoringModel(String version, int defaultAcs, Formula formula, BandWeights v1Weights,
                           BandWeights v2Weights, double exposureFactor, LikelihoodWeights likelihood,
                           int threatBase, int trendingWindowDays) {

    public static final String DEFAULT_VERSION = "regalia-2026.1";

    /** The TruRisk formula (spec §3). */
    public enum Formula { V1, V2 }

    /** One weight per QDS band. */
    public record BandWeights(double critical, double high, double medium, double low) {
        public double of(QdsBand band) {
            return switch (band) {
                case CRITICAL -> critical;
                case HIGH -> high;
                case MEDIUM -> medium;
                case LOW -> low;
            };
        }
    }

    /** Weights of the likelihood L = exploitMaturity·em + epss·sqrt(epss) + trending·trending. */
    public record LikelihoodWeights(double exploitMaturity, double epss, double trending) {}

    private static final ScoringModel DEFAULTS = new ScoringModel(DEFAULT_VERSION, 2, Formula.V1,
            new BandWeights(1.0, 0.70, 0.45, 0.10), new BandWeights(2.0, 1.0, 0.3, 0.05), 1.2,
            new LikelihoodWeights(0.50, 0.35, 0.15), 90, 30);

    /** @throws BadInputException naming the key of the first invalid value */
    public ScoringModel {
        Objects.requireNonNull(formula, "formula");
        Objects.requireNonNull(v1Weights, "v1Weights");
        Objects.requireNonNull(v2Weights, "v2Weights");
        Objects.requireNonNull(likelihood, "likelihood");
        if (version == null || version.isBlank()) throw bad("version", "must not be blank");
        version = version.strip();
        if (defaultAcs < 1 || defaultAcs > 5) throw bad("acs.default", "must be 1–5, got " + defaultAcs);
        checkWeights("v1.weight.", v1Weights);
        checkWeights("v2.weight.", v2Weights);
        if (!(exposureFactor >= 1.0) || Double.isInfinite(exposureFactor)) {
            throw bad("exposure.factor", "must be a number ≥ 1 (internet exposure never lowers risk), got " + exposureFactor);
        }
        checkNonNegative("likelihood.exploitMaturity", likelihood.exploitMaturity());
        checkNonNegative("likelihood.epss", likelihood.epss());
        checkNonNegative("likelihood.trending", likelihood.trending());
        double sum = likelihood.exploitMaturity() + likelihood.epss() + likelihood.trending();
        if (sum > 1.0 + 1e-9) {
            throw bad("likelihood.*", "the three likelihood weights must sum to at most 1 (so L stays 0–1), got " + sum);
        }
        if (threatBase < 0 || threatBase > 100) throw bad("threat.base", "must be 0–100, got " + threatBase);
        if (trendingWindowDays < 0 || trendingWindowDays > 3650) {
            throw bad("trending.windowDays", "must be 0–3650 days, got " + trendingWindowDays);
        }
    }

    /** The built-in model, {@value #DEFAULT_VERSION}. */
    public static ScoringModel defaults() {
        return DEFAULTS;
    }

    /**
     * The defaults with the given keys overridden (see the class comment for keys).
     *
     * @throws BadInputException naming the key: unknown key, unparsable or out-of-range value
     */
    public static ScoringModel parse(Map<String, String> overrides) {
        Map<String, String> values = DEFAULTS.toMap();
        boolean versionGiven = false;
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            String key = e.getKey() == null ? "" : e.getKey().strip();
            if (!values.containsKey(key)) {
                throw bad(key, "unknown scoring model key; known keys: " + String.join(", ", values.keySet()));
            }
            String value = e.getValue() == null ? "" : e.getValue().strip();
            if (value.isEmpty()) throw bad(key, "missing value");
            values.put(key, value);
            versionGiven |= key.equals("version");
        }
        ScoringModel model = new ScoringModel(values.get("version"),
                integer(values, "acs.default"),
                formula(values.get("formula")),
                new BandWeights(number(values, "v1.weight.critical"), number(values, "v1.weight.high"),
                        number(values, "v1.weight.medium"), number(values, "v1.weight.low")),
                new BandWeights(number(values, "v2.weight.critical"), number(values, "v2.weight.high"),
                        number(values, "v2.weight.medium"), number(values, "v2.weight.low")),
                number(values, "exposure.factor"),
                new LikelihoodWeights(number(values, "likelihood.exploitMaturity"), number(values, "likelihood.epss"),
                        number(values, "likelihood.trending")),
                integer(values, "threat.base"),
                integer(values, "trending.windowDays"));
        if (versionGiven || model.equals(DEFAULTS)) return model;
        String fingerprint = String.format("%08x", new TreeMap<>(model.toMap()).toString().hashCode());
        return model.withVersion(DEFAULT_VERSION + "+custom." + fingerprint);
    }

    /**
     * Properties-style text ({@code key = value} or {@code key: value} lines, {@code #} comments), as
     * {@link #parse(Map)}.
     */
    public static ScoringModel parse(String text) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
        } catch (IOException | IllegalArgumentException e) {
            throw new BadInputException("scoring model", "unreadable: " + e.getMessage());
        }
        Map<String, String> overrides = new LinkedHashMap<>();
        for (String key : properties.stringPropertyNames()) overrides.put(key, properties.getProperty(key));
        return parse(overrides);
    }

    /** Every key with its effective value, in the documented order; {@code parse(toMap())} equals this model. */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("version", version);
        m.put("acs.default", Integer.toString(defaultAcs));
        m.put("formula", formula.name().toLowerCase(Locale.ROOT));
        putWeights(m, "v1.weight.", v1Weights);
        putWeights(m, "v2.weight.", v2Weights);
        m.put("exposure.factor", Double.toString(exposureFactor));
        m.put("likelihood.exploitMaturity", Double.toString(likelihood.exploitMaturity()));
        m.put("likelihood.epss", Double.toString(likelihood.epss()));
        m.put("likelihood.trending", Double.toString(likelihood.trending()));
        m.put("threat.base", Integer.toString(threatBase));
        m.put("trending.windowDays", Integer.toString(trendingWindowDays));
        return m;
    }

    public ScoringModel withVersion(String newVersion) {
        return new ScoringModel(newVersion, defaultAcs, formula, v1Weights, v2Weights, exposureFactor, likelihood,
                threatBase, trendingWindowDays);
    }

    public ScoringModel withFormula(Formula newFormula) {
        return new ScoringModel(version, defaultAcs, newFormula, v1Weights, v2Weights, exposureFactor, likelihood,
                threatBase, trendingWindowDays);
    }

    private static void putWeights(Map<String, String> m, String prefix, BandWeights w) {
        m.put(prefix + "critical", Double.toString(w.critical()));
        m.put(prefix + "high", Double.toString(w.high()));
        m.put(prefix + "medium", Double.toString(w.medium()));
        m.put(prefix + "low", Double.toString(w.low()));
    }

    private static void checkWeights(String prefix, BandWeights w) {
        checkNonNegative(prefix + "critical", w.critical());
        checkNonNegative(prefix + "high", w.high());
        checkNonNegative(prefix + "medium", w.medium());
        checkNonNegative(prefix + "low", w.low());
    }

    private static void checkNonNegative(String key, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) throw bad(key, "must be a number ≥ 0, got " + value);
    }

    private static Formula formula(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "v1" -> Formula.V1;
            case "v2" -> Formula.V2;
            default -> throw bad("formula", "must be v1 or v2, got '" + value + "'");
        };
    }

    private static double number(Map<String, String> values, String key) {
        String value = values.get(key);
        try {
            double d = Double.parseDouble(value);
            if (Double.isFinite(d)) return d;
        } catch (NumberFormatException ignored) {
            // reported below with the key
        }
        throw bad(key, "not a number: '" + value + "'");
    }

    private static int integer(Map<String, String> values, String key) {
        String value = values.get(key);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw bad(key, "not an integer: '" + value + "'");
        }
    }

    private static BadInputException bad(String key, String reason) {
        return new BadInputException("scoring model key " + key, reason);
    }
}
