package io.regalia.core.report;

/**
 * A user's input cannot be used: the message says where (file:line:column or a JSON path) and why,
 * on one line. Maps to exit code 2 and HTTP 400.
 */
public class BadInputException extends RuntimeException {
    private final String where;
    private final String reason;

    public BadInputException(String where, String reason) {
        super(where == null || where.isEmpty() ? reason : where + ": " + reason);
        this.where = where;
        this.reason = reason;
    }

    public String where() { return where; }

    public String reason() { return reason; }
}
