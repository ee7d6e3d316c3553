package io.regalia.bench;

import io.regalia.app.Regalia;
import io.regalia.store.db.Database;
import io.regalia.store.db.EmbeddedDatabase;
import com.zaxxer.hikari.HikariDataSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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
    private long logMark = -1;

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

    /**
     * Has PostgreSQL log the plan, with actual times, of every statement slower than {@code minSeconds}
     * (auto_explain, loaded into every new session of the Regalia database). Instrumentation slows those
     * statements down: a diagnostic, not a measurement. Connections already pooled are replaced.
     */
    void explainSlowStatements(int minSeconds) {
        database().jdbi().useHandle(h -> {
            h.execute("ALTER DATABASE regalia SET session_preload_libraries = 'auto_explain'");
            h.execute("ALTER DATABASE regalia SET auto_explain.log_min_duration = '" + minSeconds + "s'");
            h.execute("ALTER DATABASE regalia SET auto_explain.log_analyze = on");
            h.execute("ALTER DATABASE regalia SET auto_explain.log_buffers = on");
            h.execute("ALTER DATABASE regalia SET auto_explain.log_triggers = on");
        });
        ((HikariDataSource) database().dataSource()).getHikariPoolMXBean().softEvictConnections();
        logMark = logSize();
    }

    /** Plans auto_explain logged since {@link #explainSlowStatements}, each headed by its statement's name. */
    List<String> slowPlans() {
        Path log = dir.resolve("data").resolve("postgres.log");
        if (logMark < 0 || !Files.exists(log)) return List.of();
        List<String> out = new ArrayList<>();
        try (var lines = new BufferedReader(new InputStreamReader(Files.newInputStream(log), StandardCharsets.UTF_8))) {
            lines.skip(logMark);
            boolean inPlan = false, inQuery = false;
            StringBuilder query = new StringBuilder();
            String header = null;
            for (String line; (line = lines.readLine()) != null; ) {
                if (line.contains("duration:") && line.contains("plan:")) {
                    inPlan = true;
                    inQuery = false;
                    header = line.substring(line.indexOf("duration:"));
                    query.setLength(0);
                } else if (inPlan && line.startsWith("\t")) {
                    String text = line.substring(1);
                    if (text.startsWith("Query Text:")) {
                        inQuery = true;
                        query.append(text.substring("Query Text:".length()).strip()).append('\n');
                    } else if (inQuery && !text.contains("(cost=") && !text.contains("(actual")) {
                        query.append(text).append('\n');
                    } else {
                        if (inQuery) out.add(statements.label(query.toString()) + ", " + header);
                        inQuery = false;
                        out.add("  " + text);
                    }
                } else {
                    inPlan = false;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private long logSize() {
        try {
            Path log = dir.resolve("data").resolve("postgres.log");
            return Files.exists(log) ? Files.size(log) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where generated input and exported rows go. */
    Path file(String name) { return dir.resolve("files").resolve(name); }

    /** The size of a file written here. */
    static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

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
