package io.regalia.app.imports;

import static org.assertj.core.api.Assertions.assertThat;

import io.regalia.app.Cli;
import io.regalia.store.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real samples with values damaged (replaced or joined by markup, odd numbers, dates no database stores,
 * an escaped NUL or half a surrogate pair, long text), imported end to end: each either imports or is refused on one line with exit
 * code 2 and the database as it was; none fails as an internal error. Each case is seeded by its number.
 */
class DamagedImportsTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();
    final Imports imports = new Imports(db);

    private static final List<String> DAMAGE = List.of("<", ">", "\"", "'", "{", "}", "[", "]", ",", ":", "\n", "&amp;",
            "\\u0000", "\\ud800", "\\\\", "null", "-1", "0", "1e999", "99999999999999999999", "NaN", "2026-02-30T25:61:00Z", "1970",
            "0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "é", "\uFFFD", "\t", ";", "=", "a", " ", "", "CVE-", "CVE-1-1",
            "65536", "-0", "1.5", "::", "300.1.1.1", "fe80::1%eth0", "x".repeat(3000));

    static IntStream cases() {
        return IntStream.range(0, 60);
    }

    @ParameterizedTest(name = "damaged sample #{0}")
    @MethodSource("cases")
    void shouldImportADamagedSampleOrRefuseItLeavingTheDatabaseAsItWas(int seed, @TempDir Path dir) throws Exception {
        Random random = new Random(seed);
        SampleReport sample = SampleReport.values()[random.nextInt(SampleReport.values().length)];
        StringBuilder text = new StringBuilder(Files.readString(Imports.sharedData().resolve(sample.path), StandardCharsets.UTF_8));
        for (int n = 1 + random.nextInt(3); n > 0; n--) damage(text, random);
        Path file = Files.writeString(dir.resolve(Path.of(sample.path).getFileName()), text);
        Map<String, String> before = imports.state();

        Cli c = imports.regalia("import", file.toString());

        assertThat(c.exit()).as(c.err()).isIn(0, 2);
        if (c.exit() == 2) {
            assertThat(c.err().strip()).doesNotContain("\n").contains(file.getFileName().toString());
            assertThat(imports.state()).isEqualTo(before);
        }
    }

    /** Replaces the value (letters, digits, '-', '.') at a random place, or inserts before it. */
    private static void damage(StringBuilder text, Random random) {
        int at = random.nextInt(text.length());
        String with = DAMAGE.get(random.nextInt(DAMAGE.size()));
        if (random.nextBoolean()) {
            text.insert(at, with);
            return;
        }
        int from = at;
        while (from < text.length() && !Character.isLetterOrDigit(text.charAt(from))) from++;
        int to = from;
        while (to < text.length() && (Character.isLetterOrDigit(text.charAt(to)) || text.charAt(to) == '-' || text.charAt(to) == '.')) to++;
        text.replace(from, to, with);
    }
}
