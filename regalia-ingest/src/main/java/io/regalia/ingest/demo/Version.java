package io.regalia.ingest.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * Orders version strings the way vendors number releases: runs of digits compare numerically, runs of
 * letters lexically, separators are ignored and a version that is a prefix of another is older
 * (1.1.1 &lt; 1.1.1a &lt; 1.1.1k &lt; 1.1.1zd; 8.9p1 &lt; 9.3p2; 1.8.0_402 &lt; 11.0.16).
 */
final class Version {
    private Version() {}

    static int compare(String a, String b) {
        List<String> x = tokens(a);
        List<String> y = tokens(b);
        for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
            int c = compareToken(x.get(i), y.get(i));
            if (c != 0) return c;
        }
        return Integer.compare(x.size(), y.size());
    }

    private static int compareToken(String s, String t) {
        boolean sn = Character.isDigit(s.charAt(0));
        boolean tn = Character.isDigit(t.charAt(0));
        if (sn && tn) {
            String a = strip(s);
            String b = strip(t);
            return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
        }
        if (sn != tn) return sn ? 1 : -1; // 2.0 > 2.0-beta
        return s.compareTo(t);
    }

    private static String strip(String digits) {
        int i = 0;
        while (i < digits.length() - 1 && digits.charAt(i) == '0') i++;
        return digits.substring(i);
    }

    private static List<String> tokens(String v) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < v.length()) {
            char c = v.charAt(i);
            if (!Character.isLetterOrDigit(c)) {
                i++;
                continue;
            }
            boolean digit = Character.isDigit(c);
            int j = i;
            while (j < v.length() && Character.isLetterOrDigit(v.charAt(j)) && Character.isDigit(v.charAt(j)) == digit) j++;
            out.add(v.substring(i, j).toLowerCase(java.util.Locale.ROOT));
            i = j;
        }
        return out;
    }

    /** A half-open interval [from, to) of versions. */
    record Range(String from, String to) {
        boolean contains(String version) {
            return compare(version, from) >= 0 && compare(version, to) < 0;
        }

        /** Parses "[1.0.2,1.0.2zd)". */
        static Range parse(String text) {
            String t = text.trim();
            if (!t.startsWith("[") || !t.endsWith(")") || t.indexOf(',') < 0) {
                throw new IllegalArgumentException("version range must look like [from,to): " + text);
            }
            int comma = t.indexOf(',');
            return new Range(t.substring(1, comma).trim(), t.substring(comma + 1, t.length() - 1).trim());
        }
    }
}
