package io.regalia.store.db;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import org.postgresql.PGConnection;

/**
 * Rows for one staging table, encoded as COPY CSV and sent in chunks, so a large report never sits in
 * memory whole. NULL is an unquoted empty field; every value is quoted, so an empty string stays one.
 */
public final class CopyRows {
    private static final int FLUSH_CHARS = 4 << 20;

    private final Connection connection;
    private final String copySql;
    private final StringBuilder buffer = new StringBuilder(1 << 16);
    private boolean rowOpen;
    private boolean firstField;
    private long rows;

    public CopyRows(Connection connection, String table, String columns) {
        this.connection = connection;
        this.copySql = "COPY " + table + " (" + columns + ") FROM STDIN (FORMAT csv)";
    }

    public CopyRows row() {
        if (rowOpen) endRow();
        rowOpen = true;
        firstField = true;
        rows++;
        return this;
    }

    public CopyRows add(Object value) {
        if (!firstField) buffer.append(',');
        firstField = false;
        if (value == null) return this;
        if (value instanceof Instant instant && appendInstant(instant)) return this;
        String text = value instanceof Collection<?> c ? arrayLiteral(c) : value.toString();
        buffer.append('"');
        if (text.indexOf('"') < 0 && text.indexOf(0) < 0) {
            buffer.append(text);
        } else {
            for (int i = 0; i < text.length(); i++) {
                char ch = text.charAt(i);
                if (ch == '"') buffer.append('"');
                if (ch != 0) buffer.append(ch); // PostgreSQL text cannot hold NUL
            }
        }
        buffer.append('"');
        return this;
    }

    /**
     * Writes {@code yyyy-MM-ddTHH:mm:ss[.nnnnnnnnn]Z} straight into the buffer: a report has two or three
     * instants per finding, and {@link Instant#toString()} goes through the general formatter. Years
     * outside 1–9999 are left to it (false).
     */
    private boolean appendInstant(Instant instant) {
        LocalDateTime utc = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
        if (utc.getYear() < 1 || utc.getYear() > 9999) return false;
        digits(utc.getYear(), 4, '-');
        digits(utc.getMonthValue(), 2, '-');
        digits(utc.getDayOfMonth(), 2, 'T');
        digits(utc.getHour(), 2, ':');
        digits(utc.getMinute(), 2, ':');
        if (utc.getNano() == 0) {
            digits(utc.getSecond(), 2, 'Z');
        } else {
            digits(utc.getSecond(), 2, '.');
            digits(utc.getNano(), 9, 'Z');
        }
        return true;
    }

    /** {@code value} zero-padded to {@code width} digits, then {@code after}. */
    private void digits(int value, int width, char after) {
        int end = buffer.length() + width;
        buffer.append("000000000", 0, width);
        for (int at = end - 1; value > 0; at--, value /= 10) buffer.setCharAt(at, (char) ('0' + value % 10));
        buffer.append(after);
    }

    public long rows() { return rows; }

    private void endRow() {
        buffer.append('\n');
        rowOpen = false;
        if (buffer.length() >= FLUSH_CHARS) flush();
    }

    /** Sends what is buffered; safe to call at any time. */
    public void flush() {
        if (rowOpen) endRow();
        if (buffer.isEmpty()) return;
        try (Reader reader = new StringReader(buffer.toString())) {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql, reader);
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("COPY into staging failed: " + e.getMessage(), e);
        }
        buffer.setLength(0);
    }

    private static String arrayLiteral(Collection<?> values) {
        StringBuilder sb = new StringBuilder("{");
        boolean first = true;
        for (Object v : values) {
            if (!first) sb.append(',');
            first = false;
            sb.append('"');
            String s = String.valueOf(v);
            for (int i = 0; i < s.length(); i++) {
                char ch = s.charAt(i);
                if (ch == '"' || ch == '\\') sb.append('\\');
                sb.append(ch);
            }
            sb.append('"');
        }
        return sb.append('}').toString();
    }
}
