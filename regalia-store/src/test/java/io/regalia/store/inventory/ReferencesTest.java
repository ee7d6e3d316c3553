package io.regalia.store.inventory;

import static io.regalia.store.inventory.Hosts.detection;
import static io.regalia.store.inventory.Hosts.host;
import static io.regalia.store.inventory.Hosts.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.regalia.store.risk.RiskEngine;
import io.regalia.store.testing.TestDatabase;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Detections, software links and open ports keep their references whole, as foreign keys would, one check per statement. */
class ReferencesTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();

    static final String CRITICAL = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";
    static final Instant T1 = Instant.parse("2026-11-01T10:00:00Z");

    long asset;
    long vulnerability;

    @BeforeEach
    void importOneHost() {
        Clock clock = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);
        new ImportService(db.jdbi(), new RiskEngine(db.jdbi(), clock), clock)
                .run(new ImportRequest("r", "r-sha", "inventory"), report("scanner", T1, true,
                        host("web-01", "10.0.0.5", List.of(), detection("CVE-2099-0001", CRITICAL)),
                        host("web-02", "10.0.0.6", List.of(), detection("CVE-2099-0001", CRITICAL))));
        db.jdbi().useHandle(h -> {
            h.execute("INSERT INTO software_product (name, version) VALUES ('OpenSSL', '1.0.2')");
            h.execute("INSERT INTO asset_software SELECT a.id, p.id FROM asset a, software_product p");
        });
        asset = db.jdbi().withHandle(h -> h.createQuery("SELECT id FROM asset WHERE name = 'web-01'").mapTo(Long.class).one());
        vulnerability = db.jdbi().withHandle(h -> h.createQuery("SELECT id FROM vulnerability").mapTo(Long.class).one());
    }

    long count(String sql) {
        return db.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    static void detectionRow(Handle h, long assetId, long vulnerabilityId) {
        h.createUpdate("""
                INSERT INTO detection (asset_id, vulnerability_id, port, source, type, status, first_found, last_found)
                VALUES (:a, :v, 8443, 'test', 'CONFIRMED', 'NEW', now(), now())""")
                .bind("a", assetId).bind("v", vulnerabilityId).execute();
    }

    static String sqlState(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SQLException s) return s.getSQLState();
        }
        return null;
    }

    @Test
    void aDetectionOfAnUnknownAssetOrVulnerabilityIsRefusedAndNothingIsWritten() {
        long before = count("SELECT count(*) FROM detection");
        assertThatThrownBy(() -> db.jdbi().useHandle(h -> detectionRow(h, 999_999, vulnerability)))
                .hasMessageContaining("detection refers to asset 999999, which does not exist")
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo("23503"));
        assertThatThrownBy(() -> db.jdbi().useHandle(h -> detectionRow(h, asset, 888_888)))
                .hasMessageContaining("detection refers to vulnerability 888888, which does not exist");
        assertThat(count("SELECT count(*) FROM detection")).isEqualTo(before);
        db.jdbi().useHandle(h -> detectionRow(h, asset, vulnerability));
        assertThat(count("SELECT count(*) FROM detection")).isEqualTo(before + 1);
    }

    @Test
    void aSoftwareLinkToAnUnknownAssetOrProductIsRefused() {
        assertThatThrownBy(() -> db.jdbi().useHandle(h -> h.execute(
                "INSERT INTO asset_software SELECT 777777, id FROM software_product")))
                .hasMessageContaining("software link refers to asset 777777, which does not exist");
        assertThatThrownBy(() -> db.jdbi().useHandle(h -> h.execute(
                "INSERT INTO asset_software VALUES (?, 666666)", asset)))
                .hasMessageContaining("software link refers to software product 666666, which does not exist");
    }

    @Test
    void anOpenPortOfAnUnknownAssetIsRefused() {
        assertThatThrownBy(() -> db.jdbi().useHandle(h -> h.execute(
                "INSERT INTO asset_port (asset_id, port, protocol) VALUES (555555, 22, 'TCP')")))
                .hasMessageContaining("open port refers to asset 555555, which does not exist");
        db.jdbi().useHandle(h -> h.execute("INSERT INTO asset_port (asset_id, port, protocol) VALUES (?, 22, 'TCP')", asset));
        assertThat(count("SELECT count(*) FROM asset_port WHERE port = 22")).isEqualTo(1);
    }

    @Test
    void deletingAnAssetDeletesItsDetectionsSoftwareAndPortsOnly() {
        db.jdbi().useHandle(h -> h.execute("INSERT INTO asset_port (asset_id, port, protocol) SELECT id, 22, 'TCP' FROM asset"));
        assertThat(count("SELECT count(*) FROM detection")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM asset_software")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM asset_port WHERE port = 22")).isEqualTo(2);
        db.jdbi().useHandle(h -> h.execute("DELETE FROM asset WHERE id = ?", asset));
        assertThat(count("SELECT count(*) FROM detection WHERE asset_id = " + asset)).isZero();
        assertThat(count("SELECT count(*) FROM asset_software WHERE asset_id = " + asset)).isZero();
        assertThat(count("SELECT count(*) FROM asset_port WHERE asset_id = " + asset)).isZero();
        assertThat(count("SELECT count(*) FROM detection")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM asset_software")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM asset_port WHERE port = 22")).isEqualTo(1);
    }

    @Test
    void aVulnerabilityOrProductStillReferredToCannotBeDeleted() {
        assertThatThrownBy(() -> db.jdbi().useHandle(h -> h.execute("DELETE FROM vulnerability")))
                .hasMessageContaining("vulnerability " + vulnerability + " still has detections");
        assertThatThrownBy(() -> db.jdbi().useHandle(h -> h.execute("DELETE FROM software_product")))
                .hasMessageContaining("is still installed on assets");
        db.jdbi().useHandle(h -> {
            h.execute("DELETE FROM detection");
            h.execute("DELETE FROM vulnerability");
        });
        assertThat(count("SELECT count(*) FROM vulnerability")).isZero();
    }

    @Test
    void referenceKeysDoNotChange() {
        assertThatThrownBy(() -> db.jdbi().useHandle(h -> h.execute(
                "UPDATE detection SET asset_id = asset_id + 1000 WHERE asset_id = ?", asset)))
                .hasMessageContaining("the keys of detection rows do not change");
        assertThatThrownBy(() -> db.jdbi().useHandle(h -> h.execute("UPDATE asset SET id = id + 1000 WHERE id = ?", asset)))
                .hasMessageContaining("the keys of asset rows do not change");
        db.jdbi().useHandle(h -> h.execute("UPDATE detection SET status = 'ACTIVE', asset_id = asset_id"));
        assertThat(count("SELECT count(*) FROM detection WHERE status = 'ACTIVE'")).isEqualTo(2);
    }
}
