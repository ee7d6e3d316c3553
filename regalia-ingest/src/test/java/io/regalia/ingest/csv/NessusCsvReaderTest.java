package io.regalia.ingest.csv;

import io.regalia.core.model.DetectionType;
import io.regalia.core.model.ExploitMaturity;
import io.regalia.core.model.NetworkInterface;
import io.regalia.core.model.Protocol;
import io.regalia.core.report.BadInputException;
import io.regalia.ingest.Recording;
import io.regalia.ingest.Samples;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NessusCsvReaderTest {
    private final NessusCsvReader reader = new NessusCsvReader();

    @Test
    void shouldReadEachHostWithItsPlugins() throws IOException {
        Path file = Samples.data("scanners/nessus/nessus-template.csv");
        Map<String, Integer> rowsPerHost = new LinkedHashMap<>();
        try (var csv = CSVParser.parse(file, StandardCharsets.UTF_8, CSVFormat.DEFAULT.builder().setHeader().get())) {
            for (CSVRecord row : csv) rowsPerHost.merge(row.get("Host"), 1, Integer::sum);
        }

        var recording = Recording.read(reader, file);

        assertThat(rowsPerHost).hasSize(2);
        assertThat(recording.hosts()).hasSize(2);
        assertThat(recording.hosts()).extracting(h -> h.interfaces().get(0).address())
                .containsExactlyElementsOf(rowsPerHost.keySet());
        assertThat(recording.hosts()).extracting(h -> h.detections().size())
                .containsExactlyElementsOf(rowsPerHost.values());
        assertThat(recording.header().format()).isEqualTo("nessus-csv");
        assertThat(recording.header().source()).isEqualTo("Nessus");
    }

    @Test
    void shouldMapRiskCveAndExploitFrameworks() {
        var recording = Recording.read(reader, Samples.data("scanners/nessus/nessus-template.csv"));

        var php = recording.detection("nessus:200162");
        assertThat(php.vulnerability().title()).isEqualTo("PHP 8.2.x < 8.2.20 Multiple Vulnerabilities");
        assertThat(php.vulnerability().severity()).isEqualTo(5);
        assertThat(php.vulnerability().cves()).containsExactly("CVE-2024-4577");
        assertThat(php.vulnerability().hints().maturity()).isEqualTo(ExploitMaturity.WEAPONIZED);
        assertThat(php.port()).isEqualTo(8080);
        assertThat(php.protocol()).isEqualTo(Protocol.TCP);
        assertThat(php.type()).isEqualTo(DetectionType.CONFIRMED);

        var sweet32 = recording.detection("nessus:42873");
        assertThat(sweet32.vulnerability().severity()).isEqualTo(4);
        assertThat(sweet32.results()).startsWith("Medium Strength Ciphers");
        assertThat(sweet32.vulnerability().hints().maturity()).isNull();
    }

    @Test
    void shouldIgnoreScoresOutsideTheirRangeWithOneWarningPerColumn() {
        // This export lost its decimal points: CVSS "75" and EPSS "3833" cannot be used as such.
        var recording = Recording.read(reader, Samples.data("scanners/nessus/nessus-template.csv"));

        assertThat(recording.detections()).allSatisfy(d -> {
            assertThat(d.vulnerability().cvssScore()).isNull();
            assertThat(d.vulnerability().hints().epss()).isNull();
        });
        assertThat(recording.warnings()).extracting(w -> w.message()).containsExactly(
                "\"50\" is not a CVSS score 0–10 in column \"CVSS v2.0 Base Score\"; unusable values of this column are ignored",
                "\"75\" is not a CVSS score 0–10 in column \"CVSS v3.0 Base Score\"; unusable values of this column are ignored",
                "\"3833\" is not an EPSS probability 0–1 in column \"EPSS Score\"; unusable values of this column are ignored");
    }

    @Test
    void shouldIgnoreADateOutsideTheStorableYearsWithAWarning(@TempDir Path dir) throws Exception {
        Path csv = Files.writeString(dir.resolve("year-zero.csv"), """
                Plugin ID,CVE,Risk,Host,Protocol,Port,Name,First Seen,Last Seen
                10001,,High,10.4.4.4,tcp,443,Old finding,0000-03-01T00:00:00Z,2026-11-30T05:00:00Z
                """);

        var recording = Recording.read(reader, csv);

        var finding = recording.detection("nessus:10001");
        assertThat(finding.firstFound()).isNull();
        assertThat(finding.lastFound()).isEqualTo(Instant.parse("2026-11-30T05:00:00Z"));
        assertThat(recording.warnings()).extracting(w -> w.message()).containsExactly(
                "\"0000-03-01T00:00:00Z\" is outside the years 1-9999 in column \"First Seen\"; unusable values of this column are ignored");
    }

    @Test
    void shouldReadTenableScColumnsWithInfoSeverityAsInfo(@TempDir Path dir) {
        var recording = Recording.read(reader, Samples.fixture("tenable-sc.csv", dir));

        assertThat(recording.warnings()).isEmpty();
        assertThat(recording.hosts()).hasSize(2);
        var app = recording.hosts().get(0);
        assertThat(app.fqdn()).isEqualTo("app-10.corp.example");
        assertThat(app.netbiosName()).isEqualTo("APP10");
        assertThat(app.interfaces()).containsExactly(new NetworkInterface("10.1.1.10", null, "00:50:56:aa:bb:cc"));

        var info = recording.detection("nessus:19506");
        assertThat(info.type()).isEqualTo(DetectionType.INFO);
        assertThat(info.vulnerability().severity()).isZero();
        assertThat(info.port()).isNull();

        var log4shell = recording.detection("nessus:156032");
        var v = log4shell.vulnerability();
        assertThat(v.cves()).containsExactly("CVE-2021-44228", "CVE-2021-45046");
        assertThat(v.cvss3()).isEqualTo("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H");
        assertThat(v.cvssScore()).isEqualTo(10.0);
        assertThat(v.hints().epss()).isEqualTo(0.9447);
        assertThat(v.hints().maturity()).isEqualTo(ExploitMaturity.WEAPONIZED);
        assertThat(v.patchAvailable()).isTrue();
        assertThat(log4shell.firstFound()).isEqualTo(Instant.parse("2021-12-13T10:26:45Z"));
        assertThat(log4shell.lastFound()).isEqualTo(Instant.parse("2026-11-30T09:12:01Z"));
        assertThat(recording.hosts().get(1).netbiosName()).isEqualTo("FILES11");
    }

    @Test
    void shouldMergeNessusRowsRepeatedOncePerCve(@TempDir Path dir) {
        var recording = Recording.read(reader, Samples.fixture("nessus-pro.csv", dir));
        var host = recording.onlyHost();

        assertThat(host.hostname()).isEqualTo("files01");
        assertThat(host.interfaces()).isEmpty();
        assertThat(host.detections()).hasSize(2);
        var eternalBlue = recording.detection("nessus:97833").vulnerability();
        assertThat(eternalBlue.cves()).containsExactly("CVE-2017-0143", "CVE-2017-0144");
        assertThat(eternalBlue.cvssScore()).isEqualTo(9.3);
        assertThat(recording.detection("nessus:10180").type()).isEqualTo(DetectionType.INFO);
    }

    @Test
    void shouldRejectATruncatedExport(@TempDir Path dir) {
        Path file = Samples.data("scanners/nessus/nessus-template.csv");
        Path cutInRow = Samples.truncated(file, Samples.size(file) - 30, dir);

        assertThatThrownBy(() -> Recording.read(reader, cutInRow))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(cutInRow + ":")
                .hasMessageContaining("truncated");
    }

    @Test
    void shouldRejectAFileCutInsideAQuotedValue(@TempDir Path dir) {
        Path file = Samples.data("scanners/nessus/nessus-template.csv");
        Path cut = Samples.truncated(file, 700, dir);

        assertThatThrownBy(() -> Recording.read(reader, cut))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(cut + ":2")
                .hasMessageContaining("a quoted value is not closed");
    }
}
