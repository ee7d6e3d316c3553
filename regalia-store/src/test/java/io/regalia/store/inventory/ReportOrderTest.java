package io.regalia.store.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.regalia.core.model.AssetType;
import io.regalia.core.model.DetectionObservation;
import io.regalia.core.model.DetectionStatus;
import io.regalia.core.model.DetectionType;
import io.regalia.core.model.HostObservation;
import io.regalia.core.model.NetworkInterface;
import io.regalia.core.model.OpenPort;
import io.regalia.core.model.OperatingSystem;
import io.regalia.core.model.Protocol;
import io.regalia.core.model.ThreatHints;
import io.regalia.core.model.VulnerabilityInfo;
import io.regalia.core.report.ReportEvent;
import io.regalia.core.report.ReportSink;
import io.regalia.store.risk.RiskEngine;
import io.regalia.store.testing.TestDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Reports arrive out of order and are imported again: the newest observation of each thing wins. */
class ReportOrderTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();

    static final Instant T1 = Instant.parse("2026-03-02T09:00:00Z");
    static final Instant T2 = Instant.parse("2026-03-16T09:00:00Z");
    static final Instant T3 = Instant.parse("2026-03-30T09:00:00Z");

    ImportService imports;

    @BeforeEach
    void setUp() {
        Clock clock = Clock.fixed(Instant.parse("2026-04-01T00:00:00Z"), ZoneOffset.UTC);
        imports = new ImportService(db.jdbi(), new RiskEngine(db.jdbi(), clock), clock);
    }

    ImportSummary run(String name, Instant scannedAt, HostObservation host) {
        Consumer<ReportSink> read = sink -> {
            sink.accept(new ReportEvent.Header("nessus", "Nessus", scannedAt, true));
            sink.accept(new ReportEvent.Host(host));
        };
        return imports.run(new ImportRequest(name, name + "-sha", "nessus"), read);
    }

    static HostObservation web(Instant seen, String os, String netbios, List<Integer> ports, DetectionObservation... found) {
        return new HostObservation(null, null, null, "web-01.example.com", netbios, AssetType.HOST, null,
                List.of(new NetworkInterface("10.0.0.5", null, null)), new OperatingSystem(os, null, null, null, null, null),
                null, null, null, ports.stream().map(p -> new OpenPort(p, Protocol.TCP, null)).toList(), seen, null,
                List.of(), null, List.of(found));
    }

    static DetectionObservation plugin(int id, DetectionStatus status, Instant lastFound) {
        VulnerabilityInfo v = new VulnerabilityInfo("nessus:" + id, null, "Plugin " + id, 4, List.of(), null, null, null,
                7.5, null, ThreatHints.NONE);
        return new DetectionObservation(v, DetectionType.CONFIRMED, status, 443, Protocol.TCP, null, lastFound, null);
    }

    Map<String, Object> asset() {
        return db.jdbi().withHandle(h -> h.createQuery("""
                SELECT o.name AS os, a.netbios_name, a.last_seen, a.last_updated,
                       (SELECT string_agg(port::text, ',' ORDER BY port) FROM asset_port p WHERE p.asset_id = a.id) AS ports
                FROM asset a LEFT JOIN os_release o ON o.id = a.os_id""").mapToMap().one());
    }

    Map<String, Object> detection(int plugin) {
        return db.jdbi().withHandle(h -> h.createQuery("""
                SELECT d.status, d.last_found, d.fixed_at, d.times_found FROM detection d
                JOIN vulnerability v ON v.id = d.vulnerability_id WHERE v.key = :k""")
                .bind("k", "nessus:" + plugin).mapToMap().one());
    }

    @Test
    void shouldLetAnOlderReportFillInWhatIsUnknownButNeverOverwriteNewerValues() {
        run("newer", T2, web(T2, "Ubuntu 22.04", null, List.of(443)));
        ImportSummary older = run("older", T1, web(T1, "Ubuntu 18.04", "WEB01", List.of(22, 443)));

        Map<String, Object> after = asset();
        assertThat(after.get("os")).isEqualTo("Ubuntu 22.04");
        assertThat(after.get("ports")).isEqualTo("443");
        assertThat(after.get("netbios_name")).isEqualTo("WEB01");
        assertThat(older.assetsUpdated()).isEqualTo(1);

        ImportSummary again = run("older", T1, web(T1, "Ubuntu 18.04", "WEB01", List.of(22, 443)));
        assertThat(again.assetsUpdated()).isZero();
        assertThat(asset()).isEqualTo(after);
    }

    @Test
    void shouldApplyANewerReportsAttributesAndPorts() {
        run("older", T1, web(T1, "Ubuntu 18.04", null, List.of(22, 443)));
        run("newer", T2, web(T2, "Ubuntu 22.04", null, List.of(443)));
        assertThat(asset()).containsEntry("os", "Ubuntu 22.04").containsEntry("ports", "443");
    }

    @Test
    void shouldFixADetectionTheReportStatesFixedThoughItsLastFoundDateIsUnchanged() {
        run("first", T1, web(T1, "Ubuntu 22.04", null, List.of(443), plugin(1, DetectionStatus.ACTIVE, T1)));
        ImportSummary fixed = run("second", T2, web(T2, "Ubuntu 22.04", null, List.of(443), plugin(1, DetectionStatus.FIXED, T1)));

        assertThat(fixed.byStatus()).containsEntry("FIXED", 1L);
        Map<String, Object> d = detection(1);
        assertThat(d.get("status")).isEqualTo("FIXED");
        assertThat(((java.sql.Timestamp) d.get("last_found")).toInstant()).isEqualTo(T1);
        assertThat(((java.sql.Timestamp) d.get("fixed_at")).toInstant()).isEqualTo(T2);
        assertThat(d.get("times_found")).isEqualTo(1);

        run("second", T2, web(T2, "Ubuntu 22.04", null, List.of(443), plugin(1, DetectionStatus.FIXED, T1)));
        run("first", T1, web(T1, "Ubuntu 22.04", null, List.of(443), plugin(1, DetectionStatus.ACTIVE, T1)));
        assertThat(detection(1)).isEqualTo(d);

        run("third", T3, web(T3, "Ubuntu 22.04", null, List.of(443), plugin(1, null, T3)));
        assertThat(detection(1)).containsEntry("status", "REOPENED").containsEntry("fixed_at", null);
    }
}
