package io.regalia.ingest;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Third-party sample files under {@code regalia.shared}, and test fixtures of our own. */
public final class Samples {
    private Samples() {}

    public static Path shared() {
        return Path.of(System.getProperty("regalia.shared", "../shared"));
    }

    /** A sample under {@code data/}; the test is skipped when the shared folder is absent. */
    public static Path data(String relative) {
        Path file = shared().resolve("data").resolve(relative);
        Assumptions.assumeTrue(Files.isRegularFile(file), "sample data not present: " + file);
        return file;
    }

    /** A fixture from this module's test resources, copied to {@code dir} under its own name. */
    public static Path fixture(String name, Path dir) {
        try (InputStream in = Samples.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalArgumentException("no fixture " + name);
            Path file = dir.resolve(name);
            Files.copy(in, file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A copy of the file's first {@code bytes} bytes, as a download cut short would leave it. */
    public static Path truncated(Path file, long bytes, Path dir) {
        try (InputStream in = Files.newInputStream(file)) {
            Path cut = dir.resolve("cut-" + file.getFileName());
            Files.write(cut, in.readNBytes((int) bytes));
            return cut;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path write(Path dir, String name, String content) {
        try {
            return Files.writeString(dir.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
