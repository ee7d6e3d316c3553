package io.regalia.app.imports;

import static io.regalia.app.imports.Imports.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.regalia.app.Cli;
import io.regalia.store.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Readers pass the OS string on as the scanner wrote it; the import classifies it with the OS catalog. */
class OsClassificationTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();
    final Imports imports = new Imports(db);

    JsonNode os(String condition, Object... args) {
        return imports.show(imports.assetId(condition, args)).get("attributes").get("operatingSystem");
    }

    @Test
    void shouldClassifyWindowsServer2012R2FromANessusReportAsAnEndOfLifeWindowsServer() {
        imports.importJson(fixture("windows-2012r2.nessus"));

        JsonNode os = os("fqdn = ?", "fileserver-01.corp.example");
        assertThat(os.get("name").asText()).isEqualTo("Microsoft Windows Server 2012 R2 Standard");
        assertThat(os.get("category1").asText()).isEqualTo("Windows");
        assertThat(os.get("category2").asText()).isEqualTo("Server");
        assertThat(os.get("lifecycleStage").asText()).isEqualTo("EOL");
        assertThat(os.get("eol").asText()).isEqualTo("2023-10-10");
        assertThat(os.get("publisher").asText()).isEqualTo("Microsoft");
        assertThat(os.get("version").asText()).isEqualTo("2012 R2");
    }

    @Test
    void shouldClassifyTheOsOfAQualysDetectionReport() {
        imports.importJson(fixture("qualys-first.xml"));

        JsonNode os = os("external_id = ?", "qualys:7001");
        assertThat(os.get("name").asText()).isEqualTo("Windows Server 2012 R2");
        assertThat(os.get("category1").asText()).isEqualTo("Windows");
        assertThat(os.get("category2").asText()).isEqualTo("Server");
        assertThat(os.get("lifecycleStage").asText()).isEqualTo("EOL");
    }

    @Test
    void shouldKeepAnUnknownOsStringAsItWasReported() {
        imports.importJson(fixture("windows-2012r2.nessus"));

        JsonNode os = os("name = ?", "10.20.0.13");
        assertThat(os.get("name").asText()).isEqualTo("AcmeOS 7.2 build 1100");
        assertThat(os.has("category1")).isFalse();
        assertThat(os.has("lifecycleStage")).isFalse();
    }

    @Test
    void shouldExtendTheCatalogWithTheUsersFile() {
        imports.importJson(fixture("windows-2012r2.nessus"), "--os-catalog", fixture("acme-os-catalog.csv").toString());

        JsonNode acme = os("name = ?", "10.20.0.13");
        assertThat(acme.get("name").asText()).isEqualTo("AcmeOS 7.2 build 1100");
        assertThat(acme.get("publisher").asText()).isEqualTo("Acme");
        assertThat(acme.get("category1").asText()).isEqualTo("Unix");
        assertThat(acme.get("category2").asText()).isEqualTo("Appliance");
        assertThat(acme.get("lifecycleStage").asText()).isEqualTo("EOS");
        assertThat(os("fqdn = ?", "fileserver-01.corp.example").get("category1").asText())
                .as("built-in releases still apply").isEqualTo("Windows");
    }

    @Test
    void shouldRefuseABrokenCatalogBeforeImportingAnything(@TempDir Path dir) throws Exception {
        Path catalog = Files.writeString(dir.resolve("os.csv"),
                "match,name,version,publisher,category1,category2,ga,eos,eol\nacmeos,AcmeOS,,,,,2019-13-01,,\n");

        Cli c = imports.regalia("import", fixture("windows-2012r2.nessus").toString(), "--os-catalog", catalog.toString());

        assertThat(c.exit()).isEqualTo(2);
        assertThat(c.err().strip().lines()).hasSize(1);
        assertThat(c.err()).contains("os.csv:2").contains("2019-13-01");
        assertThat(imports.count("asset")).isZero();
    }
}
