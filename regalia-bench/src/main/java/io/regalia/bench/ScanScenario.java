package io.regalia.bench;

import io.regalia.ingest.os.OsCatalog;
import io.regalia.app.ReportImports;
import io.regalia.ingest.format.Formats;
import io.regalia.ingest.os.OsCatalog;
import io.regalia.ingest.report.ReportReader;
import io.regalia.ingest.xml.SecureXml;
import io.regalia.store.inventory.ImportSummary;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Scenario 3: a generated scanner XML file (Nessus v2 or Qualys host detections) imported as
 * {@code regalia import} does, with used heap sampled throughout, against a bare StAX pass over the same
 * file (same parser and settings, every element, attribute and text read) and against COPY of the
 * detection rows the import stored.
 */
final class ScanScenario {
    record Result(ScanFiles.Kind kind, long fileBytes, long fileDetections, long elements, double parseSeconds,
                  long readDetections, double readerSeconds, ImportSummary summary, double importSeconds,
                  long peakHeapBytes, long maxHeapBytes, long gcCount, double gcSeconds, DetectionCopy.Result copy) {
        double importRate() { return summary.detections() / importSeconds; }
        /** Import time over bare parse time: how many times slower than just reading the XML. */
        double parseRatio() { return importSeconds / parseSeconds; }
        double ratioToCopy() { return importRate() / copy.rate(); }
    }

    private ScanScenario() {}

    static Result run(Sandbox sandbox, ScanFiles.Kind kind, ScanFiles.Spec spec, Printout out) {
        String label = kind.name().toLowerCase(Locale.ROOT);
        out.section(String.format(Locale.ROOT, "%s XML: %,d hosts × %d detections (seed %d), max heap %s", label, spec.hosts(),
                spec.detectionsPerHost(), spec.seed(), Printout.bytes(HeapSampler.maxHeapBytes())));
        Estate.loadIntel(sandbox.regalia());
        Path file = sandbox.file(label + ".xml");
        long started = System.nanoTime();
        long written = ScanFiles.write(kind, spec, file);
        long fileBytes = size(file);
        out.line("file written", String.format(Locale.ROOT, "%s, %,d detections in %s", Printout.bytes(fileBytes), written,
                Printout.seconds(since(started))));

        started = System.nanoTime();
        long elements = bareParse(file);
        double parseSeconds = since(started);
        out.line("bare StAX parse (every element, attribute, text)", Printout.timedRate(parseSeconds, written, "detections")
                + String.format(Locale.ROOT, "  (%,d elements)", elements));

        ReportReader reader = Formats.detect(file, null);
        Estate.Counter counted = new Estate.Counter();
        started = System.nanoTime();
        reader.read(file, counted);
        double readerSeconds = since(started);
        out.line("reader alone (" + reader.format() + ")", Printout.timedRate(readerSeconds, counted.detections, "detections"));

        // start from clean buffers: no checkpoint of the setup's writes competes with the import
        sandbox.database().jdbi().useHandle(h -> h.execute("CHECKPOINT"));
        ReportImports imports = new ReportImports(sandbox.regalia(), OsCatalog.builtIn(), new PrintWriter(Writer.nullWriter()), false);
        System.gc();
        long gcCount0 = gcCount(), gcMillis0 = gcMillis();
        ImportSummary summary;
        long peak;
        int mark = sandbox.statements().mark();
        started = System.nanoTime();
        try (HeapSampler heap = new HeapSampler()) {
            summary = imports.importFile(file, null, false);
            peak = heap.peakBytes();
        }
        long ended = System.nanoTime();
        double importSeconds = (ended - started) / 1e9;
        Map<String, Double> breakdown = ImportScenario.breakdown(sandbox.statements().since(mark), started, ended, readerSeconds);
        long gcCount = gcCount() - gcCount0;
        double gcSeconds = (gcMillis() - gcMillis0) / 1e3;
        out.line("regalia import", Printout.timedRate(importSeconds, summary.detections(), "detections"));
        out.note(String.format(Locale.ROOT, "%,d hosts, %,d assets created, %,d detections %s %s, %,d vulnerabilities created",
                summary.hosts(), summary.assetsCreated(), summary.detections(), summary.byType(), summary.byStatus(),
                summary.vulnerabilitiesCreated()));
        out.line("peak used heap during import (sampled / max)", Printout.bytes(peak) + " / "
                + Printout.bytes(HeapSampler.maxHeapBytes()) + String.format(Locale.ROOT, "  (%d GCs, %.2f s)", gcCount, gcSeconds));

        ImportScenario.print(breakdown, importSeconds, out);

        DetectionCopy.Result copy = DetectionCopy.run(sandbox);
        out.line("COPY of the stored rows into a bare table", Printout.timedRate(copy.seconds(), copy.rows(), "rows"));
        Result r = new Result(kind, fileBytes, written, elements, parseSeconds, counted.detections, readerSeconds, summary,
                importSeconds, peak, HeapSampler.maxHeapBytes(), gcCount, gcSeconds, copy);
        out.line("import time / bare parse time", Printout.times(r.parseRatio()));
        out.line("reader time / bare parse time", Printout.times(readerSeconds / parseSeconds));
        out.line("import rate / COPY rate", Printout.percent(r.ratioToCopy()));
        return r;
    }

    /** Reads every event with the parser and settings the readers use; returns the element count. */
    static long bareParse(Path file) {
        long elements = 0, chars = 0;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024)) {
            XMLStreamReader xml = SecureXml.newInputFactory().createXMLStreamReader(file.toString(), in);
            while (xml.hasNext()) {
                switch (xml.next()) {
                    case XMLStreamConstants.START_ELEMENT -> {
                        elements++;
                        chars += xml.getLocalName().length();
                        for (int i = 0; i < xml.getAttributeCount(); i++) chars += xml.getAttributeValue(i).length();
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> chars += xml.getText().length();
                    default -> { }
                }
            }
            xml.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (XMLStreamException e) {
            throw new IllegalStateException("generated file is not well-formed: " + e.getMessage(), e);
        }
        if (chars < 0) throw new IllegalStateException(); // keeps the reads observable
        return elements;
    }

    private static long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }

    private static double since(long started) { return (System.nanoTime() - started) / 1e9; }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
