package io.regalia.ingest.report;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * RFC 3339 timestamps as reports write them ({@code 2018-04-13T03:48:50Z}, with a fraction or an offset):
 * exactly what {@link OffsetDateTime#parse(CharSequence)} accepts. A report holds two or three per finding,
 * and the general formatter spent a third of a Qualys reader's time on them, so the common shape is read
 * digit by digit; anything else, valid or not, goes to the formatter.
 */
public final class Rfc3339 {

    /** How a warning or an error names the instants {@link #inRange} accepts. */
    public static final String RANGE = "years 1-9999";

    private static final Instant FIRST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LAST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private Rfc3339() {}

    /**
     * Whether an instant lies in the years an RFC 3339 timestamp can write and the database can store
     * (PostgreSQL has no year 0). A report's {@code 0000-01-01} or a timestamp of 10^14 seconds is then
     * dropped with a warning, like an unreadable one, instead of failing the import as it is stored.
     */
    public static boolean inRange(Instant instant) {
        return !instant.isBefore(FIRST) && !instant.isAfter(LAST);
    }

    /** Whether a date lies in the same years. */
    public static boolean inRange(LocalDate date) {
        return date.getYear() >= 1 && date.getYear() <= 9999;
    }

    /** The instant, or {@link DateTimeParseException} as {@link OffsetDateTime#parse(CharSequence)} throws it. */
    public static Instant instant(String text) {
        Instant fast = common(text);
        return fast != null ? fast : OffsetDateTime.parse(text).toInstant();
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}](Z|±HH:mm)}; null for any other shape or an out-of-range field. */
    private static Instant common(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4), month = digits(s, 5, 2), day = digits(s, 8, 2);
        int hour = digits(s, 11, 2), minute = digits(s, 14, 2), second = digits(s, 17, 2);
        if ((year | month | day | hour | minute | second) < 0 || hour > 23 || minute > 59 || second > 59) return null;
        int at = 19;
        int nanos = 0;
        if (s.charAt(at) == '.') {
            int start = ++at;
            while (at < n && at - start < 9 && isDigit(s.charAt(at))) nanos = nanos * 10 + (s.charAt(at++) - '0');
            int count = at - start;
            if (count == 0 || (at < n && isDigit(s.charAt(at)))) return null;
            for (int i = count; i < 9; i++) nanos *= 10;
        }
        int offsetSeconds;
        if (at == n - 1 && s.charAt(at) == 'Z') {
            offsetSeconds = 0;
        } else if (at == n - 6 && (s.charAt(at) == '+' || s.charAt(at) == '-') && s.charAt(at + 3) == ':') {
            int hours = digits(s, at + 1, 2), minutes = digits(s, at + 4, 2);
            if ((hours | minutes) < 0 || hours > 18 || minutes > 59 || (hours == 18 && minutes > 0)) return null;
            offsetSeconds = (s.charAt(at) == '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
        } else {
            return null;
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException notADate) {
            return null;
        }
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3600L + minute * 60L + second - offsetSeconds, nanos);
    }

    /** The value of {@code count} ASCII digits at {@code from}, or -1 when one is not a digit. */
    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) return -1;
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
