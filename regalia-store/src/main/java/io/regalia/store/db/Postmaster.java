package io.regalia.store.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL server process of one data directory: finding a running one, starting one from the
 * bundled binaries, stopping one. Callers hold the {@link DataDirLock}.
 */
final class Postmaster {
    static final String USER = "postgres";
    static final String DATABASE = "regalia";
    private static final Logger LOG = LoggerFactory.getLogger(Postmaster.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(120);
    private static final String ZONKY_LOCK = "epg-lock";

    private Postmaster() {
    }

    /**
     * The port of the server running in {@code pgDir}, waiting while it starts up or shuts down; empty if
     * none runs, after clearing the lock file a dead server left behind.
     */
    static OptionalInt running(Path pgDir) {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (true) {
            Optional<PostmasterPid> found = PostmasterPid.read(pgDir);
            if (found.isEmpty()) {
                return OptionalInt.empty();
            }
            PostmasterPid pid = found.get();
            if (pid.alive()) {
                if (pid.port() > 0 && accepts(pid.port())) {
                    return OptionalInt.of(pid.port());
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new DatabaseException("PostgreSQL (pid " + pid.pid() + ") in " + pgDir
                            + " does not accept connections on port " + pid.port() + " after "
                            + READY_TIMEOUT.toSeconds() + " s");
                }
            } else if (!pid.sharedMemoryInUse()) {
                // PostgreSQL would refuse a lock file whose pid is a zombie or was reused: remove it and let
                // the next start replay the WAL.
                LOG.warn("PostgreSQL in {} stopped without shutting down (pid {}); recovering", pgDir, pid.pid());
                deleteIfExists(pgDir.resolve(PostmasterPid.FILE));
                return OptionalInt.empty();
            } else if (Instant.now().isAfter(deadline)) {
                throw new DatabaseException("processes of a crashed PostgreSQL still use " + pgDir
                        + "; stop the remaining 'postgres' processes and retry");
            }
            sleep(200);
        }
    }

    /** Starts a durable server in {@code pgDir} (initialized on first use) and creates the Regalia database. */
    static PostmasterPid start(Path pgDir, Path log) {
        // zonky locks <pg>/epg-lock for as long as its JVM lives; our DataDirLock is what guards the data
        // directory, so a lock left by an earlier starter (this JVM or another) must not block a new start.
        deleteIfExists(pgDir.resolve(ZONKY_LOCK));
        LOG.info("Starting PostgreSQL in {}", pgDir);
        try {
            EmbeddedPostgres.builder()
                    .setDataDirectory(pgDir)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    // zonky starts postgres with -F (fsync off) and asynchronous commit: this server holds real data
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("listen_addresses", "localhost")
                    .setServerConfig("max_connections", "100")
                    // same ordering and case rules on every machine, whatever its locale (applied by initdb)
                    .setLocaleConfig("locale-provider", "builtin")
                    .setLocaleConfig("builtin-locale", "C.UTF-8")
                    .setLocaleConfig("locale", "C")
                    // the server outlives this JVM, so its output must not go to a pipe we own
                    .setOutputRedirector(Redirect.appendTo(log.toFile()))
                    .setErrorRedirector(Redirect.appendTo(log.toFile()))
                    .setPGStartupWait(READY_TIMEOUT)
                    .start();
        } catch (IOException | RuntimeException e) {
            throw new DatabaseException("cannot start PostgreSQL in " + pgDir + ": " + e.getMessage()
                    + " (see " + log + ")", e);
        }
        PostmasterPid pid = PostmasterPid.read(pgDir)
                .orElseThrow(() -> new DatabaseException("PostgreSQL in " + pgDir + " started but wrote no "
                        + PostmasterPid.FILE));
        createDatabase(pid.port());
        LOG.info("PostgreSQL {} listens on localhost:{} (pid {})", pgDir, pid.port(), pid.pid());
        return pid;
    }

    /** Stops the server running in {@code pgDir} (fast shutdown: clients are disconnected); false if none ran. */
    static boolean stop(Path pgDir) {
        Optional<PostmasterPid> found = PostmasterPid.read(pgDir);
        if (found.isEmpty() || !found.get().alive()) {
            return false;
        }
        PostmasterPid pid = found.get();
        Optional<Path> pgCtl = binaries(pgDir).map(bin -> bin.resolve("pg_ctl")).filter(Files::isExecutable);
        if (pgCtl.isPresent()) {
            List<String> command = new ArrayList<>();
            if (LinuxUtils.isUnshareAvailable()) {
                // as zonky started it: pg_ctl refuses to run as root, but not in a user namespace
                command.addAll(List.of("unshare", "-U"));
            }
            command.addAll(List.of(pgCtl.get().toString(), "-D", pgDir.toString(), "stop", "-m", "fast", "-w",
                    "-t", Long.toString(STOP_TIMEOUT.toSeconds())));
            String failure = runPgCtl(command);
            if (failure != null && pid.alive()) {
                throw new DatabaseException("cannot stop PostgreSQL (pid " + pid.pid() + ") in " + pgDir + ": "
                        + failure);
            }
        } else {
            // The binaries it was started from are gone (temp directory cleaned): SIGTERM is a smart shutdown.
            LOG.warn("pg_ctl for {} not found; asking PostgreSQL (pid {}) to shut down", pgDir, pid.pid());
            ProcessHandle.of(pid.pid()).ifPresent(ProcessHandle::destroy);
        }
        Instant deadline = Instant.now().plus(STOP_TIMEOUT);
        while (pid.alive()) {
            if (Instant.now().isAfter(deadline)) {
                throw new DatabaseException("PostgreSQL (pid " + pid.pid() + ") in " + pgDir + " did not stop within "
                        + STOP_TIMEOUT.toSeconds() + " s");
            }
            sleep(100);
        }
        LOG.info("Stopped PostgreSQL in {}", pgDir);
        return true;
    }

    /** Client connections other than this one and those named {@code ownApplication}. */
    static int otherClients(int port, String ownApplication) throws SQLException {
        try (Connection c = connect(port, "postgres");
             PreparedStatement s = c.prepareStatement("""
                     SELECT count(*) FROM pg_stat_activity
                     WHERE backend_type = 'client backend'
                       AND pid <> pg_backend_pid()
                       AND application_name IS DISTINCT FROM ?""")) {
            s.setString(1, ownApplication);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    static String jdbcUrl(int port, String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    private static boolean accepts(int port) {
        try (Connection c = connect(port, "postgres"); Statement s = c.createStatement()) {
            s.execute("SELECT 1");
            return true;
        } catch (SQLException e) {
            LOG.debug("PostgreSQL on port {} does not accept connections yet: {}", port, e.getMessage());
            return false;
        }
    }

    /** Creates the Regalia database unless it exists: a start may have been cut short before doing so. */
    static void createDatabase(int port) {
        try (Connection c = connect(port, "postgres");
             PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, DATABASE);
            try (ResultSet r = exists.executeQuery()) {
                if (r.next()) {
                    return;
                }
            }
            try (Statement create = c.createStatement()) {
                create.execute("CREATE DATABASE " + DATABASE);
            }
        } catch (SQLException e) {
            throw new DatabaseException("cannot create database " + DATABASE + " on localhost:" + port + ": "
                    + e.getMessage(), e);
        }
    }

    private static Connection connect(int port, String database) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", USER);
        p.setProperty("connectTimeout", "5");
        p.setProperty("socketTimeout", "30");
        p.setProperty("ApplicationName", "regalia-embedded-control");
        return DriverManager.getConnection(jdbcUrl(port, database), p);
    }

    /** The bin directory of the binaries the server was started from, per {@code postmaster.opts}. */
    private static Optional<Path> binaries(Path pgDir) {
        try {
            List<String> lines = Files.readAllLines(pgDir.resolve("postmaster.opts"), StandardCharsets.UTF_8);
            if (lines.isEmpty() || lines.get(0).isBlank()) {
                return Optional.empty();
            }
            String first = lines.get(0).strip();
            String executable = first.startsWith("\"")
                    ? first.substring(1, Math.max(1, first.indexOf('"', 1)))
                    : first.split("\\s+")[0];
            return Optional.ofNullable(Path.of(executable).getParent());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Runs pg_ctl to completion (it gives up by itself after -t seconds); its output if it failed, else null. */
    private static String runPgCtl(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.waitFor() == 0 ? null : output;
        } catch (IOException e) {
            throw new DatabaseException("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatabaseException("interrupted while stopping PostgreSQL", e);
        }
    }

    private static void deleteIfExists(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new DatabaseException("cannot delete " + file + ": " + e.getMessage(), e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatabaseException("interrupted while waiting for PostgreSQL", e);
        }
    }
}
