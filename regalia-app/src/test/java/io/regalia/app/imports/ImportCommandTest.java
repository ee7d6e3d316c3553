package io.regalia.app.imports;

import static io.regalia.app.imports.Imports.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.regalia.app.Cli;
import io.regalia.app.Regalia;
import io.regalia.app.ReportImports;
import io.regalia.ingest.os.OsCatalog;
import io.regalia.store.inventory.ImportSummary;
import io.regalia.store.testing.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code regalia import FILE|DIR…}: one transaction per file, in order, with a summary per file. */
class ImportCommandTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();
    final Imports imports = new Imports(db);

    static Path copy(String fixture, Path dir, String name) throws Exception {
        return Files.copy(fixture(fixture), dir.resolve(name));
    }

    @Test
    void shouldKeepTheFilesBeforeAFailingOneAndImportNothingOfItOrAfterIt(@TempDir Path dir) throws Exception {
        Path first = copy("lifecycle-older.nessus", dir, "1-first.nessus");
        Path broken = dir.resolve("2-broken.nessus");
        String whole = Files.readString(fixture("lifecycle-newer.nessus"));
        Files.writeString(broken, whole.substring(0, whole.indexOf("pluginID=\"10004\"")));
        Path third = copy("qualys-first.xml", dir, "3-third.xml");

        Cli c = imports.regalia("import", dir.toString(), "--json");

        assertThat(c.exit()).isEqualTo(2);
        assertThat(c.err().strip().lines()).hasSize(1);
        assertThat(c.err()).contains(broken.toString() + ":");
        JsonNode done = Imports.read(c.out());
        assertThat(done.isArray()).as("an array, as for any list of files").isTrue();
        assertThat(done).hasSize(1);
        assertThat(done.get(0).get("file").asText()).isEqualTo(first.toString());
        assertThat(imports.count("import")).isEqualTo(1);
        assertThat(imports.statuses()).containsOnlyKeys("10.0.0.5 nessus:10001:443", "10.0.0.5 nessus:10002:22", "10.0.0.5 nessus:10003");
        Map<String, String> afterFirst = imports.state();

        // Run again without the broken file: the first changes nothing, the third goes in.
        Files.delete(broken);
        Cli again = imports.regalia("import", dir.toString(), "--json");
        assertThat(again.exit()).as(again.err()).isZero();
        JsonNode both = Imports.read(again.out());
        assertThat(both.get(0).get("assetsCreated").asInt()).isZero();
        assertThat(both.get(0).get("assetsUpdated").asInt()).isZero();
        assertThat(both.get(1).get("file").asText()).isEqualTo(third.toString());
        assertThat(both.get(1).get("assetsCreated").asInt()).isEqualTo(1);
        assertThat(imports.state().get("detection")).isNotEqualTo(afterFirst.get("detection"));
    }

    @Test
    void shouldImportADirectorysFilesInNameOrderLeavingHiddenFilesOut(@TempDir Path dir) throws Exception {
        copy("qualys-second.xml", dir, "b.xml");
        copy("qualys-first.xml", dir, "a.xml");
        Files.writeString(dir.resolve(".DS_Store"), "\0\0\0\1Bud1");

        JsonNode summaries = imports.importJson(dir);

        assertThat(summaries.findValuesAsText("file")).containsExactly(dir.resolve("a.xml").toString(), dir.resolve("b.xml").toString());
        // In that order the second report fixes what the first found: the order mattered.
        assertThat(summaries.get(1).get("byStatus").get("FIXED").asInt()).isEqualTo(1);
    }

    @Test
    void shouldRefuseAMissingFileBeforeImportingAnything() {
        Cli c = imports.regalia("import", fixture("qualys-first.xml").toString(), "no-such-report.nessus");

        assertThat(c.exit()).isEqualTo(2);
        assertThat(c.err().strip()).isEqualTo("regalia: no-such-report.nessus: no such file");
        assertThat(imports.count("import")).isZero();
    }

    @Test
    void shouldPrintOneLinePerFileAndWarningsOnStandardError() {
        Cli c = imports.regalia("import", fixture("odd-nessus.csv").toString());

        assertThat(c.exit()).as(c.err()).isZero();
        assertThat(c.out().lines()).singleElement().asString()
                .startsWith(fixture("odd-nessus.csv") + " (nessus-csv): 1 hosts, 1 assets created, 0 updated, 3 detections");
        assertThat(c.err().lines()).isNotEmpty().allMatch(l -> l.startsWith("warning: " + fixture("odd-nessus.csv")));
    }

    @Test
    void shouldDrawNoProgressWhenStandardErrorIsNotATerminal() {
        Cli c = imports.regalia("import", fixture("lifecycle-older.nessus").toString(), "--json");

        assertThat(c.exit()).isZero();
        assertThat(c.err()).isEmpty();
    }

    @Test
    void shouldDrawProgressOnATerminalAndClearItWhenDone() {
        StringWriter terminal = new StringWriter();
        StringWriter pipe = new StringWriter();
        Regalia regalia = Regalia.on(db.database()); // not closed: the database belongs to the test

        ImportSummary drawn = new ReportImports(regalia, OsCatalog.builtIn(), new PrintWriter(terminal), true)
                .importFile(fixture("lifecycle-older.nessus"), null, false);
        new ReportImports(regalia, OsCatalog.builtIn(), new PrintWriter(pipe), false)
                .importFile(fixture("lifecycle-newer.nessus"), null, false);

        assertThat(drawn.hosts()).isEqualTo(1);
        assertThat(terminal.toString()).startsWith("\rimporting lifecycle-older.nessus (nessus): 0 hosts read")
                .endsWith("\r\033[2K");
        assertThat(pipe.toString()).isEmpty();
    }

    @Test
    void shouldExplainTheOneTransactionPerFileRuleInItsHelp() {
        Cli help = Cli.run("import", "--help");

        List<String> text = new ArrayList<>(help.out().lines().toList());
        assertThat(String.join(" ", text).replaceAll("\\s+", " "))
                .contains("one transaction per file")
                .contains("the files before it stay imported")
                .contains("--os-catalog");
    }
}
