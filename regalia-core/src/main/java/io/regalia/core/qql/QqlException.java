package io.regalia.core.qql;

import io.regalia.core.report.BadInputException;

/**
 * A query that cannot run: where (column, and line when the query has several), what was expected and
 * what was found. {@link #getMessage()} is one line, {@code qql: column 27: expected a value after ':' but
 * found end of query}; {@link #pretty()} adds the query line and a caret under the column.
 */
public final class QqlException extends BadInputException {
    private final String query;
    private final int line;
    private final int column;
    private final String expected;
    private final String found;

    private QqlException(String query, Position at, String reason, String expected, String found) {
        super(at.where(), reason);
        this.query = query;
        this.line = at.line();
        this.column = at.column();
        this.expected = expected;
        this.found = found;
    }

    /** An error at code point {@code offset} of {@code query}; expected and found may be null. */
    static QqlException at(String query, int offset, String reason, String expected, String found) {
        return new QqlException(query, Position.of(query, offset), reason, expected, found);
    }

    /** "expected X but found Y" at {@code offset}. */
    static QqlException expected(String query, int offset, String expected, String found) {
        return at(query, offset, "expected " + expected + " but found " + found, expected, found);
    }

    /** 1-based column, within its line, of code point {@code offset}. */
    static int columnAt(String query, int offset) { return Position.of(query, offset).column(); }

    /** The query as given. */
    public String query() { return query; }

    /** 1-based line of the error in the query (1 unless the query spans lines). */
    public int line() { return line; }

    /** 1-based column of the error, in characters (code points) of its line; one past the end for "end of query". */
    public int column() { return column; }

    /** What the parser or the field's type wanted here, e.g. "a value after ':'" or "a number"; null if not applicable. */
    public String expected() { return expected; }

    /** What was there instead, e.g. "end of query" or "'abc'"; null if not applicable. */
    public String found() { return found; }

    /** The one-line message, same as {@link #getMessage()}. */
    public String message() { return getMessage(); }

    /** The message, the offending query line and a caret under the column, each indented by two spaces. */
    public String pretty() {
        String text = query.lines().skip(line - 1L).findFirst().orElse("");
        var caret = new StringBuilder();
        int[] codePoints = text.codePoints().toArray();
        for (int i = 0; i < column - 1; i++) {
            caret.append(i < codePoints.length && codePoints[i] == '\t' ? '\t' : ' ');
        }
        return getMessage() + "\n  " + text + "\n  " + caret + "^";
    }

    private record Position(int line, int column, boolean multiLine) {
        static Position of(String query, int offset) {
            int line = 1;
            int column = 1;
            int index = 0;
            int[] codePoints = query.codePoints().toArray();
            for (; index < offset && index < codePoints.length; index++) {
                if (codePoints[index] == '\n') {
                    line++;
                    column = 1;
                } else {
                    column++;
                }
            }
            return new Position(line, column, query.indexOf('\n') >= 0);
        }

        String where() { return multiLine ? "qql: line " + line + ", column " + column : "qql: column " + column; }
    }
}
