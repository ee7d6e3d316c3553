package io.regalia.ingest.xml;

import io.regalia.core.model.DetectionObservation;
import io.regalia.core.model.ExploitMaturity;
import io.regalia.core.model.Protocol;
import io.regalia.core.model.VulnerabilityInfo;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FindingDraftTest {

    private final RecordingSink sink = new RecordingSink();
    private final ReportStream report = new ReportStream(sink, "test", "Test");
    private final SourcePosition here = SourcePosition.fixed("f.xml:7:3", report);

    private FindingDraft draft() {
        return new FindingDraft(here, "test:1");
    }

    private VulnerabilityInfo vuln(FindingDraft draft) {
        return draft.build().vulnerability();
    }

    @Test
    void shouldNormaliseNessusStyleV2VectorsToThePlainForm() {
        assertThat(vuln(draft().cvssVector("CVSS2#AV:N/AC:L/Au:N/C:P/I:P/A:P")).cvss2()).isEqualTo("AV:N/AC:L/Au:N/C:P/I:P/A:P");
        assertThat(vuln(draft().cvssVector("(AV:N/AC:L/Au:N/C:P/I:P/A:P)")).cvss2()).isEqualTo("AV:N/AC:L/Au:N/C:P/I:P/A:P");
    }

    @Test
    void shouldSortVectorsByVersion() {
        VulnerabilityInfo v = vuln(draft()
                .cvssVector("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")
                .cvssVector("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N")
                .cvssVector("AV:L/AC:L/Au:N/C:C/I:C/A:C"));

        assertThat(v.cvss2()).isEqualTo("AV:L/AC:L/Au:N/C:C/I:C/A:C");
        assertThat(v.cvss3()).isEqualTo("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
        assertThat(v.cvss4()).startsWith("CVSS:4.0/AV:N");
    }

    @Test
    void shouldAppendTemporalMetricsSoTheExploitMaturityIsKept() {
        VulnerabilityInfo v = vuln(draft()
                .cvssTemporal("CVSS:3.0/E:H/RL:O/RC:C")
                .cvssVector("CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H")
                .cvssTemporal("CVSS2#E:F/RL:OF/RC:C")
                .cvssVector("CVSS2#AV:N/AC:L/Au:N/C:P/I:N/A:N"));

        assertThat(v.cvss3()).isEqualTo("CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H/E:H/RL:O/RC:C");
        assertThat(v.cvss2()).isEqualTo("AV:N/AC:L/Au:N/C:P/I:N/A:N/E:F/RL:OF/RC:C");
    }

    @Test
    void shouldWarnAndDropAMalformedVector() {
        VulnerabilityInfo v = vuln(draft().cvssVector("CVSS:3.1/AV:N/AC:L").cvssScore(3, 7.5));

        assertThat(v.cvss3()).isNull();
        assertThat(v.cvssScore()).isEqualTo(7.5);
        report.finish();
        assertThat(sink.warnings()).singleElement().satisfies(w -> {
            assertThat(w.where()).isEqualTo("f.xml:7:3");
            assertThat(w.message()).contains("malformed CVSS vector 'CVSS:3.1/AV:N/AC:L'");
        });
    }

    @Test
    void shouldKeepTheScannerScoreOnlyWhenNoVectorOfThatVersionOrNewerIsKnown() {
        assertThat(vuln(draft().cvssScore(3, 8.1).cvssVector("CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H")).cvssScore()).isNull();
        assertThat(vuln(draft().cvssScore(3, 8.1).cvssVector("AV:N/AC:L/Au:N/C:P/I:P/A:P")).cvssScore()).isEqualTo(8.1);
        assertThat(vuln(draft().cvssScore(2, 5.0).cvssScore(0, 9.0)).cvssScore()).isEqualTo(5.0);
        assertThat(vuln(draft().cvssScore(0, 9.0)).cvssScore()).isEqualTo(9.0);
    }

    @Test
    void shouldReadEpssPercentagesAsProbabilities() {
        assertThat(vuln(draft().epss(42.0)).hints().epss()).isEqualTo(0.42);
        assertThat(vuln(draft().epss(0.97)).hints().epss()).isEqualTo(0.97);
        assertThat(vuln(draft().epss(250.0)).hints().epss()).isNull();
    }

    @Test
    void shouldKeepTheHighestExploitMaturity() {
        VulnerabilityInfo v = vuln(draft().maturity(ExploitMaturity.WEAPONIZED).maturity(ExploitMaturity.FUNCTIONAL).malware(true));

        assertThat(v.hints().maturity()).isEqualTo(ExploitMaturity.WEAPONIZED);
        assertThat(v.hints().malware()).isTrue();
    }

    @Test
    void shouldCutLongResultsAndMarkTheCut() {
        DetectionObservation d = draft().results("x".repeat(100_000)).build();

        assertThat(d.results()).hasSize(FindingDraft.MAX_RESULTS_CHARS).endsWith("[truncated]");
        assertThat(draft().results("short").build().results()).isEqualTo("short");
    }

    @Test
    void shouldDropTheProtocolOfAFindingThatIsNotOnAPort() {
        assertThat(draft().port(0, Protocol.TCP).build().protocol()).isNull();
        assertThat(draft().port(443, Protocol.TCP).build().protocol()).isEqualTo(Protocol.TCP);
    }

    @Test
    void shouldCollectDistinctCveIdsFromAnyText() {
        assertThat(FindingDraft.cveIds("cve-2021-44228, CVE-2021-45046 and CVE-2021-44228; NOCVE"))
                .containsExactly("CVE-2021-44228", "CVE-2021-45046");
    }

    @Test
    void shouldMapScoresToSeverityBands() {
        assertThat(FindingDraft.severityOfScore(0)).isEqualTo(1);
        assertThat(FindingDraft.severityOfScore(3.9)).isEqualTo(2);
        assertThat(FindingDraft.severityOfScore(4.0)).isEqualTo(3);
        assertThat(FindingDraft.severityOfScore(7.0)).isEqualTo(4);
        assertThat(FindingDraft.severityOfScore(9.0)).isEqualTo(5);
    }
}
