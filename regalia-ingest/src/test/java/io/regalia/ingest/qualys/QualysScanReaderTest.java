package io.regalia.ingest.qualys;

import io.regalia.core.model.DetectionObservation;
import io.regalia.core.model.DetectionType;
import io.regalia.core.model.HostObservation;
import io.regalia.core.model.NetworkInterface;
import io.regalia.core.model.OpenPort;
import io.regalia.core.model.Protocol;
import io.regalia.core.report.BadInputException;
import io.regalia.ingest.xml.RecordingSink;
import io.regalia.ingest.xml.SampleFiles;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;

import static io.regalia.ingest.xml.RecordingSink.detection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QualysScanReaderTest {

    private final QualysScanReader reader = new QualysScanReader();

    @Test
    void shouldReadEveryHostAndFindingOfTheDradisScanReport() {
        Path file = SampleFiles.shared("scanners/qualys_dradis/simple.xml");
        RecordingSink sink = new RecordingSink();

        reader.read(file, sink);

        assertThat(sink.header().format()).isEqualTo("qualys-scan");
        assertThat(sink.header().source()).isEqualTo("Qualys");
        assertThat(sink.header().scannedAt()).isEqualTo(Instant.parse("2011-12-20T12:00:00Z"));
        assertThat(sink.header().complete()).isTrue();
        assertThat(sink.hosts()).hasSize(SampleFiles.count(file, "/SCAN/IP")).hasSize(1);
        assertThat(sink.count(DetectionType.CONFIRMED)).isEqualTo(SampleFiles.count(file, "//VULN")).isEqualTo(3);
        assertThat(sink.count(DetectionType.POTENTIAL)).isEqualTo(SampleFiles.count(file, "//PRACTICE")).isZero();
        assertThat(sink.count(DetectionType.INFO)).isEqualTo(SampleFiles.count(file, "//INFO | //SERVICE")).isEqualTo(4);
        assertThat(sink.warnings()).isEmpty();
    }

    @Test
    void shouldMapTheHostAndItsOpenServices() {
        RecordingSink sink = new RecordingSink();
        reader.read(SampleFiles.shared("scanners/qualys_dradis/simple.xml"), sink);
        HostObservation host = sink.onlyHost();

        assertThat(host.interfaces()).containsExactly(new NetworkInterface("10.0.155.160", null, null));
        assertThat(host.hostname()).as("'No registered hostname' is no name").isNull();
        assertThat(host.fqdn()).isNull();
        assertThat(host.os().name()).isEqualTo("Linux 2.4-2.6");
        assertThat(host.os().category1()).isNull();
        assertThat(host.os().lifecycle()).isNull();
        assertThat(host.lastSeen()).isEqualTo(Instant.parse("2011-12-20T12:00:00Z"));
        assertThat(host.openPorts()).containsExactly(new OpenPort(80, Protocol.TCP, "http"));
    }

    @Test
    void shouldMapAVulnerabilityWithItsCategoryPortCvssAndCve() {
        RecordingSink sink = new RecordingSink();
        reader.read(SampleFiles.shared("scanners/qualys_dradis/simple.xml"), sink);
        DetectionObservation d = detection(sink.onlyHost(), "qualys:86821");

        assertThat(d.vulnerability().qid()).isEqualTo(86821L);
        assertThat(d.vulnerability().title()).isEqualTo("Apache 1.3 HTTP Server Expect Header Cross-Site Scripting");
        assertThat(d.vulnerability().severity()).isEqualTo(3);
        assertThat(d.vulnerability().cves()).containsExactly("CVE-2006-3918");
        assertThat(d.vulnerability().cvssScore()).isEqualTo(4.3);
        assertThat(d.vulnerability().cvss2()).isNull();
        assertThat(d.type()).isEqualTo(DetectionType.CONFIRMED);
        assertThat(d.status()).as("a scan report has no detection status").isNull();
        assertThat(d.port()).isEqualTo(80);
        assertThat(d.protocol()).isEqualTo(Protocol.TCP);
        assertThat(d.results()).startsWith("HTTP/1.1 417 Expectation Failed")
                .as("Qualys escapes HTML inside its CDATA; kept as written")
                .contains("Expect: &lt;script&gt;alert(document.domain)&lt;/script&gt;");

        DetectionObservation tcp = detection(sink.onlyHost(), "qualys:82054");
        assertThat(tcp.port()).as("category TCP/IP has no port").isNull();
        assertThat(tcp.vulnerability().cvssScore()).isEqualTo(5.0);
        assertThat(detection(sink.onlyHost(), "qualys:6").type()).isEqualTo(DetectionType.INFO);
    }

    @Test
    void shouldRefuseAnotherQualysFormat() {
        Path asset = SampleFiles.shared("scanners/qualys_dradis/simple_asset.xml");

        assertThatThrownBy(() -> reader.read(asset, new RecordingSink()))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(asset + ":4:")
                .hasMessageContaining("not a qualys-scan report: root element is <ASSET_DATA_REPORT>, expected <SCAN>");
    }
}
