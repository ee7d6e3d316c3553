package io.regalia.store.qql;

import static org.assertj.core.api.Assertions.assertThat;

import io.regalia.core.qql.Qql;
import io.regalia.store.qql.Estate.Asset;
import io.regalia.store.qql.Estate.Detection;
import io.regalia.store.qql.Estate.Iface;
import io.regalia.store.qql.Estate.Os;
import io.regalia.store.qql.Estate.Port;
import io.regalia.store.qql.Estate.Software;
import io.regalia.store.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every example of spec/qql.md, and the distinctions the spec draws, run on a small estate built so that each
 * query has near misses; each result is checked against the SQL and against the in-memory evaluator.
 */
class QqlSqlExamplesTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();

    static final Instant NOW = Instant.parse("2026-03-15T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    static final Os UBUNTU = new Os("Ubuntu 22.04 LTS", "22.04", "Canonical", "Linux", "Server", "GA",
            LocalDate.of(2027, 4, 1), null);
    static final Os WIN2019 = new Os("Windows Server 2019 Datacenter", "10.0.17763", "Microsoft", "Windows", "Server", "GA",
            LocalDate.of(2029, 1, 9), LocalDate.of(2024, 1, 9));
    static final Os WIN2008 = new Os("Windows Server 2008 R2", "6.1", "Microsoft", "Windows", "Server", "EOL/EOS",
            LocalDate.of(2020, 1, 14), LocalDate.of(2015, 1, 13));
    static final Os WIN7 = new Os("Windows 7 Professional", "6.1", "Microsoft", "Windows", "Client", "EOL",
            LocalDate.of(2020, 1, 14), LocalDate.of(2015, 1, 13));
    static final Os RHEL6 = new Os("Red Hat Enterprise Linux 6", "6.10", "Red Hat", "Linux", "Server", "EOS",
            LocalDate.of(2024, 6, 30), LocalDate.of(2020, 11, 30));

    Estate estate;

    /** Assets 1-7; the comments say which near misses each one provides. */
    static Estate specEstate() {
        Estate e = new Estate();
        var windows = e.tag("Windows", 3);
        var agent = e.tag("Cloud Agent", null);
        var windowsProd = e.tag("Windows Servers Prod", 4);
        e.cve(new Estate.Cve("CVE-2023-6246", false, false, 0.02));
        e.cve(new Estate.Cve("CVE-2024-21412", false, false, 0.4));
        e.cve(new Estate.Cve("CVE-2021-44228", true, true, 0.97));
        var glibc = e.vuln(new Estate.Vuln(1, 380001, "GNU C Library syslog heap overflow", 4, List.of("CVE-2023-6246"),
                7.8, true, null, null, 60));
        var windowsUpdate = e.vuln(new Estate.Vuln(2, 91001, "Microsoft Windows Security Update", 5,
                List.of("CVE-2024-21412"), 8.1, true, "FUNCTIONAL", null, 85));
        var scanTime = e.vuln(new Estate.Vuln(3, 45038, "Host Scan Time", 1, List.of(), null, null, null, null, 1));
        var log4j = e.vuln(new Estate.Vuln(4, 376157, "Apache Log4j remote code execution", 5, List.of("CVE-2021-44228"),
                10.0, true, null, null, 100));

        Asset prodDb = e.asset("prod-db-01"); // 1: Linux server, AWS with a public address, OpenSSL 1.0, fresh glibc finding
        prodDb.hostname = "prod-db-01";
        prodDb.os = UBUNTU;
        prodDb.hwCategory1 = "Server";
        prodDb.hwCategory2 = "Server";
        prodDb.trackingMethod = "AGENT";
        prodDb.cloudProvider = "AWS";
        prodDb.cloudInstanceId = "i-0abc";
        prodDb.publicIp = "52.10.0.1";
        prodDb.risk = 820;
        prodDb.lastSeen = NOW.minus(Duration.ofHours(2));
        prodDb.sources.addAll(List.of("Qualys", "Nessus"));
        prodDb.software.addAll(List.of(Software.of("OpenSSL", "1.0.2k"), Software.of("glibc", "2.35")));
        prodDb.ports.addAll(List.of(new Port(5432, "TCP", "postgresql"), new Port(22, "TCP", "ssh")));
        prodDb.interfaces.add(new Iface("10.10.10.10", "prod-db-01.corp", "00:11:22:33:44:55"));
        prodDb.tagIds.add(agent.id());
        prodDb.detections.add(new Detection(glibc.id(), "CONFIRMED", "ACTIVE", NOW.minus(Duration.ofDays(1)), NOW, 0));
        prodDb.detections.add(new Detection(log4j.id(), "POTENTIAL", "NEW", NOW.minus(Duration.ofDays(20)), NOW, 8443));

        Asset web = e.asset("web-01"); // 2: Windows server, AWS without a public address, empty instance id, old finding
        web.os = WIN2019;
        web.hwCategory2 = "Server";
        web.cloudProvider = "AWS";
        web.cloudInstanceId = "";
        web.risk = 650;
        web.lastSeen = NOW.minus(Duration.ofDays(5));
        web.sources.add("Qualys");
        web.software.add(Software.of("nginx", "1.24.0"));
        web.ports.addAll(List.of(new Port(123, "UDP", "ntp"), new Port(8080, "TCP", "http")));
        web.interfaces.add(new Iface("10.10.10.11", null, null));
        web.tagIds.add(windows.id());
        web.detections.add(new Detection(windowsUpdate.id(), "CONFIRMED", "ACTIVE", NOW.minus(Duration.ofDays(10)), NOW, 0));

        Asset legacy = e.asset("legacy-app"); // 3: end-of-life Windows server on virtual hardware, finding two days old
        legacy.os = WIN2008;
        legacy.hwCategory2 = "Virtual Server";
        legacy.risk = 710;
        legacy.ports.addAll(List.of(new Port(443, "TCP", "https"), new Port(3389, "TCP", "rdp")));
        legacy.interfaces.add(new Iface("192.168.1.20", null, null));
        legacy.tagIds.add(windowsProd.id());
        legacy.detections.add(new Detection(windowsUpdate.id(), "POTENTIAL", "REOPENED", NOW.minus(Duration.ofDays(2)), NOW, 0));

        Asset desk = e.asset("desk-7"); // 4: Windows 7 client, only an information finding
        desk.os = WIN7;
        desk.hwCategory2 = "Desktop";
        desk.risk = 300;
        desk.ports.add(new Port(1234, "TCP", null));
        desk.interfaces.add(new Iface("10.20.0.5", null, null));
        desk.detections.add(new Detection(scanTime.id(), "INFO", "NEW", NOW.minus(Duration.ofDays(5)), NOW, 0));

        Asset staging = e.asset("staging-prod-db-02"); // 5: EOS Linux server; OpenSSL 3 next to another package at 1.0;
        // a fixed glibc finding beside an active one
        staging.os = RHEL6;
        staging.hwCategory2 = "Server";
        staging.trackingMethod = "AGENT";
        staging.risk = 700;
        staging.software.addAll(List.of(Software.of("OpenSSL", "3.0.2"), Software.of("zlib", "1.0.3"),
                Software.of("glibc-common", "2.12")));
        staging.ports.addAll(List.of(new Port(122, "TCP", null), new Port(1235, "TCP", null)));
        staging.interfaces.add(new Iface("172.16.0.9", null, null));
        staging.tagIds.add(agent.id());
        staging.detections.add(new Detection(glibc.id(), "CONFIRMED", "FIXED", NOW.minus(Duration.ofDays(40)), NOW, 0));
        staging.detections.add(new Detection(scanTime.id(), "INFO", "ACTIVE", NOW.minus(Duration.ofDays(40)), NOW, 0));

        Asset mail = e.asset("win-mail"); // 6: no OS known; Azure with a public address
        mail.cloudProvider = "AZURE";
        mail.publicIp = "20.30.40.50";

        Asset other = e.asset("prod_db_03"); // 7: Linux server tracked by IP; underscores, not hyphens
        other.os = UBUNTU;
        other.hwCategory2 = "server";
        other.risk = 150;
        return e;
    }

    @BeforeEach
    void insertEstate() {
        estate = specEstate();
        EstateRows.insert(db.jdbi(), estate);
    }

    Set<Long> sql(String qql) {
        SqlPredicate p = QqlSql.compile(qql, CLOCK);
        List<Long> ids = db.jdbi().withHandle(h -> h.createQuery("SELECT a.id FROM asset a WHERE " + p.sql())
                .bindMap(p.params()).mapTo(Long.class).list());
        return new TreeSet<>(ids);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # The rules of the Qualys TruRisk blog
            operatingSystem.category:Server and hardware.category2:`Server`                                              | 1 2 5 7
            operatingSystem.category:Server and operatingSystem.lifecycle.stage:EOL/EOS and hardware.category2:`Server`  | 5
            cloud.provider:AWS and cloud.hasPublicIp:true                                                                | 1
            software:(name:OpenSSL)                                                                                      | 1 5
            asset.name:*prod-db*                                                                                         | 1 5
            # From the Qualys documentation
            NOT tags.name: Windows                                                                                       | 1 4 5 6 7
            vulnerabilities.typeDetected:[Confirmed, Potential]                                                          | 1 2 3 5
            operatingSystem: "Windows 7"                                                                                 | 4
            openPorts.port:[123 .. 1234]                                                                                 | 2 3 4
            openPorts.port:(123 .. 1234)                                                                                 | 3
            operatingSystem: win*                                                                                        | 2 3 4
            tags.name: "Cloud Agent"                                                                                     | 1 5
            interfaces.address: 10.10.10.10                                                                              | 1
            vulnerabilities.vulnerability: (os: "windows" AND patchAvailable: "true")                                    | 2 3
            vulnerabilities: (vulnerability.os: "windows" AND firstFound > now-3d)                                       | 3
            vulnerabilities.vulnerability.cveIds:CVE-2023-6246                                                           | 1 5
            software:(name:"glibc")                                                                                      | 1 5
            operatingSystem.category1:Linux and operatingSystem.category2:Server and asset.trackingMethod:QAGENT          | 1 5
            asset.riskScore>700                                                                                          | 1 3
            """)
    void shouldMatchExactlyTheAssetsEachSpecExampleNames(String query, String expected) {
        assertMatches(query, expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # backtick is the whole value, case-insensitive; a word is contained
            hardware.category2:`Server`                                 | 1 2 5 7
            hardware.category2:Server                                   | 1 2 3 5 7
            hardware.category2:`server`                                 | 1 2 5 7
            # LIKE's own wildcards stand for themselves
            asset.name:prod_db                                          | 7
            asset.name:`prod_db_03`                                     | 7
            asset.name:prod%                                            |
            # a glob covers the whole value
            asset.name:prod*                                            | 1 7
            asset.name:*01                                              | 1 2
            asset.name:`prod*`                                          |
            # lists: any of, each by its own rule
            asset.name:[web, `desk-7`, *mail]                           | 2 4 6
            openPorts.port:[22, 3389]                                   | 1 3
            # ranges and comparisons
            asset.riskScore:[700 .. 710]                                | 3 5
            asset.riskScore:(700 .. 710]                                | 3
            asset.riskScore>=700                                        | 1 3 5
            asset.riskScore<300                                         | 6 7
            asset.riskScore:700.5                                       |
            # addresses and networks
            interfaces.address:10.10.10.0/24                            | 1 2
            interfaces.address:10.0.0.0/8                               | 1 2 4
            interfaces.address:[10.10.10.10 .. 10.20.0.5]               | 1 2 4
            cloud.publicIpAddress:20.0.0.0/8                            | 6
            # dates: relative to the fixed clock, days as whole days
            asset.lastSeen > now-3d                                     | 1
            asset.lastSeen:now                                          | 1
            asset.lastSeen:2026-03-10                                   | 2
            asset.lastSeen > 2026-03-10                                 | 1
            asset.lastSeen >= 2026-03-10                                | 1 2
            vulnerabilities.firstFound:[now-3d .. now]                  | 1 3
            vulnerabilities.firstFound:2026-03-13                       | 3
            operatingSystem.lifecycle.eol < now                         | 3 4 5
            operatingSystem.lifecycle.eol:2020-01-14                    | 3 4
            # enums: EOL/EOS stands for any of the three
            operatingSystem.lifecycle.stage:EOL                         | 4
            operatingSystem.lifecycle.stage:eol/eos                     | 3 4 5
            vulnerabilities.status:Re-Opened                            | 3
            vulnerabilities.status:reopened                             | 3
            vulnerabilities.typeDetected:Info                           | 4 5
            asset.trackingMethod:AGENT                                  | 1 5
            vulnerabilities.vulnerability.criticality:[`CRITICAL`,`HIGH`]   | 1 2 3 5
            vulnerabilities.vulnerability.criticality:INFO              | 4 5
            # risk factors from the CVEs
            vulnerabilities.riskFactor.cisaKnownExploits:true           | 1
            vulnerabilities.riskFactor.ransomware:true                  | 1
            vulnerabilities.riskFactor.exploitCodeMaturity:WEAPONIZED   | 1
            vulnerabilities.riskFactor.exploitCodeMaturity:FUNCTIONAL   | 2 3
            vulnerabilities.riskFactor.exploitCodeMaturity:NONE         | 1 4 5
            vulnerabilities.riskFactor.epss > 0.9                       | 1
            vulnerabilities:(riskFactor.epss < 0.1 and status:Active)   | 1
            # nested group: the same element; flat form: any elements
            software:(name:OpenSSL and version:1.0*)                    | 1
            software.name:OpenSSL and software.version:1.0*             | 1 5
            vulnerabilities:(vulnerability.qid:380001 and status:Fixed) | 5
            vulnerabilities.vulnerability.qid:380001 and vulnerabilities.status:Active | 1 5
            # presence and absence
            cloud.instanceId:*                                          | 1
            cloud.instanceId IS NOT NULL                                | 1 2
            operatingSystem IS NULL                                     | 6
            operatingSystem.lifecycle.eos IS NULL                       | 1 6 7
            NOT operatingSystem:windows                                 | 1 5 6 7
            software:*                                                  | 1 2 5
            software IS NULL                                            | 3 4 6 7
            vulnerabilities IS NULL                                     | 6 7
            tags.criticalityScore IS NULL                               | 1 4 5 6 7
            openPorts.serviceName IS NULL                               | 4 5 6 7
            openPorts:(serviceName IS NULL)                             | 4 5
            inventory.source:nessus                                     | 1
            inventory.source IS NULL                                    | 3 4 5 6 7
            # a bare value searches names, addresses, the OS and software
            openssl                                                     | 1 5
            10.10.10.11                                                 | 2
            `win-mail`                                                  | 6
            red*                                                        | 5
            """)
    void shouldDrawTheDistinctionsTheSpecDraws(String query, String expected) {
        assertMatches(query, expected);
    }

    @Test
    void shouldResolveRelativeDatesWithTheClockItIsGiven() {
        SqlPredicate threeDaysLater = QqlSql.compile("vulnerabilities: (vulnerability.os: \"windows\" AND firstFound > now-3d)",
                Clock.fixed(NOW.plus(Duration.ofDays(3)), ZoneOffset.UTC));
        List<Long> ids = db.jdbi().withHandle(h -> h.createQuery("SELECT a.id FROM asset a WHERE " + threeDaysLater.sql())
                .bindMap(threeDaysLater.params()).mapTo(Long.class).list());
        assertThat(ids).isEmpty();
    }

    private void assertMatches(String query, String expected) {
        Set<Long> want = new TreeSet<>();
        if (expected != null) for (String id : expected.trim().split("\\s+")) want.add(Long.parseLong(id));
        assertThat(sql(query)).as("SQL of " + query).isEqualTo(want);
        assertThat(new EstateEvaluator(estate, CLOCK).matching(Qql.parse(query))).as("evaluator on " + query).isEqualTo(want);
    }
}
