package io.regalia.store.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.regalia.store.testing.TestDatabase;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What goes through COPY comes back from PostgreSQL as it was given. */
class CopyRowsTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();

    record Row(int n, Instant at, String text, List<String> list) {}

    @Test
    void shouldStoreInstantsToTheMicrosecondAsPostgresqlRoundsThem() {
        List<Instant> instants = List.of(Instant.EPOCH, Instant.parse("2018-04-13T03:48:50Z"),
                Instant.parse("1969-12-31T23:59:59.999999Z"), Instant.parse("0001-01-01T00:00:00Z"),
                Instant.parse("9999-12-31T23:59:59.000001Z"), Instant.parse("2024-02-29T12:00:00.5Z"),
                Instant.parse("2026-11-30T10:15:30.123456789Z"), Instant.parse("2026-11-30T10:15:30.000000400Z"));
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < instants.size(); i++) rows.add(new Row(i, instants.get(i), null, null));

        List<Row> back = roundTrip(rows);

        for (int i = 0; i < instants.size(); i++) {
            Instant given = instants.get(i);
            Instant rounded = given.plusNanos(500).truncatedTo(ChronoUnit.MICROS);
            assertThat(back.get(i).at()).as(given.toString()).isEqualTo(rounded);
        }
    }

    @Test
    void shouldKeepTextWithQuotesSeparatorsNewlinesAndNonAsciiButDropNul() {
        List<String> texts = List.of("", "plain", "say \"hi\"", "a,b;c", "line\nbreak\r\n", "\\N", "ünïcødé 🚀",
                "nul\u0000inside", "\"\"");
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) rows.add(new Row(i, null, texts.get(i), List.of(texts.get(i), "x\\y")));

        List<Row> back = roundTrip(rows);

        for (int i = 0; i < texts.size(); i++) {
            String expected = texts.get(i).replace("\u0000", "");
            assertThat(back.get(i).text()).isEqualTo(expected);
            assertThat(back.get(i).list()).containsExactly(texts.get(i).replace("\u0000", ""), "x\\y");
        }
        assertThat(back.get(0).at()).isNull();
    }

    private static List<Row> roundTrip(List<Row> rows) {
        return db.jdbi().inTransaction(h -> {
            h.execute("CREATE TEMP TABLE copied (n int, at timestamptz, text text, list text[]) ON COMMIT DROP");
            CopyRows copy = new CopyRows(h.getConnection(), "copied", "n, at, text, list");
            for (Row r : rows) copy.row().add(r.n()).add(r.at()).add(r.text()).add(r.list());
            copy.flush();
            return h.select("SELECT n, at, text, list FROM copied ORDER BY n")
                    .map((rs, ctx) -> new Row(rs.getInt(1),
                            rs.getObject(2, OffsetDateTime.class) == null ? null : rs.getObject(2, OffsetDateTime.class).toInstant(),
                            rs.getString(3),
                            rs.getArray(4) == null ? null : Arrays.asList((String[]) rs.getArray(4).getArray())))
                    .list();
        });
    }
}
