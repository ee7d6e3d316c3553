package io.regalia.core.qql;

import io.regalia.core.qql.FieldCatalog.Field;
import io.regalia.core.qql.Value.DateValue;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;

import java.net.Inet6Address;
import java.util.List;
import java.util.stream.Collectors;

/** Canonical QQL for queries and values: keywords upper-case, catalog spelling, minimal parentheses and quotes. */
final class QqlPrinter {
    private QqlPrinter() {}

    static String query(Query query) {
        var out = new StringBuilder();
        print(query, null, out);
        return out.toString();
    }

    private static void print(Query query, Field group, StringBuilder out) {
        if (query instanceof Query.Or or) {
            join(or.operands(), " OR ", 2, group, out);
        } else if (query instanceof Query.And and) {
            join(and.operands(), " AND ", 3, group, out);
        } else if (query instanceof Query.Not not) {
            out.append("NOT ");
            operand(not.operand(), 3, group, out);
        } else if (query instanceof Query.Match match) {
            out.append(match.field().pathWithin(group)).append(':').append(value(match.value()));
        } else if (query instanceof Query.Nested nested) {
            out.append(nested.group().pathWithin(group)).append(":(");
            print(nested.query(), nested.group(), out);
            out.append(')');
        } else if (query instanceof Query.Compare compare) {
            out.append(compare.field().pathWithin(group)).append(' ').append(compare.op().symbol()).append(' ')
                    .append(value(compare.value()));
        } else if (query instanceof Query.IsNull isNull) {
            out.append(isNull.field().pathWithin(group)).append(isNull.negated() ? " IS NOT NULL" : " IS NULL");
        } else if (query instanceof Query.FullText fullText) {
            out.append(value(fullText.text()));
        } else {
            throw new IllegalStateException("unknown query node " + query.getClass());
        }
    }

    private static void join(List<Query> operands, String operator, int precedence, Field group, StringBuilder out) {
        for (int i = 0; i < operands.size(); i++) {
            if (i > 0) out.append(operator);
            operand(operands.get(i), precedence, group, out);
        }
    }

    /** Parenthesizes an operand that binds looser than its context (OR=1, AND=2, NOT/terms=3). */
    private static void operand(Query query, int minimum, Field group, StringBuilder out) {
        int precedence = query instanceof Query.Or ? 1 : query instanceof Query.And ? 2 : 3;
        if (precedence < minimum) {
            out.append('(');
            print(query, group, out);
            out.append(')');
        } else {
            print(query, group, out);
        }
    }

    static String value(Value value) {
        if (value instanceof Value.Text text) {
            return switch (text.match()) {
                case EXACT -> quote(text.text(), '`');
                case CONTAINS, GLOB -> isPlainWord(text.text()) && !text.text().equals("*")
                        ? text.text() : quote(text.text(), '"');
            };
        } else if (value instanceof Value.AnyOf anyOf) {
            return anyOf.values().stream().map(QqlPrinter::value).collect(Collectors.joining(", ", "[", "]"));
        } else if (value instanceof Value.Range range) {
            return (range.lowInclusive() ? "[" : "(") + value(range.low()) + " .. " + value(range.high())
                    + (range.highInclusive() ? "]" : ")");
        } else if (value instanceof Value.Present) {
            return "*";
        } else if (value instanceof Value.NumberValue number) {
            return number.number().toPlainString() + (number.unit() == null ? "" : " " + number.unit().name());
        } else if (value instanceof DateValue.Absolute absolute) {
            return absolute.wholeDay() ? absolute.day().toString() : absolute.instant().toString();
        } else if (value instanceof DateValue.Relative relative) {
            if (relative.offset() == 0) return "now";
            return "now" + (relative.offset() < 0 ? "-" : "+") + Math.abs(relative.offset()) + relative.unit().letter();
        } else if (value instanceof Value.IpValue ip) {
            return address(ip.address());
        } else if (value instanceof Value.CidrValue cidr) {
            return address(cidr.network()) + "/" + cidr.prefixLength();
        } else if (value instanceof Value.BooleanValue bool) {
            return Boolean.toString(bool.value());
        } else if (value instanceof Value.EnumValue enumValue) {
            return isPlainWord(enumValue.name()) ? enumValue.name() : quote(enumValue.name(), '"');
        }
        throw new IllegalStateException("unknown value " + value.getClass());
    }

    /** IPv6 in full eight-group form, which the lexer reads without quotes. */
    private static String address(java.net.InetAddress address) {
        String text = address.getHostAddress();
        return address instanceof Inet6Address && text.indexOf('%') >= 0 ? text.substring(0, text.indexOf('%')) : text;
    }

    /** True when the text lexes as exactly one WORD, so it can be written without quotes. */
    static boolean isPlainWord(String text) {
        var lexer = new QqlLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        Token first = lexer.nextToken();
        return first.getType() == QqlLexer.WORD && first.getText().equals(text)
                && lexer.nextToken().getType() == Token.EOF;
    }

    /** Quotes with backslash escapes for the quote and the backslash, the only escapes the lexer knows. */
    static String quote(String text, char quote) {
        var out = new StringBuilder().append(quote);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == quote || c == '\\') out.append('\\');
            out.append(c);
        }
        return out.append(quote).toString();
    }
}
