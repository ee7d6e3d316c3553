package io.regalia.ingest.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.regalia.ingest.report.Rfc3339;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Lenient reads of small JSON subtrees: a missing, null or blank value is null, never an exception. */
public final class JsonTrees {
    private JsonTrees() {}

    /** The text at {@code node.a.b…}, trimmed; null when missing, null, blank or not a scalar. */
    public static String text(JsonNode node, String... path) {
        JsonNode at = at(node, path);
        if (at == null || !at.isValueNode() || at.isNull()) return null;
        String text = at.asText().trim();
        return text.isEmpty() ? null : text;
    }

    /** The number at the path; null when missing or not numeric. */
    public static Double number(JsonNode node, String... path) {
        JsonNode at = at(node, path);
        if (at == null) return null;
        if (at.isNumber()) return at.asDouble();
        if (at.isTextual()) {
            try {
                return Double.parseDouble(at.asText().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** The elements of the array at the path; empty when missing or not an array. */
    public static List<JsonNode> array(JsonNode node, String... path) {
        JsonNode at = at(node, path);
        if (at == null || !at.isArray()) return List.of();
        var out = new ArrayList<JsonNode>(at.size());
        at.forEach(out::add);
        return out;
    }

    /** An RFC 3339 timestamp at the path; null when missing or unparseable. */
    public static Instant instant(JsonNode node, String... path) {
        return instant(text(node, path));
    }

    /**
     * Parses an RFC 3339 timestamp ({@code 2022-07-22T09:45:32+01:00}, {@code …Z}); null when it is not one or
     * lies outside {@link Rfc3339#RANGE}.
     */
    public static Instant instant(String text) {
        if (text == null) return null;
        Instant parsed;
        try {
            parsed = Rfc3339.instant(text);
        } catch (DateTimeParseException e) {
            try {
                parsed = Instant.parse(text);
            } catch (DateTimeParseException again) {
                return null;
            }
        }
        return Rfc3339.inRange(parsed) ? parsed : null;
    }

    private static JsonNode at(JsonNode node, String... path) {
        JsonNode at = node;
        for (String step : path) {
            if (at == null || !at.isObject()) return null;
            at = at.get(step);
        }
        return at;
    }
}
