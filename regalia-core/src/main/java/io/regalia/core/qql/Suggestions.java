package io.regalia.core.qql;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** "Did you mean" for unknown field names: nearest by edit distance, or by last path segment. */
final class Suggestions {
    private static final int MAX = 3;

    private Suggestions() {}

    /** The names at the smallest edit distance (when close enough to be a typo), else those ending in ".unknown". */
    static List<String> nearest(String unknown, Collection<String> names) {
        String wanted = unknown.toLowerCase(Locale.ROOT);
        int best = Integer.MAX_VALUE;
        List<String> closest = new ArrayList<>();
        for (String name : names) {
            int d = distance(wanted, name.toLowerCase(Locale.ROOT));
            if (d < best) {
                best = d;
                closest.clear();
            }
            if (d == best) closest.add(name);
        }
        if (best <= Math.max(2, wanted.length() / 3)) return firstSorted(closest);
        List<String> bySegment = names.stream()
                .filter(n -> n.toLowerCase(Locale.ROOT).endsWith("." + wanted)
                        || wanted.endsWith("." + n.toLowerCase(Locale.ROOT)))
                .toList();
        return firstSorted(bySegment);
    }

    private static List<String> firstSorted(List<String> names) {
        return names.stream().distinct().sorted(Comparator.comparing((String n) -> n.toLowerCase(Locale.ROOT)))
                .limit(MAX).toList();
    }

    /** Levenshtein distance with two rolling rows. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) previous[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** "a", "a or b", "a, b or c". */
    static String alternatives(List<String> names) {
        if (names.size() == 1) return names.get(0);
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }
}
