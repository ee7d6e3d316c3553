package io.regalia.store.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's entry point to its PostgreSQL: a connection pool on a migrated schema, with Jdbi on top.
 * Opening runs the pending Flyway migrations ({@code classpath:db/migration}); closing closes the pool, then
 * the embedded server if this database was opened on one.
 */
public final class Database implements AutoCloseable {
    /** Oldest PostgreSQL major version Regalia supports. */
    public static final int MIN_MAJOR_VERSION = 14;
    static final String POOL_NAME = "regalia";
    static final String MIGRATIONS = "classpath:db/migration";
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final EmbeddedDatabase embedded;

    private Database(HikariDataSource dataSource, EmbeddedDatabase embedded) {
        this.dataSource = dataSource;
        this.embedded = embedded;
        this.jdbi = StorableArguments.install(Jdbi.create(dataSource).installPlugin(new PostgresPlugin()));
    }

    /** Opens the embedded server of an {@link DatabaseLocation.Embedded} location, or connects to an external one. */
    public static Database open(DatabaseLocation location) {
        if (location instanceof DatabaseLocation.Embedded e) {
            return open(EmbeddedDatabase.open(e.dataDir()));
        }
        if (location instanceof DatabaseLocation.External e) {
            return connect(e.url());
        }
        throw new IllegalArgumentException("unknown database location " + location);
    }

    /** Uses an embedded server; the returned database closes it when closed, even if opening fails. */
    public static Database open(EmbeddedDatabase embedded) {
        try {
            return create(new PostgresUrl(embedded.jdbcUrl(), embedded.user(), null), embedded);
        } catch (RuntimeException e) {
            embedded.close();
            throw e;
        }
    }

    /**
     * Connects to a server by {@code postgresql://user:password@host:port/db} or {@code jdbc:postgresql://…} URL.
     *
     * @throws io.regalia.core.report.BadInputException if the URL is not a PostgreSQL URL
     * @throws DatabaseException if the server cannot be reached, is older than {@value #MIN_MAJOR_VERSION}, or
     *     a migration fails
     */
    public static Database connect(String url) {
        return create(PostgresUrl.parse(url, "database URL"), null);
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        try {
            dataSource.close();
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    private static Database create(PostgresUrl url, EmbeddedDatabase embedded) {
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(poolConfig(url));
        } catch (RuntimeException e) {
            throw new DatabaseException("cannot connect to " + url.redactedJdbcUrl() + ": " + rootMessage(e), e);
        }
        try {
            requireSupportedVersion(pool, url);
            migrate(pool, url);
            LOG.info("Connected to {}", url.redactedJdbcUrl());
            return new Database(pool, embedded);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    private static HikariConfig poolConfig(PostgresUrl url) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(POOL_NAME);
        config.setJdbcUrl(url.jdbcUrl());
        if (url.user() != null) {
            config.setUsername(url.user());
        }
        if (url.password() != null) {
            config.setPassword(url.password());
        }
        // Imports and the server share a few connections; set-based SQL keeps each busy, not numerous.
        config.setMaximumPoolSize(8);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(30_000);
        return config;
    }

    private static void requireSupportedVersion(DataSource pool, PostgresUrl url) {
        try (Connection c = pool.getConnection();
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery(
                     "SELECT current_setting('server_version_num')::int, current_setting('server_version')")) {
            r.next();
            requireSupportedVersion(r.getInt(1), r.getString(2), url.redactedJdbcUrl());
        } catch (SQLException e) {
            throw new DatabaseException("cannot query the version of " + url.redactedJdbcUrl() + ": " + e.getMessage(),
                    e);
        }
    }

    static void requireSupportedVersion(int versionNum, String version, String where) {
        int major = versionNum / 10_000;
        if (major < MIN_MAJOR_VERSION) {
            throw new DatabaseException(where + " runs PostgreSQL " + major + " (" + version
                    + "); Regalia needs PostgreSQL " + MIN_MAJOR_VERSION + " or newer");
        }
    }

    private static void migrate(DataSource pool, PostgresUrl url) {
        try {
            Flyway.configure(Database.class.getClassLoader())
                    .dataSource(pool)
                    .locations(MIGRATIONS)
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new DatabaseException("cannot migrate the schema of " + url.redactedJdbcUrl() + ": " + e.getMessage(),
                    e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    @Override
    public String toString() {
        return embedded != null ? embedded.toString() : "PostgreSQL at " + PostgresUrl.redact(dataSource.getJdbcUrl());
    }
}
