package io.regalia.core.qql;

import io.regalia.core.qql.FieldCatalog.Field;
import io.regalia.core.qql.FieldCatalog.Type;
import io.regalia.core.qql.Value.DateValue;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Token;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Parses with the generated parser, then resolves fields against a catalog and types every value. */
final class Analyzer {
    private static final Pattern NUMBER = Pattern.compile("([+-]?\\d+(?:\\.\\d+)?)(?:\\s*([KMGT]B))?", Pattern.CASE_INSENSITIVE);
    private static final Pattern RELATIVE = Pattern.compile("(?i:now)\\s*([+-])\\s*(\\d{1,9})([A-Za-z])");
    private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    private static final String DATE_FORMS = "2026-01-31, 2026-01-31T10:00:00Z, now or now-30d";
    /** Relative bounds are ordered as of one fixed moment; months and years make the order calendar-dependent only at the edges. */
    private static final Clock ORDERING_CLOCK = Clock.fixed(Instant.parse("2000-01-01T00:00:00Z"), ZoneOffset.UTC);

    private final FieldCatalog catalog;

    Analyzer(FieldCatalog catalog) { this.catalog = catalog; }

    Query analyze(String text) {
        Objects.requireNonNull(text, "query");
        var errors = new SyntaxErrors(text);
        var lexer = new QqlLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        lexer.addErrorListener(errors);
        var tokens = new CommonTokenStream(lexer);
        tokens.fill();
        errors.check(tokens.getTokens());
        var parser = new QqlParser(tokens);
        parser.removeErrorListeners();
        parser.addErrorListener(errors);
        QqlParser.QueryContext tree = parser.query();
        return new Typing(text, errors).visit(tree.orExpr());
    }

    /** A scalar as written, before the field gives it a type. */
    private record Raw(String text, Kind kind, Token token, Token unit) {
        enum Kind { BARE, QUOTED, EXACT }

        boolean isStar() { return kind == Kind.BARE && unit == null && text.equals("*"); }

        String shown() { return SyntaxErrors.quoted(unit == null ? text : text + " " + unit.getText()); }
    }

    private final class Typing extends QqlBaseVisitor<Query> {
        private final String query;
        private final SyntaxErrors positions;
        /** The group of the innermost {@code group:( ... )} being read, null at the top. */
        private Field group;

        Typing(String query, SyntaxErrors positions) {
            this.query = query;
            this.positions = positions;
        }

        @Override public Query visitOrExpr(QqlParser.OrExprContext ctx) {
            return Query.or(ctx.andExpr().stream().map(this::visit).toList());
        }

        @Override public Query visitAndExpr(QqlParser.AndExprContext ctx) {
            return Query.and(ctx.notExpr().stream().map(this::visit).toList());
        }

        @Override public Query visitNotExpr(QqlParser.NotExprContext ctx) {
            return ctx.NOT() != null ? new Query.Not(visit(ctx.notExpr())) : visit(ctx.primary());
        }

        @Override public Query visitPrimary(QqlParser.PrimaryContext ctx) {
            return ctx.orExpr() != null ? visit(ctx.orExpr()) : visit(ctx.term());
        }

        @Override public Query visitNested(QqlParser.NestedContext ctx) {
            Field field = resolve(ctx.field());
            if (field.type() != Type.GROUP) {
                throw error(ctx.LPAREN().getSymbol(), field.path() + " is " + kind(field) + ", not a group; only "
                        + Suggestions.alternatives(groups()) + " take field:( ... ); for any of several values write "
                        + field.pathWithin(group) + ":[a, b]", "a group", field.path());
            }
            Field outer = group;
            group = field;
            try {
                return new Query.Nested(field, visit(ctx.orExpr()));
            } finally {
                group = outer;
            }
        }

        @Override public Query visitMatch(QqlParser.MatchContext ctx) {
            Field field = resolve(ctx.field());
            QqlParser.ValueContext value = ctx.value();
            if (value.list() != null) return new Query.Match(field, list(field, value.list()));
            if (value.range() != null) return new Query.Match(field, range(field, value.range()));
            Raw raw = raw(value.scalar());
            if (raw.isStar()) return new Query.Match(field, new Value.Present());
            return new Query.Match(field, single(field, raw));
        }

        @Override public Query visitCompare(QqlParser.CompareContext ctx) {
            Field field = resolve(ctx.field());
            Token op = ctx.comparison().getStart();
            if (!isOrdered(field)) {
                throw error(op, SyntaxErrors.quoted(op) + " compares numbers and dates; " + field.path() + " is "
                        + kind(field) + (field.type() == Type.GROUP ? "" : " (match it with ':')"),
                        "a number or date field", field.path());
            }
            Query.Comparison comparison = switch (op.getType()) {
                case QqlLexer.GT -> Query.Comparison.GT;
                case QqlLexer.GE -> Query.Comparison.GE;
                case QqlLexer.LT -> Query.Comparison.LT;
                case QqlLexer.LE -> Query.Comparison.LE;
                case QqlLexer.EQ -> Query.Comparison.EQ;
                default -> throw new IllegalStateException("comparison token " + op);
            };
            return new Query.Compare(field, comparison, single(field, raw(ctx.scalar())));
        }

        @Override public Query visitIsNull(QqlParser.IsNullContext ctx) {
            return new Query.IsNull(resolve(ctx.field()), ctx.NOT() != null);
        }

        @Override public Query visitFullText(QqlParser.FullTextContext ctx) {
            Raw raw = raw(ctx.scalar());
            if (group != null) {
                throw error(raw.token(), "a bare value cannot stand inside " + group.path() + ":( ... ); name a field"
                        + " such as " + within(group).get(0) + ":" + raw.text(), "a field", raw.shown());
            }
            if (raw.unit() != null) {
                throw error(raw.unit(), "a unit such as " + SyntaxErrors.quoted(raw.unit())
                        + " only follows a number on a size field", null, SyntaxErrors.quoted(raw.unit()));
            }
            return new Query.FullText(text(raw));
        }

        // ---- fields ---------------------------------------------------------------------------------

        private Field resolve(QqlParser.FieldContext ctx) {
            String name = ctx.getText();
            if (group == null) {
                return catalog.find(name).orElseThrow(() -> unknown(ctx.getStart(), name, catalog.suggestions(name)));
            }
            String prefix = group.path() + ".";
            Optional<Field> field = catalog.find(prefix + name).filter(f -> f.path().startsWith(prefix));
            return field.orElseThrow(() -> unknown(ctx.getStart(), name, catalog.suggestionsWithin(group, name)));
        }

        private QqlException unknown(Token token, String name, List<String> suggestions) {
            return error(token, "unknown field " + SyntaxErrors.quoted(name) + (group == null ? "" : " in " + group.path())
                    + (suggestions.isEmpty() ? "" : "; did you mean " + Suggestions.alternatives(suggestions) + "?"),
                    "a field", SyntaxErrors.quoted(name));
        }

        private List<String> within(Field group) {
            return catalog.within(group).stream().filter(f -> f.group().equals(group.path()))
                    .map(f -> f.pathWithin(group)).toList();
        }

        private List<String> groups() {
            return catalog.fields().stream().filter(f -> f.type() == Type.GROUP).map(Field::path).toList();
        }

        // ---- values ---------------------------------------------------------------------------------

        private Raw raw(QqlParser.ScalarContext ctx) {
            if (ctx instanceof QqlParser.BareScalarContext bare) {
                return new Raw(bare.bare().getText(), Raw.Kind.BARE, bare.getStart(),
                        bare.UNIT() == null ? null : bare.UNIT().getSymbol());
            }
            Token token = ctx.getStart();
            Raw.Kind kind = ctx instanceof QqlParser.ExactScalarContext ? Raw.Kind.EXACT : Raw.Kind.QUOTED;
            return new Raw(unquote(token.getText()), kind, token, null);
        }

        private Value list(Field field, QqlParser.ListContext ctx) {
            if (field.type() == Type.GROUP) throw groupValue(field, ctx.getStart());
            List<Value> values = new ArrayList<>();
            for (QqlParser.ScalarContext scalar : ctx.scalar()) {
                Raw raw = raw(scalar);
                if (raw.isStar()) throw error(raw.token(), "'*' (any value) cannot be in a list; write " + field.pathWithin(group) + ":*", "a value", "'*'");
                values.add(single(field, raw));
            }
            return new Value.AnyOf(values);
        }

        private Value range(Field field, QqlParser.RangeContext ctx) {
            if (!isOrdered(field) && field.type() != Type.IP) {
                throw error(ctx.open, "a range needs a number, date or IP address field; " + field.path() + " is " + kind(field)
                        + (field.type() == Type.TEXT || field.type() == Type.ENUM ? " (for any of several values write [a, b])" : ""),
                        "a number, date or IP address field", field.path());
            }
            Raw lowRaw = raw(ctx.low);
            Raw highRaw = raw(ctx.high);
            Value low = single(field, lowRaw);
            Value high = single(field, highRaw);
            if (low instanceof Value.CidrValue) throw cidrBound(lowRaw);
            if (high instanceof Value.CidrValue) throw cidrBound(highRaw);
            boolean lowInclusive = ctx.open.getType() == QqlLexer.LBRACKET;
            boolean highInclusive = ctx.close.getType() == QqlLexer.RBRACKET;
            Integer order = order(low, high);
            if (order == null && low instanceof Value.IpValue && high instanceof Value.IpValue) {
                throw error(ctx.open, "range bounds " + low + " and " + high + " are of different address families", null, null);
            }
            if (order != null && order > 0) {
                throw error(ctx.open, "empty range: the low bound " + low + " is above the high bound " + high, null, null);
            }
            if (order != null && order == 0 && !(lowInclusive && highInclusive)) {
                throw error(ctx.open, "empty range: an open bound at " + low + " leaves nothing between equal bounds; write "
                        + field.pathWithin(group) + ":" + low + " or use [ ]", null, null);
            }
            return new Value.Range(low, high, lowInclusive, highInclusive);
        }

        private QqlException cidrBound(Raw raw) {
            return error(raw.token(), "range bounds are addresses, not networks; " + raw.shown() + " is a CIDR",
                    "an IP address", raw.shown());
        }

        /** Sign of low versus high, or null when they cannot be ordered before the query runs. */
        private Integer order(Value low, Value high) {
            if (low instanceof Value.NumberValue a && high instanceof Value.NumberValue b) {
                return a.magnitude().compareTo(b.magnitude());
            }
            if (low instanceof DateValue.Absolute a && high instanceof DateValue.Absolute b) {
                return a.instant().compareTo(b.instant());
            }
            if (low instanceof DateValue.Relative a && high instanceof DateValue.Relative b) {
                return a.resolve(ORDERING_CLOCK).compareTo(b.resolve(ORDERING_CLOCK));
            }
            if (low instanceof Value.IpValue a && high instanceof Value.IpValue b) {
                byte[] x = a.address().getAddress();
                byte[] y = b.address().getAddress();
                if (x.length != y.length) return null;
                for (int i = 0; i < x.length; i++) {
                    int c = Integer.compare(x[i] & 0xff, y[i] & 0xff);
                    if (c != 0) return c;
                }
                return 0;
            }
            return null;
        }

        /** One value of the field's type. */
        private Value single(Field field, Raw raw) {
            if (field.type() != Type.NUMBER && field.type() != Type.SIZE && raw.unit() != null) {
                throw notSize(field, raw.unit(), raw.unit().getText());
            }
            return switch (field.type()) {
                case TEXT -> text(raw);
                case NUMBER, SIZE -> number(field, raw);
                case DATE -> date(field, raw);
                case ENUM -> field.constant(raw.text().trim()).map(Value.EnumValue::of)
                        .orElseThrow(() -> typeError(field, raw, null));
                case IP -> address(field, raw);
                case BOOLEAN -> {
                    String text = raw.text().trim();
                    if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
                        yield new Value.BooleanValue(Boolean.parseBoolean(text));
                    }
                    throw typeError(field, raw, null);
                }
                case GROUP -> throw groupValue(field, raw.token());
            };
        }

        private Value.Text text(Raw raw) {
            if (raw.text().isEmpty()) throw error(raw.token(), "empty value; to test that a field is set write field:*", "a value", "''");
            if (raw.kind() == Raw.Kind.EXACT) return new Value.Text(raw.text(), Value.TextMatch.EXACT);
            return new Value.Text(raw.text(), raw.text().indexOf('*') >= 0 ? Value.TextMatch.GLOB : Value.TextMatch.CONTAINS);
        }

        private Value number(Field field, Raw raw) {
            Matcher m = NUMBER.matcher(raw.text().trim());
            if (!m.matches() || (m.group(2) != null && raw.unit() != null)) throw typeError(field, raw, null);
            String unit = m.group(2) != null ? m.group(2) : raw.unit() == null ? null : raw.unit().getText();
            if (unit != null && field.type() != Type.SIZE) throw notSize(field, raw.unit() != null ? raw.unit() : raw.token(), unit);
            return new Value.NumberValue(new BigDecimal(m.group(1)),
                    unit == null ? null : Value.SizeUnit.valueOf(unit.toUpperCase(Locale.ROOT)));
        }

        private Value date(Field field, Raw raw) {
            String text = raw.text().trim();
            if (text.equalsIgnoreCase("now")) return DateValue.Relative.now();
            Matcher relative = RELATIVE.matcher(text);
            if (relative.matches()) {
                char letter = relative.group(3).charAt(0);
                Value.DateUnit unit = switch (letter) {
                    case 'h', 'H' -> Value.DateUnit.HOURS;
                    case 'd', 'D' -> Value.DateUnit.DAYS;
                    case 'w', 'W' -> Value.DateUnit.WEEKS;
                    case 'M' -> Value.DateUnit.MONTHS;
                    case 'y', 'Y' -> Value.DateUnit.YEARS;
                    default -> throw typeError(field, raw, letter == 'm'
                            ? "'m' would be minutes, which dates do not take; months are 'M'"
                            : "units are h, d, w, M (months) and y");
                };
                long amount = Long.parseLong(relative.group(2));
                return new DateValue.Relative(relative.group(1).equals("-") ? -amount : amount, unit);
            }
            if (DAY.matcher(text).matches()) {
                try {
                    return DateValue.Absolute.ofDay(LocalDate.parse(text));
                } catch (DateTimeParseException e) {
                    throw typeError(field, raw, "there is no such day");
                }
            }
            if (text.length() > 10 && DAY.matcher(text.substring(0, 10)).matches()
                    && (text.charAt(10) == 'T' || text.charAt(10) == 't')) {
                try {
                    OffsetDateTime time = OffsetDateTime.parse(text.toUpperCase(Locale.ROOT), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
                    return new DateValue.Absolute(time.toInstant(), false);
                } catch (DateTimeParseException e) {
                    throw typeError(field, raw, "there is no such time, or it lacks a zone: end it with Z or an offset such as +02:00");
                }
            }
            throw typeError(field, raw, "write " + DATE_FORMS);
        }

        private Value address(Field field, Raw raw) {
            String text = raw.text().trim();
            int slash = text.indexOf('/');
            InetAddress address = parseAddress(slash < 0 ? text : text.substring(0, slash));
            if (address == null) throw typeError(field, raw, null);
            if (slash < 0) return new Value.IpValue(address);
            int bits = address.getAddress().length * 8;
            String prefix = text.substring(slash + 1);
            if (!prefix.matches("\\d{1,3}") || Integer.parseInt(prefix) > bits) {
                throw error(raw.token(), "bad CIDR " + raw.shown() + ": the prefix length must be 0 to " + bits,
                        "a CIDR such as " + (bits == 32 ? "10.0.0.0/8" : "2001:db8::/32"), raw.shown());
            }
            int length = Integer.parseInt(prefix);
            InetAddress network = network(address, length);
            if (!network.equals(address)) {
                throw error(raw.token(), "bad CIDR " + raw.shown() + ": bits are set past the /" + length
                        + " prefix; the network is " + new Value.CidrValue(network, length), "a network address", raw.shown());
            }
            return new Value.CidrValue(address, length);
        }

        private QqlException typeError(Field field, Raw raw, String why) {
            return error(raw.token(), field.path() + " is " + expectation(field) + "; " + raw.shown() + " is not"
                    + (why == null ? "" : " (" + why + ")"), expectation(field), raw.shown());
        }

        private QqlException notSize(Field field, Token at, String unit) {
            return error(at, field.path() + " is " + kind(field) + ", not a size; the unit "
                    + SyntaxErrors.quoted(unit) + " does not apply", "a value without a unit", SyntaxErrors.quoted(unit));
        }

        private QqlException groupValue(Field field, Token at) {
            List<String> fields = within(field);
            String example = fields.isEmpty() ? "name" : fields.get(0);
            String path = field.pathWithin(group);
            return error(at, path + " is a group; match its fields together with " + path + ":(" + example
                    + ":...) or one at a time with " + path + "." + example + ":...", "a sub-field", path);
        }

        private QqlException error(Token token, String reason, String expected, String found) {
            return QqlException.at(query, positions.offset(token), reason, expected, found);
        }
    }

    private static boolean isOrdered(Field field) {
        return field.type() == Type.NUMBER || field.type() == Type.SIZE || field.type() == Type.DATE;
    }

    /** Short description of a field's type: "text", "a number", ... */
    private static String kind(Field field) {
        return switch (field.type()) {
            case TEXT -> "text";
            case NUMBER -> "a number";
            case SIZE -> "a size";
            case DATE -> "a date";
            case ENUM -> "an enum";
            case IP -> "an IP address";
            case BOOLEAN -> "a boolean";
            case GROUP -> "a group";
        };
    }

    /** What a value of the field must look like, for type errors. */
    private static String expectation(Field field) {
        return switch (field.type()) {
            case ENUM -> "one of " + field.constants().stream().map(FieldCatalog.EnumConstant::name).collect(Collectors.joining(", "));
            case BOOLEAN -> "true or false";
            case IP -> "an IP address or CIDR";
            case SIZE -> "a size (a number, optionally with KB, MB, GB or TB)";
            default -> kind(field);
        };
    }

    /** Strict dotted-quad IPv4, or an IPv6 literal; never a host name lookup. */
    static InetAddress parseAddress(String text) {
        try {
            Matcher v4 = IPV4.matcher(text);
            if (v4.matches()) {
                byte[] bytes = new byte[4];
                for (int i = 0; i < 4; i++) {
                    int octet = Integer.parseInt(v4.group(i + 1));
                    if (octet > 255) return null;
                    bytes[i] = (byte) octet;
                }
                return InetAddress.getByAddress(bytes);
            }
            // A string with ':' that starts with a hex digit or ':' is parsed as a literal by the JDK, never resolved.
            if (IPV6_CHARS.matcher(text).matches() && (text.charAt(0) == ':' || Character.digit(text.charAt(0), 16) >= 0)) {
                return InetAddress.getByName(text);
            }
            return null;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static InetAddress network(InetAddress address, int prefixLength) {
        byte[] bytes = address.getAddress();
        for (int bit = prefixLength; bit < bytes.length * 8; bit++) {
            bytes[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Strips the quotes; a backslash escapes the quote character or a backslash and is kept before anything else. */
    static String unquote(String token) {
        char quote = token.charAt(0);
        var out = new StringBuilder();
        for (int i = 1; i < token.length() - 1; i++) {
            char c = token.charAt(i);
            if (c == '\\' && i + 1 < token.length() - 1) {
                char next = token.charAt(i + 1);
                if (next == quote || next == '\\') {
                    out.append(next);
                    i++;
                    continue;
                }
            }
            out.append(c);
        }
        return out.toString();
    }
}
