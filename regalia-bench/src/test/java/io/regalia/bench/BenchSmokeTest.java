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
            assertThat(imported.breakdown()).containsKey("merge detections");

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
                assertThat(scanned.elements()).isGreaterThan(1_000);
                assertThat(scanned.peakHeapBytes()).isPositive();
            }
        }
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("scores identical", "yes (", "import rate / COPY rate");
        assertThat(dir).isEmptyDirectory();
    }
}
