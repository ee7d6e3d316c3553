package io.regalia.ingest.cyclonedx;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.regalia.core.model.AssetType;
import io.regalia.core.model.DetectionStatus;
import io.regalia.core.model.DetectionType;
import io.regalia.core.model.Software;
import io.regalia.core.report.BadInputException;
import io.regalia.ingest.Recording;
import io.regalia.ingest.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CycloneDxReaderTest {
    private final CycloneDxReader reader = new CycloneDxReader();

    @Test
    void shouldReadEveryVulnerabilityOfTheJsonBomAsAnOpenDetection() throws IOException {
        Path file = Samples.data("scanners/cyclonedx/log4j.json");
        int listed = new ObjectMapper().readTree(file.toFile()).get("vulnerabilities").size();

        var recording = Recording.read(reader, file);

        assertThat(listed).isEqualTo(8);
        assertThat(recording.detections()).hasSize(listed);
        assertThat(recording.detections()).allSatisfy(d -> assertThat(d.status()).isNull());
        assertThat(recording.header().format()).isEqualTo("cyclonedx");
        assertThat(recording.header().scannedAt()).isEqualTo(Instant.parse("2022-07-22T08:45:32Z"));
        assertThat(recording.warnings()).isEmpty();
    }

    @Test
    void shouldMakeTheMetadataComponentTheAssetAndComponentsItsSoftware() {
        var host = Recording.read(reader, Samples.data("scanners/cyclonedx/log4j.json")).onlyHost();

        assertThat(host.name()).isEqualTo("./configuration/.m2/repository/org/apache/logging/log4j/log4j-core/2.13.2");
        assertThat(host.type()).isEqualTo(AssetType.HOST);
        assertThat(host.software()).containsExactly(new Software("log4j-core", "2.13.2", null, null, null, null));
    }

    @Test
    void shouldTakeVectorsByMethodAndSeverityFromRatings() {
        var recording = Recording.read(reader, Samples.data("scanners/cyclonedx/log4j.json"));

        var log4shell = recording.detection("cve:CVE-2021-44228");
        assertThat(log4shell.vulnerability().severity()).isEqualTo(5);
        assertThat(log4shell.vulnerability().cves()).containsExactly("CVE-2021-44228");
        assertThat(log4shell.vulnerability().cvss2()).isEqualTo("AV:N/AC:M/Au:N/C:C/I:C/A:C");
        assertThat(log4shell.vulnerability().cvss3()).isEqualTo("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H");
        assertThat(log4shell.vulnerability().cvssScore()).isEqualTo(10.0);
        assertThat(log4shell.results()).isEqualTo("log4j-core 2.13.2\nanalysis: in_triage");
        assertThat(log4shell.type()).isEqualTo(DetectionType.CONFIRMED);

        var ghsa = recording.detection("ghsa:GHSA-p6xc-xr62-6r2g").vulnerability();
        assertThat(ghsa.severity()).isEqualTo(4);
        assertThat(ghsa.cvss3()).isNull();
    }

    @Test
    void shouldReadXmlWithNestedComponentsAndCloseNotAffectedVulnerabilities(@TempDir Path dir) {
        var recording = Recording.read(reader, Samples.fixture("cyclonedx-1.4.xml", dir));
        var host = recording.onlyHost();

        assertThat(host.name()).isEqualTo("registry.example/payments:2.3");
        assertThat(host.type()).isEqualTo(AssetType.CONTAINER);
        assertThat(host.os().name()).isEqualTo("alpine 3.18.4");
        assertThat(host.software()).containsExactly(
                new Software("express", "4.17.1", "OpenJS Foundation", null, null, null),
                new Software("qs", "6.7.0", null, null, null, null));
        assertThat(recording.header().scannedAt()).isEqualTo(Instant.parse("2026-11-29T08:15:00Z"));

        var qs = recording.detection("ghsa:GHSA-hrpp-h998-j3pp");
        assertThat(qs.vulnerability().cves()).containsExactly("CVE-2022-24999");
        assertThat(qs.vulnerability().cvss3()).isEqualTo("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H");
        assertThat(qs.results()).isEqualTo("qs 6.7.0");
        assertThat(qs.status()).isNull();

        var express = recording.detection("cve:CVE-2024-29041");
        assertThat(express.status()).isEqualTo(DetectionStatus.FIXED);
        assertThat(express.results()).contains("analysis: not_affected (code_not_reachable)").contains("vérifié");
        assertThat(express.vulnerability().cvss3()).isEqualTo("CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N");
    }

    @Test
    void shouldReadTheVulnerabilityExtensionOfVersion12(@TempDir Path dir) {
        var recording = Recording.read(reader, Samples.fixture("cyclonedx-1.2-ext.xml", dir));

        var databind = recording.detection("cve:CVE-2019-12384");
        assertThat(databind.vulnerability().severity()).isEqualTo(3);
        assertThat(databind.vulnerability().cvssScore()).isEqualTo(5.9);
        assertThat(databind.vulnerability().cvss3()).isEqualTo("CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N");
        assertThat(databind.results()).isEqualTo("jackson-databind 2.9.8");
        assertThat(recording.onlyHost().name()).isEqualTo("billing-batch");
    }

    @Test
    void shouldNeverResolveExternalEntities(@TempDir Path dir) {
        Path file = Samples.fixture("cyclonedx-entity.xml", dir);

        assertThatThrownBy(() -> Recording.read(reader, file))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(file + ":")
                .hasMessageContaining("secret")
                .hasMessageNotContaining("root:");
    }

    @Test
    void shouldRejectTruncatedJsonAndXml(@TempDir Path dir) {
        Path json = Samples.data("scanners/cyclonedx/log4j.json");
        Path cutJson = Samples.truncated(json, Samples.size(json) - 200, dir);
        Path xml = Samples.fixture("cyclonedx-1.4.xml", dir);
        Path cutXml = Samples.truncated(xml, Samples.size(xml) - 40, dir);

        assertThatThrownBy(() -> Recording.read(reader, cutJson)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(cutJson + ":").hasMessageContaining("$.vulnerabilities[7]");
        assertThatThrownBy(() -> Recording.read(reader, cutXml)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(cutXml + ":").hasMessageContaining("end of input");
    }

    @Test
    void shouldRejectJsonThatIsNotCycloneDx(@TempDir Path dir) {
        Path file = Samples.write(dir, "spdx.json", "{\"bomFormat\": \"SPDX\", \"components\": []}");

        assertThatThrownBy(() -> Recording.read(reader, file)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("bomFormat is \"SPDX\"");
    }
}
