package io.regalia.ingest.report;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The digit-by-digit reading gives what {@link OffsetDateTime#parse(CharSequence)} gives, value or error. */
class Rfc3339PropertyTest {

    @Property(tries = 5000)
    void shouldReadEveryFormattedTimestampAsTheFormatterDoes(@ForAll("timestamps") OffsetDateTime time) {
        String text = time.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        assertThat(Rfc3339.instant(text)).as(text).isEqualTo(time.toInstant());
    }

    @Property(tries = 10000)
    void shouldAcceptAndRejectWhatTheFormatterDoes(@ForAll("mutated") String text) {
        Instant expected;
        try {
            expected = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException rejected) {
            assertThatThrownBy(() -> Rfc3339.instant(text)).as(text).isInstanceOf(DateTimeParseException.class);
            return;
        }
        assertThat(Rfc3339.instant(text)).as(text).isEqualTo(expected);
    }

    @Example
    void shouldReadTheShapesReportsWrite() {
        assertThat(Rfc3339.instant("2018-04-13T03:48:50Z")).isEqualTo(Instant.parse("2018-04-13T03:48:50Z"));
        assertThat(Rfc3339.instant("2024-02-29T23:59:59.5+01:00")).isEqualTo(Instant.parse("2024-02-29T22:59:59.500Z"));
        assertThat(Rfc3339.instant("2022-07-22T09:45:32.123456789-05:30"))
                .isEqualTo(Instant.parse("2022-07-22T15:15:32.123456789Z"));
        assertThat(Rfc3339.instant("2018-04-13t03:48:50z")).isEqualTo(Instant.parse("2018-04-13T03:48:50Z"));
        assertThatThrownBy(() -> Rfc3339.instant("2023-02-29T00:00:00Z")).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> Rfc3339.instant("2023-01-01T24:00:00Z")).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> Rfc3339.instant("2023-01-01T10:00:00+19:00")).isInstanceOf(DateTimeParseException.class);
    }

    @Provide
    Arbitrary<OffsetDateTime> timestamps() {
        Arbitrary<Long> seconds = Arbitraries.longs().between(-62_135_596_800L, 253_402_300_799L - 86_400);
        Arbitrary<Integer> nanos = Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(0, 999_999_999),
                Arbitraries.integers().between(0, 999).map(ms -> ms * 1_000_000));
        Arbitrary<ZoneOffset> offsets = Arbitraries.oneOf(Arbitraries.just(ZoneOffset.UTC),
                Arbitraries.integers().between(-18 * 60, 18 * 60).map(m -> ZoneOffset.ofTotalSeconds(m * 60)));
        return Combinators.combine(seconds, nanos, offsets)
                .as((s, n, o) -> OffsetDateTime.ofInstant(Instant.ofEpochSecond(s, n), o))
                .filter(t -> t.getYear() >= 0 && t.getYear() <= 9999);
    }

    /** Formatted timestamps with one character replaced, inserted or removed: near misses of every kind. */
    @Provide
    Arbitrary<String> mutated() {
        Arbitrary<String> valid = timestamps().map(t -> t.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        Arbitrary<Character> chars = Arbitraries.of('0', '1', '2', '3', '5', '6', '9', '-', '+', ':', '.', 'T', 't',
                'Z', 'z', ' ', 'x');
        return Combinators.combine(valid, Arbitraries.integers().between(0, 40), chars, Arbitraries.integers().between(0, 2))
                .as((text, position, c, edit) -> {
                    int at = Math.min(position, text.length());
                    return switch (edit) {
                        case 0 -> at < text.length() ? text.substring(0, at) + c + text.substring(at + 1) : text;
                        case 1 -> text.substring(0, at) + c + text.substring(at);
                        default -> at < text.length() ? text.substring(0, at) + text.substring(at + 1) : text;
                    };
                });
    }
}
