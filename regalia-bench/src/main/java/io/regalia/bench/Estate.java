package io.regalia.bench;

import io.regalia.app.Regalia;
import io.regalia.core.intel.EpssFeed;
import io.regalia.core.intel.KevFeed;
import io.regalia.core.report.ReportEvent;
import io.regalia.core.report.ReportSink;
import io.regalia.ingest.demo.DemoEstate;
import io.regalia.ingest.demo.DemoIntel;
import io.regalia.ingest.demo.DemoSpec;
import io.regalia.store.inventory.ImportRequest;
import io.regalia.store.inventory.ImportSummary;
import io.regalia.store.tag.TagChange;
import java.util.Map;
import java.util.Optional;

/** The benchmark estate: the demo generator's assets, the demo threat intel, and a few scored tags. */
final class Estate {
    /** Tags of the demo estate given a criticality, so asset criticality varies as in a real estate. */
    private static final Map<String, Integer> CRITICALITY = Map.of("Finance", 4, "PCI", 5, "Production", 3,
            "Domain Controllers", 5, "DMZ", 4);

    private Estate() {}

    /** The demo KEV and EPSS feeds, as {@code regalia demo} loads them. */
    static void loadIntel(Regalia regalia) {
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

    /** Imports the generated estate straight from the generator (no file), to set up other scenarios. */
    static ImportSummary importGenerated(Regalia regalia, DemoSpec spec) {
        return regalia.imports().run(new ImportRequest("estate", "estate:" + spec, DemoEstate.FORMAT),
                sink -> DemoEstate.generate(spec, sink));
    }

    /** Gives the demo's business tags their criticality; each change rescores that tag's members. */
    static void scoreTags(Regalia regalia) {
        for (var e : CRITICALITY.entrySet()) {
            regalia.tags().list().stream().filter(t -> t.name().equals(e.getKey())).findFirst()
                    .ifPresent(t -> regalia.tags().update(t.name(),
                            new TagChange(null, Optional.of(e.getValue()), Optional.empty(), Optional.empty()), "bench"));
        }
    }

    /** Counts what a reader emits; the reader alone, without a database. */
    static final class Counter implements ReportSink {
        long hosts;
        long detections;

        @Override
        public void accept(ReportEvent event) {
            if (event instanceof ReportEvent.Host h) {
                hosts++;
                detections += h.host().detections().size();
            }
        }
    }
}
