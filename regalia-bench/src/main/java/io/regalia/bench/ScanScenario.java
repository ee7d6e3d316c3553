package io.regalia.bench;

import io.regalia.app.Demo;
import io.regalia.ingest.xml.SecureXml;
import io.regalia.store.inventory.ImportSummary;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
 * detection rows the import stored, into a bare table and into one shaped as {@code detection}; then the
 * same hosts scanned a week later, every finding seen again.
 */
final class ScanScenario {
    record Result(ScanFiles.Kind kind, long fileBytes, long fileDetections, long elements, double parseSeconds,
                  long readDetections, double readerSeconds, ImportSummary summary, double importSeconds,
                  long peakHeapBytes, long maxHeapBytes, long gcCount, double gcSeconds, DetectionCopy.Result copy,
                  DetectionCopy.Result shapedCopy, FileImport weekLater) {}

    private ScanScenario() {}

    static Result run(Sandbox sandbox, ScanFiles.Kind kind, ScanFiles.Spec spec, Printout out) {
        String label = kind.name().toLowerCase(Locale.ROOT);
        out.section(String.format(Locale.ROOT, "%s XML: %,d hosts × %d detections (seed %d), max heap %s", label, spec.hosts(),
                spec.detectionsPerHost(), spec.seed(), Printout.bytes(HeapSampler.maxHeapBytes())));
        Demo.loadIntel(sandbox.regalia());
        Path file = sandbox.file(label + ".xml");
        long started = System.nanoTime();
        long written = ScanFiles.write(kind, spec, file);
        long fileBytes = Sandbox.sizeOf(file);
        out.line("file written", String.format(Locale.ROOT, "%s, %,d detections in %s", Printout.bytes(fileBytes), written,
                Printout.seconds(StatementClock.secondsSince(started))));

        started = System.nanoTime();
        long elements = bareParse(file);
        double parseSeconds = StatementClock.secondsSince(started);
        out.line("bare StAX parse (every element, attribute, text)", Printout.timedRate(parseSeconds, written, "detections")
                + String.format(Locale.ROOT, "  (%,d elements)", elements));

        FileImport imported = FileImport.run(sandbox, file, out);

        DetectionCopy.Result copy = DetectionCopy.run(sandbox);
        out.line("COPY of the stored rows into a bare table", Printout.timedRate(copy.seconds(), copy.rows(), "rows"));
        DetectionCopy.Result shaped = DetectionCopy.shaped(sandbox);
        out.line("COPY of the stored rows into a table shaped as detection", Printout.timedRate(shaped.seconds(), shaped.rows(), "rows")
                + "  (" + Printout.bytes(shaped.bytes()) + " of CSV; with its indexes, fillfactor and reference triggers)");
        out.line("import time / bare parse time", Printout.times(imported.importSeconds() / parseSeconds));
        // PostgreSQL's share of the import at its least: set against the 3× of the parse the aim allows for everything
        out.line("shaped COPY time / bare parse time", Printout.times(shaped.seconds() / parseSeconds));
        out.line("reader time / bare parse time", Printout.times(imported.readerSeconds() / parseSeconds));
        out.line("import rate / COPY rate", Printout.percent(imported.summary().detections() / imported.importSeconds() / copy.rate()));

        // The common case after the first import: the next scan of the same hosts, every finding seen again.
        ScanFiles.Spec later = new ScanFiles.Spec(spec.hosts(), spec.detectionsPerHost(), spec.seed(), spec.today().plusDays(7));
        Path next = sandbox.file(label + "-week-later.xml");
        ScanFiles.write(kind, later, next);
        out.note("the same hosts scanned a week later (same findings, newer dates):");
        FileImport weekLater = FileImport.run(sandbox, next, out);
        out.line("week-later import time / first import time", Printout.times(weekLater.importSeconds() / imported.importSeconds()));
        return new Result(kind, fileBytes, written, elements, parseSeconds, imported.readDetections(), imported.readerSeconds(),
                imported.summary(), imported.importSeconds(), imported.peakHeapBytes(), HeapSampler.maxHeapBytes(), imported.gcCount(),
                imported.gcSeconds(), copy, shaped, weekLater);
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
}
