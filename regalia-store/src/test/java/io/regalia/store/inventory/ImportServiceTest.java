package io.regalia.store.inventory;

import static io.regalia.store.inventory.Hosts.detection;
import static io.regalia.store.inventory.Hosts.host;
import static io.regalia.store.inventory.Hosts.info;
import static io.regalia.store.inventory.Hosts.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.regalia.core.model.DetectionObservation;
import io.regalia.core.model.DetectionStatus;
import io.regalia.core.model.DetectionType;
import io.regalia.core.model.HostObservation;
import io.regalia.core.model.Protocol;
import io.regalia.core.report.BadInputException;
import io.regalia.core.report.ReportEvent;
import io.regalia.store.risk.RiskEngine;
import io.regalia.store.testing.TestDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImportServiceTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();

    static final String CRITICAL = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"; // 9.8
    static final Instant T1 = Instant.parse("2026-11-01T10:00:00Z");
    static final Instant T2 = Instant.parse("2026-11-15T10:00:00Z");
    static final Instant T3 = Instant.parse("2026-11-30T10:00:00Z");

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);

    ImportService imports;

    @BeforeEach
    void setUp() {
        imports = new ImportService(db.jdbi(), new RiskEngine(db.jdbi(), CLOCK), CLOCK);
    }

    ImportSummary run(String name, java.util.function.Consumer<io.regalia.core.report.ReportSink> read) {
        return imports.run(new ImportRequest(name, name + "-sha", "inventory"), read);
    }

    String status(String asset, String cve) {
        return db.jdbi().withHandle(h -> h.createQuery("""
                SELECT d.status FROM detection d JOIN asset a ON a.id = d.asset_id JOIN vulnerability v ON v.id = d.vulnerability_id
                WHERE a.name = :a AND v.key = :k""").bind("a", asset).bind("k", "cve:" + cve).mapTo(String.class).one());
    }

    Map<String, Object> counts() {
        return db.jdbi().withHandle(h -> h.createQuery("""
                SELECT (SELECT count(*) FROM asset) AS assets, (SELECT count(*) FROM detection) AS detections,
                       (SELECT count(*) FROM vulnerability) AS vulns, (SELECT count(*) FROM tag) AS tags,
                       (SELECT count(*) FROM import) AS imports,
                       (SELECT string_agg(status || last_found::text, ',' ORDER BY id) FROM detection) AS states,
                       (SELECT string_agg(risk_score::text, ',' ORDER BY id) FROM asset) AS risks""").mapToMap().one());
    }

    @Test
    void shouldCreateAssetsDetectionsAndScoresOnFirstImport() {
        ImportSummary s = run("a", report("scanner", T1, true,
                host("web-01", "10.0.0.5", List.of("Finance"), detection("CVE-2099-0001", CRITICAL), info("scanner:1")),
                host("web-02", "10.0.0.6", List.of())));
        assertThat(s.hosts()).isEqualTo(2);
        assertThat(s.assetsCreated()).isEqualTo(2);
        assertThat(s.detections()).isEqualTo(2);
        assertThat(s.byType()).containsEntry("CONFIRMED", 1L).containsEntry("INFO", 1L);
        assertThat(s.byStatus()).containsEntry("NEW", 2L);
        assertThat(s.vulnerabilitiesCreated()).isEqualTo(2);
        // CVSS 9.8, nothing else known → QDS 64; ACS default 2, one medium detection: round(2 × 0.45 × 64 × 1) = 58
        Map<String, Object> web01 = db.jdbi().withHandle(h -> h.createQuery(
                "SELECT criticality_score, risk_score FROM asset WHERE name = 'web-01'").mapToMap().one());
        assertThat(((Number) web01.get("criticality_score")).intValue()).isEqualTo(2);
        assertThat(web01.get("risk_score")).isEqualTo(58);
        int qds = db.jdbi().withHandle(h -> h.createQuery("SELECT qds FROM vulnerability WHERE key = 'cve:CVE-2099-0001'")
                .mapTo(Integer.class).one());
        assertThat(qds).isEqualTo(64);
    }

    @Test
    void shouldChangeNothingWhenTheSameFileIsImportedAgain() {
        var file = report("scanner", null, true, host("web-01", "10.0.0.5", List.of("Finance"), detection("CVE-2099-0001", CRITICAL)));
        run("a", file);
        Map<String, Object> before = counts();
        ImportSummary again = run("a", file);
        Map<String, Object> after = counts();
        assertThat(again.assetsCreated()).isZero();
        assertThat(again.assetsUpdated()).isZero();
        assertThat(again.byStatus()).containsEntry("NEW", 1L);
        assertThat(after).usingRecursiveComparison().ignoringFields("imports").isEqualTo(before);
    }

    @Test
    void shouldMoveTheLifecycleNewActiveFixedReopened() {
        run("1", report("scanner", T1, true, host("web-01", "10.0.0.5", List.of(), detection("CVE-2099-0001", CRITICAL),
                detection("CVE-2099-0002", CRITICAL))));
        assertThat(status("web-01", "CVE-2099-0001")).isEqualTo("NEW");
        run("2", report("scanner", T2, true, host("web-01", "10.0.0.5", List.of(), detection("CVE-2099-0001", CRITICAL))));
        assertThat(status("web-01", "CVE-2099-0001")).isEqualTo("ACTIVE");
        assertThat(status("web-01", "CVE-2099-0002")).isEqualTo("FIXED");
        run("3", report("scanner", T3, true, host("web-01", "10.0.0.5", List.of(), detection("CVE-2099-0001", CRITICAL),
                detection("CVE-2099-0002", CRITICAL))));
        assertThat(status("web-01", "CVE-2099-0002")).isEqualTo("REOPENED");
    }

    @Test
    void shouldNotRollBackWhenAnOlderReportArrivesLate() {
        run("new", report("scanner", T2, true, host("web-01", "10.0.0.5", List.of(), detection("CVE-2099-0001", CRITICAL))));
        run("newer", report("scanner", T3, true, host("web-01", "10.0.0.5", List.of())));
        assertThat(status("web-01", "CVE-2099-0001")).isEqualTo("FIXED");
        Map<String, Object> before = counts();
        run("old", report("scanner", T1, true, host("web-01", "10.0.0.5", List.of(), detection("CVE-2099-0001", CRITICAL))));
        assertThat(status("web-01", "CVE-2099-0001")).isEqualTo("FIXED");
        assertThat(counts()).usingRecursiveComparison().ignoringFields("imports").isEqualTo(before);
    }

    @Test
    void shouldCountInTheSummaryWhatIsStoredWhetherTheReportChangedItOrNot() {
        run("new", report("scanner", T2, true, host("web-01", "10.0.0.5", List.of(), detection("CVE-2099-0001", CRITICAL),
                detection("CVE-2099-0002", CRITICAL))));
        run("newer", report("scanner", T3, true, host("web-01", "10.0.0.5", List.of(), detection("CVE-2099-0001", CRITICAL))));
        // a late report: CVE-1 older than stored (left ACTIVE), CVE-2 older than its fix (left FIXED), CVE-3 new
        ImportSummary late = run("old", report("scanner", T1, false, host("web-01", "10.0.0.5", List.of(),
                detection("CVE-2099-0001", CRITICAL), detection("CVE-2099-0002", CRITICAL), detection("CVE-2099-0003", CRITICAL))));
        assertThat(late.detections()).isEqualTo(3);
        assertThat(late.byStatus()).containsEntry("NEW", 1L).containsEntry("ACTIVE", 1L).containsEntry("FIXED", 1L)
                .containsEntry("REOPENED", 0L);
        assertThat(late.byType()).containsEntry("CONFIRMED", 3L);
        // a newer report changes all three: the counts come from what it stored
        ImportSummary next = run("next", report("scanner", T3.plusSeconds(60), true, host("web-01", "10.0.0.5", List.of(),
                detection("CVE-2099-0001", CRITICAL), detection("CVE-2099-0002", CRITICAL), detection("CVE-2099-0004", CRITICAL))));
        assertThat(next.byStatus()).containsEntry("NEW", 1L).containsEntry("ACTIVE", 1L).containsEntry("REOPENED", 1L)
                .containsEntry("FIXED", 0L);
        assertThat(next.detections()).isEqualTo(3);
    }

    @Test
    void shouldKeepEachAssetsOpenPortsAsItsNewestReportStatesThem() {
        run("1", report("scanner", T1, true, withPorts("web-01", "10.0.0.5", T1, port(22, null), port(80, "http")),
                withPorts("web-02", "10.0.0.6", T1, port(22, "ssh"), port(22, null))));
        assertThat(ports()).containsExactly("web-01 22/TCP -", "web-01 80/TCP http", "web-02 22/TCP ssh");
        // web-01 again: 80 closed, 22 named, 443 opened; web-03 new; web-02 not in this report keeps its ports
        run("2", report("scanner", T2, true, withPorts("web-01", "10.0.0.5", T2, port(22, "ssh"), port(443, null)),
                withPorts("web-03", "10.0.0.7", T2, port(3389, "ms-wbt-server"))));
        assertThat(ports()).containsExactly("web-01 22/TCP ssh", "web-01 443/TCP -", "web-02 22/TCP ssh",
                "web-03 3389/TCP ms-wbt-server");
        // an older report of web-01 changes none of them
        run("0", report("scanner", T1.minusSeconds(3600), true, withPorts("web-01", "10.0.0.5", T1.minusSeconds(3600), port(80, "http"))));
        assertThat(ports()).contains("web-01 22/TCP ssh", "web-01 443/TCP -").doesNotContain("web-01 80/TCP http");
    }

    static io.regalia.core.model.OpenPort port(int number, String service) {
        return new io.regalia.core.model.OpenPort(number, io.regalia.core.model.Protocol.TCP, service);
    }

    static io.regalia.core.model.HostObservation withPorts(String name, String ip, Instant seen, io.regalia.core.model.OpenPort... ports) {
        return new io.regalia.core.model.HostObservation(null, name, name, null, null, null, null,
                List.of(new io.regalia.core.model.NetworkInterface(ip, null, null)), null, null, null, null, List.of(ports), seen,
                null, List.of(), null, List.of());
    }

    List<String> ports() {
        return db.jdbi().withHandle(h -> h.createQuery("""
                SELECT a.name || ' ' || p.port || '/' || p.protocol || ' ' || coalesce(p.service_name, '-')
                FROM asset_port p JOIN asset a ON a.id = p.asset_id ORDER BY 1""").mapTo(String.class).list());
    }

    @Test
    void shouldOnlyAddWhenTheReportIsNotComplete() {
        run("1", report("scanner", T1, true, host("web-01", "10.0.0.5", List.of(), detection("CVE-2099-0001", CRITICAL))));
        run("2", report("scanner", T2, false, host("web-01", "10.0.0.5", List.of(), detection("CVE-2099-0003", CRITICAL))));
        assertThat(status("web-01", "CVE-2099-0001")).isEqualTo("NEW");
        assertThat(status("web-01", "CVE-2099-0003")).isEqualTo("NEW");
    }

    @Test
    void shouldResolveTheSameHostByIpAcrossReportsAndAbsorbNewIdentities() {
        run("1", report("nessus", T1, true, new io.regalia.core.model.HostObservation(null, null, null, null, null, null,
                null, List.of(new io.regalia.core.model.NetworkInterface("10.0.0.9", null, null)), null, null, null, null,
                null, null, null, List.of(), null, List.of())));
        run("2", report("inventory", T2, false, new io.regalia.core.model.HostObservation(null, "db-01", null,
                "db-01.corp.example", null, null, null, List.of(new io.regalia.core.model.NetworkInterface("10.0.0.9", null, null)),
                null, null, null, null, null, null, null, List.of(), null, List.of())));
        assertThat(counts()).containsEntry("assets", 1L);
        run("3", report("other", T3, false, new io.regalia.core.model.HostObservation(null, null, null,
                "DB-01.corp.example", null, null, null, List.of(), null, null, null, null, null, null, null, List.of(), null, List.of())));
        assertThat(counts()).containsEntry("assets", 1L);
    }

    @Test
    void shouldLeaveTheDatabaseUnchangedWhenTheReaderFailsMidway() {
        run("1", report("scanner", T1, true, host("web-01", "10.0.0.5", List.of("PCI"), detection("CVE-2099-0001", CRITICAL))));
        Map<String, Object> before = counts();
        assertThatThrownBy(() -> run("bad", sink -> {
            sink.accept(new ReportEvent.Header("inventory", "scanner", T2, true));
            sink.accept(new ReportEvent.Host(host("web-09", "10.0.0.99", List.of("New Tag"), detection("CVE-2099-0005", CRITICAL))));
            throw new BadInputException("bad.json", "assets[1].openPorts[0].port: expected a number 1-65535, got \"https\"");
        })).isInstanceOf(BadInputException.class);
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void shouldWarnAndSkipAnInvalidAddressInsteadOfFailing() {
        ImportSummary s = run("odd", report("scanner", T1, true, host("odd-01", "192.168.1.1001", List.of())));
        assertThat(s.assetsCreated()).isEqualTo(1);
        assertThat(s.warnings()).anyMatch(w -> w.contains("192.168.1.1001"));
    }

    static io.regalia.core.model.HostObservation agentHost(String agent, String hostname, String ip) {
        return new io.regalia.core.model.HostObservation(null, hostname, hostname, null, null, null, agent,
                List.of(new io.regalia.core.model.NetworkInterface(ip, null, null)), null, null, null, null, null, null, null,
                List.of(), null, List.of());
    }

    @Test
    void shouldKeepMachinesWithDifferentAgentsApartEvenWhenTheyShareAName() {
        run("1", report("agent", T1, false, agentHost("agent-a", "dc-02", "10.9.0.1"), agentHost("agent-b", "dc-02", "10.9.0.2")));
        assertThat(counts()).containsEntry("assets", 2L);
        // The same agent seen later with a new address is still the same asset, and absorbs the address.
        run("2", report("agent", T2, false, agentHost("agent-b", "dc-02", "10.9.0.99")));
        assertThat(counts()).containsEntry("assets", 2L);
        // A scanner seeing only the new address finds the agent's asset.
        run("3", report("scanner", T3, false, new io.regalia.core.model.HostObservation(null, null, null, null, null, null,
                null, List.of(new io.regalia.core.model.NetworkInterface("10.9.0.99", null, null)), null, null, null, null,
                null, null, null, List.of(), null, List.of())));
        assertThat(counts()).containsEntry("assets", 2L);
    }

    static DetectionObservation seen(DetectionObservation d, Instant lastFound, String results) {
        return new DetectionObservation(d.vulnerability(), d.type(), d.status(), d.port(), d.protocol(), null, lastFound, results);
    }

    Map<String, Object> stored(String cve) {
        return db.jdbi().withHandle(h -> h.createQuery("""
                SELECT count(*) AS rows, max(d.last_found) AS last_found, max(d.results) AS results, max(d.status) AS status
                FROM detection d JOIN vulnerability v ON v.id = d.vulnerability_id WHERE v.key = :k""")
                .bind("k", "cve:" + cve).mapToMap().one());
    }

    @Test
    void shouldKeepTheNewestOfAHostsRepeatedFindingOnce() {
        DetectionObservation d = detection("CVE-2099-0007", CRITICAL);
        ImportSummary s = run("repeats", report("scanner", T3, true, host("web-01", "10.0.0.5", List.of(),
                seen(d, T2, "newer"), seen(d, T1, "older"), seen(d, T2, "newer, later in the file"))));
        assertThat(s.detections()).isEqualTo(1);
        assertThat(stored("CVE-2099-0007")).containsEntry("rows", 1L).containsEntry("results", "newer, later in the file")
                .containsEntry("status", "NEW");
        assertThat(((java.sql.Timestamp) stored("CVE-2099-0007").get("last_found")).toInstant()).isEqualTo(T2);
    }

    @Test
    void shouldKeepTheNewestFindingWhenTwoHostsOfAReportAreOneAsset() {
        DetectionObservation d = detection("CVE-2099-0008", CRITICAL);
        // the same name twice: two host entries, one asset (say, scanned on two interfaces)
        ImportSummary s = run("one machine twice", report("scanner", T3, true,
                host("web-01", "10.0.0.5", List.of(), seen(d, T2, "second look"), detection("CVE-2099-0009", CRITICAL)),
                host("web-01", "10.0.0.5", List.of(), seen(d, T1, "first look"))));
        assertThat(s.hosts()).isEqualTo(2);
        assertThat(s.assetsCreated()).isEqualTo(1);
        assertThat(s.detections()).isEqualTo(2);
        assertThat(stored("CVE-2099-0008")).containsEntry("rows", 1L).containsEntry("results", "second look");
        assertThat(((java.sql.Timestamp) stored("CVE-2099-0008").get("last_found")).toInstant()).isEqualTo(T2);

        // a later report of the same machine, once: the finding is seen again, the one not seen is fixed
        run("later", report("scanner", T3.plusSeconds(3600), true, host("web-01", "10.0.0.5", List.of(),
                seen(d, T3.plusSeconds(3600), "third look"))));
        assertThat(stored("CVE-2099-0008")).containsEntry("rows", 1L).containsEntry("status", "ACTIVE")
                .containsEntry("results", "third look");
        assertThat(status("web-01", "CVE-2099-0009")).isEqualTo("FIXED");
    }

    /**
     * A new asset's first host has its findings written straight into the table; any other host goes through
     * staging and the merge. Both must store the same values, whatever the report states or leaves out.
     */
    @Test
    void shouldStoreANewAssetsFindingsAsTheMergeWouldHave() {
        Instant later = T3.plusSeconds(3600);
        DetectionObservation[] findings = {
                new DetectionObservation(detection("CVE-2099-0031", CRITICAL).vulnerability(), DetectionType.CONFIRMED,
                        null, 443, Protocol.TCP, T1, T2, "open"),
                new DetectionObservation(detection("CVE-2099-0032", CRITICAL).vulnerability(), DetectionType.POTENTIAL,
                        DetectionStatus.ACTIVE, 80, null, null, null, null),
                // stated fixed: last found before the report looked, after it, and not said
                new DetectionObservation(detection("CVE-2099-0033", CRITICAL).vulnerability(), DetectionType.CONFIRMED,
                        DetectionStatus.FIXED, 22, Protocol.UDP, T1, T1, "gone"),
                new DetectionObservation(detection("CVE-2099-0034", CRITICAL).vulnerability(), DetectionType.CONFIRMED,
                        DetectionStatus.FIXED, null, null, null, null, null),
                new DetectionObservation(detection("CVE-2099-0035", CRITICAL).vulnerability(), DetectionType.CONFIRMED,
                        DetectionStatus.FIXED, 8443, null, null, later, null),
                // first found after last found
                new DetectionObservation(detection("CVE-2099-0036", CRITICAL).vulnerability(), DetectionType.INFO,
                        null, null, null, later.plusSeconds(60), T2, "info")};

        ImportSummary direct = run("direct", report("scanner", T3, true, host("direct-01", "10.0.1.1", List.of(), findings)));
        // the same asset twice: the second host's findings are staged and merged
        ImportSummary staged = run("staged", report("scanner", T3, true, host("staged-01", "10.0.1.2", List.of()),
                host("staged-01", "10.0.1.2", List.of(), findings)));
        // written first, then moved to staging when the asset's second host arrives
        ImportSummary moved = run("moved", report("scanner", T3, true, host("moved-01", "10.0.1.3", List.of(), findings),
                host("moved-01", "10.0.1.3", List.of())));

        List<String> written = findingsOf("direct-01");
        assertThat(written).hasSize(6).isEqualTo(findingsOf("staged-01")).isEqualTo(findingsOf("moved-01"));
        assertThat(written).contains(
                "CVE-2099-0031 443 TCP CONFIRMED NEW " + T1 + " " + T2 + " null 1 open scanner",
                "CVE-2099-0032 80 null POTENTIAL ACTIVE " + T3 + " " + T3 + " null 1 null scanner",
                "CVE-2099-0033 22 UDP CONFIRMED FIXED " + T1 + " " + T1 + " " + T3 + " 1 gone scanner",
                "CVE-2099-0034 0 null CONFIRMED FIXED " + T3 + " " + T3 + " " + T3 + " 1 null scanner",
                "CVE-2099-0035 8443 null CONFIRMED FIXED " + later + " " + later + " " + later + " 1 null scanner",
                "CVE-2099-0036 0 null INFO NEW " + T2 + " " + T2 + " null 1 info scanner");
        // the asset row that held the findings while the report streamed leaves nothing of its own
        List<String> assets = db.jdbi().withHandle(h -> h.createQuery("""
                SELECT name || ' ' || tracking_method || ' ' || inventory_sources::text FROM asset
                WHERE name IN ('direct-01', 'staged-01', 'moved-01') ORDER BY id""").mapTo(String.class).list());
        assertThat(assets).containsExactly("direct-01 DNSNAME {scanner}", "staged-01 DNSNAME {scanner}", "moved-01 DNSNAME {scanner}");
        for (ImportSummary s : List.of(direct, staged, moved)) {
            assertThat(s.detections()).isEqualTo(6);
            assertThat(s.byType()).containsEntry("CONFIRMED", 4L).containsEntry("POTENTIAL", 1L).containsEntry("INFO", 1L);
            assertThat(s.byStatus()).containsEntry("NEW", 2L).containsEntry("ACTIVE", 1L).containsEntry("FIXED", 3L);
        }
    }

    /** An asset's detections: key, port, protocol, type, status, first and last found, fixed, times, results, source. */
    List<String> findingsOf(String asset) {
        return db.jdbi().withHandle(h -> h.createQuery("""
                SELECT substr(v.key, 5), d.port, d.protocol, d.type, d.status, d.first_found, d.last_found, d.fixed_at,
                       d.times_found, d.results, d.source
                FROM detection d JOIN asset a ON a.id = d.asset_id JOIN vulnerability v ON v.id = d.vulnerability_id
                WHERE a.name = :a ORDER BY 1""").bind("a", asset)
                .map((rs, ctx) -> {
                    StringBuilder row = new StringBuilder();
                    for (int i = 1; i <= 11; i++) {
                        Object value = rs.getObject(i);
                        if (value instanceof java.sql.Timestamp t) value = t.toInstant();
                        if (i > 1) row.append(' ');
                        row.append(value);
                    }
                    return row.toString();
                }).list());
    }

    /**
     * Hosts are resolved to assets and staged batch by batch; where the hosts fall among the batches must not
     * matter: one host per batch, two, or all in one.
     */
    @ParameterizedTest(name = "{0} hosts per batch")
    @ValueSource(ints = {1, 2, 250})
    void shouldStoreTheSameWhicheverBatchesTheHostsFallIn(int hostsPerBatch) {
        imports = new ImportService(db.jdbi(), new RiskEngine(db.jdbi(), CLOCK), CLOCK, hostsPerBatch);
        DetectionObservation a = detection("CVE-2099-0021", CRITICAL);
        DetectionObservation b = detection("CVE-2099-0022", CRITICAL);
        run("before", report("scanner", T1, true, host("db-01", "10.0.0.7", List.of(), b)));

        // web-01 is new and seen twice, in batches apart when they are small; db-01 is stored already
        ImportSummary s = run("mixed", report("scanner", T3, true,
                host("web-01", "10.0.0.5", List.of(), seen(a, T1, "first look"), seen(b, T2, "only look")),
                host("app-01", "10.0.0.6", List.of(), seen(a, T2, "app look")),
                host("db-01", "10.0.0.7", List.of(), seen(b, T2, "db look")),
                host("web-01", "10.0.0.5", List.of(), seen(a, T2, "second look"))));
        assertThat(s.hosts()).isEqualTo(4);
        assertThat(s.assetsCreated()).isEqualTo(2);
        assertThat(s.assetsUpdated()).isEqualTo(1);
        assertThat(s.detections()).isEqualTo(4);
        assertThat(s.byStatus()).containsEntry("NEW", 3L).containsEntry("ACTIVE", 1L);
        assertThat(detections()).containsExactly(
                "app-01 CVE-2099-0021 NEW 1 app look",
                "db-01 CVE-2099-0022 ACTIVE 2 db look",
                "web-01 CVE-2099-0021 NEW 1 second look",
                "web-01 CVE-2099-0022 NEW 1 only look");
        assertThat(counts()).containsEntry("assets", 3L);
        // scored as the others are: TruRisk 58 for one critical finding at ACS 2 (see the first test)
        int appRisk = db.jdbi().withHandle(h -> h.createQuery("SELECT risk_score FROM asset WHERE name = 'app-01'")
                .mapTo(Integer.class).one());
        assertThat(appRisk).isEqualTo(58);

        // the same report again changes nothing, however it was first stored
        Map<String, Object> before = counts();
        run("mixed", report("scanner", T3, true,
                host("web-01", "10.0.0.5", List.of(), seen(a, T1, "first look"), seen(b, T2, "only look")),
                host("app-01", "10.0.0.6", List.of(), seen(a, T2, "app look")),
                host("db-01", "10.0.0.7", List.of(), seen(b, T2, "db look")),
                host("web-01", "10.0.0.5", List.of(), seen(a, T2, "second look"))));
        assertThat(counts()).usingRecursiveComparison().ignoringFields("imports").isEqualTo(before);
    }

    @Test
    void shouldLeaveTheDatabaseUnchangedWhenTheReaderFailsAfterBatchesWereStaged() {
        imports = new ImportService(db.jdbi(), new RiskEngine(db.jdbi(), CLOCK), CLOCK, 1);
        run("1", report("scanner", T1, true, host("web-01", "10.0.0.5", List.of("PCI"), detection("CVE-2099-0001", CRITICAL))));
        Map<String, Object> before = counts();
        assertThatThrownBy(() -> run("bad", sink -> {
            sink.accept(new ReportEvent.Header("inventory", "scanner", T2, true));
            // one host per batch: each of these is resolved, given an asset id and staged before the next is read
            sink.accept(new ReportEvent.Host(host("web-09", "10.0.0.99", List.of(), detection("CVE-2099-0005", CRITICAL))));
            sink.accept(new ReportEvent.Host(host("web-10", "10.0.0.100", List.of(), detection("CVE-2099-0006", CRITICAL))));
            sink.accept(new ReportEvent.Host(host("web-11", "10.0.0.101", List.of(), detection("CVE-2099-0007", CRITICAL))));
            throw new BadInputException("bad.json", "assets[3]: truncated");
        })).isInstanceOf(BadInputException.class);
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    @Timeout(60) // a COPY left open blocks the rollback for good
    void shouldLeaveTheDatabaseUnchangedWhenTheReaderFailsWhileANewAssetsFindingsStreamIn() {
        imports = new ImportService(db.jdbi(), new RiskEngine(db.jdbi(), CLOCK), CLOCK, 1);
        run("1", report("scanner", T1, true, host("web-01", "10.0.0.5", List.of("PCI"), detection("CVE-2099-0001", CRITICAL))));
        Map<String, Object> before = counts();
        // enough text that the new asset's findings are on their way into the table when the reader fails
        String output = "x".repeat(40_000);
        HostObservation big = host("web-20", "10.0.0.120", List.of(),
                seen(detection("CVE-2099-0011", CRITICAL), T2, output), seen(detection("CVE-2099-0012", CRITICAL), T2, output),
                seen(detection("CVE-2099-0013", CRITICAL), T2, output));
        assertThatThrownBy(() -> run("bad", sink -> {
            sink.accept(new ReportEvent.Header("inventory", "scanner", T2, true));
            sink.accept(new ReportEvent.Host(big));
            throw new BadInputException("bad.json", "assets[1]: truncated");
        })).isInstanceOf(BadInputException.class).hasMessageContaining("assets[1]: truncated");
        assertThat(counts()).isEqualTo(before);
    }

    /** Every stored detection: asset, CVE, status, times found, results; in that order. */
    List<String> detections() {
        return db.jdbi().withHandle(h -> h.createQuery("""
                SELECT a.name || ' ' || substr(v.key, 5) || ' ' || d.status || ' ' || d.times_found || ' ' || d.results
                FROM detection d JOIN asset a ON a.id = d.asset_id JOIN vulnerability v ON v.id = d.vulnerability_id
                ORDER BY 1""").mapTo(String.class).list());
    }
}
