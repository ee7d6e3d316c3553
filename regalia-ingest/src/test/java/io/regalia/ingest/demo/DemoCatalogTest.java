package io.regalia.ingest.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.regalia.core.model.DetectionType;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import us.springett.cvss.Cvss;

class DemoCatalogTest {
    static final List<CatalogEntry> ENTRIES = CatalogEntry.ALL;

    @Test
    void shouldHoldBetweenThreeAndSixHundredOddEntriesWithUniqueKeysAndQids() {
        assertThat(ENTRIES.size()).isBetween(300, 620);
        Set<String> keys = new HashSet<>();
        Set<Long> qids = new HashSet<>();
        for (CatalogEntry e : ENTRIES) {
            assertThat(keys.add(e.info().key())).as(e.info().key()).isTrue();
            assertThat(qids.add(e.info().qid())).isTrue();
            assertThat(e.info().key()).isEqualTo("qualys:" + e.info().qid());
        }
    }

    @Test
    void shouldUseWellFormedCveIdsAndOneQidPerCveSet() {
        Set<Set<String>> sets = new HashSet<>();
        for (CatalogEntry e : ENTRIES) {
            assertThat(e.info().cves()).allMatch(c -> c.matches("CVE-(199\\d|20[0-2]\\d)-\\d{4,7}")).doesNotHaveDuplicates();
            if (!e.info().cves().isEmpty()) assertThat(sets.add(Set.copyOf(e.info().cves()))).as(e.info().title()).isTrue();
        }
    }

    @Test
    void shouldGiveSeveritiesThatMatchTheCvssBaseScore() {
        for (CatalogEntry e : ENTRIES) {
            if (e.type() == DetectionType.INFO) {
                assertThat(e.info().severity()).isBetween(1, 2);
                assertThat(e.info().cvss3()).isNull();
                continue;
            }
            assertThat(e.info().cvss3()).startsWith("CVSS:3.1/");
            double score = Cvss.fromVector(e.info().cvss3()).calculateScore().getBaseScore();
            int expected = score >= 9.0 ? 5 : score >= 7.0 ? 4 : score >= 4.0 ? 3 : 2;
            assertThat(e.info().severity()).as(e.info().title() + " " + score).isEqualTo(expected);
        }
    }

    @Test
    void shouldPutAboutAThirdOfItsCvesInTheKnownExploitedCatalog() {
        Set<String> cves = ENTRIES.stream().flatMap(e -> e.info().cves().stream()).collect(Collectors.toCollection(TreeSet::new));
        Set<String> kev = DemoIntel.kevEntries().stream().map(k -> k.cveId()).collect(Collectors.toSet());
        long listed = cves.stream().filter(kev::contains).count();
        assertThat(cves.size()).isGreaterThan(400);
        assertThat(listed / (double) cves.size()).isBetween(0.25, 0.45);
        assertThat(cves).contains("CVE-2021-44228", "CVE-2014-0160", "CVE-2023-4863", "CVE-2024-6387", "CVE-2022-0778", "CVE-2017-0144",
                "CVE-2020-1472", "CVE-2019-0708", "CVE-2021-34527", "CVE-2023-23397");
    }

    @Test
    void shouldBeAbleToRaiseEveryEntryOnSomeAsset() {
        EstateModel model = new EstateModel(LocalDate.of(2035, 1, 1)); // late enough for every end-of-life entry
        Set<Integer> raisable = new HashSet<>();
        for (EstateModel.Candidate[] cs : model.platformCandidates) for (EstateModel.Candidate c : cs) raisable.add(c.entry().index());
        for (EstateModel.Candidate[] cs : model.variantCandidates) for (EstateModel.Candidate c : cs) raisable.add(c.entry().index());
        assertThat(ENTRIES.stream().filter(e -> !raisable.contains(e.index())).map(e -> e.info().title())).isEmpty();
    }

    @Test
    void shouldMatchSoftwareByVersionRange() {
        EstateModel model = new EstateModel(LocalDate.of(2026, 12, 3));
        CatalogEntry heartbleed = ENTRIES.stream().filter(e -> e.info().cves().equals(List.of("CVE-2014-0160"))).findFirst().orElseThrow();
        Set<String> versions = new TreeSet<>();
        for (SoftwareVariant v : SoftwareVariant.ALL) {
            for (EstateModel.Candidate c : model.variantCandidates[v.index()]) if (c.entry() == heartbleed) versions.add(v.product() + " " + v.version());
        }
        assertThat(versions).containsExactly("OpenSSL 1.0.1f");
    }
}
