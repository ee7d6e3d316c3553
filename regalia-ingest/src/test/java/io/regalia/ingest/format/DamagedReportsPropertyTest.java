package io.regalia.ingest.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.regalia.core.report.BadInputException;
import io.regalia.ingest.Samples;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

/**
 * A real report, damaged the way files get damaged (bytes cut out, repeated, overwritten with markup or
 * text, a number replaced), is either read or refused with a one-line error naming the file; never a crash of another kind,
 * which would be reported as an internal error.
 */
class DamagedReportsPropertyTest {
    private static final List<String> INSERTS = List.of("<", ">", "</", "/>", "\"", "'", "{", "}", "[", "]", ",", ":", "\n",
            "\r\n", "\\u0000", "\\ud800", "&", "&amp;", "&#0;", "&#xD800;", "<![CDATA[", "]]>", "<!--", "-->", "\\", "\\u",
            "null", "-1", "0", "1e999", "99999999999999999999", "NaN", "2026-02-30T25:61:00Z", "1970", "é", "\uFFFD", "\u0000",
            "\t", ";", "=", "a", " ");

    private Path dir;

    @BeforeProperty
    void makeDirectory() throws IOException {
        dir = Files.createTempDirectory("damaged");
    }

    @AfterProperty
    void removeDirectory() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) Files.delete(f);
        }
        Files.delete(dir);
    }

    @Property(tries = 500)
    void shouldReadADamagedReportOrRefuseItOnOneLine(@ForAll("samples") String sample, @ForAll("damage") List<Damage> damage) {
        byte[] bytes = read(Samples.data(sample));
        for (Damage d : damage) bytes = d.apply(bytes);
        Path file = dir.resolve(Path.of(sample).getFileName());
        write(file, bytes);

        Throwable thrown = catchThrowable(() -> Formats.detect(file).read(file, event -> { }));

        if (thrown == null) return;
        assertThat(thrown).as(damage.toString()).isInstanceOf(BadInputException.class);
        assertThat(thrown.getMessage()).as(damage.toString()).startsWith(file.toString()).doesNotContain("\n", "\r");
    }

    /** One change to the bytes at a fraction of the file's length. */
    sealed interface Damage {
        byte[] apply(byte[] bytes);

        static int at(byte[] bytes, double where) { return (int) Math.min(bytes.length, Math.floor(where * bytes.length)); }
    }

    record Cut(double where, int length) implements Damage {
        public byte[] apply(byte[] b) {
            int from = Damage.at(b, where), to = Math.min(b.length, from + length);
            byte[] out = new byte[b.length - (to - from)];
            System.arraycopy(b, 0, out, 0, from);
            System.arraycopy(b, to, out, from, b.length - to);
            return out;
        }
    }

    record Repeat(double where, int length) implements Damage {
        public byte[] apply(byte[] b) {
            int from = Damage.at(b, where), to = Math.min(b.length, from + length);
            byte[] out = new byte[b.length + (to - from)];
            System.arraycopy(b, 0, out, 0, to);
            System.arraycopy(b, from, out, to, b.length - from);
            return out;
        }
    }

    record Insert(double where, String text) implements Damage {
        public byte[] apply(byte[] b) {
            int at = Damage.at(b, where);
            return spliced(b, at, at);
        }

        /** The bytes with {@code [from, to)} replaced by the text. */
        byte[] spliced(byte[] b, int from, int to) {
            byte[] t = text.getBytes(StandardCharsets.UTF_8);
            byte[] out = new byte[b.length - (to - from) + t.length];
            System.arraycopy(b, 0, out, 0, from);
            System.arraycopy(t, 0, out, from, t.length);
            System.arraycopy(b, to, out, from + t.length, b.length - to);
            return out;
        }
    }

    /** The first run of digits from {@code where} on replaced by {@code text}: a number, port or date gone wrong. */
    record Digits(double where, String text) implements Damage {
        public byte[] apply(byte[] b) {
            int from = Damage.at(b, where);
            while (from < b.length && !Character.isDigit(b[from])) from++;
            int to = from;
            while (to < b.length && Character.isDigit(b[to])) to++;
            return new Insert(where, text).spliced(b, from, to);
        }
    }

    record Overwrite(double where, int value) implements Damage {
        public byte[] apply(byte[] b) {
            if (b.length == 0) return b;
            byte[] out = b.clone();
            out[Math.min(b.length - 1, Damage.at(b, where))] = (byte) value;
            return out;
        }
    }

    @Provide
    Arbitrary<String> samples() {
        return Arbitraries.of(FormatsTest.SAMPLES.keySet());
    }

    @Provide
    Arbitrary<List<Damage>> damage() {
        Arbitrary<Double> where = Arbitraries.doubles().between(0, 1);
        Arbitrary<Integer> length = Arbitraries.integers().between(1, 64);
        Arbitrary<Damage> one = Arbitraries.oneOf(
                Combinators.combine(where, length).as(Cut::new),
                Combinators.combine(where, length).as(Repeat::new),
                Combinators.combine(where, Arbitraries.of(INSERTS)).as(Insert::new),
                Combinators.combine(where, Arbitraries.of(INSERTS)).as(Digits::new),
                Combinators.combine(where, Arbitraries.integers().between(0, 255)).as(Overwrite::new));
        return one.list().ofMinSize(1).ofMaxSize(4);
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
