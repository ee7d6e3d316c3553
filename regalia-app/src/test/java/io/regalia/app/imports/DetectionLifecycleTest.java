package io.regalia.app.imports;

import static io.regalia.app.imports.Imports.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.JsonNode;
import io.regalia.store.testing.TestDatabase;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Per asset and source, the newest report decides what is open; older ones arriving late change nothing. */
class DetectionLifecycleTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();
    final Imports imports = new Imports(db);

    @Test
    void shouldFixWhatANewerNessusReportNoLongerFindsAndIgnoreTheOlderReportImportedAgain() {
        JsonNode older = imports.importJson(fixture("lifecycle-older.nessus"));
        assertThat(older.get("byStatus").get("NEW").asInt()).isEqualTo(3);
        assertThat(imports.statuses()).containsOnly(
                entry("10.0.0.5 nessus:10001:443", "NEW"),
                entry("10.0.0.5 nessus:10002:22", "NEW"),
                entry("10.0.0.5 nessus:10003", "NEW"));

        JsonNode newer = imports.importJson(fixture("lifecycle-newer.nessus"));
        assertThat(newer.get("assetsCreated").asInt()).isZero();
        assertThat(newer.get("assetsUpdated").asInt()).isEqualTo(1);
        Map<String, String> afterNewer = Map.of(
                "10.0.0.5 nessus:10001:443", "ACTIVE",
                "10.0.0.5 nessus:10002:22", "FIXED",
                "10.0.0.5 nessus:10003", "ACTIVE",
                "10.0.0.5 nessus:10004:443", "NEW");
        assertThat(imports.statuses()).isEqualTo(afterNewer);
        JsonNode asset = imports.show(imports.assetId("fqdn = ?", "web-01.example.com")).get("attributes");
        assertThat(asset.get("operatingSystem").get("name").asText()).isEqualTo("Ubuntu 22.04");
        assertThat(asset.get("openPorts").findValuesAsText("port")).containsExactly("443");
        Map<String, String> state = imports.state();

        JsonNode olderAgain = imports.importJson(fixture("lifecycle-older.nessus"));
        assertThat(imports.statuses()).isEqualTo(afterNewer);
        assertThat(imports.state()).isEqualTo(state);
        assertThat(olderAgain.get("assetsCreated").asInt()).isZero();
        assertThat(olderAgain.get("assetsUpdated").asInt()).isZero();
        assertThat(olderAgain.get("vulnerabilitiesCreated").asInt()).isZero();

        imports.importJson(fixture("lifecycle-newer.nessus"));
        assertThat(imports.state()).isEqualTo(state);
    }

    @Test
    void shouldLetTheStatusAQualysReportStatesWin() {
        JsonNode first = imports.importJson(fixture("qualys-first.xml"));
        // Stated statuses, where the lifecycle alone would say NEW for all three.
        assertThat(imports.statuses()).containsOnly(
                entry("dc-07.corp.example qualys:38170:3389", "ACTIVE"),
                entry("dc-07.corp.example qualys:38173:3389", "REOPENED"),
                entry("dc-07.corp.example qualys:38601:3389", "NEW"));
        assertThat(first.get("byStatus").get("ACTIVE").asInt()).isEqualTo(1);
        assertThat(first.get("byStatus").get("REOPENED").asInt()).isEqualTo(1);

        JsonNode second = imports.importJson(fixture("qualys-second.xml"));
        // 38170 is in the report but stated Fixed (its last-found date unchanged); 38601 is gone, so fixed.
        Map<String, String> afterSecond = Map.of(
                "dc-07.corp.example qualys:38170:3389", "FIXED",
                "dc-07.corp.example qualys:38173:3389", "ACTIVE",
                "dc-07.corp.example qualys:38601:3389", "FIXED");
        assertThat(imports.statuses()).isEqualTo(afterSecond);
        assertThat(second.get("byStatus").get("FIXED").asInt()).isEqualTo(1);
        assertThat(second.get("byStatus").get("ACTIVE").asInt()).isEqualTo(1);
        Map<String, Object> fixed = db.jdbi().withHandle(h -> h.createQuery("""
                SELECT (d.last_found AT TIME ZONE 'UTC')::text AS last_found, (d.fixed_at AT TIME ZONE 'UTC')::text AS fixed_at FROM detection d
                JOIN vulnerability v ON v.id = d.vulnerability_id WHERE v.qid = 38170""").mapToMap().one());
        assertThat(fixed).containsEntry("last_found", "2026-04-01 10:00:00").containsEntry("fixed_at", "2026-04-15 10:00:00");
        Map<String, String> state = imports.state();

        imports.importJson(fixture("qualys-first.xml"));
        assertThat(imports.statuses()).isEqualTo(afterSecond);
        assertThat(imports.state()).isEqualTo(state);
    }
}
