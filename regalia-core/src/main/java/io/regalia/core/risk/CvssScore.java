package io.regalia.core.risk;

import java.util.Objects;

/** A CVSS base score 0–10 and where it came from. */
public record CvssScore(double base, CvssSource source) {
    public CvssScore {
        Objects.requireNonNull(source, "source");
        if (!(base >= 0 && base <= 10)) throw new IllegalArgumentException("CVSS base score must be 0–10, got " + base);
    }

    /** Of the two, the one from the preferred source; {@code a} on a tie; null only when both are. */
    public static CvssScore preferred(CvssScore a, CvssScore b) {
        if (a == null) return b;
        if (b == null) return a;
        return b.source.preferredOver(a.source) ? b : a;
    }
}
