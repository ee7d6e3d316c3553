package io.regalia.core.qql;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Objects;

/**
 * A typed value on the right of a match, comparison or range. Which kinds appear depends on the field
 * type: TEXT takes {@link Text}, NUMBER and SIZE {@link NumberValue}, DATE {@link DateValue}, IP
 * {@link IpValue} and {@link CidrValue}, BOOLEAN {@link BooleanValue}, ENUM {@link EnumValue};
 * {@link AnyOf}, {@link Range} and {@link Present} wrap or replace those. {@code toString()} is QQL.
 */
public sealed interface Value permits Value.Text, Value.AnyOf, Value.Range, Value.Present, Value.NumberValue,
        Value.DateValue, Value.IpValue, Value.CidrValue, Value.BooleanValue, Value.EnumValue {

    /** How a text value is compared with the stored text; always case-insensitive. */
    enum TextMatch {
        /** The stored text contains the value ({@code word}, {@code "quoted"}, {@code 'quoted'}). */
        CONTAINS,
        /** The stored text is the value, whole ({@code `backtick`}). */
        EXACT,
        /** The whole stored text matches the pattern, '*' standing for any run of characters. */
        GLOB
    }

    /** Text to match. CONTAINS never holds '*', GLOB always does, EXACT holds anything (even '*', literally). */
    record Text(String text, TextMatch match) implements Value {
        public Text {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(match, "match");
            if (text.isEmpty()) throw new IllegalArgumentException("empty text");
            if (match == TextMatch.CONTAINS && text.indexOf('*') >= 0) throw new IllegalArgumentException("'*' in CONTAINS text");
            if (match == TextMatch.GLOB && text.indexOf('*') < 0) throw new IllegalArgumentException("GLOB without '*'");
        }

        @Override public String toString() { return QqlPrinter.value(this); }
    }

    /** Any of the values matches; each is a single value of the field's type. */
    record AnyOf(List<Value> values) implements Value {
        public AnyOf {
            values = List.copyOf(values);
            if (values.isEmpty()) throw new IllegalArgumentException("empty list");
            for (Value v : values) {
                if (v instanceof AnyOf || v instanceof Range || v instanceof Present) {
                    throw new IllegalArgumentException("a list holds single values, not " + v);
                }
            }
        }

        @Override public String toString() { return QqlPrinter.value(this); }
    }

    /** Between two bounds of one kind (numbers, dates or addresses); '[' ']' include a bound, '(' ')' exclude it. */
    record Range(Value low, Value high, boolean lowInclusive, boolean highInclusive) implements Value {
        public Range {
            Objects.requireNonNull(low, "low");
            Objects.requireNonNull(high, "high");
        }

        @Override public String toString() { return QqlPrinter.value(this); }
    }

    /** {@code field:*}: the field has a non-empty value (for a group: at least one element). */
    record Present() implements Value {
        @Override public String toString() { return "*"; }
    }

    /** Binary size units: 1 KB = 1024 bytes. */
    enum SizeUnit {
        KB(1), MB(2), GB(3), TB(4);

        private final BigDecimal bytes;

        SizeUnit(int power) { this.bytes = new BigDecimal(BigInteger.valueOf(1024).pow(power)); }

        public BigDecimal bytes() { return bytes; }
    }

    /**
     * A number as written, with its unit when it is a size ({@code 10 MB}). The number is kept in its
     * shortest form ({@code 1.50} is {@code 1.5}) so equal numbers are equal values.
     */
    record NumberValue(BigDecimal number, SizeUnit unit) implements Value {
        public NumberValue {
            Objects.requireNonNull(number, "number");
            number = number.stripTrailingZeros();
            if (number.scale() < 0) number = number.setScale(0);
        }

        public static NumberValue of(long number) { return new NumberValue(BigDecimal.valueOf(number), null); }

        /** The number in base units: bytes when a unit is given. */
        public BigDecimal magnitude() { return unit == null ? number : number.multiply(unit.bytes()); }

        @Override public String toString() { return QqlPrinter.value(this); }
    }

    /** A point in time, fixed or relative to the moment the query runs. */
    sealed interface DateValue extends Value permits DateValue.Absolute, DateValue.Relative {

        /** The instant this value denotes when the query runs at {@code clock.instant()}. */
        Instant resolve(Clock clock);

        /**
         * A fixed instant. {@code wholeDay} when written as a date ({@code 2026-01-31}): the instant is that
         * day's start in UTC and equality means "during that day".
         */
        record Absolute(Instant instant, boolean wholeDay) implements DateValue {
            public Absolute {
                Objects.requireNonNull(instant, "instant");
                if (wholeDay && !instant.equals(day(instant))) throw new IllegalArgumentException("not a day start: " + instant);
            }

            public static Absolute ofDay(LocalDate day) { return new Absolute(day.atStartOfDay(ZoneOffset.UTC).toInstant(), true); }

            public LocalDate day() { return LocalDate.ofInstant(instant, ZoneOffset.UTC); }

            private static Instant day(Instant instant) {
                return LocalDate.ofInstant(instant, ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
            }

            @Override public Instant resolve(Clock clock) { return instant; }

            @Override public String toString() { return QqlPrinter.value(this); }
        }

        /** {@code now}, {@code now-30d}, {@code now+90d}: {@code offset} units from now (negative: past). */
        record Relative(long offset, DateUnit unit) implements DateValue {
            public Relative {
                Objects.requireNonNull(unit, "unit");
                if (offset == 0) unit = DateUnit.DAYS;
            }

            public static Relative now() { return new Relative(0, DateUnit.DAYS); }

            /** Calendar arithmetic in UTC, so {@code now-1M} on 31 March is 28 or 29 February. */
            @Override public Instant resolve(Clock clock) {
                ZonedDateTime now = clock.instant().atZone(ZoneOffset.UTC);
                ZonedDateTime then = switch (unit) {
                    case HOURS -> now.plusHours(offset);
                    case DAYS -> now.plusDays(offset);
                    case WEEKS -> now.plusWeeks(offset);
                    case MONTHS -> now.plusMonths(offset);
                    case YEARS -> now.plusYears(offset);
                };
                return then.toInstant();
            }

            @Override public String toString() { return QqlPrinter.value(this); }
        }
    }

    /** Units of a relative date, with the letter a query uses ({@code M} is months). */
    enum DateUnit {
        HOURS('h'), DAYS('d'), WEEKS('w'), MONTHS('M'), YEARS('y');

        private final char letter;

        DateUnit(char letter) { this.letter = letter; }

        public char letter() { return letter; }
    }

    /** One IPv4 or IPv6 address. */
    record IpValue(InetAddress address) implements Value {
        public IpValue { Objects.requireNonNull(address, "address"); }

        @Override public String toString() { return QqlPrinter.value(this); }
    }

    /** A network: {@code network} has no bits set past {@code prefixLength}. */
    record CidrValue(InetAddress network, int prefixLength) implements Value {
        public CidrValue {
            Objects.requireNonNull(network, "network");
            int bits = network.getAddress().length * 8;
            if (prefixLength < 0 || prefixLength > bits) throw new IllegalArgumentException("prefix /" + prefixLength);
            byte[] bytes = network.getAddress();
            for (int bit = prefixLength; bit < bits; bit++) {
                if ((bytes[bit / 8] & (0x80 >>> (bit % 8))) != 0) {
                    throw new IllegalArgumentException(network.getHostAddress() + " has bits set past /" + prefixLength);
                }
            }
        }

        /** True when {@code address} is in this network (same family only). */
        public boolean contains(InetAddress address) {
            byte[] a = address.getAddress();
            byte[] n = network.getAddress();
            if (a.length != n.length) return false;
            for (int bit = 0; bit < prefixLength; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((a[bit / 8] & mask) != (n[bit / 8] & mask)) return false;
            }
            return true;
        }

        public boolean isIpv4() { return network instanceof Inet4Address; }

        @Override public String toString() { return QqlPrinter.value(this); }
    }

    record BooleanValue(boolean value) implements Value {
        @Override public String toString() { return Boolean.toString(value); }
    }

    /** A constant of an enum field, canonical spelling, with the stored values it matches. */
    record EnumValue(String name, List<String> matches) implements Value {
        public EnumValue {
            Objects.requireNonNull(name, "name");
            matches = List.copyOf(matches);
        }

        static EnumValue of(FieldCatalog.EnumConstant constant) { return new EnumValue(constant.name(), constant.matches()); }

        @Override public String toString() { return QqlPrinter.value(this); }
    }
}
