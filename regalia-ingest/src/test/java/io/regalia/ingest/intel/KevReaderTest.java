package io.regalia.ingest.intel;

import io.regalia.core.intel.KevEntry;
import io.regalia.core.intel.KevFeed;
import io.regalia.core.report.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KevReaderTest {
    private static final KevEntry LOG4SHELL = new KevEntry("CVE-2021-44228", "Apache", "Log4j2",
            LocalDate.of(2021, 12, 10), LocalDate.of(2021, 12, 24), true);

    @TempDir
    Path dir;

    @Test
    void shouldStreamEveryEntryOfTheJsonCatalogAndDateTheFeedByItsRelease() {
        List<KevEntry> entries = new ArrayList<>();
        KevFeed feed = KevReader.read(SharedData.intel("known_exploited_vulnerabilities.json"), entries::add);

        assertThat(entries).hasSize(1404).contains(LOG4SHELL);
        assertThat(entries.get(0).cveId()).isEqualTo("CVE-2025-48384");
        assertThat(entries).filteredOn(KevEntry::ransomware).hasSize(293);
        assertThat(feed).isEqualTo(new KevFeed("2025.08.25", Instant.parse("2025-08-25T17:04:19.9796Z"),
                LocalDate.of(2025, 8, 25), false, 1404));
    }

    @Test
    void shouldReadTheSameEntriesFromTheCsvAndInferTheFeedDateFromTheNewestEntry() {
        List<KevEntry> fromJson = new ArrayList<>();
        KevReader.read(SharedData.intel("known_exploited_vulnerabilities.json"), fromJson::add);
        List<KevEntry> fromCsv = new ArrayList<>();
        KevFeed feed = KevReader.read(SharedData.intel("known_exploited_vulnerabilities.csv"), fromCsv::add);

        assertThat(fromCsv).containsExactlyElementsOf(fromJson);
        assertThat(feed).isEqualTo(new KevFeed(null, null, LocalDate.of(2025, 8, 25), true, 1404));
    }

    @Test
    void shouldRecogniseGzipByItsBytesWhateverTheFileName() {
        Path gz = SharedData.gzip(SharedData.intel("known_exploited_vulnerabilities.json"), dir.resolve("kev.json"));
        List<KevEntry> entries = new ArrayList<>();
        KevFeed feed = KevReader.read(gz, entries::add);
        assertThat(feed.entries()).isEqualTo(1404);
        assertThat(entries).contains(LOG4SHELL);
    }

    @Test
    void shouldKeepQuotedCommasAndLineBreaksInsideCsvFields() {
        List<KevEntry> entries = new ArrayList<>();
        KevReader.read(SharedData.fixture("kev-quoted.csv"), entries::add);
        assertThat(entries).containsExactly(
                new KevEntry("CVE-2024-0001", "Acme, Inc.", "Widget \"Pro\"\nServer", LocalDate.of(2024, 1, 2),
                        LocalDate.of(2024, 1, 23), false),
                new KevEntry("CVE-2024-0002", "Acme", "Gadget", LocalDate.of(2024, 2, 3), null, true));
    }

    @Test
    void shouldNameTheLineOfABadCsvValue() {
        Path csv = SharedData.fixture("kev-quoted.csv");
        Path bad = SharedData.write(dir.resolve("kev.csv"), readString(csv).replace("2024-02-03", "03/02/2024"));
        assertThatThrownBy(() -> KevReader.read(bad, e -> { }))
                .isInstanceOf(BadInputException.class)
                .hasMessage(bad + ":5: dateAdded: expected a date YYYY-MM-DD, got \"03/02/2024\"");
    }

    @Test
    void shouldRejectACsvWithoutTheRequiredColumns() {
        Path bad = SharedData.write(dir.resolve("kev.csv"), "cveID,vendorProject,product,dateAdded\nCVE-2024-0001,a,b,2024-01-01\n");
        assertThatThrownBy(() -> KevReader.read(bad, e -> { }))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(bad + ":1: missing columns dueDate, knownRansomwareCampaignUse");
    }

    @Test
    void shouldRejectAnUnterminatedQuoteWithItsLine() {
        Path bad = SharedData.write(dir.resolve("kev.csv"),
                "cveID,vendorProject,product,dateAdded,dueDate,knownRansomwareCampaignUse\n"
                        + "CVE-2024-0001,a,b,2024-01-01,2024-01-22,Unknown\n"
                        + "CVE-2024-0002,\"a,b,2024-01-01,2024-01-22,Unknown\n");
        assertThatThrownBy(() -> KevReader.read(bad, e -> { }))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(bad + ":3: malformed CSV");
    }

    @Test
    void shouldRejectAnUnknownRansomwareValue() {
        Path bad = SharedData.write(dir.resolve("kev.csv"),
                "cveID,vendorProject,product,dateAdded,dueDate,knownRansomwareCampaignUse\n"
                        + "CVE-2024-0001,a,b,2024-01-01,2024-01-22,Maybe\n");
        assertThatThrownBy(() -> KevReader.read(bad, e -> { }))
                .hasMessage(bad + ":2: knownRansomwareCampaignUse: expected Known or Unknown, got \"Maybe\"");
    }

    @Test
    void shouldRejectADateNoDatabaseCanStoreInEitherForm() {
        Path csv = SharedData.write(dir.resolve("kev.csv"),
                "cveID,vendorProject,product,dateAdded,dueDate,knownRansomwareCampaignUse\n"
                        + "CVE-2024-0001,a,b,2024-01-01,0000-01-22,Known\n");
        assertThatThrownBy(() -> KevReader.read(csv, e -> { }))
                .isInstanceOf(BadInputException.class)
                .hasMessage(csv + ":2: dueDate: expected a date in the years 1-9999, got \"0000-01-22\"");
        Path json = SharedData.write(dir.resolve("kev.json"), """
                {"catalogVersion": "2024.01.02", "dateReleased": "2024-01-02T12:00:00.000Z", "vulnerabilities": [
                {"cveID": "CVE-2024-0001", "vendorProject": "a", "product": "b", "dateAdded": "0000-01-01",
                 "dueDate": "2024-01-22", "knownRansomwareCampaignUse": "Known"}]}
                """);
        assertThatThrownBy(() -> KevReader.read(json, e -> { }))
                .isInstanceOf(BadInputException.class)
                .hasMessageEndingWith("vulnerabilities[0].dateAdded: expected a date in the years 1-9999, got \"0000-01-01\"");
    }

    @Test
    void shouldNameTheLineColumnAndPathOfABadJsonValue() {
        Path bad = SharedData.fixture("kev-bad-date.json");
        assertThatThrownBy(() -> KevReader.read(bad, e -> { }))
                .isInstanceOf(BadInputException.class)
                .hasMessage(bad + ":9:5: vulnerabilities[1].dateAdded: expected a date YYYY-MM-DD, got \"yesterday\"");
    }

    @Test
    void shouldNameWhereJsonBreaks() {
        Path bad = SharedData.fixture("kev-broken.json");
        assertThatThrownBy(() -> KevReader.read(bad, e -> { }))
                .isInstanceOf(BadInputException.class)
                .hasMessage(bad + ":7:7: vulnerabilities[0].product: Unexpected character ('\"' (code 34)): "
                        + "was expecting comma to separate Object entries")
                .hasMessageNotContaining("\n");
    }

    @Test
    void shouldDeliverTheEntriesBeforeATruncationIsFound() {
        Path full = SharedData.intel("known_exploited_vulnerabilities.json");
        String text = readString(full);
        Path truncated = SharedData.write(dir.resolve("kev.json"), text.substring(0, text.length() / 2));
        List<KevEntry> entries = new ArrayList<>();
        assertThatThrownBy(() -> KevReader.read(truncated, entries::add))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("end-of-input");
        assertThat(entries).isNotEmpty().hasSizeLessThan(1404);
    }

    static String readString(Path file) {
        try {
            return java.nio.file.Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
