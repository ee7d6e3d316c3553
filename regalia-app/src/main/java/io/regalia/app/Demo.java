package io.regalia.app;

import io.regalia.core.intel.EpssFeed;
import io.regalia.core.intel.KevFeed;
import io.regalia.ingest.demo.DemoEstate;
import io.regalia.ingest.demo.DemoIntel;
import io.regalia.ingest.demo.DemoSpec;
import io.regalia.store.inventory.ImportRequest;
import io.regalia.store.inventory.ImportSummary;
import java.time.LocalDate;
import io.regalia.store.tag.TagChange;
import java.util.Map;
import java.util.Optional;

/** Fills a database with the deterministic demo estate, its static tags and its threat intel. */
public final class Demo {
    public static final int DEFAULT_ASSETS = 2000;
    public static final long DEFAULT_SEED = 42;
    /** Tags the demo gives a criticality, so ACS varies from the first page on. */
    private static final Map<String, Integer> CRITICALITY = Map.of("Finance", 4, "PCI", 5, "Production", 3,
            "Domain Controllers", 5, "DMZ", 4);

    private Demo() {}

    public static String load(Regalia regalia, int assets, long seed) {
        LocalDate today = LocalDate.now(regalia.clock());
        loadIntel(regalia);
        DemoSpec spec = DemoSpec.of(assets, seed, today);
        ImportSummary summary = regalia.imports().run(new ImportRequest("demo", "demo:" + assets + ":" + seed + ":" + today, "inventory"),
                sink -> DemoEstate.generate(spec, sink));
        scoreTags(regalia, "demo");
        return String.format("demo estate: %d assets, %d detections, %d vulnerabilities", summary.assetsCreated(),
                summary.detections(), summary.vulnerabilitiesCreated());
    }

    /** The demo KEV and EPSS feeds. */
    public static void loadIntel(Regalia regalia) {
        var kev = DemoIntel.kevEntries();
        regalia.intel().loadKev(sink -> {
            kev.forEach(sink);
            return new KevFeed("demo", null, DemoIntel.feedDate(), true, kev.size());
        });
        var epss = DemoIntel.epssScores();
        regalia.intel().loadEpss(sink -> {
            epss.forEach(sink);
            return new EpssFeed("demo", DemoIntel.feedDate(), epss.size());
        });
    }

    /** Gives the demo's tags that have none their criticality; each change rescores that tag's members. */
    public static void scoreTags(Regalia regalia, String actor) {
        for (var e : CRITICALITY.entrySet()) {
            regalia.tags().list().stream().filter(t -> t.name().equals(e.getKey()) && t.criticality() == null).findFirst()
                    .ifPresent(t -> regalia.tags().update(t.name(),
                            new TagChange(null, Optional.of(e.getValue()), Optional.empty(), Optional.empty()), actor));
        }
    }
}
