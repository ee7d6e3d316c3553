package io.regalia.core.risk;

import io.regalia.core.model.ExploitMaturity;
import us.springett.cvss.CvssV2;
import us.springett.cvss.CvssV3;
import us.springett.cvss.CvssV3_1;
import us.springett.cvss.CvssV4;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * CVSS vectors (v2, v3.0, v3.1, v4.0) read into base scores and the exploit maturity they state. Scoring
 * is done by the {@code us.springett:cvss-calculator} library; this class adds the vector forms scanners
 * write, the maturity mapping of the risk model, and turns every parse failure into a {@link Malformed}
 * value, since a bad vector in a report is a warning, not a failed import.
 */
public final class Cvss {
    private Cvss() {}

    /** What a vector turned out to be. */
    public sealed interface Reading permits Parsed, Malformed {}

    /**
     * A valid vector. {@code baseScore} is the base score only: for v4.0 that is CVSS-B, computed without
     * the threat and environmental metrics. {@code exploitMaturity} is null when the vector does not state
     * one; {@code attacked} is v4.0 {@code E:A}, which is also a threat signal.
     */
    public record Parsed(String vector, CvssSource version, double baseScore, ExploitMaturity exploitMaturity,
                         boolean attacked) implements Reading {
        public CvssScore score() {
            return new CvssScore(baseScore, version);
        }
    }

    /** An unusable vector, with the reason to show in a warning. */
    public record Malformed(String vector, String reason) implements Reading {
        /** One line for a warning: the vector and why it was rejected. */
        public String message() {
            return "malformed CVSS vector '" + vector + "': " + reason;
        }
    }

    /** Metrics that enter the v4.0 base score (CVSS-B). */
    private static final Set<String> V4_BASE_METRICS =
            Set.of("AV", "AC", "AT", "PR", "UI", "VC", "VI", "VA", "SC", "SI", "SA");

    /**
     * Reads one vector: {@code CVSS:4.0/…}, {@code CVSS:3.1/…}, {@code CVSS:3.0/…}, or a v2 vector bare,
     * in parentheses, or prefixed {@code CVSS2#} (Nessus) or {@code CVSS:2.0/}. Never throws.
     */
    public static Reading parse(String vector) {
        String text = vector == null ? "" : vector.strip();
        if (text.isEmpty()) return new Malformed(String.valueOf(vector), "empty vector");
        String normalized = text;
        if (normalized.startsWith("CVSS2#")) normalized = normalized.substring("CVSS2#".length());
        else if (normalized.startsWith("CVSS:2.0/")) normalized = normalized.substring("CVSS:2.0/".length());
        String repeated = repeatedMetric(normalized);
        if (repeated != null) return new Malformed(text, "metric " + repeated + " appears more than once");
        try {
            us.springett.cvss.Cvss cvss = us.springett.cvss.Cvss.fromVector(normalized);
            if (cvss == null) return new Malformed(text, "not a CVSS v2, v3.x or v4.0 vector");
            Parsed parsed = read(text, normalized, cvss);
            if (!(parsed.baseScore() >= 0 && parsed.baseScore() <= 10)) {
                return new Malformed(text, "base score out of range: " + parsed.baseScore());
            }
            return parsed;
        } catch (RuntimeException e) {
            // MalformedVectorException mostly, but any failure of the parser on foreign input is bad input
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new Malformed(text, reason);
        }
    }

    /** Of the given vectors (nulls and blanks skipped, malformed ones ignored), the one of the preferred version. */
    public static Optional<Parsed> preferred(String... vectors) {
        Parsed best = null;
        for (String vector : vectors) {
            if (vector == null || vector.isBlank()) continue;
            if (parse(vector) instanceof Parsed p && (best == null || p.version().preferredOver(best.version()))) {
                best = p;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * The stand-in base score of a scanner severity 1–5: 1.9, 3.9, 6.9, 8.9, 10.0 (the top of each CVSS
     * severity range).
     *
     * @throws IllegalArgumentException outside 1–5
     */
    public static CvssScore fromSeverity(int severity) {
        double base = switch (severity) {
            case 1 -> 1.9;
            case 2 -> 3.9;
            case 3 -> 6.9;
            case 4 -> 8.9;
            case 5 -> 10.0;
            default -> throw new IllegalArgumentException("severity must be 1–5, got " + severity);
        };
        return new CvssScore(base, CvssSource.SEVERITY);
    }

    private static Parsed read(String text, String normalized, us.springett.cvss.Cvss cvss) {
        if (cvss instanceof CvssV4) {
            String v4Metric = metric(normalized, "E");
            ExploitMaturity maturity = v4Metric == null ? null : switch (v4Metric) {
                case "U" -> ExploitMaturity.NONE;
                case "P" -> ExploitMaturity.PROOF_OF_CONCEPT;
                case "A" -> ExploitMaturity.WEAPONIZED;
                default -> null; // X: not defined
            };
            double base = us.springett.cvss.Cvss.fromVector(baseOnlyV4(normalized)).calculateScore().getBaseScore();
            return new Parsed(text, CvssSource.V4_0, base, maturity, "A".equals(v4Metric));
        }
        if (cvss instanceof CvssV3 v3) {
            // CvssV3_1 extends CvssV3, and the library scores each version with its own rounding
            CvssSource version = v3 instanceof CvssV3_1 ? CvssSource.V3_1 : CvssSource.V3_0;
            ExploitMaturity maturity = v3.getExploitability() == null ? null : switch (v3.getExploitability()) {
                case UNPROVEN -> ExploitMaturity.NONE;
                case POC -> ExploitMaturity.PROOF_OF_CONCEPT;
                case FUNCTIONAL -> ExploitMaturity.FUNCTIONAL;
                case HIGH -> ExploitMaturity.WEAPONIZED;
                case NOT_DEFINED -> null;
            };
            return new Parsed(text, version, v3.calculateScore().getBaseScore(), maturity, false);
        }
        if (cvss instanceof CvssV2 v2) {
            // v2's temporal E (U/POC/F/H) means the same as v3's
            ExploitMaturity maturity = v2.getExploitability() == null ? null : switch (v2.getExploitability()) {
                case UNPROVEN -> ExploitMaturity.NONE;
                case POC -> ExploitMaturity.PROOF_OF_CONCEPT;
                case FUNCTIONAL -> ExploitMaturity.FUNCTIONAL;
                case HIGH -> ExploitMaturity.WEAPONIZED;
                case NOT_DEFINED -> null;
            };
            return new Parsed(text, CvssSource.V2, v2.calculateScore().getBaseScore(), maturity, false);
        }
        throw new IllegalStateException("unsupported CVSS version " + cvss.getName());
    }

    /** The value of one metric in a vector the library has already validated, or null when absent. */
    private static String metric(String vector, String name) {
        String value = null;
        for (String part : vector.split("/")) {
            int colon = part.indexOf(':');
            if (colon > 0 && part.substring(0, colon).equals(name)) value = part.substring(colon + 1);
        }
        return value;
    }

    /** The library lets a repeated metric silently override the first; the CVSS specifications forbid it. */
    private static String repeatedMetric(String vector) {
        String body = vector.startsWith("(") && vector.endsWith(")") ? vector.substring(1, vector.length() - 1) : vector;
        Set<String> seen = new HashSet<>();
        for (String part : body.split("/")) {
            int colon = part.indexOf(':');
            if (colon > 0 && !seen.add(part.substring(0, colon))) return part.substring(0, colon);
        }
        return null;
    }

    private static String baseOnlyV4(String vector) {
        String[] parts = vector.split("/");
        StringBuilder base = new StringBuilder(parts[0]);
        Arrays.stream(parts).skip(1)
                .filter(part -> part.indexOf(':') > 0 && V4_BASE_METRICS.contains(part.substring(0, part.indexOf(':'))))
                .forEach(part -> base.append('/').append(part));
        return base.toString();
    }
}
