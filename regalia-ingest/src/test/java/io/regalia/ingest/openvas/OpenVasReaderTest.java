package io.regalia.ingest.openvas;

import io.regalia.core.model.DetectionObservation;
import io.regalia.core.model.DetectionType;
import io.regalia.core.model.HostObservation;
import io.regalia.core.model.NetworkInterface;
import io.regalia.core.model.OpenPort;
import io.regalia.core.model.Protocol;
import io.regalia.core.model.ThreatHints;
import io.regalia.core.model.VulnerabilityInfo;
import io.regalia.ingest.xml.RecordingSink;
import io.regalia.ingest.xml.SampleFiles;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;

import static io.regalia.ingest.xml.RecordingSink.detection;
import static org.assertj.core.api.Assertions.assertThat;

class OpenVasReaderTest {

    private final OpenVasReader reader = new OpenVasReader();

    @Test
    void shouldReadTheGreenboneSample() {
        Path file = SampleFiles.shared("scanners/openvas/one_vuln.xml");
        RecordingSink sink = new RecordingSink();

        reader.read(file, sink);

        assertThat(sink.header().format()).isEqualTo("openvas");
        assertThat(sink.header().source()).isEqualTo("OpenVAS");
        assertThat(sink.header().scannedAt()).isEqualTo(Instant.parse("2023-09-28T14:48:02Z"));
        assertThat(sink.hosts()).hasSize(SampleFiles.count(file, "/report/report/host")).hasSize(1);
        assertThat(sink.detections()).hasSize(SampleFiles.count(file, "//results/result")).hasSize(1);
        assertThat(sink.warnings()).isEmpty();

        HostObservation host = sink.onlyHost();
        assertThat(host.interfaces()).containsExactly(new NetworkInterface("10.0.101.2", null, null));
        assertThat(host.lastSeen()).isEqualTo(Instant.parse("2023-09-28T16:12:15Z"));

        DetectionObservation d = detection(host, "openvas:1.3.6.1.4.1.25623.1.0.832260");
        assertThat(d.vulnerability().title()).isEqualTo("Mozilla Firefox Security Update (mfsa_2023-32_2023-36) - Windows");
        assertThat(d.vulnerability().qid()).isNull();
        assertThat(d.vulnerability().severity()).isEqualTo(5);
        assertThat(d.vulnerability().cves()).hasSize(SampleFiles.count(file, "//refs/ref[@type='cve']")).hasSize(12)
                .startsWith("CVE-2023-4573", "CVE-2023-4574");
        assertThat(d.vulnerability().cvssScore()).isEqualTo(10.0);
        assertThat(d.vulnerability().patchAvailable()).as("solution_type=VendorFix").isTrue();
        assertThat(d.type()).isEqualTo(DetectionType.CONFIRMED);
        assertThat(d.port()).as("general/tcp is not a port").isNull();
        assertThat(d.results()).startsWith("Installed version: 116.0.3");
    }

    @Test
    void shouldGatherEachHostsResultsFromAcrossTheFile() throws IOException {
        long spoolsBefore = spoolFiles();
        RecordingSink sink = new RecordingSink();

        reader.read(SampleFiles.fixture("two-hosts.openvas.xml"), sink);

        assertThat(sink.header().scannedAt()).isEqualTo(Instant.parse("2024-06-01T10:00:00Z"));
        assertThat(sink.hosts()).extracting(h -> h.interfaces().get(0).address()).containsExactly("10.0.0.5", "10.0.0.6");
        assertThat(sink.warnings()).isEmpty();
        assertThat(spoolFiles()).as("the temporary spool is deleted").isEqualTo(spoolsBefore);

        HostObservation a = sink.hosts().get(0);
        assertThat(a.fqdn()).isEqualTo("a.lab.example");
        assertThat(a.hostname()).isEqualTo("a");
        assertThat(a.os().name()).isEqualTo("Ubuntu 22.04");
        assertThat(a.interfaces().get(0).macAddress()).isEqualTo("52:54:00:12:34:56");
        assertThat(a.lastSeen()).isEqualTo(Instant.parse("2024-06-01T10:20:00Z"));
        assertThat(a.openPorts()).containsExactly(new OpenPort(443, Protocol.TCP, null), new OpenPort(22, Protocol.TCP, null));
        assertThat(a.detections()).extracting(DetectionObservation::type).containsExactly(DetectionType.CONFIRMED, DetectionType.INFO);

        VulnerabilityInfo rce = detection(a, "openvas:1.3.6.1.4.1.25623.1.0.100001").vulnerability();
        assertThat(rce.title()).isEqualTo("OpenSSL Remote Code Execution (Linux)");
        assertThat(rce.cvss3()).isEqualTo("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
        assertThat(rce.cvssScore()).isNull();
        assertThat(rce.cves()).containsExactly("CVE-2024-0001");
        assertThat(rce.severity()).isEqualTo(5);
        assertThat(rce.patchAvailable()).isTrue();
        assertThat(rce.hints()).isEqualTo(new ThreatHints(null, false, 0.42));
        assertThat(detection(a, "openvas:1.3.6.1.4.1.25623.1.0.100001").port()).isEqualTo(443);

        HostObservation b = sink.hosts().get(1);
        assertThat(b.hostname()).isNull();
        assertThat(b.detections()).as("the false positive is not a detection").hasSize(1);
        DetectionObservation weak = b.detections().get(0);
        assertThat(weak.type()).as("quality of detection 30% is below GVM's 70% cut-off").isEqualTo(DetectionType.POTENTIAL);
        assertThat(weak.vulnerability().cvss2()).isEqualTo("AV:N/AC:L/Au:N/C:P/I:N/A:N");
        assertThat(weak.vulnerability().severity()).isEqualTo(3);
        assertThat(weak.vulnerability().patchAvailable()).as("WillNotFix").isFalse();
        assertThat(weak.port()).isEqualTo(22);
    }

    private static long spoolFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(p -> p.getFileName().toString().startsWith("regalia-openvas-")).count();
        }
    }
}
