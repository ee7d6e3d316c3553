package io.regalia.ingest.intel;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import io.regalia.core.report.BadInputException;
import io.regalia.ingest.report.Rfc3339;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * One small JSON object of a feed (a KEV entry, an NVD CVE), read as a tree while the rest of the file streams.
 * Errors name the file, the line and column where the object starts, and the JSON path of the bad value.
 */
final class JsonItem {
    private static final Pattern CVE_ID = Pattern.compile("CVE-\\d{4}-\\d{4,}");

    private final Path file;
    private final JsonLocation start;
    private final JsonNode node;
    private final String path;

    JsonItem(Path file, JsonLocation start, JsonNode node, String path) {
        this.file = file;
        this.start = start;
        this.node = node;
        this.path = path;
    }

    JsonNode node() { return node; }

    JsonItem child(String field) {
        return new JsonItem(file, start, node.path(field), join(path, field));
    }

    boolean isObject() { return node.isObject(); }

    /** The field's text, or null when absent or null; numbers are taken as their text. */
    String text(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isValueNode() || v.isBoolean()) throw error(field, "expected a string, got " + shown(v));
        String s = v.asText().trim();
        return s.isEmpty() ? null : s;
    }

    String requiredText(String field) {
        String s = text(field);
        if (s == null) throw error(field, "missing");
        return s;
    }

    String cveId(String field) {
        String id = requiredText(field).toUpperCase();
        if (!CVE_ID.matcher(id).matches()) {
            throw error(field, "expected a CVE id like CVE-2021-44228, got " + shown(node.get(field)));
        }
        return id;
    }

    LocalDate date(String field, boolean required) {
        String s = required ? requiredText(field) : text(field);
        if (s == null) return null;
        LocalDate date;
        try {
            date = LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw error(field, "expected a date YYYY-MM-DD, got " + shown(node.get(field)));
        }
        if (!Rfc3339.inRange(date)) {
            throw error(field, "expected a date in the " + Rfc3339.RANGE + ", got " + shown(node.get(field)));
        }
        return date;
    }

    Instant instant(String field, boolean required) {
        String s = required ? requiredText(field) : text(field);
        if (s == null) return null;
        Instant t = parseInstant(s);
        if (t == null) throw error(field, "expected an ISO date-time, got " + shown(node.get(field)));
        if (!Rfc3339.inRange(t)) {
            throw error(field, "expected a date-time in the " + Rfc3339.RANGE + ", got " + shown(node.get(field)));
        }
        return t;
    }

    BadInputException error(String field, String reason) {
        return new BadInputException(FeedFiles.where(file, start), join(path, field) + ": " + reason);
    }

    /** ISO instant, offset date-time, local date-time (taken as UTC, as NVD writes them) or date. Null if none fits. */
    static Instant parseInstant(String s) {
        try {
            return Rfc3339.instant(s);
        } catch (DateTimeParseException ignored) {
            // not offset-qualified: try the zone-less forms
        }
        try {
            return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            // not a date-time at all: maybe a plain date
        }
        try {
            return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static String join(String path, String field) {
        if (field == null || field.isEmpty()) return path;
        return path == null || path.isEmpty() ? field : path + "." + field;
    }

    static String shown(JsonNode v) {
        if (v == null || v.isMissingNode()) return "nothing";
        String s = v.toString();
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
