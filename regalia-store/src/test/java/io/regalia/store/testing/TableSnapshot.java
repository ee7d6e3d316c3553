package io.regalia.store.testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The rows and sequence positions of a database's tables (Flyway's history aside), captured once and put
 * back on demand: after migration this is the reference data each test starts from.
 */
record TableSnapshot(List<String> tables, Map<String, byte[]> rows, Map<String, Long> sequences) {
    static TableSnapshot capture(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            List<String> tables = new ArrayList<>();
            List<String> withRows = new ArrayList<>();
            try (Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("""
                         SELECT format('%I.%I', n.nspname, c.relname), c.relkind = 'r'
                         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                         WHERE c.relkind IN ('r', 'p')
                           AND n.nspname NOT IN ('pg_catalog', 'information_schema')
                           AND n.nspname NOT LIKE 'pg\\_%'
                           AND c.relname <> 'flyway_schema_history'
                         ORDER BY 1""")) {
                while (r.next()) {
                    tables.add(r.getString(1));
                    if (r.getBoolean(2)) {
                        withRows.add(r.getString(1)); // a partitioned table's rows live in its partitions
                    }
                }
            }
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            Map<String, byte[]> rows = new LinkedHashMap<>();
            for (String table : withRows) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                if (copy.copyOut("COPY " + table + " TO STDOUT (FORMAT binary)", out) > 0) {
                    rows.put(table, out.toByteArray());
                }
            }
            Map<String, Long> sequences = new LinkedHashMap<>();
            try (Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("""
                         SELECT format('%I.%I', schemaname, sequencename), last_value FROM pg_sequences
                         WHERE schemaname NOT IN ('pg_catalog', 'information_schema')
                           AND schemaname NOT LIKE 'pg\\_%'""")) {
                while (r.next()) {
                    // null: never used, so restarted rather than set
                    sequences.put(r.getString(1), r.getObject(2) == null ? null : r.getLong(2));
                }
            }
            return new TableSnapshot(List.copyOf(tables), rows, sequences);
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot capture the tables: " + e.getMessage(), e);
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
