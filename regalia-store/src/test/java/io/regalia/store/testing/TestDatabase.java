package io.regalia.store.testing;

import io.regalia.store.db.Database;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real, migrated PostgreSQL for tests: {@code @RegisterExtension static TestDatabase db = new TestDatabase();}
 *
 * <p>One embedded server per JVM (throwaway, fsync off for speed) holds a template database migrated once;
 * each test class gets its own copy of it, and before each test every table except Flyway's history is
 * emptied, then refilled with the rows the migrations put there (reference data) with its sequences reset.
 */
public final class TestDatabase implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final List<String> extraDatabases = new ArrayList<>();
    private String name;
    private Database database;
    /** The class whose beforeAll made the database: nested test classes share their enclosing class's. */
    private String owner;

    @Override
    public void beforeAll(ExtensionContext context) {
        if (database != null) {
            return;
        }
        owner = context.getUniqueId();
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
        if (!context.getUniqueId().equals(owner)) {
            return;
        }
        owner = null;
        if (database != null) {
            database.close();
            database = null;
            Server.instance().drop(name);
        }
        extraDatabases.forEach(Server.instance()::drop);
        extraDatabases.clear();
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

    /**
     * A new database without any schema on the same server, dropped after the test class; its JDBC URL.
     * For tests of migrations themselves.
     */
    public String createEmptyDatabase() {
        String empty = name + "_empty_" + (extraDatabases.size() + 1);
        Server.instance().execute("CREATE DATABASE " + empty);
        extraDatabases.add(empty);
        return Server.instance().jdbcUrl(empty);
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
        private final TableSnapshot seed;

        private Server(EmbeddedPostgres postgres) {
            this.postgres = postgres;
            execute("CREATE DATABASE " + TEMPLATE);
            try (Database template = Database.connect(jdbcUrl(TEMPLATE))) {
                this.seed = TableSnapshot.capture(template.dataSource());
            }
        }

        static synchronized Server instance() {
            if (instance == null) {
                try {
                    // the embedded server's locale settings, so text sorts as in production
                    instance = new Server(EmbeddedPostgres.builder()
                            .setLocaleConfig("locale-provider", "builtin")
                            .setLocaleConfig("builtin-locale", "C.UTF-8")
                            .setLocaleConfig("locale", "C")
                            .start());
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

        void execute(String sql) {
            try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute(sql);
            } catch (SQLException e) {
                throw new IllegalStateException(sql + ": " + e.getMessage(), e);
            }
        }
    }
}
