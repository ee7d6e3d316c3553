package io.regalia.ingest.cmdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.regalia.core.cmdb.BusinessApplication;
import io.regalia.core.cmdb.CmdbSnapshot;
import io.regalia.core.cmdb.ConfigurationItem;
import io.regalia.core.report.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CmdbCsvReaderTest {
    @TempDir Path dir;

    static Path fixture(String name) throws Exception {
        return Path.of(CmdbCsvReaderTest.class.getResource("/cmdb/" + name).toURI());
    }

    Path write(String text) throws Exception {
        return Files.writeString(dir.resolve("cmdb.csv"), text);
    }

    @Test
    void shouldReadApplicationsHostsAndTheirRelations() throws Exception {
        CmdbSnapshot snapshot = CmdbCsvReader.read(fixture("applications.csv"));

        assertThat(snapshot.origin()).isEqualTo("CMDB CSV");
        assertThat(snapshot.applications()).containsExactly(
                new BusinessApplication("csv:payroll", "Payroll", "1 - most critical", "Jane Doe"),
                new BusinessApplication("csv:wiki", "Wiki", "4 - not critical", null),
                new BusinessApplication("csv:lab, experimental", "Lab, experimental", null, null));
        assertThat(snapshot.items()).containsExactly(
                new ConfigurationItem("csv:2", "pay-db-01", "pay-db-01.corp.example", "10.0.0.1", null, null, null),
                new ConfigurationItem("csv:3", "pay-app-01", null, null, null, null, null),
                new ConfigurationItem("csv:5", null, null, "10.0.0.7", null, null, null),
                new ConfigurationItem("csv:6", "wiki-01", null, null, null, null, null));
        var members = snapshot.members();
        assertThat(members.get(snapshot.applications().get(0))).extracting(ConfigurationItem::sysId).containsExactly("csv:2", "csv:3", "csv:5");
        assertThat(members.get(snapshot.applications().get(1))).extracting(ConfigurationItem::sysId).containsExactly("csv:6");
        assertThat(members.get(snapshot.applications().get(2))).isEmpty();
    }

    @Test
    void shouldSkipAByteOrderMark() throws Exception {
        assertThat(CmdbCsvReader.read(fixture("bom.csv")).applications()).extracting(BusinessApplication::name).containsExactly("Billing");
    }

    @Test
    void shouldNameLineAndColumnOfAContradiction() throws Exception {
        Path file = write("application,criticality,hostname\nPayroll,1 - most critical,a\nPayroll,3 - less critical,b\n");

        assertThatThrownBy(() -> CmdbCsvReader.read(file)).isInstanceOf(BadInputException.class)
                .hasMessage(file + ":3:2: application 'Payroll' has criticality '1 - most critical' on an earlier row "
                        + "(line 2 or later), here '3 - less critical'");
    }

    @Test
    void shouldRefuseRowsAndHeadersItCannotUse() throws Exception {
        Path noApp = write("app,hostname\nx,y\n");
        assertThatThrownBy(() -> CmdbCsvReader.read(noApp)).hasMessage(noApp + ":1: the header has no 'application' column");
        Path noHost = write("application,criticality\nx,1 - most critical\n");
        assertThatThrownBy(() -> CmdbCsvReader.read(noHost)).hasMessageContaining(":1: the header needs a host column");
        Path blankApp = write("application,ip\n\n,10.0.0.1\n");
        assertThatThrownBy(() -> CmdbCsvReader.read(blankApp)).hasMessage(blankApp + ":3:1: no application name");
        Path badIp = write("application,hostname,ip\nPayroll,a,10.0.0.300\n");
        assertThatThrownBy(() -> CmdbCsvReader.read(badIp)).hasMessage(badIp + ":2:3: not an IP address: '10.0.0.300'");
        Path empty = write("");
        assertThatThrownBy(() -> CmdbCsvReader.read(empty)).hasMessageContaining("the file is empty");
        Path quote = write("application,hostname\n\"Payroll,a\n");
        assertThatThrownBy(() -> CmdbCsvReader.read(quote)).isInstanceOf(BadInputException.class).hasMessageContaining(quote + ":2");
    }
}
