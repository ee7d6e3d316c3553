package io.regalia.store.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.regalia.core.report.BadInputException;
import org.junit.jupiter.api.Test;

class PostgresUrlTest {
    @Test
    void shouldTurnALibpqUrlIntoAJdbcUrlWithCredentialsApart() {
        PostgresUrl url = PostgresUrl.parse(
                "postgresql://vm%40ops:p%3Ass+w@db.example:5433/regalia?sslmode=require", "--db");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:5433/regalia?sslmode=require");
        assertThat(url.user()).isEqualTo("vm@ops");
        assertThat(url.password()).isEqualTo("p:ss+w");
    }

    @Test
    void shouldAcceptThePostgresSchemeIpv6AndMissingCredentials() {
        assertThat(PostgresUrl.parse("postgres://[::1]:5432/regalia", "--db"))
                .isEqualTo(new PostgresUrl("jdbc:postgresql://[::1]:5432/regalia", null, null));
        assertThat(PostgresUrl.parse("postgresql://reader@db/regalia", "--db"))
                .isEqualTo(new PostgresUrl("jdbc:postgresql://db/regalia", "reader", null));
    }

    @Test
    void shouldPassJdbcUrlsThrough() {
        String jdbc = "jdbc:postgresql://db:5432/regalia?user=u&password=p";

        assertThat(PostgresUrl.parse(jdbc, "--db")).isEqualTo(new PostgresUrl(jdbc, null, null));
    }

    @Test
    void shouldHideThePasswordWhenRedacting() {
        assertThat(PostgresUrl.redact("postgresql://u:secret@db:5432/regalia"))
                .isEqualTo("postgresql://u:***@db:5432/regalia");
        assertThat(PostgresUrl.redact("jdbc:postgresql://db/regalia?user=u&password=secret&ssl=true"))
                .isEqualTo("jdbc:postgresql://db/regalia?user=u&password=***&ssl=true");
        assertThat(PostgresUrl.parse("postgresql://u:secret@db/regalia", "--db").toString())
                .doesNotContain("secret");
    }

    @Test
    void shouldRejectAUrlWithoutDatabaseNamingWhereItCameFrom() {
        assertThatThrownBy(() -> PostgresUrl.parse("postgresql://u:secret@db:5432", "REGALIA_DB_URL"))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("REGALIA_DB_URL: ")
                .hasMessageContaining("names no database")
                .hasMessageNotContaining("secret");
    }
}
