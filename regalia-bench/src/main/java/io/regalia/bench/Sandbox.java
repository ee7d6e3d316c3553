package io.regalia.bench;

import io.regalia.app.Regalia;
import io.regalia.store.db.Database;
import io.regalia.store.db.EmbeddedDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A throwaway Regalia: a fresh directory holding generated input files and a private embedded PostgreSQL
 * started exactly as production starts it (fsync and synchronous commit on), wired like the CLI. Every
 * statement run through Jdbi is timed by {@link #statements()}. Closing stops the server and deletes the
 * directory unless asked to keep it.
 */
final class Sandbox implements AutoCloseable {
    private final Path dir;
    private final boolean keep;
    private final Regalia regalia;
    private final StatementClock statements = new StatementClock();

    private Sandbox(Path dir, boolean keep, Regalia regalia) {
        this.dir = dir;
        this.keep = keep;
        this.regalia = regalia;
        regalia.database().jdbi().setSqlLogger(statements);
    }

    /** A new sandbox in a new directory under {@code parent}. */
    static Sandbox open(Path parent, boolean keep) {
        Path dir;
        try {
            Files.createDirectories(parent);
            dir = Files.createTempDirectory(parent, "regalia-bench-");
            Files.createDirectories(dir.resolve("files"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Database database = Database.open(EmbeddedDatabase.open(dir.resolve("data")));
        return new Sandbox(dir, keep, Regalia.on(database));
    }

    Regalia regalia() { return regalia; }

    Database database() { return regalia.database(); }

    StatementClock statements() { return statements; }

    /** Where generated input and exported rows go. */
    Path file(String name) { return dir.resolve("files").resolve(name); }

    Path dir() { return dir; }

    @Override
    public void close() {
        regalia.close();
        if (keep) return;
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
