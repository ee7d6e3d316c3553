package io.regalia.ingest.format;

import io.regalia.core.report.BadInputException;
import io.regalia.ingest.Samples;
import io.regalia.ingest.csv.QualysCsvReader;
import io.regalia.ingest.cyclonedx.CycloneDxReader;
import io.regalia.ingest.trivy.TrivyReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FormatsTest {
    /** Every real sample report, by its path under the shared data, with the format it is detected as. */
    static final Map<String, String> SAMPLES = Map.ofEntries(
            Map.entry("scanners/cyclonedx/log4j.json", "cyclonedx"),
            Map.entry("scanners/grype/check_all_fields.json", "grype"),
            Map.entry("scanners/nessus/nessus-template.csv", "nessus-csv"),
            Map.entry("scanners/nessus/nessus_many_vuln.xml", "nessus"),
            Map.entry("scanners/nmap/nmap_multiple_port.xml", "nmap"),
            Map.entry("scanners/openvas/one_vuln.csv", "openvas-csv"),
            Map.entry("scanners/openvas/one_vuln.xml", "openvas"),
            Map.entry("scanners/qualys_dradis/simple.xml", "qualys-scan"),
            Map.entry("scanners/qualys_dradis/simple_asset.xml", "qualys-asset"),
            Map.entry("scanners/qualys_vmdr/one_vuln_cve.csv", "qualys-csv"),
            Map.entry("scanners/trivy/scheme_2_many_vulns.json", "trivy"),
            Map.entry("qualys-api/jupiterone_detections.xml", "qualys-detection"));

    @Test
    void shouldDetectEverySampleScannerReport() throws IOException {
        Path data = Samples.data("scanners/trivy/scheme_2_many_vulns.json").getParent().getParent().getParent();
        var detected = new TreeMap<String, String>();
        try (Stream<Path> files = Files.walk(data.resolve("scanners"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                detected.put(data.relativize(file).toString(), Formats.detectFormat(file));
            }
        }
        Path detections = data.resolve("qualys-api/jupiterone_detections.xml");
        detected.put(data.relativize(detections).toString(), Formats.detectFormat(detections));

        assertThat(detected).isEqualTo(new TreeMap<>(SAMPLES));
    }

    @Test
    void shouldReturnTheReaderOfEachDetectedFormatThisModuleReads() {
        for (var sample : SAMPLES.entrySet()) {
            if (!ReportReaders.builtIn().has(sample.getValue())) continue;
            var reader = Formats.detect(Samples.data(sample.getKey()));
            assertThat(reader.format()).as(sample.getKey()).isEqualTo(sample.getValue());
        }
        assertThat(Formats.detect(Samples.data("scanners/cyclonedx/log4j.json"))).isInstanceOf(CycloneDxReader.class);
    }

    @Test
    void shouldDetectFixturesOfOtherVariants(@TempDir Path dir) {
        assertThat(Formats.detectFormat(Samples.fixture("trivy-legacy.json", dir))).isEqualTo("trivy");
        assertThat(Formats.detectFormat(Samples.fixture("cyclonedx-1.4.xml", dir))).isEqualTo("cyclonedx");
        assertThat(Formats.detectFormat(Samples.fixture("qualys-scan.csv", dir))).isEqualTo("qualys-csv");
        assertThat(Formats.detectFormat(Samples.fixture("tenable-sc.csv", dir))).isEqualTo("nessus-csv");
        assertThat(Formats.detectFormat(Samples.write(dir, "inv.json",
                "{\"format\": \"regalia-inventory/1\", \"assets\": []}"))).isEqualTo("inventory");
        assertThat(Formats.detectFormat(Samples.write(dir, "bom-bom.json",
                "\uFEFF{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.5\"}"))).isEqualTo("cyclonedx");
    }

    @Test
    void shouldReadOnlyTheHeadOfALargeFile(@TempDir Path dir) throws IOException {
        var grype = new StringBuilder("{\"matches\": [");
        while (grype.length() < 4 * Formats.SNIFF_BYTES) grype.append("{\"vulnerability\": {\"id\": \"CVE-2021-1\"}},");
        Path file = Samples.write(dir, "big.json", grype.append("{}]}").toString());

        assertThat(Formats.detectFormat(file)).isEqualTo("grype");
    }

    @Test
    void shouldRejectAnUnrecognizedFileListingTheFormats(@TempDir Path dir) {
        Path file = Samples.write(dir, "notes.txt", "name,phone\nalice,555-0100\n");

        assertThatThrownBy(() -> Formats.detect(file))
                .isInstanceOf(BadInputException.class)
                .hasMessage(file + ": unrecognized report format (expected one of qualys-detection, qualys-scan, "
                        + "qualys-asset, qualys-csv, nessus, nessus-csv, openvas, openvas-csv, trivy, grype, "
                        + "cyclonedx, nmap, inventory)");
        assertThatThrownBy(() -> Formats.detect(Samples.write(dir, "empty.json", "  \n")))
                .isInstanceOf(BadInputException.class).hasMessageEndingWith("the file is empty");
    }

    @Test
    void shouldLetTheFormatOptionOverrideDetection(@TempDir Path dir) {
        Path file = Samples.write(dir, "anything.txt", "not looked at");

        assertThat(Formats.detect(file, "trivy")).isInstanceOf(TrivyReader.class);
        assertThat(Formats.detect(file, "Qualys-CSV")).isInstanceOf(QualysCsvReader.class);
        assertThatThrownBy(() -> Formats.detect(file, "burp"))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("--format: unknown format \"burp\" (expected one of qualys-detection");
    }

    @Test
    void shouldSayWhenADetectedFormatHasNoReaderRegistered() {
        Path nessus = Samples.data("scanners/nessus/nessus_many_vuln.xml");
        var withoutNessus = ReportReaders.empty().with("trivy", TrivyReader::new);

        assertThatThrownBy(() -> Formats.detect(nessus, null, withoutNessus))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("detected format nessus, but this build has no reader for it");
        var withNessus = withoutNessus.with("nessus", TrivyReader::new);
        assertThat(Formats.detect(nessus, null, withNessus)).isInstanceOf(TrivyReader.class);
    }
}
