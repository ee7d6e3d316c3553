package io.regalia.ingest.csv;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A header row: column positions by name, matched case- and spacing-insensitively. */
final class Columns {
    private final Map<String, Integer> positions = new HashMap<>();
    private final List<String> names;
    private final int size;

    Columns(List<String> header) {
        names = List.copyOf(header);
        size = header.size();
        for (int i = 0; i < header.size(); i++) positions.putIfAbsent(normalize(header.get(i)), i);
    }

    /** Position of the first of the names present (export variants name one column differently); -1 if none. */
    int index(String... names) {
        for (String name : names) {
            Integer at = positions.get(normalize(name));
            if (at != null) return at;
        }
        return -1;
    }

    boolean has(String... names) { return index(names) >= 0; }

    int size() { return size; }

    String name(int index) { return names.get(index).trim(); }

    static boolean contains(List<String> row, String... names) {
        for (String name : names) {
            String wanted = normalize(name);
            if (row.stream().map(Columns::normalize).anyMatch(wanted::equals)) return true;
        }
        return false;
    }

    static String normalize(String name) {
        return name.replace('\uFEFF', ' ').trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
