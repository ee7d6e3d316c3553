package io.regalia.ingest.cmdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.regalia.core.report.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceNowSettingsTest {
    @TempDir Path dir;

    @Test
    void shouldKeepTheInstanceBaseAddressWithoutATrailingSlash() {
        assertThat(ServiceNowSettings.instance("https://acme.service-now.com/").toString()).isEqualTo("https://acme.service-now.com");
        assertThat(ServiceNowSettings.instance(" http://127.0.0.1:8080/sn// ").toString()).isEqualTo("http://127.0.0.1:8080/sn");
    }

    @Test
    void shouldRefuseAUrlWithCredentialsWithoutRepeatingIt() {
        assertThatThrownBy(() -> ServiceNowSettings.instance("https://admin:hunter2@acme.service-now.com"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("--servicenow: the URL must not carry credentials; use --user with --password-file or --token-file");
        assertThatThrownBy(() -> ServiceNowSettings.instance("ftp://acme")).hasMessageContaining("must start with https://");
        assertThatThrownBy(() -> ServiceNowSettings.instance("https://acme.service-now.com/?x=1")).hasMessageContaining("without query");
    }

    @Test
    void shouldRefuseATableNameThatIsNotOne() {
        ServiceNowSettings s = ServiceNowSettings.of("https://acme.service-now.com", ServiceNowCredentials.bearer("t"));
        assertThatThrownBy(() -> s.withItemTables(List.of("cmdb_ci_server/../sys_user"))).hasMessageContaining("not a table name");
        assertThatThrownBy(() -> s.withPageSize(0)).hasMessageContaining("--page-size");
    }

    @Test
    void shouldReadSecretsFromFilesAndTheEnvironmentAndNeverPrintThem() throws Exception {
        Path password = Files.writeString(dir.resolve("password"), "  s3cret-from-file \n");
        Path token = Files.writeString(dir.resolve("token"), "tok-from-file\n");

        ServiceNowCredentials fromFile = ServiceNowCredentials.resolve("sync", password, null, Map.of());
        assertThat(fromFile.header()).isEqualTo("Basic " + java.util.Base64.getEncoder().encodeToString("sync:s3cret-from-file".getBytes()));
        assertThat(fromFile.toString()).isEqualTo("HTTP Basic as user 'sync'");
        assertThat(ServiceNowCredentials.resolve(null, null, token, Map.of()).header()).isEqualTo("Bearer tok-from-file");
        assertThat(ServiceNowCredentials.resolve(null, password, null, Map.of("REGALIA_SERVICENOW_USER", "envuser")).toString())
                .isEqualTo("HTTP Basic as user 'envuser'");
        assertThat(ServiceNowCredentials.resolve(null, null, null, Map.of("REGALIA_SERVICENOW_TOKEN", "env-tok")).header())
                .isEqualTo("Bearer env-tok");
        ServiceNowCredentials env = ServiceNowCredentials.resolve(null, null, null,
                Map.of("REGALIA_SERVICENOW_USER", "u", "REGALIA_SERVICENOW_PASSWORD", "env-pass"));
        assertThat(env.toString()).doesNotContain("env-pass");
        assertThat(env.redact("x env-pass y")).isEqualTo("x *** y");
    }

    @Test
    void shouldSayWhichCredentialsAreMissing() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty"), "\n\n");
        assertThatThrownBy(() -> ServiceNowCredentials.resolve(null, null, null, Map.of()))
                .hasMessageStartingWith("--servicenow: no ServiceNow credentials");
        assertThatThrownBy(() -> ServiceNowCredentials.resolve(null, empty, null, Map.of()))
                .hasMessage("--password-file: a password needs --user (or REGALIA_SERVICENOW_USER)");
        assertThatThrownBy(() -> ServiceNowCredentials.resolve("u", empty, null, Map.of()))
                .hasMessage(empty + ": the secret file is empty");
        assertThatThrownBy(() -> ServiceNowCredentials.resolve("u", dir.resolve("absent"), null, Map.of()))
                .hasMessage(dir.resolve("absent") + ": cannot read the secret file (NoSuchFileException)");
        assertThatThrownBy(() -> ServiceNowCredentials.resolve("u", empty, empty, Map.of()))
                .hasMessageContaining("not both");
    }
}
