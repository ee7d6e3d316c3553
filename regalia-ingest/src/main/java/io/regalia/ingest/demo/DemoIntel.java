package io.regalia.ingest.demo;

import io.regalia.core.intel.EpssScore;
import io.regalia.core.intel.KevEntry;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Threat intel matching the demo estate: the CISA KEV entries (catalog release 2025-08-25, public domain)
 * of the CVEs the demo catalog uses, and synthetic EPSS scores for every catalog CVE. EPSS values are
 * deterministic per CVE and skewed like the real feed: most below 0.05, KEV-listed ones much higher.
 */
public final class DemoIntel {
    /** Release date of the KEV catalog the demo entries were taken from; also the date of the demo EPSS scores. */
    private static final LocalDate FEED_DATE = LocalDate.of(2025, 8, 25);
    /** Real EPSS (probability, percentile) pairs from a daily file: demo percentiles interpolate between them. */
    private static final double[][] PERCENTILES = {{0.0001, 0.0}, {0.00225, 0.1189}, {0.00385, 0.29965}, {0.0056, 0.44392},
            {0.00739, 0.52767}, {0.00906, 0.58298}, {0.01129, 0.65076}, {0.01647, 0.75537}, {0.02368, 0.83147},
            {0.03957, 0.90082}, {0.06604, 0.93627}, {0.18528, 0.97162}, {0.50641, 0.98884}, {0.99999, 0.99997}};

    private static final List<KevEntry> KEV = DemoData.read("demo-kev.csv", r -> new KevEntry(r.get("cveID"), r.get("vendorProject"),
            r.get("product"), LocalDate.parse(r.get("dateAdded")), DemoData.blankToNull(r.get("dueDate")) == null ? null
            : LocalDate.parse(r.get("dueDate")), r.get("knownRansomwareCampaignUse").equalsIgnoreCase("Known")));

    private DemoIntel() {}

    /** KEV entries for the catalog's CVEs that CISA lists, oldest first. */
    public static List<KevEntry> kevEntries() {
        return KEV;
    }

    /** One demo EPSS score per CVE in the demo catalog, ordered by CVE id. */
    public static List<EpssScore> epssScores() {
        Set<String> kev = KEV.stream().map(KevEntry::cveId).collect(Collectors.toSet());
        Set<String> cves = new TreeSet<>();
        for (CatalogEntry e : CatalogEntry.ALL) cves.addAll(e.info().cves());
        List<EpssScore> out = new ArrayList<>(cves.size());
        for (String cve : cves) out.add(score(cve, kev.contains(cve)));
        return List.copyOf(out);
    }

    /** The date both demo feeds carry. */
    public static LocalDate feedDate() {
        return FEED_DATE;
    }

    static EpssScore score(String cve, boolean kev) {
        double u = new SplittableRandom(AssetFactory.mix(cve.hashCode() * 0x9E3779B97F4A7C15L + 0x5EED)).nextDouble();
        // KEV-listed: 0.15–0.975, mostly high; others log-uniform on a cubed draw: ~85% below 0.05
        double epss = kev ? 0.15 + 0.825 * (1 - (1 - u) * (1 - u)) : 0.0004 * Math.pow(2_250, u * u * u);
        epss = Math.round(epss * 100_000) / 100_000.0;
        return new EpssScore(cve, epss, Math.round(percentile(epss) * 100_000) / 100_000.0);
    }

    private static double percentile(double epss) {
        if (epss <= PERCENTILES[0][0]) return PERCENTILES[0][1];
        for (int i = 1; i < PERCENTILES.length; i++) {
            if (epss <= PERCENTILES[i][0]) {
                double x0 = Math.log(PERCENTILES[i - 1][0]);
                double x1 = Math.log(PERCENTILES[i][0]);
                double t = (Math.log(epss) - x0) / (x1 - x0);
                return PERCENTILES[i - 1][1] + t * (PERCENTILES[i][1] - PERCENTILES[i - 1][1]);
            }
        }
        return PERCENTILES[PERCENTILES.length - 1][1];
    }
}
