package io.regalia.store.risk;

import io.regalia.core.risk.Acs;
import io.regalia.core.risk.TruRisk;
import java.util.Locale;

/** Renders an asset's explanation for people, term by term. */
final class Explanations {
    private Explanations() {}

    static String text(Acs acs, TruRisk risk) {
        TruRisk.Explanation e = risk.explanation();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "ACS %d (%s)%n", acs.value(),
                acs.isDefault() ? "default: no tag carries a criticality" : "set by tag " + acs.provenance()));
        sb.append(String.format(Locale.ROOT, "E %.1f (%s)%n", e.exposureFactor(), e.exposure().why()));
        for (TruRisk.BandTerm b : e.bands()) {
            if (b.count() == 0) continue;
            sb.append(String.format(Locale.ROOT, "%-8s %5d open, avg QDS %5.1f, weight %.2f, contribution %.2f%n",
                    b.band().name().toLowerCase(Locale.ROOT), b.count(), b.averageQds(), b.weight(), b.contribution()));
        }
        sb.append(String.format(Locale.ROOT, "TruRisk %d = %s: %d × %.1f × %.2f = %.1f%s%n", risk.score(),
                e.formula().name().toLowerCase(Locale.ROOT), acs.value(), e.exposureFactor(), e.rawSum(), e.unrounded(),
                e.capped() ? " (capped at 1000)" : ""));
        sb.append("model ").append(e.modelVersion());
        var f = e.feeds();
        sb.append(String.format(Locale.ROOT, ", feeds KEV %s, EPSS %s, NVD %s", f.kev() == null ? "none" : f.kev(),
                f.epss() == null ? "none" : f.epss(), f.nvd() == null ? "none" : f.nvd()));
        return sb.toString();
    }
}
