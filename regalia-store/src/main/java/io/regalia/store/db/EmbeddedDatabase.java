package io.regalia.store.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Regalia's private PostgreSQL in a data directory ({@code <dataDir>/pg}, log in
 * {@code <dataDir>/postgres.log}), shared by every Regalia process using that directory.
 *
 * <p>{@link #open} connects to the server already running there, or starts one (durable: fsync and
 * synchronous commit on, localhost only) and becomes its owner. Closing the owner stops the server unless
 * clients of other processes are still connected; closing a mere user leaves it alone. A server whose
 * starter was killed keeps running and is reused; a server that died is restarted and recovers from its
 * WAL.
 */
public final class EmbeddedDatabase implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
    private static final String PG_DIR = "pg";
    private static final String LOG_FILE = "postgres.log";

    private final Path dataDir;
    private final int port;
    /** pid of the postmaster this object started, or -1 when it connected to a running one. */
    private final long startedPid;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedDatabase(Path dataDir, int port, long startedPid) {
        this.dataDir = dataDir;
        this.port = port;
        this.startedPid = startedPid;
    }

    /** Connects to the server running in {@code dataDir}, starting it (and creating the directory) if needed. */
    public static EmbeddedDatabase open(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new DatabaseException("cannot create data directory " + dir + ": " + e.getMessage(), e);
        }
        try (DataDirLock ignored = DataDirLock.acquire(dir)) {
            Path pg = dir.resolve(PG_DIR);
            OptionalInt running = Postmaster.running(pg);
            if (running.isPresent()) {
                Postmaster.createDatabase(running.getAsInt());
                LOG.info("Using the PostgreSQL already running in {} on port {}", pg, running.getAsInt());
                return new EmbeddedDatabase(dir, running.getAsInt(), -1);
            }
            PostmasterPid started = Postmaster.start(pg, dir.resolve(LOG_FILE));
            return new EmbeddedDatabase(dir, started.port(), started.pid());
        }
    }

    /** Stops the server running in {@code dataDir}, whoever started it; false if none was running. */
    public static boolean stop(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir.resolve(PG_DIR))) {
            return false;
        }
        try (DataDirLock ignored = DataDirLock.acquire(dir)) {
            return Postmaster.stop(dir.resolve(PG_DIR));
        }
    }

    /** JDBC URL of the {@code regalia} database; connections made with it count as this process's own. */
    public String jdbcUrl() {
        return Postmaster.jdbcUrl(port, Postmaster.DATABASE) + "?ApplicationName=" + applicationName();
    }

    /** The superuser the server was initialized with; it authenticates local connections without password. */
    public String user() {
        return Postmaster.USER;
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** True if this object started the server and so stops it on {@link #close()}. */
    public boolean owner() {
        return startedPid > 0;
    }

    /**
     * Stops the server if this object started it and no other process is connected to it; idempotent.
     * Close connections of this process first: they would be cut by the shutdown.
     */
    @Override
    public void close() {
        if (!owner() || !closed.compareAndSet(false, true) || !Files.isDirectory(dataDir)) {
            return;
        }
        try (DataDirLock ignored = DataDirLock.acquire(dataDir)) {
            Path pg = dataDir.resolve(PG_DIR);
            Optional<PostmasterPid> current = PostmasterPid.read(pg);
            if (current.isEmpty() || current.get().pid() != startedPid || !current.get().alive()) {
                return; // stopped, or restarted by someone else since
            }
            int others = otherClients();
            if (others > 0) {
                LOG.info("Leaving PostgreSQL in {} running: {} client connection(s) of other processes are open",
                        pg, others);
                return;
            }
            Postmaster.stop(pg);
        }
    }

    private int otherClients() {
        try {
            return Postmaster.otherClients(port, applicationName());
        } catch (SQLException e) {
            LOG.debug("Cannot list clients of PostgreSQL on port {}: {}", port, e.getMessage());
            return 0;
        }
    }

    private static String applicationName() {
        return "regalia-" + ProcessHandle.current().pid();
    }

    @Override
    public String toString() {
        return "embedded PostgreSQL in " + dataDir + " on port " + port + (owner() ? " (owner)" : "");
    }
}
