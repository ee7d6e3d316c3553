package io.regalia.bench;

import io.regalia.app.Regalia;
import io.regalia.core.report.ReportEvent;
import io.regalia.core.report.ReportSink;
import io.regalia.ingest.demo.DemoEstate;
import io.regalia.ingest.demo.DemoSpec;
import io.regalia.store.inventory.ImportRequest;
import io.regalia.store.inventory.ImportSummary;

/** The benchmark estate: the demo generator's assets, imported without a file, and a reader that only counts. */
final class Estate {
    private Estate() {}

    /** Imports the generated estate straight from the generator (no file), to set up other scenarios. */
    static ImportSummary importGenerated(Regalia regalia, DemoSpec spec) {
        return regalia.imports().run(new ImportRequest("estate", "estate:" + spec, DemoEstate.FORMAT),
                sink -> DemoEstate.generate(spec, sink));
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
