package io.regalia.ingest.trivy;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrivyReaderTest {
    private final TrivyReader reader = new TrivyReader();

    @Test
    void shouldReadOneDetectionPerVulnerabilityAcrossAllResults() throws IOException {
        Path file = Samples.data("scanners/trivy/scheme_2_many_vulns.json");
        JsonNode report = new ObjectMapper().readTree(file.toFile());
        int listed = 0;
        Set<String> ids = new HashSet<>();
        for (JsonNode result : report.get("Results")) {
            for (JsonNode v : result.path("Vulnerabilities")) {
                listed++;
                ids.add(v.get("VulnerabilityID").asText());
            }
        }

        Recording recording = Recording.read(reader, file);

        assertThat(listed).isEqualTo(ids.size());
        assertThat(recording.detections()).hasSize(listed);
        assertThat(recording.detections()).extracting(d -> d.vulnerability().cves().get(0))
                .containsExactlyInAnyOrderElementsOf(ids);
        assertThat(recording.header().format()).isEqualTo("trivy");
        assertThat(recording.header().source()).isEqualTo("Trivy");
        assertThat(recording.header().complete()).isTrue();
        assertThat(recording.warnings()).isEmpty();
    }

    @Test
    void shouldMakeTheScannedImageAContainerAssetWithItsOsAndPackages() {
        var host = Recording.read(reader, Samples.data("scanners/trivy/scheme_2_many_vulns.json")).onlyHost();

        assertThat(host.name()).isEqualTo("teamdojo:latest");
        assertThat(host.externalId()).isEqualTo("teamdojo:latest");
        assertThat(host.type()).isEqualTo(AssetType.CONTAINER);
        assertThat(host.os().name()).isEqualTo("alpine 3.9.4");
        assertThat(host.software()).contains(new Software("freetype", "2.9.1-r2", null, null, null, null),
                new Software("org.apache.commons:commons-compress", "1.14", null, null, null, null));
        assertThat(host.hasIdentity()).isTrue();
    }

    @Test
    void shouldPreferNvdVectorsAndMapSeverityAndFix() {
        var recording = Recording.read(reader, Samples.data("scanners/trivy/scheme_2_many_vulns.json"));

        var freetype = recording.detection("cve:CVE-2020-15999");
        var v = freetype.vulnerability();
        assertThat(v.cves()).containsExactly("CVE-2020-15999");
        assertThat(v.title()).startsWith("freetype: Heap-based buffer overflow");
        assertThat(v.severity()).isEqualTo(3);
        assertThat(v.cvss2()).isEqualTo("AV:N/AC:M/Au:N/C:N/I:N/A:P");
        assertThat(v.cvss3()).isEqualTo("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:N/I:N/A:H");
        assertThat(v.cvssScore()).isEqualTo(6.5);
        assertThat(v.patchAvailable()).isTrue();
        assertThat(freetype.type()).isEqualTo(DetectionType.CONFIRMED);
        assertThat(freetype.status()).isNull();
        assertThat(freetype.results()).contains("freetype 2.9.1-r2").contains("fixed in 2.9.1-r3");

        var krb5 = recording.detection("cve:CVE-2020-28196").vulnerability();
        assertThat(krb5.cvss3()).isEqualTo("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H");
        assertThat(krb5.cvssScore()).isEqualTo(7.5);
        assertThat(krb5.severity()).isEqualTo(4);
        assertThat(recording.detection("cve:CVE-2019-12900").vulnerability().severity()).isEqualTo(5);
    }

    @Test
    void shouldReadTheLegacyListAndMergeAVulnerabilityFoundInTwoPackages(@TempDir Path dir) {
        var recording = Recording.read(reader, Samples.fixture("trivy-legacy.json", dir));
        var host = recording.onlyHost();

        assertThat(host.name()).isEqualTo("registry.example/shop-api:1.4");
        assertThat(host.type()).isEqualTo(AssetType.CONTAINER);
        assertThat(host.os().name()).isEqualTo("debian 10.13");
        assertThat(host.detections()).hasSize(3);
        var openssl = recording.detection("cve:CVE-2022-1292");
        assertThat(openssl.results()).contains("openssl 1.1.1n-0+deb10u1").contains("libssl1.1 1.1.1n-0+deb10u1");
        assertThat(openssl.vulnerability().cvss3()).isEqualTo("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");

        var lodash = recording.detection("ghsa:GHSA-35jh-r3h4-6jhm").vulnerability();
        assertThat(lodash.cves()).isEmpty();
        assertThat(lodash.patchAvailable()).isFalse();
        assertThat(recording.detection("cve:CVE-2023-0001").status()).isEqualTo(DetectionStatus.FIXED);
    }

    @Test
    void shouldRejectATruncatedReportNamingFileAndLine(@TempDir Path dir) {
        Path file = Samples.data("scanners/trivy/scheme_2_many_vulns.json");
        Path cut = Samples.truncated(file, Samples.size(file) / 2, dir);

        assertThatThrownBy(() -> Recording.read(reader, cut))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining(cut.toString() + ":")
                .hasMessageContaining("end-of-input")
                .hasMessageContaining("$.Results");
    }

    @Test
    void shouldRejectAReportWhoseResultsAreNotAList(@TempDir Path dir) {
        Path file = Samples.write(dir, "odd.json", "{\"SchemaVersion\": 2, \"ArtifactName\": \"x\", \"Results\": 3}");

        assertThatThrownBy(() -> Recording.read(reader, file))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("odd.json:1:")
                .hasMessageContaining("expected an array");
    }
}
