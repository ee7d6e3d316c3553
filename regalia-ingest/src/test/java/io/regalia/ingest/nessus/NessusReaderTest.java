package io.regalia.ingest.nessus;

import io.regalia.core.model.AssetType;
import io.regalia.core.model.DetectionObservation;
import io.regalia.core.model.DetectionType;
import io.regalia.core.model.ExploitMaturity;
import io.regalia.core.model.HostObservation;
import io.regalia.core.model.NetworkInterface;
import io.regalia.core.model.OpenPort;
import io.regalia.core.model.Protocol;
import io.regalia.core.model.ThreatHints;
import io.regalia.core.model.VulnerabilityInfo;
import io.regalia.core.report.BadInputException;
import io.regalia.core.report.ReportEvent;
import io.regalia.ingest.xml.RecordingSink;
import io.regalia.ingest.xml.SampleFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static io.regalia.ingest.xml.RecordingSink.detection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NessusReaderTest {

    private final NessusReader reader = new NessusReader();

    @Test
    void shouldReadTheSampleWithAllItsInformationalItems() {
        Path file = SampleFiles.shared("scanners/nessus/nessus_many_vuln.xml");
        RecordingSink sink = new RecordingSink();

        reader.read(file, sink);

        assertThat(sink.header().format()).isEqualTo("nessus");
        assertThat(sink.header().source()).isEqualTo("Nessus");
        assertThat(sink.header().scannedAt()).as("first host's HOST_START, read as UTC").isEqualTo(Instant.parse("2013-06-25T10:32:42Z"));
        assertThat(sink.hosts()).hasSize(SampleFiles.count(file, "//ReportHost")).hasSize(1);
        assertThat(sink.detections()).hasSize(SampleFiles.count(file, "//ReportItem")).hasSize(7);
        assertThat(sink.count(DetectionType.INFO)).isEqualTo(SampleFiles.count(file, "//ReportItem[@severity='0']")).isEqualTo(7);
        assertThat(sink.detections()).allSatisfy(d -> assertThat(d.vulnerability().severity()).isEqualTo(1));
        assertThat(sink.warnings()).isEmpty();

        HostObservation host = sink.onlyHost();
        assertThat(host.name()).isEqualTo("preprod.boardvantage.net");
        assertThat(host.interfaces()).containsExactly(new NetworkInterface("12.233.108.201", null, null));
        assertThat(host.fqdn()).isEqualTo("preprod.boardvantage.net");
        assertThat(host.hostname()).isEqualTo("preprod");
        assertThat(host.os().name()).isEqualTo("CISCO PIX 7.0");
        assertThat(host.type()).isEqualTo(AssetType.NETWORK_DEVICE);
        assertThat(host.lastSeen()).isEqualTo(Instant.parse("2013-06-25T10:39:42Z"));
        assertThat(host.openPorts()).containsExactly(new OpenPort(443, Protocol.TCP, "https"),
                new OpenPort(264, Protocol.TCP, "fw1-topology-download"));

        DetectionObservation info = detection(host, "nessus:19506");
        assertThat(info.vulnerability().title()).isEqualTo("Nessus Scan Information");
        assertThat(info.vulnerability().qid()).isNull();
        assertThat(info.port()).isNull();
        assertThat(info.protocol()).isNull();
        assertThat(info.results()).contains("Nessus version : 5.2.1");
        assertThat(host.detections()).filteredOn(d -> d.vulnerability().key().equals("nessus:11219"))
                .extracting(DetectionObservation::port).containsExactly(443, 264);
    }

    @Test
    void shouldMapExploitFlagsVectorsAndScores() {
        RecordingSink sink = new RecordingSink();
        reader.read(SampleFiles.fixture("exploits.nessus"), sink);
        HostObservation host = sink.hosts().get(0);

        VulnerabilityInfo ms17 = detection(host, "nessus:97833").vulnerability();
        assertThat(ms17.title()).isEqualTo("MS17-010: Security Update for Microsoft Windows SMB Server");
        assertThat(ms17.severity()).as("Nessus 4 (Critical) → 5").isEqualTo(5);
        assertThat(ms17.cves()).containsExactly("CVE-2017-0143", "CVE-2017-0144");
        assertThat(ms17.cvss2()).isEqualTo("AV:N/AC:M/Au:N/C:C/I:C/A:C");
        assertThat(ms17.cvss3()).isEqualTo("CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H/E:H/RL:O/RC:C");
        assertThat(ms17.cvssScore()).as("vectors are known, so no bare score").isNull();
        assertThat(ms17.patchAvailable()).isTrue();
        assertThat(ms17.hints()).isEqualTo(new ThreatHints(ExploitMaturity.WEAPONIZED, true, 0.9743));
        DetectionObservation ms17Detection = detection(host, "nessus:97833");
        assertThat(ms17Detection.type()).isEqualTo(DetectionType.CONFIRMED);
        assertThat(ms17Detection.port()).isEqualTo(445);
        assertThat(ms17Detection.protocol()).isEqualTo(Protocol.TCP);
        assertThat(ms17Detection.results()).isEqualTo("The remote host is missing MS17-010.");

        VulnerabilityInfo cert = detection(host, "nessus:51192").vulnerability();
        assertThat(cert.severity()).as("Nessus 2 (Medium) → 3").isEqualTo(3);
        assertThat(cert.cvssScore()).as("only a score is given").isEqualTo(6.5);
        assertThat(cert.hints()).isEqualTo(ThreatHints.NONE);
        assertThat(cert.patchAvailable()).isNull();
        assertThat(detection(host, "nessus:51192").results()).isEqualTo("Zertifikat für „app01“ ist nicht vertrauenswürdig – 証明書");

        VulnerabilityInfo broken = detection(host, "nessus:12345").vulnerability();
        assertThat(broken.cvss3()).isNull();
        assertThat(broken.cvssScore()).isEqualTo(7.5);
        assertThat(broken.hints().maturity()).isEqualTo(ExploitMaturity.FUNCTIONAL);

        VulnerabilityInfo snmp = detection(host, "nessus:41028").vulnerability();
        assertThat(snmp.severity()).as("Nessus 1 (Low) → 2").isEqualTo(2);
        assertThat(snmp.cvss2()).isEqualTo("AV:N/AC:L/Au:N/C:P/I:N/A:N/E:F/RL:OF/RC:C");
        assertThat(detection(host, "nessus:41028").protocol()).isEqualTo(Protocol.UDP);

        DetectionObservation info = detection(host, "nessus:19506");
        assertThat(info.type()).isEqualTo(DetectionType.INFO);
        assertThat(info.vulnerability().severity()).isEqualTo(1);
    }

    @Test
    void shouldMapHostPropertiesPreferringTimestamps() {
        RecordingSink sink = new RecordingSink();
        reader.read(SampleFiles.fixture("exploits.nessus"), sink);
        HostObservation host = sink.hosts().get(0);

        assertThat(sink.header().scannedAt()).isEqualTo(Instant.ofEpochSecond(1717232400));
        assertThat(host.lastSeen()).isEqualTo(Instant.ofEpochSecond(1717236000));
        assertThat(host.interfaces()).containsExactly(new NetworkInterface("10.20.30.40", null, "00:50:56:AA:BB:CC"));
        assertThat(host.fqdn()).isEqualTo("app01.corp.example");
        assertThat(host.netbiosName()).isEqualTo("APP01");
        assertThat(host.os().name()).as("first of Nessus' candidate OS lines").isEqualTo("Microsoft Windows Server 2019 Standard");
        assertThat(host.type()).isEqualTo(AssetType.HOST);
        assertThat(host.openPorts()).containsExactly(new OpenPort(445, Protocol.TCP, "cifs"), new OpenPort(443, Protocol.TCP, "www"),
                new OpenPort(8080, Protocol.TCP, "www"), new OpenPort(161, Protocol.UDP, "snmp"));
    }

    @Test
    void shouldKeepAHostWithAnInvalidAddressByItsNameAndWarn() {
        RecordingSink sink = new RecordingSink();
        reader.read(SampleFiles.fixture("exploits.nessus"), sink);

        HostObservation printer = sink.hosts().get(1);
        assertThat(printer.interfaces()).isEmpty();
        assertThat(printer.fqdn()).isEqualTo("drucker.büro.example");
        assertThat(printer.lastSeen()).isEqualTo(Instant.parse("2024-06-01T11:00:00Z"));
        assertThat(sink.warnings()).extracting(ReportEvent.Warning::message).satisfiesExactlyInAnyOrder(
                m -> assertThat(m).startsWith("malformed CVSS vector 'CVSS:3.1/AV:N/AC:L' on nessus:12345"),
                m -> assertThat(m).contains("FQDN 'drucker.büro.example' contains non-ASCII"),
                m -> assertThat(m).isEqualTo("'192.168.1.1001' is not a valid IP address; left out of the host's interfaces"));
        assertThat(sink.events.get(0)).isInstanceOf(ReportEvent.Header.class);
    }

    @Test
    void shouldEmitEachHostBeforeReadingTheNext(@TempDir Path dir) throws IOException {
        Path fixture = SampleFiles.fixture("exploits.nessus");
        String text = Files.readString(fixture);
        int secondHost = text.getBytes(StandardCharsets.UTF_8).length
                - text.substring(text.indexOf("<ReportHost name=\"192.168.1.1001\">")).getBytes(StandardCharsets.UTF_8).length;
        Path cut = SampleFiles.truncatedCopy(fixture, dir, secondHost + 60);
        RecordingSink sink = new RecordingSink();

        assertThatThrownBy(() -> reader.read(cut, sink))
                .isInstanceOf(BadInputException.class)
                .hasMessageMatching("\\Q" + cut + "\\E:\\d+:\\d+: malformed XML: the file ends early, truncated\\? .*");
        assertThat(sink.hosts()).as("the first host went out before the second was read").hasSize(1);
    }
}
