package io.regalia.ingest.intel;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** The third-party sample feeds under regalia.shared, and this module's own fixtures. */
final class SharedData {
    private SharedData() {}

    static Path intel(String name) {
        Path file = Path.of(System.getProperty("regalia.shared", "../../shared"), "data", "intel", name);
        if (!Files.isRegularFile(file)) throw new IllegalStateException("sample data missing: " + file.toAbsolutePath());
        return file;
    }

    static Path fixture(String name) {
        try {
            return Path.of(SharedData.class.getResource("/intel/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("fixture missing: " + name, e);
        }
    }

    static Path gzip(Path source, Path target) {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(target))) {
            Files.copy(source, out);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path write(Path target, String content) {
        try {
            return Files.writeString(target, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
