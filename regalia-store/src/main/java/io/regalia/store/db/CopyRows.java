package io.regalia.store.db;

import io.regalia.core.model.StorableText;
import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Collection;

/**
 * Rows for one table, encoded as COPY CSV and sent in chunks, so a large report never sits in memory whole.
 * NULL is an unquoted empty field; every value is quoted, so an empty string stays one.
 */
public final class CopyRows {
    private static final int FLUSH_CHARS = 4 << 20;
    /** A streamed COPY sends this much at a time, so PostgreSQL starts on the rows while more are encoded. */
    private static final int STREAM_CHARS = 64 << 10;

    private final CopyChannel channel;
    private final boolean streamed;
    private final String copySql;
    private final StringBuilder buffer = new StringBuilder(1 << 16);
    private boolean rowOpen;
    private boolean firstField;
    private long rows;

    /** Rows sent as one COPY per 4 MB of CSV, on a connection of their own. */
    public CopyRows(Connection connection, String table, String columns) {
        this(new CopyChannel(connection), table, columns, false);
    }

    private CopyRows(CopyChannel channel, String table, String columns, boolean streamed) {
        this.channel = channel;
        this.streamed = streamed;
        this.copySql = "COPY " + table + " (" + columns + ") FROM STDIN (FORMAT csv)";
    }

    /** Rows sent as one COPY per 4 MB of CSV, sharing {@code channel} with other rows. */
    public static CopyRows chunked(CopyChannel channel, String table, String columns) {
        return new CopyRows(channel, table, columns, false);
    }

    /**
     * Rows sent in small pieces through a COPY that stays open until {@link #flush()} or until the channel
     * is needed for something else, so that storing them overlaps encoding them.
     */
    public static CopyRows streamed(CopyChannel channel, String table, String columns) {
        return new CopyRows(channel, table, columns, true);
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
        String text = StorableText.of(value instanceof Collection<?> c ? arrayLiteral(c) : value.toString());
        buffer.append('"');
        if (text.indexOf('"') < 0) {
            buffer.append(text);
        } else {
            for (int i = 0; i < text.length(); i++) {
                char ch = text.charAt(i);
                if (ch == '"') buffer.append('"');
                buffer.append(ch);
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
        if (streamed && buffer.length() >= STREAM_CHARS) {
            channel.send(copySql, buffer.toString());
            buffer.setLength(0);
        } else if (buffer.length() >= FLUSH_CHARS) {
            flush();
        }
    }

    /** Sends what is buffered and ends the COPY, so every row is stored; safe to call at any time. */
    public void flush() {
        if (rowOpen) endRow();
        if (streamed) {
            if (!buffer.isEmpty()) channel.send(copySql, buffer.toString());
            channel.end();
        } else if (!buffer.isEmpty()) {
            channel.copy(copySql, buffer.toString());
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
