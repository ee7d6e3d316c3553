package io.regalia.store.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.regalia.core.report.BadInputException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatabaseLocationTest {
    private static final String URL = "postgresql://regalia:secret@db:5432/regalia";

    @Test
    void shouldDefaultToTheEmbeddedServerInRegaliaData() {
        assertThat(DatabaseLocation.resolve(null, Map.of()))
                .isEqualTo(new DatabaseLocation.Embedded(Path.of("regalia-data")));
        assertThat(DatabaseLocation.resolve(" ", Map.of("REGALIA_DB_URL", "")))
                .isEqualTo(new DatabaseLocation.Embedded(Path.of("regalia-data")));
    }

    @Test
    void shouldPreferTheFlagToTheEnvironment() {
        assertThat(DatabaseLocation.resolve(URL, Map.of("REGALIA_DB_URL", "jdbc:postgresql://other/regalia")))
                .isEqualTo(new DatabaseLocation.External(URL));
    }

    @Test
    void shouldUseTheEnvironmentWithoutFlag() {
        assertThat(DatabaseLocation.resolve(null, Map.of("REGALIA_DB_URL", URL)))
                .isEqualTo(new DatabaseLocation.External(URL));
    }

    @Test
    void shouldTakeAValueThatIsNoUrlAsAnEmbeddedDataDirectory() {
        assertThat(DatabaseLocation.resolve("/var/lib/regalia", Map.of()))
                .isEqualTo(new DatabaseLocation.Embedded(Path.of("/var/lib/regalia")));
    }

    @Test
    void shouldRejectOtherUrlSchemesNamingTheFlag() {
        assertThatThrownBy(() -> DatabaseLocation.resolve("mysql://root@db/regalia", Map.of()))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("--db: unsupported database URL");
    }

    @Test
    void shouldNotShowThePasswordOfAnExternalLocation() {
        assertThat(new DatabaseLocation.External(URL).toString()).doesNotContain("secret").contains("db:5432");
    }
}
