package io.regalia.app.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.regalia.app.imports.FileStructure.Tally;
import io.regalia.store.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every real sample report goes through {@code regalia import} and comes out as its own structure says. */
class SampleReportsTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();
    final Imports imports = new Imports(db);

    @Test
    void shouldKnowEverySampleScannerReport() throws IOException {
        Path data = Imports.sharedData();
        try (Stream<Path> files = Files.walk(data.resolve("scanners"))) {
            List<String> samples = files.filter(Files::isRegularFile).map(f -> data.relativize(f).toString()).toList();
            assertThat(Arrays.stream(SampleReport.values()).map(s -> s.path).toList()).containsAll(samples);
        }
    }

    @ParameterizedTest
    @EnumSource(SampleReport.class)
    void shouldImportTheSampleAsItsOwnStructureSays(SampleReport sample) {
        Path file = Imports.sharedData().resolve(sample.path);
        Tally expected = sample.tally(file);

        JsonNode summary = imports.importJson(file);

        assertThat(fields(summary)).containsExactly("file", "format", "hosts", "assetsCreated", "assetsUpdated",
                "detections", "byType", "byStatus", "vulnerabilitiesCreated", "warnings", "seconds");
        assertThat(summary.get("file").asText()).isEqualTo(file.toString());
        assertThat(summary.get("format").asText()).isEqualTo(sample.format);
        assertThat(summary.get("hosts").asInt()).isEqualTo(expected.hosts.size());
        assertThat(summary.get("assetsCreated").asInt()).isEqualTo(expected.hosts.size());
        assertThat(summary.get("assetsUpdated").asInt()).isZero();
        assertThat(summary.get("detections").asInt()).isEqualTo(expected.detections.size());
        assertThat(counts(summary.get("byType"))).isEqualTo(expected.byType);
        assertThat(counts(summary.get("byStatus"))).isEqualTo(expected.byStatus);
        assertThat(summary.get("vulnerabilitiesCreated").asInt()).isEqualTo(expected.vulnerabilities.size());
        assertThat(imports.count("asset")).isEqualTo(expected.hosts.size());
        assertThat(imports.count("detection")).isEqualTo(expected.detections.size());
        sample.check(file, imports);
    }

    @ParameterizedTest
    @EnumSource(SampleReport.class)
    void shouldChangeNothingWhenTheSampleIsImportedAgain(SampleReport sample) {
        Path file = Imports.sharedData().resolve(sample.path);
        JsonNode first = imports.importJson(file);
        Map<String, String> state = imports.state();

        JsonNode again = imports.importJson(file);

        assertThat(imports.state()).isEqualTo(state);
        assertThat(again.get("assetsCreated").asInt()).isZero();
        assertThat(again.get("assetsUpdated").asInt()).isZero();
        assertThat(again.get("vulnerabilitiesCreated").asInt()).isZero();
        assertThat(again.get("detections")).isEqualTo(first.get("detections"));
        assertThat(again.get("byStatus")).isEqualTo(first.get("byStatus"));
        assertThat(imports.count("import")).isEqualTo(2);
    }

    static List<String> fields(JsonNode object) {
        return iterate(object.fieldNames());
    }

    static Map<String, Long> counts(JsonNode object) {
        Map<String, Long> m = new LinkedHashMap<>();
        object.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asLong()));
        return m;
    }

    private static <T> List<T> iterate(java.util.Iterator<T> it) {
        List<T> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
