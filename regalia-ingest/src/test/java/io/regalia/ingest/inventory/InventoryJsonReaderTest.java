package io.regalia.ingest.inventory;

import io.regalia.core.model.AssetType;
import io.regalia.core.model.CloudFacts;
import io.regalia.core.model.CloudProvider;
import io.regalia.core.model.DetectionObservation;
import io.regalia.core.model.DetectionStatus;
import io.regalia.core.model.DetectionType;
import io.regalia.core.model.Hardware;
import io.regalia.core.model.HostObservation;
import io.regalia.core.model.Lifecycle;
import io.regalia.core.model.LifecycleStage;
import io.regalia.core.model.NetworkInterface;
import io.regalia.core.model.OpenPort;
import io.regalia.core.model.OperatingSystem;
import io.regalia.core.model.Protocol;
import io.regalia.core.model.Software;
import io.regalia.core.model.ThreatHints;
import io.regalia.core.model.VulnerabilityInfo;
import io.regalia.core.report.BadInputException;
import io.regalia.core.report.ReportEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static io.regalia.ingest.inventory.Inventories.document;
import static io.regalia.ingest.inventory.Inventories.events;
import static io.regalia.ingest.inventory.Inventories.fixture;
import static io.regalia.ingest.inventory.Inventories.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InventoryJsonReaderTest {
    static final HostObservation SPEC_HOST = new HostObservation("web-01", "web-01", "web-01", "web-01.corp.example",
            "WEB01", AssetType.HOST, "6b1f0c2e-3d7a-4f5e-9a41-1c2d3e4f5a6b",
            List.of(new NetworkInterface("10.0.0.5", "web-01", "00:50:56:aa:bb:cc")),
            new OperatingSystem("Windows Server 2012 R2 Standard", "6.3.9600", "Microsoft", "Windows", "Server",
                    new Lifecycle(LifecycleStage.EOL, LocalDate.of(2023, 10, 10), LocalDate.of(2023, 10, 10))),
            new Hardware("Computers", "Server", "Dell Inc.", "PowerEdge R740"),
            new CloudFacts(CloudProvider.AWS, "eu-west-1", "123456789012", "i-0abc123def4567890", "ami-0123", "52.1.2.3"),
            List.of(new Software("OpenSSL", "1.0.2k", "OpenSSL Project", "Security", "Cryptography",
                    new Lifecycle(LifecycleStage.EOL, LocalDate.of(2019, 12, 31), null))),
            List.of(new OpenPort(443, Protocol.TCP, "https")),
            Instant.parse("2026-11-30T09:58:00Z"), Instant.parse("2026-11-01T03:00:00Z"), List.of("Finance"), null,
            List.of(new DetectionObservation(
                    new VulnerabilityInfo("qualys:38170", 38170L,
                            "SSL Certificate - Subject Common Name Does Not Match Server FQDN", 2, List.of(), null,
                            "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N", null, null, false, ThreatHints.NONE),
                    DetectionType.CONFIRMED, DetectionStatus.ACTIVE, 3389, Protocol.TCP,
                    Instant.parse("2026-01-10T00:00:00Z"), Instant.parse("2026-11-30T09:58:00Z"),
                    "Certificate #0 CN=WIN-2K8R2 does not match 10.10.10.11")));

    @TempDir
    Path dir;

    @Test
    void shouldReadTheSpecExampleIntoTheExpectedRecords() {
        List<ReportEvent> events = events(fixture("spec-example.json"));

        assertThat(events).hasSize(2);
        assertThat(events.get(0)).isEqualTo(
                new ReportEvent.Header("inventory", "asset-export", Instant.parse("2026-11-30T10:00:00Z"), true));
        HostObservation host = ((ReportEvent.Host) events.get(1)).host();
        assertThat(host.externalId()).isEqualTo("web-01");
        assertThat(host.fqdn()).isEqualTo("web-01.corp.example");
        assertThat(host.netbiosName()).isEqualTo("WEB01");
        assertThat(host.type()).isEqualTo(AssetType.HOST);
        assertThat(host.os()).isEqualTo(SPEC_HOST.os());
        assertThat(host.cloud()).isEqualTo(SPEC_HOST.cloud());
        assertThat(host.software()).isEqualTo(SPEC_HOST.software());
        assertThat(host.openPorts()).containsExactly(new OpenPort(443, Protocol.TCP, "https"));
        assertThat(host.detections()).isEqualTo(SPEC_HOST.detections());
        assertThat(host).isEqualTo(SPEC_HOST);
    }

    @Test
    void shouldNameTheExactPathOfAPortThatIsNotANumber() {
        assertThatThrownBy(() -> events(fixture("bad-port.json")))
                .isInstanceOf(BadInputException.class)
                .hasMessage("assets[3].openPorts[0].port: expected a number 1-65535, got \"https\"");
    }

    @Test
    void shouldRejectTimesAndDatesOutsideTheStorableYearsNamingTheirPath() {
        assertThatThrownBy(() -> events(write(dir, document("{\"externalId\": \"a\", \"lastSeen\": \"0000-06-01T00:00:00Z\"}"))))
                .isInstanceOf(BadInputException.class)
                .hasMessage("assets[0].lastSeen: expected a time in the years 1-9999, got \"0000-06-01T00:00:00Z\"");
        assertThatThrownBy(() -> events(write(dir, document(
                "{\"externalId\": \"a\", \"os\": {\"name\": \"X\", \"lifecycle\": {\"eol\": \"0000-12-31\"}}}"))))
                .isInstanceOf(BadInputException.class)
                .hasMessage("assets[0].os.lifecycle.eol: expected a date in the years 1-9999, got \"0000-12-31\"");
    }

    @Test
    void shouldTakeQuotedDigitsAsANumber() {
        List<ReportEvent> events = events(write(dir, document("{\"externalId\": \"a\", \"openPorts\": [{\"port\": \"80\"}]}")));
        assertThat(((ReportEvent.Host) events.get(1)).host().openPorts()).containsExactly(new OpenPort(80, Protocol.TCP, null));
    }

    @Test
    void shouldLocateWhereTheJsonBreaks() {
        assertThatThrownBy(() -> events(fixture("broken.json")))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("assets[1].externalId at line 8, column 26: Unexpected character ('\"' (code 34)): "
                        + "was expecting comma to separate Object entries")
                .hasMessageNotContaining("\n");
    }

    @Test
    void shouldLocateATruncatedDocument() {
        String full = document("{\"externalId\": \"a\", \"tags\": [\"x\", \"y\"]}");
        Path cut = write(dir, full.substring(0, full.indexOf("\"y\"")));
        assertThatThrownBy(() -> events(cut))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("assets[0].tags[1] at line 1, column ")
                .hasMessageContaining("end-of-input");
    }

    @Test
    void shouldRejectDuplicateKeys() {
        Path file = write(dir, document("{\"externalId\": \"a\", \"name\": \"x\", \"name\": \"y\"}"));
        assertThatThrownBy(() -> events(file))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("assets[0].name at line 1, column ")
                .hasMessageContaining("Duplicate field 'name'");
    }

    @Test
    void shouldWarnOncePerUnknownFieldAfterTheHeader() {
        Path file = write(dir, """
                {"generator": "cmdb-export 2.1", "format": "regalia-inventory/1", "assets": [
                  {"externalId": "a", "owner": "alice", "os": {"name": "Linux", "build": "5.10"}},
                  {"externalId": "b", "owner": "bob", "os": {"build": "6.1"}, "openPorts": [{"port": 22, "state": "open"}]},
                  {"externalId": "c", "owner": "carol", "openPorts": [{"port": 80, "state": "open"}]}
                ]}
                """);
        List<ReportEvent> events = events(file);

        assertThat(events.get(0)).isInstanceOf(ReportEvent.Header.class);
        assertThat(events).filteredOn(ReportEvent.Warning.class::isInstance).containsExactly(
                new ReportEvent.Warning("generator", "unknown field \"generator\" ignored (reported once)"),
                new ReportEvent.Warning("assets[0].owner", "unknown field \"owner\" ignored (reported once)"),
                new ReportEvent.Warning("assets[0].os.build", "unknown field \"build\" ignored (reported once)"),
                new ReportEvent.Warning("assets[1].openPorts[0].state", "unknown field \"state\" ignored (reported once)"));
        assertThat(events).filteredOn(ReportEvent.Host.class::isInstance).hasSize(3);
    }

    @Test
    void shouldRejectAnAssetWithoutIdentity() {
        Path file = write(dir, document("{\"externalId\": \"a\"}", "{\"name\": \"nameless\", \"interfaces\": [{\"macAddress\": \"00:11:22:33:44:55\"}]}"));
        assertThatThrownBy(() -> events(file))
                .isInstanceOf(BadInputException.class)
                .hasMessage("assets[1]: no identity: give externalId or one of agentId, cloud.instanceId, fqdn, "
                        + "netbiosName, hostname, interfaces[].address");
    }

    @Test
    void shouldAcceptAnyIdentityFieldInsteadOfExternalId() {
        Path file = write(dir, document("{\"interfaces\": [{\"address\": \"2001:db8::1\"}]}", "{\"cloud\": {\"instanceId\": \"i-1\"}}"));
        assertThat(events(file)).filteredOn(ReportEvent.Host.class::isInstance).hasSize(2);
    }

    @Test
    void shouldDefaultCompleteToFalseAndLeaveAbsentHeaderFieldsNull() {
        Path file = write(dir, "{\"format\": \"regalia-inventory/1\", \"assets\": [{\"externalId\": \"a\"}]}");
        List<ReportEvent> events = events(file);
        assertThat(events.get(0)).isEqualTo(new ReportEvent.Header("inventory", null, null, false));
        assertThat(((ReportEvent.Host) events.get(1)).host())
                .isEqualTo(new HostObservation("a", null, null, null, null, null, null, null, null, null, null, null,
                        null, null, null, null, null, null));
    }

    @Test
    void shouldSendTheHeaderFirstEvenWhenItsFieldsFollowTheAssets() {
        Path file = write(dir, "{\"assets\": [{\"externalId\": \"a\"}], \"complete\": true, \"format\": \"regalia-inventory/1\", "
                + "\"scannedAt\": \"2026-11-30\", \"source\": \"sorted-keys\"}");
        List<ReportEvent> events = events(file);
        assertThat(events.get(0)).isEqualTo(
                new ReportEvent.Header("inventory", "sorted-keys", Instant.parse("2026-11-30T00:00:00Z"), true));
        assertThat(events).hasSize(2);
    }

    @Test
    void shouldReadADocumentWithoutAssets() {
        assertThat(events(write(dir, "{\"format\": \"regalia-inventory/1\", \"complete\": true}")))
                .containsExactly(new ReportEvent.Header("inventory", null, null, true));
    }

    @Test
    void shouldRequireTheFormatField() {
        assertThatThrownBy(() -> events(write(dir, "{\"source\": \"x\", \"assets\": []}")))
                .hasMessage("format: missing; expected \"regalia-inventory/1\"");
        assertThatThrownBy(() -> events(write(dir, "{\"format\": \"regalia-inventory/2\", \"assets\": []}")))
                .hasMessage("format: expected \"regalia-inventory/1\", got \"regalia-inventory/2\"");
        assertThatThrownBy(() -> events(write(dir, "[1, 2]")))
                .hasMessage("line 1, column 1: expected a JSON object with \"format\": \"regalia-inventory/1\"");
    }

    @Test
    void shouldParseEnumsWhateverTheirCase() {
        Path file = write(dir, document("""
                {"externalId": "a", "type": "cloud_instance", "cloud": {"provider": "aws"},
                 "os": {"lifecycle": {"stage": "eol/eos"}}, "openPorts": [{"port": 53, "protocol": "udp"}],
                 "detections": [{"vulnerability": {"key": "cve:CVE-2021-44228", "exploitMaturity": "weaponized"},
                                 "type": "potential", "status": "reopened"}]}
                """));
        HostObservation host = ((ReportEvent.Host) events(file).get(1)).host();
        assertThat(host.type()).isEqualTo(AssetType.CLOUD_INSTANCE);
        assertThat(host.cloud().provider()).isEqualTo(CloudProvider.AWS);
        assertThat(host.os().lifecycle().stage()).isEqualTo(LifecycleStage.EOL_EOS);
        assertThat(host.openPorts()).containsExactly(new OpenPort(53, Protocol.UDP, null));
        DetectionObservation d = host.detections().get(0);
        assertThat(d.type()).isEqualTo(DetectionType.POTENTIAL);
        assertThat(d.status()).isEqualTo(DetectionStatus.REOPENED);
        assertThat(d.vulnerability().hints().maturity()).isEqualTo(io.regalia.core.model.ExploitMaturity.WEAPONIZED);
    }

    @Test
    void shouldListTheAllowedValuesOfABadEnum() {
        assertThatThrownBy(() -> events(write(dir, document("{\"externalId\": \"a\", \"type\": \"server\"}"))))
                .hasMessage("assets[0].type: expected one of HOST, CLOUD_INSTANCE, CONTAINER, NETWORK_DEVICE, WEB_APP, "
                        + "UNKNOWN, got \"server\"");
        assertThatThrownBy(() -> events(write(dir, document("{\"externalId\": \"a\", \"software\": [{\"name\": \"x\", "
                + "\"lifecycle\": {\"stage\": \"retired\"}}]}"))))
                .hasMessage("assets[0].software[0].lifecycle.stage: expected one of GA, EOS, EOL, EOL/EOS, got \"retired\"");
        assertThatThrownBy(() -> events(write(dir, document("{\"externalId\": \"a\", \"cloud\": {\"provider\": \"DO\"}}"))))
                .hasMessage("assets[0].cloud.provider: expected one of AWS, AZURE, GCP, OCI, IBM, got \"DO\"");
    }

    @Test
    void shouldTakeIsoInstantsAndDates() {
        Path file = write(dir, document("{\"externalId\": \"a\", \"lastSeen\": \"2026-11-30\", "
                + "\"lastBoot\": \"2026-11-30T11:00:00+01:00\", \"os\": {\"lifecycle\": {\"eol\": \"2023-10-10\"}}}"));
        HostObservation host = ((ReportEvent.Host) events(file).get(1)).host();
        assertThat(host.lastSeen()).isEqualTo(Instant.parse("2026-11-30T00:00:00Z"));
        assertThat(host.lastBoot()).isEqualTo(Instant.parse("2026-11-30T10:00:00Z"));
        assertThat(host.os().lifecycle().eol()).isEqualTo(LocalDate.of(2023, 10, 10));
    }

    @Test
    void shouldNameBadValuesDeepInADetection() {
        assertThatThrownBy(() -> events(write(dir, document("{\"externalId\": \"a\", \"lastSeen\": \"yesterday\"}"))))
                .hasMessage("assets[0].lastSeen: expected an ISO instant (2026-11-30T10:00:00Z) or date (2026-11-30), got \"yesterday\"");
        assertThatThrownBy(() -> events(write(dir, document("{\"externalId\": \"a\", \"detections\": "
                + "[{\"vulnerability\": {\"key\": \"cve:CVE-2021-1\", \"cves\": [\"CVE-2021-44228\", \"log4shell\"]}}]}"))))
                .hasMessage("assets[0].detections[0].vulnerability.cves[1]: expected a CVE id like CVE-2021-44228, got \"log4shell\"");
        assertThatThrownBy(() -> events(write(dir, document("{\"externalId\": \"a\", \"detections\": [{\"type\": \"INFO\"}]}"))))
                .hasMessage("assets[0].detections[0].vulnerability: missing");
        assertThatThrownBy(() -> events(write(dir, document("{\"externalId\": \"a\", \"detections\": "
                + "[{\"vulnerability\": {\"key\": \"38170\"}}]}"))))
                .hasMessage("assets[0].detections[0].vulnerability.key: expected \"<source>:<id>\" like \"qualys:38170\" "
                        + "or \"cve:CVE-2021-44228\", got \"38170\"");
        assertThatThrownBy(() -> events(write(dir, document("{\"externalId\": \"a\", \"interfaces\": [{\"address\": \"10.0.0.256\"}]}"))))
                .hasMessage("assets[0].interfaces[0].address: expected an IPv4 or IPv6 address, got \"10.0.0.256\"");
        assertThatThrownBy(() -> events(write(dir, document("{\"externalId\": \"a\", \"tags\": \"Finance\"}"))))
                .hasMessage("assets[0].tags: expected an array, got \"Finance\"");
    }

    @Test
    void shouldDefaultADetectionTypeToConfirmed() {
        Path file = write(dir, document("{\"externalId\": \"a\", \"detections\": [{\"vulnerability\": {\"key\": \"nessus:19506\"}}]}"));
        DetectionObservation d = ((ReportEvent.Host) events(file).get(1)).host().detections().get(0);
        assertThat(d.type()).isEqualTo(DetectionType.CONFIRMED);
        assertThat(d.status()).isNull();
    }

    @Test
    void shouldSkipAndReportBadAssetsWhenAskedTo() {
        List<ReportEvent> events = events(new InventoryJsonReader(true), fixture("bad-port.json"));
        assertThat(events).hasSize(5);
        assertThat(events.get(0)).isInstanceOf(ReportEvent.Header.class);
        assertThat(events.subList(1, 4)).extracting(e -> ((ReportEvent.Host) e).host().externalId())
                .containsExactly("a-0", "a-1", "a-2");
        assertThat(events.get(4)).isEqualTo(new ReportEvent.Warning("assets[3].openPorts[0].port",
                "expected a number 1-65535, got \"https\"; asset skipped"));
    }

    @Test
    void shouldStillFailOnBrokenJsonWhenSkippingInvalidAssets() {
        assertThatThrownBy(() -> events(new InventoryJsonReader(true), fixture("broken.json")))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("assets[1].externalId at line 8");
    }

    @Test
    void shouldValidateAWholeFileCollectingEveryBadAsset() {
        Path file = write(dir, document("{\"externalId\": \"a\", \"type\": \"server\"}", "{\"externalId\": \"b\", \"x\": 1}",
                "{\"name\": \"c\"}", "{\"externalId\": \"d\", \"detections\": [{\"vulnerability\": {\"key\": \"qualys:1\"}}]}"));
        InventoryCheck check = new InventoryJsonReader().validate(file);

        assertThat(check.valid()).isFalse();
        assertThat(check.header()).isEqualTo(new ReportEvent.Header("inventory", "test", null, false));
        assertThat(check.assets()).isEqualTo(2);
        assertThat(check.detections()).isEqualTo(1);
        assertThat(check.invalidAssets()).isEqualTo(2);
        assertThat(check.errors()).extracting(BadInputException::getMessage).containsExactly(
                "assets[0].type: expected one of HOST, CLOUD_INSTANCE, CONTAINER, NETWORK_DEVICE, WEB_APP, UNKNOWN, got \"server\"",
                "assets[2]: no identity: give externalId or one of agentId, cloud.instanceId, fqdn, netbiosName, hostname, "
                        + "interfaces[].address");
        assertThat(check.warnings()).extracting(ReportEvent.Warning::where).containsExactly("assets[1].x");
    }

    @Test
    void shouldValidateTheSpecExampleAsValid() {
        InventoryCheck check = new InventoryJsonReader().validate(fixture("spec-example.json"));
        assertThat(check.valid()).isTrue();
        assertThat(check.assets()).isEqualTo(1);
        assertThat(check.detections()).isEqualTo(1);
    }

    @Test
    void shouldFindABreakBeforeSendingAnythingWhenTheHeaderMustBeSearchedFor() {
        Path file = write(dir, document("{\"externalId\": \"a\"}", "{\"externalId\": \"b\",}"));
        List<ReportEvent> events = new java.util.ArrayList<>();
        assertThatThrownBy(() -> new InventoryJsonReader().read(file, events::add))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("assets[1].externalId at line 1, column ");
        assertThat(events).isEmpty();
    }

    @Test
    void shouldEndValidationAtABreakInTheJson() {
        InventoryCheck check = new InventoryJsonReader().validate(fixture("broken.json"));
        assertThat(check.assets()).isEqualTo(1);
        assertThat(check.errors()).singleElement().extracting(BadInputException::where)
                .isEqualTo("assets[1].externalId at line 8, column 26");
    }
}
