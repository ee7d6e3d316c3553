package io.regalia.store.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.regalia.store.testing.TestDatabase;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
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

    @Test
    void shouldStoreStreamedRowsWhileOtherCopiesAndStatementsShareTheConnection() {
        long[] seen = db.jdbi().inTransaction(h -> {
            h.execute("CREATE TEMP TABLE streamed (n int, text text) ON COMMIT DROP");
            h.execute("CREATE TEMP TABLE chunked (n int) ON COMMIT DROP");
            CopyChannel channel = new CopyChannel(h.getConnection());
            CopyRows streamed = CopyRows.streamed(channel, "streamed", "n, text");
            CopyRows chunked = CopyRows.chunked(channel, "chunked", "n");
            long midway = -1;
            for (int n = 1; n <= 20_000; n++) {
                streamed.row().add(n).add("row " + n + " ünïcødé");
                chunked.row().add(n);
                if (n == 7_000) chunked.flush(); // a whole COPY while the streamed one is open
                if (n == 12_000) {
                    channel.end(); // then a statement
                    midway = h.createQuery("SELECT count(*) FROM streamed").mapTo(Long.class).one();
                }
            }
            streamed.flush();
            chunked.flush();
            return new long[] {midway,
                    h.createQuery("SELECT count(DISTINCT n) FROM streamed WHERE text = 'row ' || n || ' ünïcødé'").mapTo(Long.class).one(),
                    h.createQuery("SELECT count(DISTINCT n) FROM chunked").mapTo(Long.class).one()};
        });
        // by the statement, what was sent in pieces is stored; a chunked COPY would have sent nothing yet
        assertThat(seen[0]).isBetween(1L, 12_000L);
        assertThat(seen[1]).isEqualTo(20_000);
        assertThat(seen[2]).isEqualTo(20_000);
    }

    @Test
    @Timeout(60) // a COPY left open blocks the rollback for good
    void shouldLetTheTransactionRollBackWhenAStreamedCopyIsAbandoned() {
        db.jdbi().useHandle(h -> h.execute("CREATE TABLE IF NOT EXISTS abandoned (n int)"));
        assertThatThrownBy(() -> db.jdbi().useTransaction(h -> {
            CopyChannel channel = new CopyChannel(h.getConnection());
            CopyRows rows = CopyRows.streamed(channel, "abandoned", "n");
            try {
                for (int n = 0; n < 50_000; n++) rows.row().add(n);
                throw new IllegalArgumentException("the report ends midway");
            } catch (RuntimeException e) {
                channel.cancel();
                throw e;
            }
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("the report ends midway");
        long stored = db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM abandoned").mapTo(Long.class).one());
        assertThat(stored).isZero();
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
