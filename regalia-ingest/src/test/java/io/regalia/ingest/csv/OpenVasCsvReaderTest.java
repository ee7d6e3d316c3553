package io.regalia.ingest.csv;

import io.regalia.core.model.DetectionType;
import io.regalia.core.model.NetworkInterface;
import io.regalia.core.model.Protocol;
import io.regalia.core.report.BadInputException;
import io.regalia.ingest.Recording;
import io.regalia.ingest.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OpenVasCsvReaderTest {
    private final OpenVasCsvReader reader = new OpenVasCsvReader();

    @Test
    void shouldReadTheResultWithItsMultiLineFields() {
        var recording = Recording.read(reader, Samples.data("scanners/openvas/one_vuln.csv"));

        assertThat(recording.header().format()).isEqualTo("openvas-csv");
        assertThat(recording.warnings()).isEmpty();
        var host = recording.onlyHost();
        assertThat(host.interfaces()).containsExactly(new NetworkInterface("10.0.0.8", null, null));
        assertThat(host.hostname()).isNull();

        var ssh = recording.detection("openvas:1.3.6.1.4.1.25623.1.0.105611");
        assertThat(ssh.vulnerability().title()).isEqualTo("SSH Weak Encryption Algorithms Supported");
        assertThat(ssh.vulnerability().severity()).isEqualTo(3);
        assertThat(ssh.vulnerability().cvssScore()).isEqualTo(4.3);
        assertThat(ssh.vulnerability().cves()).isEmpty();
        assertThat(ssh.vulnerability().patchAvailable()).isNull();
        assertThat(ssh.port()).isEqualTo(22);
        assertThat(ssh.protocol()).isEqualTo(Protocol.TCP);
        assertThat(ssh.type()).isEqualTo(DetectionType.CONFIRMED);
        assertThat(ssh.lastFound()).isEqualTo(Instant.parse("2021-02-25T20:01:27Z"));
        assertThat(ssh.results()).startsWith("The following weak client-to-server encryption algorithms")
                .contains("aes256-cbc");
    }

    @Test
    void shouldReadNumericSeverityLogLevelAndLowQualityOfDetection(@TempDir Path dir) {
        var recording = Recording.read(reader, Samples.fixture("openvas-scores.csv", dir));
        var host = recording.onlyHost();

        assertThat(host.fqdn()).isEqualTo("mail.corp.example");
        var ciphers = recording.detection("openvas:1.3.6.1.4.1.25623.1.0.108031");
        assertThat(ciphers.vulnerability().severity()).isEqualTo(3);
        assertThat(ciphers.vulnerability().cves()).containsExactly("CVE-2016-2183", "CVE-2016-6329", "CVE-2020-12872");
        assertThat(ciphers.vulnerability().patchAvailable()).isTrue();
        assertThat(recording.detection("openvas:1.3.6.1.4.1.25623.1.0.105937").type()).isEqualTo(DetectionType.INFO);
        assertThat(recording.detection("openvas:1.3.6.1.4.1.25623.1.0.100001").type()).isEqualTo(DetectionType.POTENTIAL);
    }

    @Test
    void shouldRejectATruncatedExport(@TempDir Path dir) {
        Path file = Samples.data("scanners/openvas/one_vuln.csv");

        for (long bytes : new long[] {Samples.size(file) - 3, Samples.size(file) / 2}) {
            Path cut = Samples.truncated(file, bytes, dir.resolve(String.valueOf(bytes)).toFile().mkdir()
                    ? dir.resolve(String.valueOf(bytes)) : dir);
            assertThatThrownBy(() -> Recording.read(reader, cut))
                    .isInstanceOf(BadInputException.class)
                    .hasMessageStartingWith(cut + ":2")
                    .hasMessageContaining("truncated");
        }
    }
}
