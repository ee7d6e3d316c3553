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
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The database's own ceiling for the detections an import stored: the same rows (asset reference,
 * vulnerability key, port, type, status, first and last found) exported as CSV, then loaded with one
 * {@code COPY} into a bare table without indexes or constraints, in autocommit (so the timing includes the
 * durable commit, as an import's does).
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

    private DetectionCopy() {}

    static Result run(Sandbox sandbox) {
        Path csv = sandbox.file("detections.csv");
        try (Connection c = sandbox.database().dataSource().getConnection()) {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(csv), 1 << 16)) {
                copy(c).copyOut(EXPORT, out);
            }
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS bench_detection_copy");
                s.execute(TABLE);
                // start from clean buffers, as the import did: no checkpoint of earlier writes competes with the COPY
                s.execute("CHECKPOINT");
            }
            long rows;
            long started = System.nanoTime();
            try (InputStream in = new BufferedInputStream(Files.newInputStream(csv), 1 << 16)) {
                rows = copy(c).copyIn("COPY bench_detection_copy FROM STDIN (FORMAT csv)", in);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE bench_detection_copy");
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
