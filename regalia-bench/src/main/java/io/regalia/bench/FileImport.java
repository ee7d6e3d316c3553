package io.regalia.bench;

import io.regalia.app.ReportImports;
import io.regalia.ingest.format.Formats;
import io.regalia.ingest.os.OsCatalog;
import io.regalia.ingest.report.ReportReader;
import io.regalia.store.inventory.ImportSummary;
import java.io.PrintWriter;
import java.io.Writer;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * A report file read alone (no database, which also brings it into the page cache), then imported as
 * {@code regalia import} runs it, from clean buffers and with the used heap sampled: what scenarios 1 and 3
 * share.
 */
record FileImport(long readHosts, long readDetections, double readerSeconds, ImportSummary summary, double importSeconds,
                  long peakHeapBytes, long gcCount, double gcSeconds, Map<String, Double> breakdown) {

    static FileImport run(Sandbox sandbox, Path file, Printout out) {
        ReportReader reader = Formats.detect(file, null);
        Estate.Counter counted = new Estate.Counter();
        long started = System.nanoTime();
        reader.read(file, counted);
        double readerSeconds = (System.nanoTime() - started) / 1e9;
        out.line("reader alone (" + reader.format() + ")", Printout.timedRate(readerSeconds, counted.detections, "detections"));

        // start from clean buffers: no checkpoint of the setup's writes competes with the import
        sandbox.database().jdbi().useHandle(h -> h.execute("CHECKPOINT"));
        ReportImports imports = new ReportImports(sandbox.regalia(), OsCatalog.builtIn(), new PrintWriter(Writer.nullWriter()), false);
        System.gc();
        long gcCount0 = collections(), gcMillis0 = collectionMillis();
        ImportSummary summary;
        long peak;
        int mark = sandbox.statements().mark();
        long t0 = System.nanoTime();
        try (HeapSampler heap = new HeapSampler()) {
            summary = imports.importFile(file, null, false);
            peak = heap.peakBytes();
        }
        long t1 = System.nanoTime();
        double importSeconds = (t1 - t0) / 1e9;
        long gcCount = collections() - gcCount0;
        double gcSeconds = (collectionMillis() - gcMillis0) / 1e3;
        out.line("regalia import", Printout.timedRate(importSeconds, summary.detections(), "detections"));
        out.note(String.format(Locale.ROOT, "%,d hosts, %,d assets created, %,d detections %s %s, %,d vulnerabilities created",
                summary.hosts(), summary.assetsCreated(), summary.detections(), summary.byType(), summary.byStatus(),
                summary.vulnerabilitiesCreated()));
        out.line("peak used heap during import (sampled / max)", Printout.bytes(peak) + " / "
                + Printout.bytes(HeapSampler.maxHeapBytes()) + String.format(Locale.ROOT, "  (%d GCs, %.2f s)", gcCount, gcSeconds));
        if (summary.detections() < counted.detections) {
            out.note(String.format(Locale.ROOT, "%,d detections merged: hosts sharing an identity became one asset",
                    counted.detections - summary.detections()));
        }
        Map<String, Double> breakdown = ImportScenario.breakdown(sandbox.statements().since(mark), t0, t1, readerSeconds);
        ImportScenario.print(breakdown, importSeconds, out);
        return new FileImport(counted.hosts, counted.detections, readerSeconds, summary, importSeconds, peak, gcCount,
                gcSeconds, breakdown);
    }

    private static long collections() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    }

    private static long collectionMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }
}
