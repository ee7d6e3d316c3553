package io.regalia.ingest.grype;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.regalia.core.model.AssetType;
import io.regalia.core.model.ExploitMaturity;
import io.regalia.core.model.Software;
import io.regalia.core.report.BadInputException;
import io.regalia.ingest.Recording;
import io.regalia.ingest.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GrypeReaderTest {
    private final GrypeReader reader = new GrypeReader();

    @Test
    void shouldMakeOneDetectionPerVulnerabilityOfTheAsset() throws IOException {
        Path file = Samples.data("scanners/grype/check_all_fields.json");
        JsonNode matches = new ObjectMapper().readTree(file.toFile()).get("matches");
        Set<String> ids = new LinkedHashSet<>();
        matches.forEach(m -> ids.add(m.at("/vulnerability/id").asText()));

        var recording = Recording.read(reader, file);

        // 6 matches: one advisory matched twice on the same package, one CVE on two packages (libc-bin, libc6).
        assertThat(matches).hasSize(6);
        assertThat(ids).hasSize(4);
        assertThat(recording.detections()).hasSize(ids.size());
        assertThat(recording.detections()).extracting(d -> d.vulnerability().key())
                .containsExactly("cve:CVE-2004-0971", "cve:CVE-2021-32626", "cve:CVE-2021-33574",
                        "ghsa:GHSA-v6rh-hp5x-86rv");
        assertThat(recording.header().source()).isEqualTo("Grype");
    }

    @Test
    void shouldKeepEveryPackageAndPathOfAMergedDetection() {
        var recording = Recording.read(reader, Samples.data("scanners/grype/check_all_fields.json"));

        var glibc = recording.detection("cve:CVE-2021-33574");
        assertThat(glibc.results()).contains("libc-bin 2.28-10 (deb) at /var/lib/dpkg/status")
                .contains("libc6 2.28-10 (deb) at /var/lib/dpkg/status");
        var django = recording.detection("ghsa:GHSA-v6rh-hp5x-86rv");
        assertThat(django.results())
                .contains("/usr/local/lib/python3.8/site-packages/Django-3.2.9.dist-info/METADATA")
                .contains("/usr/local/lib/python3.8/site-packages/Django-3.2.9.dist-info/RECORD")
                .contains("fixed in 3.2.10");
        assertThat(django.vulnerability().cves()).containsExactly("CVE-2021-44420");
        assertThat(django.vulnerability().patchAvailable()).isTrue();
    }

    @Test
    void shouldMakeTheImageAContainerAssetWithDistroAndPackages() {
        var host = Recording.read(reader, Samples.data("scanners/grype/check_all_fields.json")).onlyHost();

        assertThat(host.name()).isEqualTo("vulnerable-image:latest");
        assertThat(host.type()).isEqualTo(AssetType.CONTAINER);
        assertThat(host.os().name()).isEqualTo("debian 10");
        assertThat(host.software()).contains(new Software("Django", "3.2.9", null, null, null, null),
                new Software("libc6", "2.28-10", null, null, null, null));
        assertThat(host.software()).hasSize(5);
    }

    @Test
    void shouldMapSeverityVectorsAndFixState() {
        var recording = Recording.read(reader, Samples.data("scanners/grype/check_all_fields.json"));

        var redis = recording.detection("cve:CVE-2021-32626").vulnerability();
        assertThat(redis.severity()).isEqualTo(4);
        assertThat(redis.cvss2()).isEqualTo("AV:N/AC:L/Au:S/C:P/I:P/A:P");
        assertThat(redis.cvss3()).isEqualTo("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H");
        assertThat(redis.patchAvailable()).isFalse();
        assertThat(redis.cves()).containsExactly("CVE-2021-32626");

        var krb5 = recording.detection("cve:CVE-2004-0971").vulnerability();
        assertThat(krb5.severity()).isEqualTo(1);
        assertThat(krb5.cvss2()).isEqualTo("AV:L/AC:L/Au:N/C:N/I:P/A:N");
        assertThat(krb5.cvssScore()).isEqualTo(2.1);
    }

    @Test
    void shouldReadEpssAndKnownExploitationOfADirectoryScan(@TempDir Path dir) {
        var recording = Recording.read(reader, Samples.fixture("grype-dir.json", dir));
        var host = recording.onlyHost();

        assertThat(recording.header().scannedAt()).isEqualTo(Instant.parse("2026-11-30T10:00:00.5Z"));
        assertThat(host.name()).isEqualTo("/srv/build-agent-07");
        assertThat(host.type()).isEqualTo(AssetType.HOST);
        assertThat(host.os().name()).isEqualTo("ubuntu 22.04");
        var hints = recording.detection("cve:CVE-2021-44228").vulnerability().hints();
        assertThat(hints.epss()).isEqualTo(0.94358);
        assertThat(hints.maturity()).isEqualTo(ExploitMaturity.WEAPONIZED);
    }

    @Test
    void shouldRejectATruncatedReport(@TempDir Path dir) {
        Path file = Samples.data("scanners/grype/check_all_fields.json");
        Path cut = Samples.truncated(file, 20_000, dir);

        assertThatThrownBy(() -> Recording.read(reader, cut))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(cut + ":")
                .hasMessageContaining("$.matches[");
    }
}
