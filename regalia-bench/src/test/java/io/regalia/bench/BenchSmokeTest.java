package io.regalia.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.regalia.ingest.demo.DemoSpec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every scenario at toy size, end to end on real embedded PostgreSQL servers; outputs checked, never times. */
class BenchSmokeTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 3, 2);

    @TempDir Path dir;

    @Test
    void shouldRunEveryScenarioEndToEndWithConsistentOutputs() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Printout out = new Printout(new PrintStream(printed, true, StandardCharsets.UTF_8));

        try (Sandbox sandbox = Sandbox.open(dir, false)) {
            ImportScenario.Result imported = ImportScenario.run(sandbox, new DemoSpec(300, 7, TODAY, 10, 5), out);
            assertThat(imported.readHosts()).isEqualTo(300);
            assertThat(imported.summary().hosts()).isEqualTo(300);
            assertThat(imported.summary().detections()).isPositive().isLessThanOrEqualTo(imported.readDetections());
            assertThat(imported.copy().rows()).isEqualTo(imported.summary().detections());
            double phases = imported.breakdown().entrySet().stream()
                    .filter(e -> !e.getKey().startsWith(ImportScenario.PART_OF_ABOVE)).mapToDouble(Map.Entry::getValue).sum();
            assertThat(phases).isCloseTo(imported.importSeconds(), org.assertj.core.data.Offset.offset(1e-6));
            assertThat(imported.breakdown()).containsKey("merge assets");

            RescoreScenario.Result rescored = RescoreScenario.run(sandbox, 1, false, out);
            assertThat(rescored.assets()).isEqualTo(imported.summary().assetsCreated());
            assertThat(rescored.scoredAssets()).isPositive();
            assertThat(rescored.mismatches()).isZero();
            assertThat(rescored.mismatchesAfterWriting()).isZero();
            assertThat(rescored.enginePlan()).anyMatch(l -> l.startsWith("Execution Time:"));
            assertThat(rescored.handPlan()).anyMatch(l -> l.startsWith("Execution Time:"));
        }

        for (ScanFiles.Kind kind : ScanFiles.Kind.values()) {
            try (Sandbox sandbox = Sandbox.open(dir, false)) {
                ScanScenario.Result scanned = ScanScenario.run(sandbox, kind, new ScanFiles.Spec(100, 10, 7, TODAY), out);
                assertThat(scanned.fileDetections()).isEqualTo(1_000);
                assertThat(scanned.readDetections()).isEqualTo(1_000);
                assertThat(scanned.summary().hosts()).isEqualTo(100);
                assertThat(scanned.summary().assetsCreated()).isEqualTo(100);
                assertThat(scanned.summary().detections()).isEqualTo(1_000);
                assertThat(scanned.copy().rows()).isEqualTo(1_000);
                assertThat(scanned.shapedCopy().rows()).isEqualTo(1_000);
                assertThat(scanned.elements()).isGreaterThan(1_000);
                assertThat(scanned.peakHeapBytes()).isPositive();
                // a week later every detection is seen again: none created, none left new
                assertThat(scanned.weekLater().summary().assetsCreated()).isZero();
                assertThat(scanned.weekLater().summary().detections()).isEqualTo(1_000);
                assertThat(scanned.weekLater().summary().byStatus()).containsEntry("NEW", 0L);
            }
        }
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("scores identical", "yes (", "import rate / COPY rate",
                "week-later import time / first import time");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void shouldEvaluateEveryTagRuleOnAllAndOnTouchedAssetsConsistently() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Printout out = new Printout(new PrintStream(printed, true, StandardCharsets.UTF_8));
        TagScenario.Options options = new TagScenario.Options();
        options.touched = 100;
        options.repeat = 1;
        options.batch = 150;

        try (Sandbox sandbox = Sandbox.open(dir, false)) {
            TagScenario.Result r = TagScenario.run(sandbox, new DemoSpec(400, 7, TODAY, 5, 30), options, out);
            assertThat(r.assets()).isEqualTo(400);
            assertThat(r.softwareRows()).isGreaterThan(400L * 20);
            assertThat(r.rules()).hasSize(25);
            assertThat(r.rules().subList(0, 5)).extracting(f -> f.rule().name()).containsExactly("Server Criticality 3",
                    "Server Criticality 5", "AWS Public Instances", "OpenSSL", "Production Databases");
            assertThat(r.rules()).extracting(f -> f.rule().type()).contains("GLOBAL_ASSET_VIEW", "NAME_CONTAINS", "OS_REGEX",
                    "NETWORK_RANGE", "OPEN_PORTS", "INSTALLED_SOFTWARE", "VULN_EXIST", "CLOUD_ASSET");
            for (TagScenario.RuleFigures f : r.rules()) {
                if (f.searchMatches() >= 0) assertThat(f.members()).as(f.rule().name()).isEqualTo(f.searchMatches());
                assertThat(f.changesOnReevaluation()).as(f.rule().name()).isZero();
            }
            assertThat(r.rules().get(0).members()).isPositive();
            assertThat(r.rules().get(3).members()).isPositive();
            assertThat(r.rules().stream().filter(f -> f.members() > 0).count()).isGreaterThanOrEqualTo(20);
            assertThat(r.touchedAssets()).isEqualTo(100);
            assertThat(r.unchanged().moved()).isZero();
            assertThat(r.changed().moved()).isPositive();
            assertThat(r.plans()).extracting(TagScenario.Plan::tag)
                    .containsExactlyInAnyOrderElementsOf(r.rules().stream().map(f -> f.rule().name()).toList());
            assertThat(r.plans()).allMatch(p -> p.lines().get(0).contains("(actual time="))
                    .allMatch(p -> p.lines().stream().anyMatch(l -> l.contains("Insert on asset_tag")))
                    .allMatch(p -> p.lines().stream().anyMatch(l -> l.contains("Delete on asset_tag")));
            assertThat(r.touchedPlans()).hasSize(25).allMatch(p -> p.lines().get(0).contains("Nested Loop"));
        }
        assertThat(TagScenario.rules(7)).isEqualTo(TagScenario.rules(7)).isNotEqualTo(TagScenario.rules(8));
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("slowest rule on all assets", "touched assets, unchanged",
                "CTE matching");
        assertThat(dir).isEmptyDirectory();

        ByteArrayOutputStream help = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(help, true, StandardCharsets.UTF_8);
        assertThat(Bench.execute(new String[] {"tags", "--help"}, stream, stream)).isZero();
        assertThat(help.toString(StandardCharsets.UTF_8)).contains("--touched", "--assets", "Average software entries per asset (default: 100)");
    }
}
