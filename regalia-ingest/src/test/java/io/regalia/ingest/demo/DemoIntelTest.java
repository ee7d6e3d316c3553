package io.regalia.ingest.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.regalia.core.intel.EpssScore;
import io.regalia.core.intel.KevEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DemoIntelTest {
    static Set<String> catalogCves() {
        return CatalogEntry.ALL.stream().flatMap(e -> e.info().cves().stream()).collect(Collectors.toSet());
    }

    @Test
    void shouldListLog4ShellWithItsRealDateAddedAndRansomwareUse() {
        KevEntry log4shell = DemoIntel.kevEntries().stream().filter(k -> k.cveId().equals("CVE-2021-44228")).findFirst().orElseThrow();
        assertThat(log4shell.dateAdded()).isEqualTo(LocalDate.of(2021, 12, 10));
        assertThat(log4shell.vendorProject()).isEqualTo("Apache");
        assertThat(log4shell.ransomware()).isTrue();
    }

    @Test
    void shouldListOnlyCatalogCvesAddedNoLaterThanTheFeedDate() {
        assertThat(DemoIntel.kevEntries()).isNotEmpty().allMatch(k -> catalogCves().contains(k.cveId()))
                .allMatch(k -> !k.dateAdded().isAfter(DemoIntel.feedDate()));
        assertThat(DemoIntel.kevEntries().stream().map(KevEntry::cveId)).doesNotHaveDuplicates();
    }

    @Test
    void shouldAgreeWithTheCisaCatalogItWasTakenFrom() throws IOException {
        Path kevFile = Path.of(System.getProperty("regalia.shared", "../../shared"), "data/intel/known_exploited_vulnerabilities.json");
        assumeTrue(Files.exists(kevFile), "shared sample data not present");
        JsonNode root = new ObjectMapper().readTree(kevFile.toFile());
        Map<String, JsonNode> cisa = new HashMap<>();
        for (JsonNode v : root.get("vulnerabilities")) cisa.put(v.get("cveID").asText(), v);
        for (KevEntry k : DemoIntel.kevEntries()) {
            JsonNode v = cisa.get(k.cveId());
            assertThat(v).as(k.cveId()).isNotNull();
            assertThat(k.dateAdded()).isEqualTo(LocalDate.parse(v.get("dateAdded").asText()));
            assertThat(k.dueDate()).isEqualTo(LocalDate.parse(v.get("dueDate").asText()));
            assertThat(k.ransomware()).isEqualTo(v.get("knownRansomwareCampaignUse").asText().equals("Known"));
            assertThat(k.vendorProject()).isEqualTo(v.get("vendorProject").asText().trim());
        }
        Set<String> listed = DemoIntel.kevEntries().stream().map(KevEntry::cveId).collect(Collectors.toSet());
        assertThat(catalogCves().stream().filter(cisa::containsKey)).allMatch(listed::contains);
        assertThat(DemoIntel.feedDate()).isEqualTo(LocalDate.parse(root.get("dateReleased").asText().substring(0, 10)));
    }

    @Test
    void shouldScoreEveryCatalogCveDeterministicallyWithASkewedDistribution() {
        List<EpssScore> scores = DemoIntel.epssScores();
        assertThat(scores).isEqualTo(DemoIntel.epssScores());
        assertThat(scores.stream().map(EpssScore::cveId).collect(Collectors.toSet())).isEqualTo(catalogCves());
        assertThat(scores).allMatch(s -> s.epss() > 0 && s.epss() <= 1 && s.percentile() >= 0 && s.percentile() <= 1);
        Set<String> kev = DemoIntel.kevEntries().stream().map(KevEntry::cveId).collect(Collectors.toSet());
        List<EpssScore> listed = scores.stream().filter(s -> kev.contains(s.cveId())).toList();
        List<EpssScore> others = scores.stream().filter(s -> !kev.contains(s.cveId())).toList();
        assertThat(others.stream().filter(s -> s.epss() < 0.05).count()).isGreaterThan(others.size() * 3L / 4);
        assertThat(listed).allMatch(s -> s.epss() >= 0.15);
        assertThat(listed.stream().mapToDouble(EpssScore::epss).average().orElseThrow()).isGreaterThan(0.5);
    }

    @Test
    void shouldRankHigherProbabilitiesAtHigherPercentiles() {
        List<EpssScore> sorted = DemoIntel.epssScores().stream().sorted((a, b) -> Double.compare(a.epss(), b.epss())).toList();
        for (int i = 1; i < sorted.size(); i++) assertThat(sorted.get(i).percentile()).isGreaterThanOrEqualTo(sorted.get(i - 1).percentile());
    }
}
