package io.regalia.store.db;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * The COPY traffic of one connection. A connection runs one command at a time, so a COPY left open for
 * more rows ends before anything else may use the connection: another COPY on this channel ends it
 * itself; a caller about to run a statement calls {@link #end()} first.
 */
public final class CopyChannel {
    private final Connection connection;
    private CopyManager copyApi;
    private CopyIn open;
    private String openSql;

    public CopyChannel(Connection connection) {
        this.connection = connection;
    }

    /**
     * Sends {@code csv} to {@code copySql}, leaving the COPY open so that PostgreSQL stores these rows
     * while the caller encodes the next ones.
     */
    void send(String copySql, String csv) {
        try {
            if (open != null && !copySql.equals(openSql)) end();
            if (open == null) {
                open = api().copyIn(copySql);
                openSql = copySql;
            }
            byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
            open.writeToCopy(bytes, 0, bytes.length);
        } catch (SQLException e) {
            throw failed(copySql, e);
        }
    }

    /** Runs {@code copySql} over {@code csv} whole, after ending any open COPY. */
    void copy(String copySql, String csv) {
        end();
        try (Reader reader = new StringReader(csv)) {
            api().copyIn(copySql, reader);
        } catch (SQLException | IOException e) {
            throw failed(copySql, e);
        }
    }

    /** Ends the open COPY, if any, once PostgreSQL has stored its rows; the connection is then free. */
    public void end() {
        if (open == null) return;
        CopyIn ending = open;
        String sql = openSql;
        open = null;
        openSql = null;
        try {
            ending.endCopy();
        } catch (SQLException e) {
            throw failed(sql, e);
        }
    }

    /**
     * Abandons the open COPY after a failure elsewhere, so the connection can roll its transaction back.
     * What the failure was stays the caller's to report.
     */
    public void cancel() {
        if (open == null) return;
        CopyIn abandoned = open;
        open = null;
        openSql = null;
        try {
            if (abandoned.isActive()) abandoned.cancelCopy();
        } catch (SQLException ignored) {
            // PostgreSQL answers a cancelled COPY with an error, which is the point
        }
    }

    private CopyManager api() throws SQLException {
        if (copyApi == null) copyApi = connection.unwrap(PGConnection.class).getCopyAPI();
        return copyApi;
    }

    private static IllegalStateException failed(String copySql, Exception e) {
        return new IllegalStateException(copySql.substring(0, copySql.indexOf(" (")) + " failed: " + e.getMessage(), e);
    }
}
