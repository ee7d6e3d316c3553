package io.regalia.ingest.nmap;

import io.regalia.core.model.DetectionObservation;
import io.regalia.core.model.DetectionType;
import io.regalia.core.model.ExploitMaturity;
import io.regalia.core.model.HostObservation;
import io.regalia.core.model.NetworkInterface;
import io.regalia.core.model.OpenPort;
import io.regalia.core.model.Protocol;
import io.regalia.ingest.xml.RecordingSink;
import io.regalia.ingest.xml.SampleFiles;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;

import static io.regalia.ingest.xml.RecordingSink.detection;
import static org.assertj.core.api.Assertions.assertThat;

class NmapReaderTest {

    private final NmapReader reader = new NmapReader();

    @Test
    void shouldReadTheSampleHostWithItsOpenPorts() {
        Path file = SampleFiles.shared("scanners/nmap/nmap_multiple_port.xml");
        RecordingSink sink = new RecordingSink();

        reader.read(file, sink);

        assertThat(sink.header().format()).isEqualTo("nmap");
        assertThat(sink.header().source()).isEqualTo("Nmap");
        assertThat(sink.header().scannedAt()).isEqualTo(Instant.ofEpochSecond(1463421419));
        assertThat(sink.hosts()).hasSize(SampleFiles.count(file, "//host[status/@state='up']")).hasSize(1);
        HostObservation host = sink.onlyHost();
        assertThat(host.openPorts()).hasSize(SampleFiles.count(file, "//port[state/@state='open']")).hasSize(13)
                .startsWith(new OpenPort(21, Protocol.TCP, "ftp"))
                .endsWith(new OpenPort(3306, Protocol.TCP, "mysql"));
        assertThat(host.interfaces()).containsExactly(new NetworkInterface("198.38.82.159", null, null));
        assertThat(host.name()).as("the name the user scanned").isEqualTo("joaquinlp.me");
        assertThat(host.fqdn()).isEqualTo("joaquinlp.me");
        assertThat(host.lastSeen()).isEqualTo(Instant.ofEpochSecond(1463421451));
        assertThat(host.detections()).isEmpty();
        assertThat(sink.warnings()).isEmpty();
    }

    @Test
    void shouldTurnVulnersOutputIntoCveDetections() {
        RecordingSink sink = new RecordingSink();

        reader.read(SampleFiles.fixture("vulners.nmap.xml"), sink);

        HostObservation host = sink.onlyHost();
        assertThat(host.interfaces()).containsExactly(new NetworkInterface("10.1.2.3", null, "08:00:27:AA:BB:CC"));
        assertThat(host.fqdn()).isEqualTo("srv.example.org");
        assertThat(host.os().name()).isEqualTo("Linux 4.15 - 5.8");
        assertThat(host.openPorts()).as("the closed port is left out")
                .containsExactly(new OpenPort(22, Protocol.TCP, "ssh"), new OpenPort(80, Protocol.TCP, "http"));
        assertThat(host.detections()).extracting(d -> d.vulnerability().key()).containsExactly(
                "cve:CVE-2023-38408", "cve:CVE-2018-15473", "cve:CVE-2019-0211", "cve:CVE-2017-15715");
        assertThat(host.detections()).allSatisfy(d -> assertThat(d.type()).isEqualTo(DetectionType.POTENTIAL));

        DetectionObservation ssh = detection(host, "cve:CVE-2023-38408");
        assertThat(ssh.vulnerability().cves()).containsExactly("CVE-2023-38408");
        assertThat(ssh.vulnerability().qid()).isNull();
        assertThat(ssh.vulnerability().cvssScore()).isEqualTo(9.8);
        assertThat(ssh.vulnerability().severity()).isEqualTo(5);
        assertThat(ssh.vulnerability().hints().maturity()).isNull();
        assertThat(ssh.port()).isEqualTo(22);
        assertThat(ssh.protocol()).isEqualTo(Protocol.TCP);
        assertThat(ssh.results()).isEqualTo("vulners: OpenSSH 7.4 (cpe:/a:openbsd:openssh:7.4)");

        assertThat(detection(host, "cve:CVE-2018-15473").vulnerability().hints().maturity())
                .as("an exploit entry names this CVE").isEqualTo(ExploitMaturity.PROOF_OF_CONCEPT);
        DetectionObservation apache = detection(host, "cve:CVE-2019-0211");
        assertThat(apache.port()).isEqualTo(80);
        assertThat(apache.vulnerability().cvssScore()).isEqualTo(7.2);
        assertThat(apache.vulnerability().severity()).isEqualTo(4);
        assertThat(apache.results()).isEqualTo("vulners: Apache httpd 2.4.29 (cpe:/a:apache:http_server:2.4.29)");
    }
}
