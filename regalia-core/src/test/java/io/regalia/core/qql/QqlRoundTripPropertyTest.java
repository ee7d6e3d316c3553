package io.regalia.core.qql;

import io.regalia.core.qql.FieldCatalog.Field;
import io.regalia.core.qql.FieldCatalog.Type;
import io.regalia.core.qql.Value.DateValue;
import io.regalia.core.qql.Value.TextMatch;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Any well-typed query prints as QQL that parses back to an equal query. */
class QqlRoundTripPropertyTest {
    private static final FieldCatalog CATALOG = FieldCatalog.standard();
    /** Characters that stress quoting: quotes of every kind, backslashes, brackets, keywords' letters, non-ASCII. */
    private static final String TEXT_CHARS = "abzANDORNOTISULKBM0129 -_./\\\"'`:()[],<>=!#é\u00df\u4e2d\n";

    @Property(tries = 600)
    void shouldParseThePrintedFormBackToAnEqualQuery(@ForAll("queries") Query query) {
        String printed = query.toString();
        assertThat(Qql.parse(printed)).as(printed).isEqualTo(query);
    }

    @Property(tries = 200)
    void shouldPrintTheCanonicalFormOfAnyQueryUnchanged(@ForAll("queries") Query query) {
        String printed = query.toString();
        assertThat(Qql.parse(printed).toString()).isEqualTo(printed);
    }

    @Provide
    Arbitrary<Query> queries() {
        return query(3, null);
    }

    private Arbitrary<Query> query(int depth, Field group) {
        Arbitrary<Query> leaf = leaf(group);
        if (depth == 0) return leaf;
        Arbitrary<Query> sub = Arbitraries.lazy(() -> query(depth - 1, group));
        return Arbitraries.frequencyOf(
                Tuple.of(5, leaf),
                Tuple.of(1, sub.list().ofMinSize(2).ofMaxSize(3).map(Query::and)),
                Tuple.of(1, sub.list().ofMinSize(2).ofMaxSize(3).map(Query::or)),
                Tuple.of(1, sub.map(Query.Not::new)));
    }

    private Arbitrary<Query> leaf(Field group) {
        List<Field> fields = group == null ? CATALOG.fields() : CATALOG.within(group);
        List<Field> ordered = fields.stream().filter(f -> f.type() == Type.NUMBER || f.type() == Type.DATE).toList();
        List<Field> groups = fields.stream().filter(f -> f.type() == Type.GROUP && isDirectlyIn(f, group)).toList();
        List<Tuple.Tuple2<Integer, Arbitrary<? extends Query>>> choices = new ArrayList<>();
        choices.add(Tuple.of(6, Arbitraries.of(fields).flatMap(f -> matchValue(f).map(v -> new Query.Match(f, v)))));
        choices.add(Tuple.of(1, Combinators.combine(Arbitraries.of(fields), Arbitraries.of(true, false)).as(Query.IsNull::new)));
        if (!ordered.isEmpty()) {
            choices.add(Tuple.of(2, Arbitraries.of(ordered).flatMap(f -> Combinators.combine(
                    Arbitraries.of(Query.Comparison.class), single(f)).as((op, v) -> new Query.Compare(f, op, v)))));
        }
        if (!groups.isEmpty()) {
            choices.add(Tuple.of(2, Arbitraries.of(groups).flatMap(g -> query(1, g).map(inner -> new Query.Nested(g, inner)))));
        }
        if (group == null) choices.add(Tuple.of(2, text().map(Query.FullText::new)));
        @SuppressWarnings({"unchecked", "rawtypes"})
        Arbitrary<Query> leaf = (Arbitrary) Arbitraries.frequencyOf(choices.toArray(Tuple.Tuple2[]::new));
        return leaf;
    }

    private static boolean isDirectlyIn(Field field, Field group) {
        return group == null ? field.group() == null : group.path().equals(field.group());
    }

    private Arbitrary<Value> matchValue(Field field) {
        if (field.type() == Type.GROUP) return Arbitraries.just(new Value.Present());
        List<Tuple.Tuple2<Integer, Arbitrary<? extends Value>>> choices = new ArrayList<>();
        choices.add(Tuple.of(6, single(field)));
        choices.add(Tuple.of(2, single(field).list().ofMinSize(1).ofMaxSize(3).map(Value.AnyOf::new)));
        choices.add(Tuple.of(1, Arbitraries.just(new Value.Present())));
        if (field.type() == Type.NUMBER || field.type() == Type.DATE || field.type() == Type.IP) {
            choices.add(Tuple.of(2, range(field)));
        }
        @SuppressWarnings({"unchecked", "rawtypes"})
        Arbitrary<Value> value = (Arbitrary) Arbitraries.frequencyOf(choices.toArray(Tuple.Tuple2[]::new));
        return value;
    }

    private Arbitrary<Value> single(Field field) {
        return switch (field.type()) {
            case TEXT -> text().map(Value.class::cast);
            case NUMBER, SIZE -> numbers().map(Value.class::cast);
            case DATE -> Arbitraries.oneOf(days(), instants(), relatives());
            case ENUM -> Arbitraries.of(field.constants()).map(Value.EnumValue::of);
            case IP -> Arbitraries.oneOf(ipv4().map(Value.IpValue::new), ipv6().map(Value.IpValue::new), cidrs());
            case BOOLEAN -> Arbitraries.of(true, false).map(Value.BooleanValue::new);
            case GROUP -> throw new IllegalArgumentException("a group has no single value");
        };
    }

    /** Ordered bounds of one kind, never empty. */
    private Arbitrary<Value> range(Field field) {
        Arbitrary<Boolean> inclusive = Arbitraries.of(true, false);
        Arbitrary<Value[]> bounds = switch (field.type()) {
            case NUMBER -> Combinators.combine(numbers(), Arbitraries.bigDecimals().between(BigDecimal.ONE, BigDecimal.valueOf(5000)).ofScale(1))
                    .as((low, delta) -> new Value[] {low, new Value.NumberValue(low.number().add(delta), null)});
            case DATE -> Arbitraries.oneOf(
                    Combinators.combine(instants(), Arbitraries.longs().between(1, 10_000_000))
                            .as((low, delta) -> new Value[] {low, new DateValue.Absolute(low.instant().plusSeconds(delta), false)}),
                    Combinators.combine(Arbitraries.integers().between(-5000, 5000), Arbitraries.integers().between(1, 500),
                                    Arbitraries.of(Value.DateUnit.class))
                            .as((low, delta, unit) -> new Value[] {new DateValue.Relative(low, unit), new DateValue.Relative(low + delta, unit)}));
            case IP -> Combinators.combine(Arbitraries.longs().between(0, 0xFFFF_FFFEL), Arbitraries.longs().between(1, 100_000))
                    .as((low, delta) -> new Value[] {new Value.IpValue(ipv4(low)), new Value.IpValue(ipv4(Math.min(low + delta, 0xFFFF_FFFFL)))});
            default -> throw new IllegalArgumentException(field.path() + " takes no range");
        };
        return Combinators.combine(bounds, inclusive, inclusive).as((b, li, hi) -> new Value.Range(b[0], b[1], li, hi));
    }

    private Arbitrary<Value.Text> text() {
        Arbitrary<String> plain = Arbitraries.oneOf(
                Arbitraries.strings().withChars(TEXT_CHARS).ofMinLength(1).ofMaxLength(12),
                Arbitraries.of("Windows", "and", "Or", "null", "kb", "now-3d", "CVE-2021-44228", "EOL/EOS", "10.0.0.0/8",
                        "fe80::1", "2026-01-31T10:00:00Z", "00:1A:2B:3C:4D:5E", "1.0", "-5", "true", "a\\", "\\\""));
        Arbitrary<Value.Text> contains = plain.map(s -> new Value.Text(s, TextMatch.CONTAINS));
        Arbitrary<Value.Text> exact = Arbitraries.oneOf(plain, plain.map(s -> s + "*")).map(s -> new Value.Text(s, TextMatch.EXACT));
        Arbitrary<Value.Text> glob = Combinators.combine(plain.injectNull(0.4), plain.injectNull(0.4))
                .as((a, b) -> (a == null ? "" : a) + "*" + (b == null ? "" : b))
                .map(s -> new Value.Text(s, TextMatch.GLOB));
        return Arbitraries.frequencyOf(Tuple.of(3, contains), Tuple.of(1, exact), Tuple.of(2, glob));
    }

    private Arbitrary<Value.NumberValue> numbers() {
        return Arbitraries.bigDecimals().between(BigDecimal.valueOf(-1_000_000), BigDecimal.valueOf(1_000_000))
                .ofScale(3).map(n -> new Value.NumberValue(n, null));
    }

    private Arbitrary<DateValue.Absolute> days() {
        return Arbitraries.longs().between(LocalDate.of(1000, 1, 1).toEpochDay(), LocalDate.of(9999, 12, 31).toEpochDay())
                .map(day -> DateValue.Absolute.ofDay(LocalDate.ofEpochDay(day)));
    }

    private Arbitrary<DateValue.Absolute> instants() {
        return Combinators.combine(Arbitraries.longs().between(Instant.parse("1000-01-01T00:00:00Z").getEpochSecond(),
                        Instant.parse("9999-01-01T00:00:00Z").getEpochSecond()), Arbitraries.of(0, 0, 500_000_000, 123_456_789))
                .as((seconds, nanos) -> new DateValue.Absolute(Instant.ofEpochSecond(seconds, nanos), false));
    }

    private Arbitrary<DateValue.Relative> relatives() {
        return Combinators.combine(Arbitraries.longs().between(-100_000, 100_000), Arbitraries.of(Value.DateUnit.class))
                .as(DateValue.Relative::new);
    }

    private Arbitrary<InetAddress> ipv4() {
        return Arbitraries.longs().between(0, 0xFFFF_FFFFL).map(QqlRoundTripPropertyTest::ipv4);
    }

    /** Global unicast IPv6 (2000::/3), which the JDK never turns into an IPv4 address. */
    private Arbitrary<InetAddress> ipv6() {
        return Arbitraries.bytes().array(byte[].class).ofSize(16).map(bytes -> {
            bytes[0] = (byte) (0x20 | (bytes[0] & 0x1f));
            return address(bytes);
        });
    }

    private Arbitrary<Value> cidrs() {
        return Arbitraries.oneOf(
                Combinators.combine(ipv4(), Arbitraries.integers().between(0, 32)).as(QqlRoundTripPropertyTest::cidr),
                Combinators.combine(ipv6(), Arbitraries.integers().between(3, 128)).as(QqlRoundTripPropertyTest::cidr));
    }

    private static Value cidr(InetAddress address, int prefix) {
        byte[] bytes = address.getAddress();
        for (int bit = prefix; bit < bytes.length * 8; bit++) bytes[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        return new Value.CidrValue(address(bytes), prefix);
    }

    private static InetAddress ipv4(long value) {
        return address(new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value});
    }

    private static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
