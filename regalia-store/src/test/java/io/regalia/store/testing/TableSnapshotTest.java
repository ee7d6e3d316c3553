package io.regalia.store.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.ds.PGSimpleDataSource;

class TableSnapshotTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();

    @Test
    void shouldPutBackReferenceRowsAndSequencesAfterATestChangedThem() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(db.createEmptyDatabase());
        Jdbi jdbi = Jdbi.create(dataSource);
        jdbi.useHandle(h -> h.createScript("""
                CREATE TABLE band (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL);
                CREATE TABLE finding (id bigserial PRIMARY KEY, band_id int NOT NULL REFERENCES band (id));
                CREATE TABLE reading (at int NOT NULL, value text) PARTITION BY RANGE (at);
                CREATE TABLE reading_low PARTITION OF reading FOR VALUES FROM (0) TO (100);
                CREATE SEQUENCE standalone;
                INSERT INTO band (name) VALUES ('low'), ('high');
                INSERT INTO reading VALUES (1, 'seeded');
                """).execute());
        TableSnapshot seeded = TableSnapshot.capture(dataSource);

        jdbi.useHandle(h -> h.createScript("""
                INSERT INTO band (name) VALUES ('added by a test');
                INSERT INTO finding (band_id) VALUES (1), (3);
                DELETE FROM reading;
                SELECT nextval('standalone');
                """).execute());
        seeded.restore(dataSource);

        jdbi.useHandle(h -> {
            assertThat(h.select("SELECT name FROM band ORDER BY id").mapTo(String.class).list())
                    .containsExactly("low", "high");
            assertThat(h.select("SELECT count(*) FROM finding").mapTo(Long.class).one()).isZero();
            assertThat(h.select("SELECT value FROM reading").mapTo(String.class).list()).containsExactly("seeded");
            assertThat(h.select("INSERT INTO band (name) VALUES ('next') RETURNING id").mapTo(Integer.class).one())
                    .isEqualTo(3);
            assertThat(h.select("INSERT INTO finding (band_id) VALUES (1) RETURNING id").mapTo(Long.class).one())
                    .isEqualTo(1L);
            assertThat(h.select("SELECT nextval('standalone')").mapTo(Long.class).one()).isEqualTo(1L);
        });
        assertThat(seeded.tables()).containsExactlyInAnyOrderElementsOf(
                List.of("public.band", "public.finding", "public.reading", "public.reading_low"));
    }
}
