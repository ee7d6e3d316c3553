package io.regalia.ingest.csv;

import io.regalia.core.model.Protocol;
import io.regalia.ingest.report.Rfc3339;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Lenient parsing of the values scanners write in CSV cells. */
final class CsvValues {
    private static final Pattern LEADING_NUMBER = Pattern.compile("^\\s*(-?\\d+(?:\\.\\d+)?)");
    private static final Pattern PARENTHESIZED = Pattern.compile("\\(([^()]+)\\)");

    /** Date shapes seen in Qualys, Tenable and OpenVAS exports; zone-less ones are read in the report's zone. */
    private static final List<DateTimeFormatter> DATES = List.of(
            pattern("MMM d, yyyy hh:mm a"), pattern("MMM d, yyyy h:mm a"), pattern("MMM d, yyyy HH:mm:ss z"),
            pattern("MMM d, yyyy HH:mm:ss"), pattern("MM/dd/yyyy HH:mm:ss"), pattern("MM/dd/yyyy HH:mm"),
            pattern("yyyy-MM-dd HH:mm:ss"), pattern("yyyy-MM-dd HH:mm:ss z"), pattern("dd MMM yyyy hh:mma 'GMT'xx"),
            pattern("dd MMM yyyy hh:mma z"), pattern("EEE MMM d HH:mm:ss yyyy"));
    private static final List<DateTimeFormatter> DAYS = List.of(pattern("MM/dd/yyyy"), pattern("yyyy-MM-dd"),
            pattern("MMM d, yyyy"));

    private CsvValues() {}

    private static DateTimeFormatter pattern(String pattern) {
        return new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(pattern).toFormatter(Locale.ENGLISH);
    }

    /** The number a cell starts with ("9.8", "9.8 (AV:N/…)"); null when it starts with none. */
    static Double leadingNumber(String cell) {
        if (cell == null) return null;
        Matcher m = LEADING_NUMBER.matcher(cell);
        return m.find() ? Double.valueOf(m.group(1)) : null;
    }

    /** The text in parentheses, where Qualys puts a score's vector ("5.0 (AV:N/AC:L/…)"); null when none. */
    static String parenthesized(String cell) {
        if (cell == null) return null;
        Matcher m = PARENTHESIZED.matcher(cell);
        return m.find() ? m.group(1).trim() : null;
    }

    static Integer port(String cell) {
        if (cell == null) return null;
        try {
            int port = Integer.parseInt(cell.trim());
            return port >= 1 && port <= 65535 ? port : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static Protocol protocol(String cell) {
        if (cell == null) return null;
        return switch (cell.trim().toLowerCase(Locale.ROOT)) {
            case "tcp" -> Protocol.TCP;
            case "udp" -> Protocol.UDP;
            default -> null;
        };
    }

    static boolean isTrue(String cell) {
        if (cell == null) return false;
        return switch (cell.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "y", "1", "x" -> true;
            default -> false;
        };
    }

    /** Tri-state: true, false, or null when the cell says neither. */
    static Boolean yesNo(String cell) {
        if (cell == null) return null;
        return switch (cell.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "y", "1" -> Boolean.TRUE;
            case "false", "no", "n", "0" -> Boolean.FALSE;
            default -> null;
        };
    }

    /** A timestamp in any of the known shapes; zone-less values are taken in {@code zone}; null when unknown. */
    static Instant instant(String cell, ZoneId zone) {
        if (cell == null) return null;
        String text = cell.trim().replaceAll("\\s+", " ");
        try {
            return Rfc3339.instant(text);
        } catch (DateTimeParseException ignored) {
            // not RFC 3339
        }
        try {
            return LocalDateTime.parse(text).atZone(zone).toInstant();
        } catch (DateTimeParseException ignored) {
            // not ISO local
        }
        for (DateTimeFormatter format : DATES) {
            try {
                TemporalAccessor parsed = format.parse(text);
                LocalDateTime local = LocalDateTime.from(parsed);
                ZoneId parsedZone = parsed.query(java.time.temporal.TemporalQueries.zone());
                return ZonedDateTime.of(local, parsedZone != null ? parsedZone : zone).toInstant();
            } catch (java.time.DateTimeException ignored) {
                // try the next shape
            }
        }
        for (DateTimeFormatter format : DAYS) {
            try {
                return LocalDate.parse(text, format).atStartOfDay(zone).toInstant();
            } catch (DateTimeParseException ignored) {
                // try the next shape
            }
        }
        return null;
    }

    /** The zone a timestamp is written in, when it names one ("04 Feb 2026 10:00AM GMT-0500"); else UTC. */
    static ZoneId zoneOf(String cell) {
        if (cell == null) return ZoneOffset.UTC;
        for (DateTimeFormatter format : DATES) {
            try {
                ZoneId zone = format.parse(cell.trim()).query(java.time.temporal.TemporalQueries.zone());
                if (zone != null) return zone;
            } catch (DateTimeParseException ignored) {
                // try the next shape
            }
        }
        return ZoneOffset.UTC;
    }
}
