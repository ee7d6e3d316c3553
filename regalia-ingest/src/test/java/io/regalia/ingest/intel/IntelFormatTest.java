package io.regalia.ingest.intel;

import io.regalia.core.report.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IntelFormatTest {
    @TempDir
    Path dir;

    @Test
    void shouldRecogniseEachSampleFeedByContent() {
        assertThat(IntelFormat.detect(SharedData.intel("known_exploited_vulnerabilities.json"))).isEqualTo(IntelFormat.KEV_JSON);
        assertThat(IntelFormat.detect(SharedData.intel("known_exploited_vulnerabilities.csv"))).isEqualTo(IntelFormat.KEV_CSV);
        assertThat(IntelFormat.detect(SharedData.intel("epss_scores-2026-09-29.subset.csv"))).isEqualTo(IntelFormat.EPSS_CSV);
        assertThat(IntelFormat.detect(SharedData.intel("CVE-2021-44420.json"))).isEqualTo(IntelFormat.NVD_JSON);
        assertThat(IntelFormat.detect(SharedData.fixture("nvd-response.json"))).isEqualTo(IntelFormat.NVD_JSON);
        assertThat(IntelFormat.detect(dir)).isEqualTo(IntelFormat.NVD_JSON);
    }

    @Test
    void shouldLookInsideGzipWhateverTheName() {
        Path gz = SharedData.gzip(SharedData.intel("epss_scores-2026-09-29.subset.csv"), dir.resolve("feed.json"));
        assertThat(IntelFormat.detect(gz)).isEqualTo(IntelFormat.EPSS_CSV);
    }

    @Test
    void shouldRejectAnythingElse() {
        Path other = SharedData.write(dir.resolve("hosts.csv"), "ip,name\n10.0.0.1,a\n");
        assertThatThrownBy(() -> IntelFormat.detect(other))
                .isInstanceOf(BadInputException.class)
                .hasMessage(other + ": not a KEV (JSON/CSV), EPSS (CSV) or NVD (JSON) file");
    }
}
