package io.regalia.store.cmdb;

import java.time.Instant;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One version of the business criticality → ACS mapping. Values match case-insensitively, with runs of
 * blanks counted as one; a value the mapping does not list (or none) gives no score.
 */
public record CriticalityMapping(int version, SortedMap<String, Integer> entries, String actor, Instant created) {
    /** ServiceNow's stock {@code busines_criticality} values and the ACS Regalia gives them by default. */
    public static final Map<String, Integer> DEFAULTS = Map.of("1 - most critical", 5, "2 - somewhat critical", 4,
            "3 - less critical", 3, "4 - not critical", 2);

    public CriticalityMapping {
        entries = Collections.unmodifiableSortedMap(new TreeMap<>(entries));
    }

    /** The ACS this criticality gives, or null. */
    public Integer acsOf(String criticality) {
        if (criticality == null) return null;
        String key = normalize(criticality);
        for (Map.Entry<String, Integer> e : entries.entrySet()) {
            if (normalize(e.getKey()).equals(key)) return e.getValue();
        }
        return null;
    }

    static String normalize(String value) {
        return value.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
