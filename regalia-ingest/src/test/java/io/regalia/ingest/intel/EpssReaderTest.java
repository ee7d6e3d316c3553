package io.regalia.ingest.intel;

import io.regalia.core.intel.EpssFeed;
import io.regalia.core.intel.EpssScore;
import io.regalia.core.report.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EpssReaderTest {
    private static final String HEADER = "#model_version:v2023.03.01,score_date:2023-03-22T00:00:00+0000\ncve,epss,percentile\n";

    @TempDir
    Path dir;

    @Test
    void shouldStreamEveryScoreWithTheModelVersionAndScoreDate() {
        List<EpssScore> scores = new ArrayList<>();
        EpssFeed feed = EpssReader.read(SharedData.intel("epss_scores-2026-09-29.subset.csv"), scores::add);

        assertThat(feed).isEqualTo(new EpssFeed("v2026.06.15", LocalDate.of(2026, 9, 29), 142));
        assertThat(feed.feedDate()).isEqualTo(LocalDate.of(2026, 9, 29));
        assertThat(scores).hasSize(142);
        assertThat(scores.get(0)).isEqualTo(new EpssScore("CVE-1999-0001", 0.03351, 0.88255));
        assertThat(scores.get(141)).isEqualTo(new EpssScore("CVE-2021-47150", 0.00225, 0.1189));
    }

    @Test
    void shouldReadGzipRecognisedByItsMagicBytesNotItsName() {
        Path gz = SharedData.gzip(SharedData.intel("epss_scores-2026-09-29.subset.csv"), dir.resolve("scores.csv"));
        List<EpssScore> plain = new ArrayList<>();
        EpssReader.read(SharedData.intel("epss_scores-2026-09-29.subset.csv"), plain::add);
        List<EpssScore> unzipped = new ArrayList<>();
        EpssFeed feed = EpssReader.read(gz, unzipped::add);

        assertThat(unzipped).containsExactlyElementsOf(plain);
        assertThat(feed).isEqualTo(new EpssFeed("v2026.06.15", LocalDate.of(2026, 9, 29), 142));
    }

    @Test
    void shouldAcceptTheOlderScoreDateOffsetNotation() {
        Path file = SharedData.write(dir.resolve("e.csv"), HEADER + "CVE-2023-0001,0.5,0.9\n");
        List<EpssScore> scores = new ArrayList<>();
        assertThat(EpssReader.read(file, scores::add)).isEqualTo(new EpssFeed("v2023.03.01", LocalDate.of(2023, 3, 22), 1));
        assertThat(scores).containsExactly(new EpssScore("CVE-2023-0001", 0.5, 0.9));
    }

    @Test
    void shouldDateFilesWithoutTheCommentLineByTheirName() {
        Path file = SharedData.write(dir.resolve("epss_scores-2022-01-05.csv"), "cve,epss,percentile\nCVE-2023-0001,0.5,0.9\n");
        assertThat(EpssReader.read(file, s -> { })).isEqualTo(new EpssFeed(null, LocalDate.of(2022, 1, 5), 1));
    }

    @Test
    void shouldRefuseToGuessADateWhenNeitherCommentNorNameHasOne() {
        Path file = SharedData.write(dir.resolve("scores.csv"), "cve,epss,percentile\nCVE-2023-0001,0.5,0.9\n");
        assertThatThrownBy(() -> EpssReader.read(file, s -> { }))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(file + ":1: no \"#model_version:…,score_date:…\" line");
    }

    @Test
    void shouldNameTheLineOfANonNumericScore() {
        Path file = SharedData.write(dir.resolve("e.csv"), HEADER + "CVE-2023-0001,0.5,0.9\nCVE-2023-0002,abc,0.9\n");
        List<EpssScore> scores = new ArrayList<>();
        assertThatThrownBy(() -> EpssReader.read(file, scores::add))
                .isInstanceOf(BadInputException.class)
                .hasMessage(file + ":4: epss: expected a number 0-1, got \"abc\"");
        assertThat(scores).hasSize(1);
    }

    @Test
    void shouldRejectAScoreOutsideZeroToOne() {
        Path file = SharedData.write(dir.resolve("e.csv"), HEADER + "CVE-2023-0001,0.5,97.3\n");
        assertThatThrownBy(() -> EpssReader.read(file, s -> { }))
                .hasMessage(file + ":3: percentile: expected a number 0-1, got \"97.3\"");
    }

    @Test
    void shouldRejectAMissingColumn() {
        Path file = SharedData.write(dir.resolve("e.csv"), "#model_version:v1,score_date:2023-03-22\ncve,epss\nCVE-2023-0001,0.5\n");
        assertThatThrownBy(() -> EpssReader.read(file, s -> { }))
                .isInstanceOf(BadInputException.class)
                .hasMessage(file + ":2: missing column percentile (header has: cve, epss)");
    }

    @Test
    void shouldRejectAShortRow() {
        Path file = SharedData.write(dir.resolve("e.csv"), HEADER + "CVE-2023-0001,0.5\n");
        assertThatThrownBy(() -> EpssReader.read(file, s -> { }))
                .hasMessage(file + ":3: expected 3 fields, got 2");
    }

    @Test
    void shouldRejectARowWithoutACveId() {
        Path file = SharedData.write(dir.resolve("e.csv"), HEADER + "GHSA-xxxx,0.5,0.5\n");
        assertThatThrownBy(() -> EpssReader.read(file, s -> { }))
                .hasMessage(file + ":3: cve: expected a CVE id like CVE-2021-44228, got \"GHSA-xxxx\"");
    }

    @Test
    void shouldReportATruncatedGzipAsBadInput() throws Exception {
        Path gz = SharedData.gzip(SharedData.intel("epss_scores-2026-09-29.subset.csv"), dir.resolve("full.gz"));
        byte[] bytes = java.nio.file.Files.readAllBytes(gz);
        Path cut = java.nio.file.Files.write(dir.resolve("cut.gz"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> EpssReader.read(cut, s -> { }))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(cut + ": corrupt or truncated gzip data");
    }
}
