package io.regalia.store.testing;

import io.regalia.store.db.Database;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * A real, migrated PostgreSQL for tests: {@code @RegisterExtension static TestDatabase db = new TestDatabase();}
 *
 * <p>One embedded server per JVM (throwaway, fsync off for speed) holds a template database migrated once;
 * each test class gets its own copy of it, and before each test every table except Flyway's history is
 * emptied, then refilled with the rows the migrations put there (reference data) with its sequences reset.
 */
public final class TestDatabase implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private String name;
    private Database database;

    @Override
    public void beforeAll(ExtensionContext context) {
        name = "regalia_test_" + DATABASES.incrementAndGet();
        Server.instance().createFromTemplate(name);
        database = Database.connect(jdbcUrl());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (database == null) {
            throw new IllegalStateException("register TestDatabase on a static field: its database is made per class");
        }
        Server.instance().reset(database.dataSource());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (database != null) {
            database.close();
            database = null;
            Server.instance().drop(name);
        }
    }

    public Database database() {
        return database;
    }

    public Jdbi jdbi() {
        return database.jdbi();
    }

    public DataSource dataSource() {
        return database.dataSource();
    }

    public String jdbcUrl() {
        return Server.instance().jdbcUrl(name);
    }

    /** The database as a {@code postgresql://} URL, for the CLI's {@code --db} or {@code REGALIA_DB_URL}. */
    public String databaseUrl() {
        return "postgresql://" + Server.USER + "@localhost:" + Server.instance().port() + "/" + name;
    }

    /** The JVM's test server: started on first use, stopped and deleted by zonky's shutdown hook. */
    private static final class Server {
        static final String USER = "postgres";
        static final String TEMPLATE = "regalia_template";
        private static Server instance;

        private final EmbeddedPostgres postgres;
        private final Seed seed;

        private Server(EmbeddedPostgres postgres) {
            this.postgres = postgres;
            execute("CREATE DATABASE " + TEMPLATE);
            try (Database template = Database.connect(jdbcUrl(TEMPLATE))) {
                this.seed = Seed.capture(template.dataSource());
            }
        }

        static synchronized Server instance() {
            if (instance == null) {
                try {
                    instance = new Server(EmbeddedPostgres.builder().start());
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot start the test PostgreSQL", e);
                }
            }
            return instance;
        }

        int port() {
            return postgres.getPort();
        }

        String jdbcUrl(String database) {
            return "jdbc:postgresql://localhost:" + port() + "/" + database + "?user=" + USER;
        }

        void createFromTemplate(String name) {
            execute("CREATE DATABASE " + name + " TEMPLATE " + TEMPLATE);
        }

        void drop(String name) {
            execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }

        void reset(DataSource dataSource) {
            seed.restore(dataSource);
        }

        private void execute(String sql) {
            try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute(sql);
            } catch (SQLException e) {
                throw new IllegalStateException(sql + ": " + e.getMessage(), e);
            }
        }
    }

    /** What the migrations leave in the tables: the state each test starts from. */
    private record Seed(List<String> tables, Map<String, byte[]> rows, Map<String, Long> sequences) {
        static Seed capture(DataSource dataSource) {
            try (Connection c = dataSource.getConnection()) {
                List<String> tables = new ArrayList<>();
                try (Statement s = c.createStatement();
                     ResultSet r = s.executeQuery("""
                             SELECT format('%I.%I', schemaname, tablename) FROM pg_tables
                             WHERE schemaname NOT IN ('pg_catalog', 'information_schema')
                               AND tablename <> 'flyway_schema_history'
                             ORDER BY 1""")) {
                    while (r.next()) {
                        tables.add(r.getString(1));
                    }
                }
                CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
                Map<String, byte[]> rows = new LinkedHashMap<>();
                for (String table : tables) {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    if (copy.copyOut("COPY " + table + " TO STDOUT (FORMAT binary)", out) > 0) {
                        rows.put(table, out.toByteArray());
                    }
                }
                Map<String, Long> sequences = new LinkedHashMap<>();
                try (Statement s = c.createStatement();
                     ResultSet r = s.executeQuery("""
                             SELECT format('%I.%I', schemaname, sequencename), last_value FROM pg_sequences
                             WHERE schemaname NOT IN ('pg_catalog', 'information_schema')""")) {
                    while (r.next()) {
                        // null: never used, so restarted rather than set
                        sequences.put(r.getString(1), r.getObject(2) == null ? null : r.getLong(2));
                    }
                }
                return new Seed(List.copyOf(tables), rows, sequences);
            } catch (SQLException | IOException e) {
                throw new IllegalStateException("cannot read the migrated template database: " + e.getMessage(), e);
            }
        }

        void restore(DataSource dataSource) {
            if (tables.isEmpty()) {
                return;
            }
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try (Statement s = c.createStatement()) {
                    s.execute("TRUNCATE " + String.join(", ", tables) + " RESTART IDENTITY CASCADE");
                    if (!rows.isEmpty()) {
                        // reference rows go back in any order: foreign-key triggers stay off for this transaction
                        s.execute("SET LOCAL session_replication_role = replica");
                        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
                        for (Map.Entry<String, byte[]> table : rows.entrySet()) {
                            copy.copyIn("COPY " + table.getKey() + " FROM STDIN (FORMAT binary)",
                                    new ByteArrayInputStream(table.getValue()));
                        }
                    }
                }
                try (PreparedStatement setval = c.prepareStatement("SELECT setval(?::regclass, ?)");
                     Statement restart = c.createStatement()) {
                    for (Map.Entry<String, Long> sequence : sequences.entrySet()) {
                        if (sequence.getValue() == null) {
                            restart.execute("ALTER SEQUENCE " + sequence.getKey() + " RESTART");
                        } else {
                            setval.setString(1, sequence.getKey());
                            setval.setLong(2, sequence.getValue());
                            setval.execute();
                        }
                    }
                }
                c.commit();
            } catch (SQLException | IOException e) {
                throw new IllegalStateException("cannot reset the test database: " + e.getMessage(), e);
            }
        }
    }
}
