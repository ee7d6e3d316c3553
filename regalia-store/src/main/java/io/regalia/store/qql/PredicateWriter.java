package io.regalia.store.qql;

import io.regalia.core.qql.FieldCatalog.Field;
import io.regalia.core.qql.FieldCatalog.Type;
import io.regalia.core.qql.Query;
import io.regalia.core.qql.Value;
import io.regalia.core.qql.Value.DateValue;
import io.regalia.store.qql.Storage.Column;
import io.regalia.store.qql.Storage.Group;
import io.regalia.store.qql.Storage.Kind;
import io.regalia.store.qql.Storage.Source;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Writes one query as SQL. Every predicate it writes is two-valued (true or false, never NULL), so NOT means
 * "does not match" even where a column is NULL or a row is missing. Values go to {@link #params()} only.
 */
final class PredicateWriter {
    private static final String TRUE = "TRUE";
    private static final String FALSE = "FALSE";

    private final Clock clock;
    private final String prefix;
    private final Evaluation evaluation;
    private final Map<String, Object> params = new LinkedHashMap<>();
    /**
     * How many ORs and NOTs enclose what is being written. Under none, an {@code EXISTS} is a conjunct of the
     * statement's condition, which PostgreSQL turns into a join, so what it holds is planned once, not per asset.
     */
    private int enclosingOrNot;

    PredicateWriter(Clock clock, String prefix, Evaluation evaluation) {
        this.clock = clock;
        this.prefix = prefix;
        this.evaluation = evaluation;
    }

    Map<String, Object> params() { return params; }

    /** The query at the asset (no group element in scope). */
    String write(Query query) { return query(query, null); }

    /** The element of a group whose row is in scope, and which of its tables the predicate used. */
    private static final class Element {
        final Group group;
        boolean usesRow;
        boolean usesVulnerability;

        Element(Group group) { this.group = group; }

        void uses(Source source) {
            if (source == Source.ELEMENT) usesRow = true;
            if (source == Source.VULNERABILITY) usesVulnerability = true;
        }
    }

    private String query(Query query, Element scope) {
        if (query instanceof Query.Or or) return underOrNot(() -> join(or.operands(), " OR ", scope));
        if (query instanceof Query.And and) return join(and.operands(), " AND ", scope);
        if (query instanceof Query.Not not) return "(NOT " + underOrNot(() -> query(not.operand(), scope)) + ")";
        if (query instanceof Query.Match match) {
            if (match.field().type() == Type.GROUP) {
                if (!(match.value() instanceof Value.Present)) throw new IllegalStateException("group match " + match);
                return presence(match.field(), scope);
            }
            return field(match.field(), scope, false, column -> match(column, match.value()));
        }
        if (query instanceof Query.Compare compare) {
            return field(compare.field(), scope, false, column -> compare(column, compare.op(), compare.value()));
        }
        if (query instanceof Query.IsNull isNull) return isNull(isNull.field(), isNull.negated(), scope);
        if (query instanceof Query.Nested nested) return nested(nested, scope);
        if (query instanceof Query.FullText fullText) return fullText(fullText.text());
        throw new IllegalStateException("query " + query);
    }

    private String underOrNot(Supplier<String> write) {
        enclosingOrNot++;
        try {
            return write.get();
        } finally {
            enclosingOrNot--;
        }
    }

    private String join(List<Query> operands, String operator, Element scope) {
        return operands.stream().map(q -> query(q, scope)).collect(Collectors.joining(operator, "(", ")"));
    }

    // ---- placing a predicate on a field's row --------------------------------------------------------

    /**
     * The predicate {@code leaf} writes over a field's column, placed where the column lives: on the asset, in
     * the OS dictionary, on the element in scope, or in a subquery over the field's group when none is.
     * {@code trueWithoutRow}: what the leaf means when the row is missing (no OS), i.e. on all-NULL columns.
     */
    private String field(Field field, Element scope, boolean trueWithoutRow, Function<Column, String> leaf) {
        Column column = Storage.column(field);
        Group group = Storage.group(field);
        if (group == null) return placed(column, leaf.apply(column), trueWithoutRow);
        if (scope != null) {
            if (scope.group != group) throw new IllegalStateException(field.path() + " inside " + scope.group);
            scope.uses(column.source());
            return placed(column, leaf.apply(column), trueWithoutRow);
        }
        Element element = new Element(group);
        element.uses(column.source());
        return exists(element, placed(column, leaf.apply(column), trueWithoutRow));
    }

    private static String placed(Column column, String leaf, boolean trueWithoutRow) {
        if (column.source() != Source.OS) return leaf;
        String dictionary = "a.os_id = ANY (ARRAY(SELECT osr.id FROM os_release osr WHERE " + leaf + "))";
        return trueWithoutRow ? "(a.os_id IS NULL OR " + dictionary + ")" : "(a.os_id IS NOT NULL AND " + dictionary + ")";
    }

    /**
     * Some element of the group satisfies {@code inner}; dictionary-backed groups search the dictionary first, once
     * per statement, never per asset.
     */
    private String exists(Element e, String inner) {
        return switch (e.group) {
            case SOFTWARE -> e.usesRow
                    ? "EXISTS (SELECT 1 FROM asset_software asw WHERE asw.asset_id = a.id AND "
                            + evaluation.productOrTag("asw.software_id", "SELECT swp.id FROM software_product swp WHERE " + inner) + ")"
                    : "EXISTS (SELECT 1 FROM asset_software asw WHERE asw.asset_id = a.id AND " + inner + ")";
            case TAGS -> e.usesRow
                    ? "EXISTS (SELECT 1 FROM asset_tag atg WHERE atg.asset_id = a.id AND "
                            + evaluation.productOrTag("atg.tag_id", "SELECT tg.id FROM tag tg WHERE " + inner) + ")"
                    : "EXISTS (SELECT 1 FROM asset_tag atg WHERE atg.asset_id = a.id AND " + inner + ")";
            case OPEN_PORTS -> "EXISTS (SELECT 1 FROM asset_port apt WHERE apt.asset_id = a.id AND " + inner + ")";
            case INTERFACES -> "EXISTS (SELECT 1 FROM asset_interface aif WHERE aif.asset_id = a.id AND " + inner + ")";
            case VULNERABILITIES -> {
                if (e.usesRow && e.usesVulnerability) {
                    yield "EXISTS (SELECT 1 FROM detection det JOIN vulnerability vul ON vul.id = det.vulnerability_id"
                            + " WHERE det.asset_id = a.id AND " + inner + ")";
                }
                if (e.usesVulnerability) {
                    yield "EXISTS (SELECT 1 FROM detection det WHERE det.asset_id = a.id AND "
                            + evaluation.vulnerability("det.vulnerability_id", "SELECT vul.id FROM vulnerability vul WHERE " + inner,
                                    enclosingOrNot == 0) + ")";
                }
                yield "EXISTS (SELECT 1 FROM detection det WHERE det.asset_id = a.id AND " + inner + ")";
            }
        };
    }

    /** {@code group:*} / {@code group IS NOT NULL}: the asset has an element; inside the group, always true. */
    private String presence(Field group, Element scope) {
        if (scope != null) return TRUE; // a sub-group of the element in scope: one per detection
        return exists(new Element(Storage.group(group)), TRUE);
    }

    private String isNull(Field field, boolean negated, Element scope) {
        if (field.type() == Type.GROUP) {
            String present = negated ? presence(field, scope) : underOrNot(() -> presence(field, scope));
            return negated ? present : present.equals(TRUE) ? FALSE : "(NOT " + present + ")";
        }
        if (Storage.group(field) != null && scope == null && !negated) {
            // Flat form: no element has a value, the complement of some element having one.
            return "(NOT " + underOrNot(() -> isNull(field, true, null)) + ")";
        }
        return field(field, scope, !negated, column -> nullTest(column, negated));
    }

    private static String nullTest(Column c, boolean negated) {
        if (c.kind() == Kind.TEXT_ARRAY) return "cardinality(" + c.sql() + (negated ? ") > 0" : ") = 0");
        return c.sql() + (negated ? " IS NOT NULL" : " IS NULL");
    }

    private String nested(Query.Nested nested, Element scope) {
        Group group = Storage.group(nested.group());
        if (scope != null) {
            if (scope.group != group) throw new IllegalStateException(nested.group().path() + " inside " + scope.group);
            return query(nested.query(), scope);
        }
        if (group == Group.VULNERABILITIES && nested.query() instanceof Query.And and) return detections(and);
        Element element = new Element(group);
        String inner = query(nested.query(), element);
        return exists(element, inner);
    }

    /**
     * Some detection of the asset meets every condition of {@code and}. The conditions on the vulnerability alone
     * (KEV, severity, CVEs) are searched in the vulnerability dictionary first, once per statement, so the asset's
     * detections are filtered by vulnerability id instead of each being joined to its vulnerability.
     */
    private String detections(Query.And and) {
        List<String> dictionary = new ArrayList<>();
        List<String> detection = new ArrayList<>();
        boolean joined = false;
        for (Query operand : and.operands()) {
            Element element = new Element(Group.VULNERABILITIES);
            String sql = query(operand, element);
            if (element.usesVulnerability && !element.usesRow) {
                dictionary.add(sql);
            } else {
                detection.add(sql);
                joined |= element.usesVulnerability;
            }
        }
        if (dictionary.isEmpty()) {
            Element element = new Element(Group.VULNERABILITIES);
            element.usesRow = true;
            element.usesVulnerability = joined;
            return exists(element, String.join(" AND ", detection));
        }
        var sql = new StringBuilder("EXISTS (SELECT 1 FROM detection det")
                .append(joined ? " JOIN vulnerability vul ON vul.id = det.vulnerability_id" : "")
                .append(" WHERE det.asset_id = a.id AND ")
                .append(evaluation.vulnerability("det.vulnerability_id", "SELECT vul.id FROM vulnerability vul WHERE "
                        + String.join(" AND ", dictionary), enclosingOrNot == 0));
        detection.forEach(d -> sql.append(" AND ").append(d));
        return sql.append(')').toString();
    }

    /** A bare value: the names of the asset, its interface addresses, its OS name and its software names. */
    private String fullText(Value.Text text) {
        String p = textParam(text);
        List<String> any = new ArrayList<>();
        for (String column : List.of("a.name", "a.hostname", "a.fqdn", "a.netbios_name")) {
            any.add(twoValued(textTest(column, text, p), true));
        }
        any.add("EXISTS (SELECT 1 FROM asset_interface aif WHERE aif.asset_id = a.id AND "
                + textTest("host(aif.address)", text, p) + ")");
        any.add(placed(new Column(Source.OS, "osr.name", Kind.TEXT, false), textTest("osr.name", text, p), false));
        Element software = new Element(Group.SOFTWARE);
        software.usesRow = true;
        any.add(exists(software, textTest("swp.name", text, p)));
        return "(" + String.join(" OR ", any) + ")";
    }

    // ---- leaves: one value against one column ----------------------------------------------------------

    private String match(Column c, Value value) {
        if (value instanceof Value.Present) return present(c);
        if (value instanceof Value.AnyOf anyOf) return anyOf(c, anyOf.values());
        if (value instanceof Value.Range range) return range(c, range);
        if (value instanceof Value.Text text) return text(c, text);
        if (value instanceof Value.NumberValue || value instanceof DateValue) return compare(c, Query.Comparison.EQ, value);
        if (value instanceof Value.IpValue ip) {
            return twoValued(c.sql() + " = cast(" + param(ip.address().getHostAddress()) + " AS inet)", c.nullable());
        }
        if (value instanceof Value.CidrValue cidr) {
            String network = cidr.network().getHostAddress() + "/" + cidr.prefixLength();
            return twoValued(c.sql() + " <<= cast(" + param(network) + " AS inet)", c.nullable());
        }
        if (value instanceof Value.BooleanValue b) {
            return twoValued(c.sql() + " = cast(" + param(b.value()) + " AS boolean)", c.nullable());
        }
        if (value instanceof Value.EnumValue e) return enumIn(c, List.of(e));
        throw new IllegalStateException("value " + value);
    }

    private String present(Column c) {
        return switch (c.kind()) {
            case TEXT -> "(" + c.sql() + " IS NOT NULL AND " + c.sql() + " <> '')";
            case TEXT_ARRAY -> "EXISTS (SELECT 1 FROM unnest(" + c.sql() + ") AS elem(v) WHERE elem.v <> '')";
            default -> c.sql() + " IS NOT NULL";
        };
    }

    private String anyOf(Column c, List<Value> values) {
        if (c.kind() == Kind.ENUM || c.kind() == Kind.SEVERITY) {
            return enumIn(c, values.stream().map(Value.EnumValue.class::cast).toList());
        }
        if (values.size() == 1) return match(c, values.get(0));
        return values.stream().map(v -> match(c, v)).collect(Collectors.joining(" OR ", "(", ")"));
    }

    private String enumIn(Column c, List<Value.EnumValue> values) {
        if (c.kind() == Kind.SEVERITY) {
            Set<Integer> severities = new LinkedHashSet<>();
            values.forEach(v -> v.matches().forEach(m -> severities.addAll(severities(m))));
            return twoValued(c.sql() + " = ANY(cast(" + param(severities.toArray(Integer[]::new)) + " AS int[]))", c.nullable());
        }
        Set<String> stored = new LinkedHashSet<>();
        values.forEach(v -> v.matches().forEach(m -> stored.add(m.toUpperCase(Locale.ROOT).replace("-", ""))));
        return twoValued("upper(" + c.sql() + ") = ANY(cast(" + param(stored.toArray(String[]::new)) + " AS text[]))",
                c.nullable());
    }

    /** Severities of a criticality: 5 CRITICAL, 4 HIGH, 3 MEDIUM, 2 LOW, 1 and below INFO. */
    private static List<Integer> severities(String criticality) {
        return switch (criticality.toUpperCase(Locale.ROOT)) {
            case "CRITICAL" -> List.of(5);
            case "HIGH" -> List.of(4);
            case "MEDIUM" -> List.of(3);
            case "LOW" -> List.of(2);
            case "INFO" -> List.of(0, 1);
            default -> throw new IllegalStateException("criticality " + criticality);
        };
    }

    private String text(Column c, Value.Text text) {
        String p = textParam(text);
        if (c.kind() == Kind.TEXT_ARRAY) {
            return "EXISTS (SELECT 1 FROM unnest(" + c.sql() + ") AS elem(v) WHERE " + textTest("elem.v", text, p) + ")";
        }
        if (c.kind() != Kind.TEXT) throw new IllegalStateException("text on " + c);
        return twoValued(textTest(c.sql(), text, p), c.nullable());
    }

    /** The parameter a text value binds: the LIKE pattern, or for backtick-exact the text itself. */
    private String textParam(Value.Text text) {
        return param(switch (text.match()) {
            case CONTAINS -> "%" + likeLiteral(text.text()) + "%";
            case GLOB -> glob(text.text());
            case EXACT -> text.text();
        });
    }

    private static String textTest(String sql, Value.Text text, String param) {
        return text.match() == Value.TextMatch.EXACT ? "lower(" + sql + ") = lower(" + param + ")" : sql + " ILIKE " + param;
    }

    /** '*' is any run of characters; everything else, LIKE's own wildcards included, stands for itself. */
    static String glob(String text) {
        var out = new StringBuilder();
        int from = 0;
        for (int star = text.indexOf('*'); star >= 0; star = text.indexOf('*', from)) {
            out.append(likeLiteral(text.substring(from, star))).append('%');
            from = star + 1;
        }
        return out.append(likeLiteral(text.substring(from))).toString();
    }

    /** Escapes LIKE's wildcards with its default escape character, the backslash. */
    static String likeLiteral(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private String range(Column c, Value.Range range) {
        if (c.kind() == Kind.IP) {
            String low = "cast(" + param(((Value.IpValue) range.low()).address().getHostAddress()) + " AS inet)";
            String high = "cast(" + param(((Value.IpValue) range.high()).address().getHostAddress()) + " AS inet)";
            return twoValued("(" + c.sql() + (range.lowInclusive() ? " >= " : " > ") + low + " AND "
                    + c.sql() + (range.highInclusive() ? " <= " : " < ") + high + ")", c.nullable());
        }
        String low = compare(c, range.lowInclusive() ? Query.Comparison.GE : Query.Comparison.GT, range.low());
        String high = compare(c, range.highInclusive() ? Query.Comparison.LE : Query.Comparison.LT, range.high());
        return "(" + low + " AND " + high + ")";
    }

    private String compare(Column c, Query.Comparison op, Value value) {
        if (value instanceof Value.NumberValue number) {
            return twoValued(c.sql() + " " + op.symbol() + " " + number(c, number.magnitude()), c.nullable());
        }
        if (value instanceof DateValue date) return date(c, op, date);
        throw new IllegalStateException("compare " + value);
    }

    private String number(Column c, BigDecimal value) {
        return switch (c.kind()) {
            case DOUBLE -> "cast(" + param(value.doubleValue()) + " AS double precision)";
            // Whole numbers as bigint, so an index on an integer column still applies.
            case INTEGER -> isLong(value) ? "cast(" + param(value.longValueExact()) + " AS bigint)"
                    : "cast(" + param(value) + " AS numeric)";
            default -> throw new IllegalStateException("number on " + c);
        };
    }

    private static boolean isLong(BigDecimal value) {
        try {
            value.longValueExact();
            return true;
        } catch (ArithmeticException e) {
            return false;
        }
    }

    /**
     * A date written as a day ({@code 2026-01-31}) is that whole UTC day: equal means during it, {@code >} after
     * it. A relative date is a moment when compared, and its UTC day when matched with ':' or '='.
     */
    private String date(Column c, Query.Comparison op, DateValue value) {
        String sql = c.kind() == Kind.DAY ? "(cast(" + c.sql() + " AS timestamp) AT TIME ZONE 'UTC')" : c.sql();
        if (c.kind() != Kind.DAY && c.kind() != Kind.INSTANT) throw new IllegalStateException("date on " + c);
        LocalDate day = null;
        Instant at = null;
        if (value instanceof DateValue.Absolute absolute) {
            if (absolute.wholeDay()) day = absolute.day();
            else at = absolute.instant();
        } else {
            Instant resolved = value.resolve(clock);
            if (op == Query.Comparison.EQ) day = LocalDate.ofInstant(resolved, ZoneOffset.UTC);
            else at = resolved;
        }
        String test;
        if (day == null) {
            test = sql + " " + op.symbol() + " " + instant(at);
        } else {
            Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
            Instant next = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            test = switch (op) {
                case EQ -> "(" + sql + " >= " + instant(start) + " AND " + sql + " < " + instant(next) + ")";
                case GT -> sql + " >= " + instant(next);
                case GE -> sql + " >= " + instant(start);
                case LT -> sql + " < " + instant(start);
                case LE -> sql + " < " + instant(next);
            };
        }
        return twoValued(test, c.nullable());
    }

    /**
     * Bound as a moment with an explicit UTC offset, to the microsecond PostgreSQL keeps, so no session time zone
     * is involved. Not as text: text to timestamptz is only a stable cast, which PostgreSQL redoes on every row.
     */
    private String instant(Instant instant) {
        return "cast(" + param(instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC)) + " AS timestamptz)";
    }

    private static String twoValued(String test, boolean nullable) {
        return nullable ? "coalesce(" + test + ", false)" : test;
    }

    private String param(Object value) {
        String name = prefix + params.size();
        params.put(name, value);
        return ":" + name;
    }
}
