package io.regalia.bench;

import io.regalia.app.Demo;
import io.regalia.ingest.demo.DemoEstate;
import io.regalia.ingest.demo.DemoSpec;
import io.regalia.ingest.inventory.InventoryJsonWriter;
import io.regalia.store.inventory.ImportSummary;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scenario 1: the demo estate written as inventory JSON, imported exactly as {@code regalia import} does
 * (format detection, hashing, reader, staging, merge, rescoring of touched assets, commit), against
 * COPY of the resulting detection rows into a bare table.
 */
final class ImportScenario {
    /** The import's aim: at least this share of the COPY rate. */
    static final double AIM = 0.40;
    /** Breakdown lines below this share of the total are summed into one. */
    private static final double SMALL = 0.005;
    /** Breakdown lines starting so are part of the line before them, not an addend. */
    static final String PART_OF_ABOVE = "    of which ";

    record Result(ImportSummary summary, long fileBytes, long readHosts, long readDetections, double generateSeconds,
                  double readerSeconds, double importSeconds, long peakHeapBytes, Map<String, Double> breakdown,
                  DetectionCopy.Result copy) {
        double importRate() { return summary.detections() / importSeconds; }
        double ratioToCopy() { return importRate() / copy.rate(); }
    }

    private ImportScenario() {}

    static Result run(Sandbox sandbox, DemoSpec spec, Printout out) {
        out.section(String.format(Locale.ROOT, "import: %,d assets × ~%d detections, %d software each (seed %d)",
                spec.assets(), spec.detectionsPerAsset(), spec.softwarePerAsset(), spec.seed()));
        Demo.loadIntel(sandbox.regalia());

        Path file = sandbox.file("estate.json");
        long started = System.nanoTime();
        try (InventoryJsonWriter writer = new InventoryJsonWriter(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
            DemoEstate.generate(spec, writer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        double generateSeconds = StatementClock.secondsSince(started);
        long fileBytes = Sandbox.sizeOf(file);
        out.line("inventory JSON written", Printout.bytes(fileBytes) + " in " + Printout.seconds(generateSeconds));

        FileImport imported = FileImport.run(sandbox, file, out);

        DetectionCopy.Result copy = DetectionCopy.run(sandbox);
        out.line("COPY of the same rows into a bare table", Printout.timedRate(copy.seconds(), copy.rows(), "rows")
                + "  (" + Printout.bytes(copy.bytes()) + " of CSV)");
        Result result = new Result(imported.summary(), fileBytes, imported.readHosts(), imported.readDetections(), generateSeconds,
                imported.readerSeconds(), imported.importSeconds(), imported.peakHeapBytes(), imported.breakdown(), copy);
        out.line("import rate / COPY rate", Printout.percent(result.ratioToCopy()) + "  (aim ≥ " + Printout.percent(AIM)
                + (result.ratioToCopy() >= AIM ? ", met)" : ", not met)"));
        return result;
    }

    /**
     * Splits the import's wall time into the phases the statement timings reveal: before the transaction
     * (hashing, format detection), streaming (reader, row encoding, COPY into staging and of new assets'
     * detections, identity lookups), each
     * statement after staging, the Java between those statements, and the commit.
     */
    static Map<String, Double> breakdown(List<StatementClock.Run> runs, long t0, long t1, double readerAlone) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (runs.isEmpty()) return out;
        double total = (t1 - t0) / 1e9;
        long first = runs.get(0).start();
        long stagingEnd = runs.stream().filter(r -> r.label().equals("analyze staging tables"))
                .mapToLong(StatementClock.Run::end).max().orElse(first);
        List<StatementClock.Run> staging = runs.stream().filter(r -> r.end() <= stagingEnd).toList();
        List<StatementClock.Run> after = runs.stream().filter(r -> r.start() >= stagingEnd).toList();
        double stream = (stagingEnd - first) / 1e9 - StatementClock.seconds(staging);
        out.put("hash + detect format (before the transaction)", (first - t0) / 1e9);
        out.put("stream: read, encode, COPY", stream);
        out.put(PART_OF_ABOVE + "reader alone (measured apart)", Math.min(readerAlone, stream));
        fold(StatementClock.byLabel(staging), "staging: ", total, out);
        fold(StatementClock.byLabel(after), "", total, out);
        long lastEnd = runs.get(runs.size() - 1).end();
        out.put("Java between statements", (lastEnd - stagingEnd) / 1e9 - StatementClock.seconds(after));
        out.put("commit", (t1 - lastEnd) / 1e9);
        return out;
    }

    static void print(Map<String, Double> breakdown, double importSeconds, Printout out) {
        out.line("where the import's time goes", "");
        breakdown.forEach((k, v) -> out.line("  " + k, String.format(Locale.ROOT, "%9.2f s  %5.1f %%", v, 100 * v / importSeconds)));
    }

    /** Statements taking at least {@link #SMALL} of the total get a line each; the rest share one. */
    private static void fold(Map<String, Double> byLabel, String prefix, double total, Map<String, Double> out) {
        double small = 0;
        for (var e : byLabel.entrySet()) {
            if (e.getValue() < SMALL * total) small += e.getValue();
            else out.put(prefix + e.getKey(), e.getValue());
        }
        if (small > 0) out.put(prefix + "other statements (each < " + Printout.percent(SMALL) + ")", small);
    }
}
