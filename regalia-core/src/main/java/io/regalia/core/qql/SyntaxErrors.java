package io.regalia.core.qql;

import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenStream;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

import static io.regalia.core.qql.QqlLexer.*;

/**
 * Turns the first syntax error into a {@link QqlException} in place of ANTLR's console messages. The
 * message comes from the tokens around the error (what came before it, which bracket is open), which
 * says more to a user than ANTLR's token sets: "expected a value after ':' but found end of query".
 */
final class SyntaxErrors extends BaseErrorListener {
    /** Parsing recurses once per level; a bound keeps hostile input from exhausting the stack. */
    static final int MAX_DEPTH = 64;

    private final String query;

    SyntaxErrors(String query) { this.query = query; }

    /** Errors visible in the tokens alone, reported before parsing so that they are named precisely. */
    void check(List<Token> tokens) {
        if (tokens.size() == 1) throw QqlException.at(query, 0, "empty query", "a query", "end of query");
        Deque<Token> open = new ArrayDeque<>();
        int nots = 0;
        for (Token t : tokens) {
            nots = t.getType() == NOT ? nots + 1 : 0;
            if (open.size() > MAX_DEPTH || nots > MAX_DEPTH) {
                throw QqlException.at(query, offset(t), "too deeply nested: at most " + MAX_DEPTH
                        + " levels of parentheses, brackets or NOT", null, quoted(t));
            }
            switch (t.getType()) {
                case UNEXPECTED -> throw QqlException.at(query, offset(t),
                        "unexpected character " + quoted(t) + hint(t.getText()), null, quoted(t));
                case UNTERMINATED -> {
                    String quote = t.getText().substring(0, 1);
                    throw QqlException.at(query, offset(t), "unterminated quote: expected a closing " + quote
                            + " but found end of query", quote, "end of query");
                }
                case LPAREN, LBRACKET -> open.push(t);
                case RPAREN, RBRACKET -> {
                    if (open.isEmpty()) {
                        String opener = t.getType() == RPAREN ? "(" : "[";
                        throw QqlException.at(query, offset(t), "unbalanced " + quoted(t) + ": there is no '"
                                + opener + "' before it", null, quoted(t));
                    }
                    open.pop();
                }
                default -> { }
            }
        }
        if (!open.isEmpty()) {
            Token t = open.peek();
            String closer = t.getType() == LPAREN ? ")" : "]";
            throw QqlException.at(query, offset(t), "unbalanced " + quoted(t) + ": expected '" + closer
                    + "' to close it but found end of query", "'" + closer + "'", "end of query");
        }
    }

    private static String hint(String character) {
        return switch (character) {
            case "." -> " (a dot joins words such as asset.name; '..' separates range bounds)";
            case "!" -> " (negate with NOT)";
            default -> "";
        };
    }

    @Override
    public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int charPositionInLine,
                            String msg, RecognitionException e) {
        if (recognizer instanceof Parser parser && offendingSymbol instanceof Token token) {
            throw describe(parser.getTokenStream(), token);
        }
        // The lexer matches any character (UNEXPECTED), so it never gets here; keep a clear message anyway.
        throw QqlException.at(query, offsetOf(line, charPositionInLine), "unreadable input: " + msg, null, null);
    }

    private QqlException describe(TokenStream tokens, Token off) {
        int index = off.getTokenIndex();
        Token prev = index > 0 ? tokens.get(index - 1) : null;
        int at = offset(off);
        String found = found(off);
        if (prev == null) return QqlException.expected(query, at, "a term", found);
        String after = " after " + quoted(prev);
        switch (prev.getType()) {
            case COLON, GT, GE, LT, LE, EQ, LBRACKET, COMMA, DOTDOT:
                return QqlException.expected(query, at, "a value" + after, found);
            case IS:
                return QqlException.expected(query, at, "NULL or NOT NULL" + after, found);
            case NOT:
                if (index > 1 && tokens.get(index - 2).getType() == IS) {
                    return QqlException.expected(query, at, "NULL after 'IS NOT'", found);
                }
                return QqlException.expected(query, at, "a term" + after, found);
            case AND, OR:
                return QqlException.expected(query, at, "a term" + after, found);
            case LPAREN:
                boolean afterField = index > 1 && tokens.get(index - 2).getType() == COLON;
                return QqlException.expected(query, at, (afterField ? "a range or a sub-query" : "a term") + after, found);
            default:
                return afterValue(tokens, index, off, at, found);
        }
    }

    /** The error follows a complete value or term: inside a list or range, or between terms. */
    private QqlException afterValue(TokenStream tokens, int index, Token off, int at, String found) {
        int opener = innermostOpen(tokens, index);
        boolean range = false;
        boolean list = false;
        if (opener >= 0) {
            for (int i = opener + 1; i < index; i++) {
                range |= tokens.get(i).getType() == DOTDOT;
                list |= tokens.get(i).getType() == COMMA;
            }
        }
        if (range) return QqlException.expected(query, at, "']' or ')' to close the range", found);
        if (list) return QqlException.expected(query, at, "',' or ']'", found);
        if (opener >= 0 && tokens.get(opener).getType() == LBRACKET) {
            return QqlException.expected(query, at, "',', '..' or ']'", found);
        }
        if (startsTerm(off.getType())) {
            int column = QqlException.columnAt(query, at);
            return QqlException.at(query, at, "missing AND/OR at column " + column + ": join the two terms with AND or OR", "AND or OR", found);
        }
        return QqlException.expected(query, at, opener >= 0 ? "AND, OR or ')'" : "AND, OR or end of query", found);
    }

    /** Index of the innermost '(' or '[' still open before token {@code index}, or -1. */
    private static int innermostOpen(TokenStream tokens, int index) {
        Deque<Integer> open = new ArrayDeque<>();
        for (int i = 0; i < index; i++) {
            int type = tokens.get(i).getType();
            if (type == LPAREN || type == LBRACKET) open.push(i);
            else if ((type == RPAREN || type == RBRACKET) && !open.isEmpty()) open.pop();
        }
        return open.isEmpty() ? -1 : open.peek();
    }

    private static boolean startsTerm(int type) {
        return switch (type) {
            case WORD, DATETIME, IPV6, MAC, UNIT, DQUOTED, SQUOTED, BACKTICKED, NOT, LPAREN -> true;
            default -> false;
        };
    }

    /** Code point offset of a token; end of query is just past the last visible character. */
    int offset(Token token) {
        if (token.getType() != Token.EOF) return token.getStartIndex();
        int[] codePoints = query.codePoints().toArray();
        int end = codePoints.length;
        while (end > 0 && Character.isWhitespace(codePoints[end - 1])) end--;
        return end;
    }

    private int offsetOf(int line, int charPositionInLine) {
        int[] codePoints = query.codePoints().toArray();
        int offset = 0;
        for (int l = 1; l < line && offset < codePoints.length; offset++) {
            if (codePoints[offset] == '\n') l++;
        }
        return offset + charPositionInLine;
    }

    static String found(Token token) {
        return token.getType() == Token.EOF ? "end of query" : quoted(token);
    }

    /** Token text in single quotes, keywords upper-cased, long text shortened. */
    static String quoted(Token token) {
        String text = token.getText();
        if (token.getType() == AND || token.getType() == OR || token.getType() == NOT || token.getType() == IS
                || token.getType() == NULL) {
            text = text.toUpperCase(Locale.ROOT);
        }
        return quoted(text);
    }

    static String quoted(String text) {
        return "'" + (text.length() > 40 ? text.substring(0, 37) + "..." : text) + "'";
    }
}
