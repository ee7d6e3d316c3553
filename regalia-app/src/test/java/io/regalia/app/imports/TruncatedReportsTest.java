package io.regalia.app.imports;

import static org.assertj.core.api.Assertions.assertThat;

import io.regalia.app.Cli;
import io.regalia.store.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A report cut short, as an interrupted download leaves it, is refused whole, with where it broke. */
class TruncatedReportsTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();
    final Imports imports = new Imports(db);

    @ParameterizedTest
    @EnumSource(SampleReport.class)
    void shouldRefuseTheFirstHalfOfTheSampleWithItsLineAndChangeNothing(SampleReport sample, @TempDir Path dir) throws Exception {
        Path file = Imports.sharedData().resolve(sample.path);
        imports.importJson(file);
        Map<String, String> before = imports.state();
        Path cut = dir.resolve(file.getFileName());
        Files.write(cut, firstHalf(Files.readAllBytes(file), sample.format.endsWith("csv")));

        Cli c = imports.regalia("import", cut.toString(), "--json");

        assertThat(c.exit()).as(c.err()).isEqualTo(2);
        assertThat(c.out()).isEmpty();
        assertThat(c.err().strip().lines()).hasSize(1);
        assertThat(c.err()).containsPattern(Pattern.quote(cut.toString()) + ":\\d+");
        if (sample.path.endsWith(".json")) assertThat(c.err()).contains(" at $.");
        assertThat(imports.state()).isEqualTo(before);
        assertThat(imports.count("import")).isEqualTo(1);
    }

    /**
     * The first half of the bytes. A CSV's header row is what says which report it is, and a CSV cut at a line
     * end is indistinguishable from a shorter report: there the cut falls in the middle of its last line.
     */
    static byte[] firstHalf(byte[] bytes, boolean csv) {
        int cut = bytes.length / 2;
        if (csv) {
            int end = bytes.length;
            while (end > 0 && (bytes[end - 1] == '\n' || bytes[end - 1] == '\r')) end--;
            int lastLine = end;
            while (lastLine > 0 && bytes[lastLine - 1] != '\n') lastLine--;
            cut = Math.max(cut, lastLine + (end - lastLine) / 2);
        }
        return Arrays.copyOf(bytes, cut);
    }
}
