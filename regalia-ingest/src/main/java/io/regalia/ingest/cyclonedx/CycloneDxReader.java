package io.regalia.ingest.cyclonedx;

import io.regalia.core.report.BadInputException;
import io.regalia.core.report.ReportSink;
import io.regalia.ingest.report.ReportReader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a CycloneDX BOM (JSON or XML, 1.2–1.6) with vulnerabilities. {@code metadata.component} is the
 * asset (a CONTAINER when its type is container, a HOST otherwise); components are its software;
 * each vulnerability is one detection whose results name the affected components. An analysis state of
 * {@code not_affected}, {@code false_positive}, {@code resolved} or {@code resolved_with_pedigree} makes
 * the detection FIXED, so it is kept for the record but never counts as open; {@code exploitable},
 * {@code in_triage} or no analysis leave it open. XML is read with DTDs and external entities off; the
 * 1.2/1.3 vulnerability extension ({@code v:vulnerability ref="…"}) is read too.
 */
public final class CycloneDxReader implements ReportReader {
    @Override
    public String format() { return "cyclonedx"; }

    @Override
    public void read(Path file, ReportSink sink) throws BadInputException {
        var bom = new BomAssembly(file);
        if (startsWithAngleBracket(file)) {
            CycloneDxXml.read(file, bom);
        } else {
            CycloneDxJson.read(file, bom);
        }
        bom.emitTo(sink);
    }

    private static boolean startsWithAngleBracket(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            int c;
            do {
                c = in.read();
            } while (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0xEF || c == 0xBB || c == 0xBF);
            return c == '<';
        } catch (IOException e) {
            throw new BadInputException(file.toString(), "cannot read the file (" + e.getMessage() + ")");
        }
    }
}
