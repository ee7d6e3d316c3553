package io.regalia.store.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TestDatabaseTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();

    @RepeatedTest(2)
    void shouldStartEachTestWithEmptyTables() {
        assertThat(count("regalia_meta")).isZero();

        db.jdbi().useHandle(h -> h.execute("INSERT INTO regalia_meta (key, value) VALUES ('left', 'behind')"));

        assertThat(count("regalia_meta")).isEqualTo(1);
    }

    @Test
    void shouldKeepTheMigrationHistory() {
        assertThat(count("flyway_schema_history")).isPositive();
    }

    @Test
    void shouldGiveTheTestClassItsOwnCopyOfTheTemplate() {
        String name = db.jdbi().withHandle(h -> h.select("SELECT current_database()").mapTo(String.class).one());

        assertThat(name).startsWith("regalia_test_").isNotEqualTo("regalia_template");
        assertThat(db.jdbcUrl()).endsWith("/" + name + "?user=postgres");
        assertThat(db.databaseUrl()).startsWith("postgresql://postgres@localhost:").endsWith("/" + name);
    }

    @Nested
    class Nested_classes {
        @Test
        void shouldShareTheDatabaseOfTheirEnclosingClass() {
            assertThat(db.database()).isNotNull();
            assertThat(count("regalia_meta")).isZero();
        }
    }

    private static long count(String table) {
        return db.jdbi().withHandle(h -> h.select("SELECT count(*) FROM " + table).mapTo(Long.class).one());
    }
}
