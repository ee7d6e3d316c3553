package io.regalia.core.report;

/**
 * A user's input cannot be used: the message says where (file:line:column or a JSON path) and why,
 * on one line. Maps to exit code 2 and HTTP 400.
 */
public class BadInputException extends RuntimeException {
    private final String where;
    private final String reason;

    public BadInputException(String where, String reason) {
        super(where == null || where.isEmpty() ? oneLine(reason) : oneLine(where) + ": " + oneLine(reason));
        this.where = oneLine(where);
        this.reason = oneLine(reason);
    }

    public String where() { return where; }

    public String reason() { return reason; }

    /** Line breaks quoted from the input (a value, a file name) are shown escaped, so the message stays one line. */
    private static String oneLine(String text) {
        return text == null ? null : text.replace("\r", "\\r").replace("\n", "\\n");
    }
}
