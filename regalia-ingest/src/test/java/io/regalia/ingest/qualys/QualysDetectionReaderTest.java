package io.regalia.ingest.qualys;

import io.regalia.core.model.CloudProvider;
import io.regalia.core.model.DetectionObservation;
import io.regalia.core.model.DetectionStatus;
import io.regalia.core.model.DetectionType;
import io.regalia.core.model.HostObservation;
import io.regalia.core.model.OpenPort;
import io.regalia.core.model.Protocol;
import io.regalia.core.report.ReportEvent;
import io.regalia.ingest.xml.RecordingSink;
import io.regalia.ingest.xml.SampleFiles;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;

import static io.regalia.ingest.xml.RecordingSink.detection;
import static org.assertj.core.api.Assertions.assertThat;

class QualysDetectionReaderTest {

    private final QualysDetectionReader reader = new QualysDetectionReader();

    @Test
    void shouldReadTheApiResponseDespiteItsDoctypeAndSplitTags() {
        Path file = SampleFiles.shared("qualys-api/jupiterone_detections.xml");
        RecordingSink sink = new RecordingSink();

        reader.read(file, sink);

        assertThat(sink.header()).isEqualTo(new ReportEvent.Header("qualys-detection", "Qualys",
                Instant.parse("2020-09-27T01:29:21Z"), true));
        assertThat(sink.hosts()).hasSize(SampleFiles.count(file, "//HOST_LIST/HOST")).hasSize(1);
        assertThat(sink.detections()).hasSize(SampleFiles.count(file, "//DETECTION")).hasSize(3);
        assertThat(sink.warnings()).isEmpty();

        HostObservation host = sink.onlyHost();
        assertThat(host.externalId()).isEqualTo("qualys:6506432");
        assertThat(host.interfaces()).extracting(i -> i.address()).containsExactly("10.10.10.11");
        assertThat(host.hostname()).isEqualTo("2k8r2-u-10-11");
        assertThat(host.netbiosName()).isEqualTo("2K8R2-U-10-11");
        assertThat(host.os().name()).isEqualTo("Windows 2008 R2 Enterprise Service Pack1");
        assertThat(host.lastSeen()).isEqualTo(Instant.parse("2018-04-13T03:49:05Z"));
        assertThat(host.openPorts()).containsExactly(new OpenPort(3389, Protocol.TCP, null));

        DetectionObservation d = detection(host, "qualys:38173");
        assertThat(d.vulnerability().qid()).isEqualTo(38173L);
        assertThat(d.vulnerability().severity()).isEqualTo(2);
        assertThat(d.type()).isEqualTo(DetectionType.CONFIRMED);
        assertThat(d.status()).isEqualTo(DetectionStatus.ACTIVE);
        assertThat(d.port()).isEqualTo(3389);
        assertThat(d.protocol()).isEqualTo(Protocol.TCP);
        assertThat(d.firstFound()).isEqualTo(Instant.parse("2018-01-26T04:45:50Z"));
        assertThat(d.lastFound()).isEqualTo(Instant.parse("2018-04-13T03:48:50Z"));
        assertThat(d.results()).isEqualTo("Certificate #0 CN=2k8r2-u-10-11\nunable to get local\nissuer certificate");
    }

    @Test
    void shouldMapTypesAndStatusesAndWarnAboutOddContent() {
        RecordingSink sink = new RecordingSink();

        reader.read(SampleFiles.fixture("statuses.qualys-detection.xml"), sink);

        HostObservation host = sink.onlyHost();
        assertThat(host.interfaces()).as("the invalid address is left out").isEmpty();
        assertThat(host.fqdn()).isEqualTo("web01.example.com");
        assertThat(host.netbiosName()).isEqualTo("GERÄT01");
        assertThat(host.cloud().provider()).isEqualTo(CloudProvider.AWS);
        assertThat(host.cloud().instanceId()).isEqualTo("i-0abc123def4567890");
        assertThat(host.openPorts()).containsExactly(new OpenPort(22, Protocol.TCP, "ssh"),
                new OpenPort(8443, Protocol.TCP, "http over ssl"), new OpenPort(443, Protocol.TCP, null));

        assertThat(detection(host, "qualys:82023").type()).isEqualTo(DetectionType.INFO);
        assertThat(detection(host, "qualys:100").type()).isEqualTo(DetectionType.POTENTIAL);
        assertThat(detection(host, "qualys:100").status()).isEqualTo(DetectionStatus.NEW);
        assertThat(detection(host, "qualys:101").status()).isEqualTo(DetectionStatus.FIXED);
        assertThat(detection(host, "qualys:102").status()).isEqualTo(DetectionStatus.REOPENED);
        assertThat(detection(host, "qualys:102").vulnerability().severity()).isEqualTo(5);
        assertThat(host.detections()).hasSize(4);

        assertThat(sink.warnings()).extracting(ReportEvent.Warning::message).satisfiesExactly(
                m -> assertThat(m).isEqualTo("'192.168.1.1001' is not a valid IP address; left out of the host's interfaces"),
                m -> assertThat(m).contains("NetBIOS name 'GERÄT01' contains non-ASCII"),
                m -> assertThat(m).isEqualTo("QID 'not-a-number' is not a whole number; ignored"),
                m -> assertThat(m).isEqualTo("detection without a QID; skipped"),
                m -> assertThat(m).contains("'not-an-ip' is not a valid IP address"),
                m -> assertThat(m).contains("has no usable identity").contains("1 detection(s) were skipped"),
                m -> assertThat(m).contains("1000 record limit exceeded").contains("id_min=1002"));
        assertThat(sink.warnings().get(0).where()).as("the line of the <IP> element")
                .startsWith(SampleFiles.fixture("statuses.qualys-detection.xml") + ":9:");
    }
}
