package io.regalia.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The database's own ceiling for the detections an import stored: the same rows exported as CSV, then
 * loaded with one {@code COPY} in autocommit (so the timing includes the durable commit, as an import's
 * does). {@link #run} loads the asset reference, vulnerability key, port, type, status and dates into a bare
 * table without indexes or constraints; {@link #shaped} loads every stored column into a table shaped as
 * {@code detection} is, with its indexes, checks, storage settings and reference triggers: what storing the
 * rows costs PostgreSQL before any of the import's own work.
 */
final class DetectionCopy {
    /** Rows loaded, CSV size and the seconds the COPY took. */
    record Result(long rows, long bytes, double seconds) {
        double rate() { return rows / seconds; }
    }

    private static final String EXPORT = """
            COPY (SELECT coalesce(a.external_id, a.name), v.key, d.port, d.type, d.status, d.first_found, d.last_found
                  FROM detection d JOIN asset a ON a.id = d.asset_id JOIN vulnerability v ON v.id = d.vulnerability_id
                  ORDER BY d.id) TO STDOUT (FORMAT csv)""";
    private static final String TABLE = """
            CREATE TABLE bench_detection_copy (asset text, vuln_key text, port int, type text, status text,
                                               first_found timestamptz, last_found timestamptz)""";

    private static final String STORED_COLUMNS = "asset_id, vulnerability_id, port, protocol, source, type, status, "
            + "first_found, last_found, fixed_at, times_found, results";
    private static final String SHAPED_EXPORT = "COPY (SELECT " + STORED_COLUMNS + " FROM detection ORDER BY id) TO STDOUT (FORMAT csv)";
    /** The storage settings (fillfactor) and the triggers of {@code detection}, as statements for the copy. */
    private static final String SHAPE = """
            SELECT 'ALTER TABLE bench_detection_shaped SET (' || array_to_string(reloptions, ', ') || ')'
              FROM pg_class WHERE oid = 'detection'::regclass AND reloptions IS NOT NULL
            UNION ALL
            SELECT replace(pg_get_triggerdef(oid), ' ON public.detection ', ' ON bench_detection_shaped ')
              FROM pg_trigger WHERE tgrelid = 'detection'::regclass AND NOT tgisinternal""";

    private DetectionCopy() {}

    static Result run(Sandbox sandbox) {
        return load(sandbox, EXPORT, List.of(TABLE), "bench_detection_copy", "");
    }

    static Result shaped(Sandbox sandbox) {
        List<String> create = new ArrayList<>();
        create.add("CREATE TABLE bench_detection_shaped (LIKE detection INCLUDING ALL)");
        try (Connection c = sandbox.database().dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet shape = s.executeQuery(SHAPE)) {
            while (shape.next()) create.add(shape.getString(1));
        } catch (SQLException e) {
            throw new IllegalStateException("reading the shape of detection failed: " + e.getMessage(), e);
        }
        return load(sandbox, SHAPED_EXPORT, create, "bench_detection_shaped", " (" + STORED_COLUMNS + ")");
    }

    private static Result load(Sandbox sandbox, String export, List<String> create, String table, String columns) {
        Path csv = sandbox.file(table + ".csv");
        try (Connection c = sandbox.database().dataSource().getConnection()) {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(csv), 1 << 16)) {
                copy(c).copyOut(export, out);
            }
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS " + table);
                for (String statement : create) s.execute(statement);
                // start from clean buffers, as the import did: no checkpoint of earlier writes competes with the COPY
                s.execute("CHECKPOINT");
            }
            long rows;
            long started = System.nanoTime();
            try (InputStream in = new BufferedInputStream(Files.newInputStream(csv), 1 << 16)) {
                rows = copy(c).copyIn("COPY " + table + columns + " FROM STDIN (FORMAT csv)", in);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE " + table);
            }
            long bytes = Files.size(csv);
            Files.delete(csv);
            return new Result(rows, bytes, seconds);
        } catch (SQLException e) {
            throw new IllegalStateException("COPY baseline failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CopyManager copy(Connection c) throws SQLException {
        return c.unwrap(PGConnection.class).getCopyAPI();
    }
}
