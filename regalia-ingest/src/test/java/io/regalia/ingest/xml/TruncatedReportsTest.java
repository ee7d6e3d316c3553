package io.regalia.ingest.xml;

import io.regalia.core.report.BadInputException;
import io.regalia.ingest.nessus.NessusReader;
import io.regalia.ingest.nmap.NmapReader;
import io.regalia.ingest.openvas.OpenVasReader;
import io.regalia.ingest.qualys.QualysAssetReader;
import io.regalia.ingest.qualys.QualysDetectionReader;
import io.regalia.ingest.qualys.QualysScanReader;
import io.regalia.ingest.report.ReportReader;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TruncatedReportsTest {

    static Stream<Arguments> samples() {
        return Stream.of(
                Arguments.of(new QualysScanReader(), "scanners/qualys_dradis/simple.xml"),
                Arguments.of(new QualysAssetReader(), "scanners/qualys_dradis/simple_asset.xml"),
                Arguments.of(new QualysDetectionReader(), "qualys-api/jupiterone_detections.xml"),
                Arguments.of(new NessusReader(), "scanners/nessus/nessus_many_vuln.xml"),
                Arguments.of(new OpenVasReader(), "scanners/openvas/one_vuln.xml"),
                Arguments.of(new NmapReader(), "scanners/nmap/nmap_multiple_port.xml"));
    }

    @ParameterizedTest(name = "{0} on half of {1}")
    @MethodSource("samples")
    void shouldFailOnATruncatedCopyNamingFileAndLine(ReportReader reader, String sample, @TempDir Path dir) throws IOException {
        Path file = SampleFiles.shared(sample);
        Path cut = SampleFiles.truncatedCopy(file, dir, (int) Files.size(file) / 2);

        assertThatThrownBy(() -> reader.read(cut, new RecordingSink()))
                .isInstanceOf(BadInputException.class)
                .satisfies(e -> {
                    BadInputException bad = (BadInputException) e;
                    assertThat(bad.where()).matches("\\Q" + cut + "\\E:[1-9]\\d*:\\d+");
                    assertThat(bad.reason()).startsWith("malformed XML: the file ends early, truncated?");
                    assertThat(bad.getMessage()).isEqualTo(bad.where() + ": " + bad.reason());
                });
    }

    @ParameterizedTest(name = "{0} reads all of {1}")
    @MethodSource("samples")
    void shouldReadTheWholeSampleAndSendTheHeaderFirst(ReportReader reader, String sample) {
        RecordingSink sink = new RecordingSink();

        reader.read(SampleFiles.shared(sample), sink);

        assertThat(sink.header().format()).isEqualTo(reader.format());
        assertThat(sink.header().complete()).isTrue();
        assertThat(sink.hosts()).isNotEmpty().allSatisfy(h -> assertThat(h.hasIdentity()).isTrue());
    }
}
