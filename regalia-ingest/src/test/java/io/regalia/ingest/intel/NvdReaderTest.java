package io.regalia.ingest.intel;

import io.regalia.core.intel.NvdCve;
import io.regalia.core.intel.NvdFeed;
import io.regalia.core.report.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NvdReaderTest {
    private static final NvdCve DJANGO = new NvdCve("CVE-2021-44420",
            Instant.parse("2021-12-08T00:15:07.757Z"), Instant.parse("2026-06-17T04:12:19.117Z"),
            "AV:N/AC:L/Au:N/C:P/I:P/A:P", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:L", null,
            List.of("NVD-CWE-Other"), false,
            "In Django 2.2 before 2.2.25, 3.1 before 3.1.14, and 3.2 before 3.2.10, HTTP requests for URLs with "
                    + "trailing newlines could bypass upstream access control based on URL paths.");

    @TempDir
    Path dir;

    @Test
    void shouldReadASingleCveRecordWithItsPrimaryVectors() {
        List<NvdCve> cves = new ArrayList<>();
        NvdFeed feed = NvdReader.read(SharedData.intel("CVE-2021-44420.json"), cves::add);

        assertThat(cves).containsExactly(DJANGO);
        assertThat(feed).isEqualTo(new NvdFeed(null, LocalDate.of(2026, 6, 17), true, 1));
    }

    @Test
    void shouldStreamAResponsePreferringPrimarySourcesAndV31OverV30() {
        List<NvdCve> cves = new ArrayList<>();
        NvdFeed feed = NvdReader.read(SharedData.fixture("nvd-response.json"), cves::add);

        assertThat(feed).isEqualTo(new NvdFeed(Instant.parse("2024-05-01T12:30:00.123Z"), LocalDate.of(2024, 5, 1), false, 2));
        assertThat(cves).containsExactly(
                new NvdCve("CVE-2024-1000", Instant.parse("2024-04-01T10:15:07.757Z"), Instant.parse("2024-04-20T08:00:00Z"),
                        null, "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:N",
                        "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:P/VC:L/VI:L/VA:N/SC:N/SI:N/SA:N",
                        List.of("CWE-79", "CWE-20"), true, "A cross-site scripting vulnerability."),
                new NvdCve("CVE-2024-1001", Instant.parse("2024-04-02T00:00:00Z"), Instant.parse("2024-04-30T00:00:00Z"),
                        null, "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", null,
                        List.of(), false, "An old-style record scored with CVSS 3.0 only."));
    }

    @Test
    void shouldReadABarePageAndASingleWrappedCve() throws Exception {
        String cve = Files.readString(SharedData.intel("CVE-2021-44420.json"));
        Path page = SharedData.write(dir.resolve("page.json"), "[{\"cve\": " + cve + "}, " + cve + "]");
        Path wrapped = SharedData.write(dir.resolve("wrapped.json"), "{\"cve\": " + cve + "}");

        List<NvdCve> fromPage = new ArrayList<>();
        NvdReader.read(page, fromPage::add);
        List<NvdCve> fromWrapped = new ArrayList<>();
        NvdReader.read(wrapped, fromWrapped::add);

        assertThat(fromPage).containsExactly(DJANGO, DJANGO);
        assertThat(fromWrapped).containsExactly(DJANGO);
    }

    @Test
    void shouldReadEveryJsonFileOfADirectoryTreeInPathOrder() throws Exception {
        Files.createDirectories(dir.resolve("CVE-2021/CVE-2021-444xx"));
        Files.copy(SharedData.intel("CVE-2021-44420.json"), dir.resolve("CVE-2021/CVE-2021-444xx/CVE-2021-44420.json"));
        SharedData.gzip(SharedData.fixture("nvd-response.json"), dir.resolve("CVE-2024.json.gz"));
        SharedData.write(dir.resolve("README.md"), "# not a feed");

        List<String> ids = new ArrayList<>();
        NvdFeed feed = NvdReader.read(dir, c -> ids.add(c.cveId()));

        assertThat(ids).containsExactly("CVE-2021-44420", "CVE-2024-1000", "CVE-2024-1001");
        assertThat(feed).isEqualTo(new NvdFeed(Instant.parse("2024-05-01T12:30:00.123Z"), LocalDate.of(2024, 5, 1), false, 3));
    }

    @Test
    void shouldNameTheCveAndPathOfAMissingId() {
        Path bad = SharedData.fixture("nvd-missing-id.json");
        assertThatThrownBy(() -> NvdReader.read(bad, c -> { }))
                .isInstanceOf(BadInputException.class)
                .hasMessage(bad + ":5:5: vulnerabilities[1].cve.id: missing");
    }

    @Test
    void shouldNameABadDate() {
        Path bad = SharedData.fixture("nvd-bad-date.json");
        assertThatThrownBy(() -> NvdReader.read(bad, c -> { }))
                .isInstanceOf(BadInputException.class)
                .hasMessage(bad + ":2:3: [0].cve.published: expected an ISO date-time, got \"April 1st\"");
    }

    @Test
    void shouldNameADateNoDatabaseCanStore(@TempDir Path dir) throws Exception {
        Path bad = Files.writeString(dir.resolve("nvd-year-zero.json"), """
                [
                  {"cve": {"id": "CVE-2024-1000", "published": "0000-04-01T00:00:00"}}
                ]
                """);
        assertThatThrownBy(() -> NvdReader.read(bad, c -> { }))
                .isInstanceOf(BadInputException.class)
                .hasMessage(bad + ":2:3: [0].cve.published: expected a date-time in the years 1-9999, got \"0000-04-01T00:00:00\"");
    }

    @Test
    void shouldNameWhereJsonBreaks() {
        Path bad = SharedData.fixture("nvd-broken.json");
        assertThatThrownBy(() -> NvdReader.read(bad, c -> { }))
                .isInstanceOf(BadInputException.class)
                .hasMessage(bad + ":6:3: vulnerabilities[1].cve: Unexpected close marker ']': expected '}' "
                        + "(for Object starting at [line: 5, column: 5])");
    }

    @Test
    void shouldRejectJsonThatIsNoNvdDocument() {
        Path other = SharedData.write(dir.resolve("x.json"), "{\"hello\": \"world\"}");
        assertThatThrownBy(() -> NvdReader.read(other, c -> { }))
                .hasMessage(other + ":1:1: not NVD CVE API 2.0 JSON: no \"vulnerabilities\", \"cve\" or \"id\"");
    }
}
