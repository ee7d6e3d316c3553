package io.regalia.ingest.demo;

import io.regalia.core.intel.EpssScore;
import io.regalia.core.intel.KevEntry;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

/** Threat intel for the demo: KEV facts from the public catalog, and generated EPSS values. */
public final class DemoIntel {
    private DemoIntel() {}

    /** The date the demo's KEV facts were taken from the catalog (release 2025-08-25). */
    public static LocalDate feedDate() { return LocalDate.of(2025, 8, 25); }

    public static List<KevEntry> kevEntries() {
        List<KevEntry> out = new ArrayList<>();
        Catalog.rows("demo-kev.csv", f -> out.add(new KevEntry(f[0], f[3], f[4], LocalDate.parse(f[1]), null,
                "Known".equalsIgnoreCase(f[2]))));
        return out;
    }

    /** EPSS for every CVE of the catalog: most low, known-exploited ones high; the same on every run. */
    public static List<EpssScore> epssScores() {
        Set<String> kev = new TreeSet<>();
        kevEntries().forEach(e -> kev.add(e.cveId()));
        Set<String> cves = new TreeSet<>();
        Catalog.VULNERABILITIES.forEach(v -> cves.addAll(v.cves()));
        List<EpssScore> out = new ArrayList<>();
        for (String cve : cves) {
            SplittableRandom r = new SplittableRandom(cve.hashCode());
            double epss = kev.contains(cve) ? 0.5 + 0.47 * r.nextDouble() : Math.pow(r.nextDouble(), 4) * 0.3;
            epss = Math.round(epss * 100000) / 100000.0;
            out.add(new EpssScore(cve, epss, Math.min(1.0, Math.round((0.5 + epss / 2) * 100000) / 100000.0)));
        }
        return out;
    }
}
