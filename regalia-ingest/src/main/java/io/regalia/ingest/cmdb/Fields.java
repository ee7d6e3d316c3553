package io.regalia.ingest.cmdb;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Values of Table API rows in every form an instance sends: plain strings, reference objects
 * {@code {"link", "value"}}, display objects {@code {"display_value", "link"}} and both at once
 * ({@code sysparm_display_value=all}). Missing, null and blank values are null.
 */
final class Fields {
    private Fields() {}

    /** What a person reads: the display value when there is one, else the value. */
    static String text(JsonNode row, String field) {
        JsonNode node = row.get(field);
        if (node == null || node.isNull()) return null;
        if (node.isObject()) {
            String display = scalar(node.get("display_value"));
            return display != null ? display : scalar(node.get("value"));
        }
        return scalar(node);
    }

    /** The sys_id a reference points to: the value, else the last segment of its link. */
    static String reference(JsonNode row, String field) {
        JsonNode node = row.get(field);
        if (node == null || node.isNull()) return null;
        if (!node.isObject()) return scalar(node);
        String value = scalar(node.get("value"));
        if (value != null) return value;
        String link = scalar(node.get("link"));
        if (link == null) return null;
        String id = link.substring(link.lastIndexOf('/') + 1);
        int query = id.indexOf('?');
        id = query >= 0 ? id.substring(0, query) : id;
        return id.isEmpty() ? null : id;
    }

    private static String scalar(JsonNode node) {
        if (node == null || node.isNull() || !node.isValueNode()) return null;
        String text = node.asText().strip();
        return text.isEmpty() ? null : text;
    }
}
