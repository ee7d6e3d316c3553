package io.regalia.ingest.report;

/**
 * Text as PostgreSQL can store it. A JSON string may carry U+0000 as {@code \u0000}, and a CSV cell may hold
 * the byte itself; PostgreSQL text cannot. Readers drop it where a value is read, so the value compares in
 * Java (identities, vulnerability keys) as it will be stored.
 */
public final class StoredText {
    private StoredText() {}

    public static String withoutNul(String text) {
        return text == null || text.indexOf(0) < 0 ? text : text.replace("\0", "");
    }
}
