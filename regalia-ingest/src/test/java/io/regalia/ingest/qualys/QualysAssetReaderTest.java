package io.regalia.ingest.qualys;

import io.regalia.core.model.DetectionObservation;
import io.regalia.core.model.DetectionStatus;
import io.regalia.core.model.DetectionType;
import io.regalia.core.model.HostObservation;
import io.regalia.ingest.xml.RecordingSink;
import io.regalia.ingest.xml.SampleFiles;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class QualysAssetReaderTest {

    @Test
    void shouldJoinEachHostsFindingsWithTheGlossaryThatFollowsThem() {
        Path file = SampleFiles.shared("scanners/qualys_dradis/simple_asset.xml");
        RecordingSink sink = new RecordingSink();

        new QualysAssetReader().read(file, sink);

        assertThat(sink.header().format()).isEqualTo("qualys-asset");
        assertThat(sink.header().scannedAt()).isEqualTo(Instant.parse("2021-03-19T18:16:17Z"));
        assertThat(sink.hosts()).hasSize(SampleFiles.count(file, "//HOST_LIST/HOST"));
        assertThat(sink.detections()).hasSize(SampleFiles.count(file, "//VULN_INFO"));
        assertThat(sink.warnings()).isEmpty();

        HostObservation host = sink.onlyHost();
        assertThat(host.externalId()).isEqualTo("qualys:112859328");
        assertThat(host.interfaces()).extracting(i -> i.address()).containsExactly("10.0.0.1");
        assertThat(host.hostname()).isEqualTo("ontlpmutil01");
        assertThat(host.fqdn()).isNull();
        assertThat(host.os().name()).isEqualTo("Red Hat Enterprise Linux Server 7.9");

        DetectionObservation d = host.detections().get(0);
        assertThat(d.vulnerability().key()).isEqualTo("qualys:11");
        assertThat(d.vulnerability().qid()).isEqualTo(11L);
        assertThat(d.vulnerability().title()).isEqualTo("Hidden RPC Services");
        assertThat(d.vulnerability().severity()).isEqualTo(2);
        assertThat(d.type()).isEqualTo(DetectionType.CONFIRMED);
        assertThat(d.status()).isEqualTo(DetectionStatus.ACTIVE);
        assertThat(d.firstFound()).isEqualTo(Instant.parse("2020-12-18T13:11:56Z"));
        assertThat(d.lastFound()).isEqualTo(Instant.parse("2021-03-19T13:05:42Z"));
        // The glossary has no CVSS3 base ("-"), so the host's CVSS3 final score is the newest score known.
        assertThat(d.vulnerability().cvssScore()).isEqualTo(6.3);
        assertThat(d.results()).startsWith("Package\tInstalled Version").contains("kernel-debug");
    }
}
