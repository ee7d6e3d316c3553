package io.regalia.ingest.csv;

import io.regalia.core.model.DetectionStatus;
import io.regalia.core.model.DetectionType;
import io.regalia.core.model.ExploitMaturity;
import io.regalia.core.model.NetworkInterface;
import io.regalia.core.model.OpenPort;
import io.regalia.core.model.Protocol;
import io.regalia.core.report.BadInputException;
import io.regalia.core.report.ReportEvent;
import io.regalia.ingest.Recording;
import io.regalia.ingest.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QualysCsvReaderTest {
    private final QualysCsvReader reader = new QualysCsvReader();

    @Test
    void shouldReadTheVmdrDatalistAfterItsMetadataLines() {
        var recording = Recording.read(reader, Samples.data("scanners/qualys_vmdr/one_vuln_cve.csv"));

        assertThat(recording.header().source()).isEqualTo("Qualys");
        // "04 Feb 2026 10:00AM GMT-0500" on the report's first line
        assertThat(recording.header().scannedAt()).isEqualTo(Instant.parse("2026-02-04T15:00:00Z"));
        assertThat(recording.warnings()).isEmpty();
        var host = recording.onlyHost();
        assertThat(host.name()).isEqualTo("JAVAAPP01");
        assertThat(host.hostname()).isEqualTo("JAVAAPP01");
        assertThat(host.interfaces()).containsExactly(new NetworkInterface("10.1.0.50", null, null));
        assertThat(host.os().name()).isEqualTo("Ubuntu 20.04");
        assertThat(host.openPorts()).containsExactly(new OpenPort(8080, Protocol.TCP, null));

        var log4shell = recording.detection("qualys:730143");
        var v = log4shell.vulnerability();
        assertThat(v.qid()).isEqualTo(730143L);
        assertThat(v.cves()).containsExactly("CVE-2021-44228");
        assertThat(v.title()).isEqualTo("Apache Log4j Remote Code Execution (Log4Shell)");
        assertThat(v.severity()).isEqualTo(5);
        assertThat(v.cvssScore()).isEqualTo(10.0);
        assertThat(v.patchAvailable()).isTrue();
        assertThat(v.hints().maturity()).isEqualTo(ExploitMaturity.WEAPONIZED);
        assertThat(log4shell.type()).isEqualTo(DetectionType.CONFIRMED);
        assertThat(log4shell.status()).isEqualTo(DetectionStatus.ACTIVE);
        assertThat(log4shell.port()).isEqualTo(8080);
        assertThat(log4shell.protocol()).isEqualTo(Protocol.TCP);
        assertThat(log4shell.firstFound()).isEqualTo(Instant.parse("2021-12-15T15:00:00Z"));
        assertThat(log4shell.lastFound()).isEqualTo(Instant.parse("2026-02-03T12:00:00Z"));
        assertThat(log4shell.results()).isEqualTo("Log4j 2.14.1 detected");
    }

    @Test
    void shouldReadAScanReportWithOddRowsAndWarnAboutThem(@TempDir Path dir) {
        Path file = Samples.fixture("qualys-scan.csv", dir);
        var recording = Recording.read(reader, file);

        assertThat(recording.header().scannedAt()).isEqualTo(Instant.parse("2026-11-30T09:15:02Z"));
        assertThat(recording.hosts()).extracting(h -> h.name())
                .containsExactly("web-01.corp.example", "db-02.corp.example", "FILES07");

        var web = recording.hosts().get(0);
        assertThat(web.fqdn()).isEqualTo("web-01.corp.example");
        assertThat(web.netbiosName()).isEqualTo("WEB01");
        assertThat(web.os().name()).isEqualTo("Windows Server 2012 R2 Standard");
        assertThat(web.detections()).extracting(d -> d.type())
                .containsExactly(DetectionType.CONFIRMED, DetectionType.POTENTIAL, DetectionType.INFO);
        var certificate = web.detections().get(0).vulnerability();
        assertThat(certificate.cvss2()).isEqualTo("AV:N/AC:L/Au:N/C:N/I:P/A:N");
        assertThat(certificate.cvss3()).isEqualTo("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N");
        assertThat(certificate.cvssScore()).isEqualTo(5.3);

        var db = recording.hosts().get(1);
        assertThat(db.interfaces()).isEmpty();
        var postgres = db.detections().get(0).vulnerability();
        assertThat(postgres.title()).isEqualTo("PostgreSQL – Mehrere Schwachstellen (Überlauf, 権限昇格)");
        assertThat(postgres.cves()).containsExactly("CVE-2023-5868", "CVE-2023-5869");
        assertThat(postgres.hints().maturity()).isEqualTo(ExploitMaturity.PROOF_OF_CONCEPT);

        var files = recording.hosts().get(2);
        assertThat(files.detections().get(0).vulnerability().hints().malware()).isTrue();
        assertThat(files.detections().get(0).results()).isEqualTo("KB5099999 is not installed");

        List<ReportEvent.Warning> warnings = recording.warnings();
        assertThat(warnings).extracting(ReportEvent.Warning::message).anySatisfy(m ->
                assertThat(m).isEqualTo("\"192.168.1.1001\" is not a valid IP address; not used as an interface"));
        assertThat(warnings).extracting(ReportEvent.Warning::message).anySatisfy(m ->
                assertThat(m).isEqualTo("300 rows with no values were skipped"));
        assertThat(warnings).extracting(ReportEvent.Warning::message).anySatisfy(m ->
                assertThat(m).isEqualTo("row has 30 values but the header has 29 columns; extra values ignored"));
        assertThat(warnings).hasSize(3);
        assertThat(warnings).allSatisfy(w -> assertThat(w.where()).startsWith(file + ":"));
    }

    @Test
    void shouldRejectATruncatedReportNamingTheLine(@TempDir Path dir) {
        Path file = Samples.data("scanners/qualys_vmdr/one_vuln_cve.csv");
        Path cut = Samples.truncated(file, Samples.size(file) - 40, dir);

        assertThatThrownBy(() -> Recording.read(reader, cut))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(cut + ":5")
                .hasMessageContaining("truncated");
    }

    @Test
    void shouldRejectAFileCutBeforeItsHeaderRow(@TempDir Path dir) {
        Path file = Samples.data("scanners/qualys_vmdr/one_vuln_cve.csv");
        Path cut = Samples.truncated(file, 120, dir);

        assertThatThrownBy(() -> Recording.read(reader, cut))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(cut.toString());
    }
}
