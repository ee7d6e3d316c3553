package io.regalia.store.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.regalia.core.report.BadInputException;
import io.regalia.store.testing.TestDatabase;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DatabaseTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();

    @Test
    void shouldMigrateIdempotently() {
        String url = db.createEmptyDatabase();
        List<String> firstHistory;
        List<String> firstSchema;
        try (Database first = Database.connect(url)) {
            firstHistory = history(first);
            firstSchema = schema(first);
        }
        try (Database second = Database.connect(url)) {
            assertThat(history(second)).isEqualTo(firstHistory);
            assertThat(schema(second)).isEqualTo(firstSchema);
        }

        assertThat(firstHistory).isNotEmpty().allSatisfy(row -> assertThat(row).endsWith("true"));
        assertThat(firstSchema).contains("regalia_meta.key text");
    }

    @Test
    void shouldConnectWithAPostgresqlUrlAsTheCliGetsIt() {
        String url = db.databaseUrl().replace("postgresql://postgres@", "postgresql://postgres:ignored-by-trust@");

        try (Database database = Database.connect(url)) {
            String name = database.jdbi().withHandle(h ->
                    h.select("SELECT current_database() || ' ' || current_user").mapTo(String.class).one());
            assertThat(name).isEqualTo(db.databaseUrl().substring(db.databaseUrl().lastIndexOf('/') + 1) + " postgres");
            assertThat(database.toString()).doesNotContain("ignored-by-trust");
        }
    }

    @Test
    void shouldBindTextAsPostgresqlCanStoreIt() {
        List<String> back = db.jdbi().withHandle(h -> List.of(
                h.select("SELECT ?", "CVE-\u00002099-0001\uD800").mapTo(String.class).one(),
                h.createQuery("SELECT :v || '|' || coalesce(:none, 'null')").bind("v", "a\u0000b").bind("none", (String) null)
                        .mapTo(String.class).one(),
                h.createQuery("SELECT array_to_string(:values, ',', '-')").bindArray("values", String.class, Arrays.asList("x\u0000", null, "\u0000y"))
                        .mapTo(String.class).one()));

        assertThat(back).containsExactly("CVE-2099-0001\uFFFD", "ab|null", "x,-,y");
    }

    @Test
    void shouldInstallThePostgresPluginInJdbi() throws Exception {
        InetAddress address = InetAddress.getByName("10.1.2.3");

        InetAddress roundTrip = db.jdbi().withHandle(h ->
                h.select("SELECT ?::inet", address).mapTo(InetAddress.class).one());
        Duration interval = db.jdbi().withHandle(h ->
                h.select("SELECT interval '90 minutes'").mapTo(Duration.class).one());

        assertThat(roundTrip).isEqualTo(address);
        assertThat(interval).isEqualTo(Duration.ofMinutes(90));
    }

    @Test
    void shouldNameTheServerButNotThePasswordWhenItCannotConnect() {
        assertThatThrownBy(() -> Database.connect("postgresql://regalia:s3cret@localhost:1/regalia"))
                .isInstanceOf(DatabaseException.class)
                .hasMessageContaining("localhost:1/regalia")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void shouldRejectAUrlThatIsNotPostgres() {
        assertThatThrownBy(() -> Database.connect("mysql://root@localhost/regalia"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("unsupported database URL");
    }

    @Test
    void shouldRefusePostgresOlderThan14() {
        assertThatThrownBy(() -> Database.requireSupportedVersion(130011, "13.11", "db.example:5432/regalia"))
                .isInstanceOf(DatabaseException.class)
                .hasMessage("db.example:5432/regalia runs PostgreSQL 13 (13.11); Regalia needs PostgreSQL 14 or newer");

        Database.requireSupportedVersion(140000, "14.0", "db.example:5432/regalia");
    }

    private static List<String> history(Database database) {
        return database.jdbi().withHandle(h -> h.select("""
                SELECT installed_rank || ' ' || version || ' ' || checksum || ' ' || success
                FROM flyway_schema_history ORDER BY installed_rank""").mapTo(String.class).list());
    }

    private static List<String> schema(Database database) {
        return database.jdbi().withHandle(h -> h.select("""
                SELECT table_name || '.' || column_name || ' ' || data_type FROM information_schema.columns
                WHERE table_schema = 'public' ORDER BY table_name, ordinal_position""").mapTo(String.class).list());
    }
}
