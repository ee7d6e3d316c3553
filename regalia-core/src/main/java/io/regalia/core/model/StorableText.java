package io.regalia.core.model;

/**
 * Text as PostgreSQL can store it. A JSON string may carry U+0000 or half of a surrogate pair as an escape,
 * and a CSV cell may hold the NUL byte itself; PostgreSQL text holds neither. NUL is dropped and an unpaired
 * surrogate becomes U+FFFD where a value is read, so it compares in Java (identities, vulnerability keys)
 * as it is stored.
 */
public final class StorableText {
    private StorableText() {}

    public static String of(String text) {
        if (text == null) return null;
        int n = text.length();
        int i = 0;
        while (i < n && text.charAt(i) != 0 && !Character.isSurrogate(text.charAt(i))) i++;
        if (i == n) return text;
        StringBuilder out = new StringBuilder(n).append(text, 0, i);
        for (; i < n; i++) {
            char c = text.charAt(i);
            if (c == 0) continue;
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else {
                out.append(Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return out.toString();
    }
}
