package io.regalia.ingest.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.regalia.core.model.AssetType;
import io.regalia.core.model.CloudProvider;
import io.regalia.core.model.DetectionObservation;
import io.regalia.core.model.DetectionType;
import io.regalia.core.model.HostObservation;
import io.regalia.core.model.LifecycleStage;
import io.regalia.core.model.NetworkInterface;
import io.regalia.core.model.Software;
import io.regalia.core.report.BadInputException;
import io.regalia.core.report.ReportEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DemoEstateTest {
    static final LocalDate TODAY = LocalDate.of(2026, 12, 3);
    static List<ReportEvent> events;
    static List<HostObservation> hosts;

    @BeforeAll
    static void generateDefaultEstate() {
        events = collect(DemoSpec.defaults(TODAY));
        hosts = events.stream().filter(e -> e instanceof ReportEvent.Host).map(e -> ((ReportEvent.Host) e).host()).toList();
    }

    static List<ReportEvent> collect(DemoSpec spec) {
        List<ReportEvent> out = new ArrayList<>();
        DemoEstate.generate(spec, out::add);
        return out;
    }

    static List<HostObservation> hostsOf(DemoSpec spec) {
        return collect(spec).stream().skip(1).map(e -> ((ReportEvent.Host) e).host()).toList();
    }

    @Test
    void shouldEmitACompleteInventoryHeaderScannedAtSixUtcThenOneHostPerAsset() {
        assertThat(events.get(0)).isEqualTo(new ReportEvent.Header("inventory", "demo", Instant.parse("2026-12-03T06:00:00Z"), true));
        assertThat(events).hasSize(DemoSpec.DEFAULT_ASSETS + 1);
        assertThat(events.subList(1, events.size())).allMatch(e -> e instanceof ReportEvent.Host);
    }

    @Test
    void shouldProduceIdenticalHostsForTheSameSeed() {
        DemoSpec spec = new DemoSpec(300, 7, TODAY, 40, 25);
        assertThat(hostsOf(spec)).isEqualTo(hostsOf(spec));
    }

    @Test
    void shouldProduceTheSameFirstAssetsWhateverTheEstateSize() {
        assertThat(hostsOf(new DemoSpec(500, 7, TODAY, 40, 25)).subList(0, 200)).isEqualTo(hostsOf(new DemoSpec(200, 7, TODAY, 40, 25)));
    }

    @Test
    void shouldProduceDifferentHostsForADifferentSeed() {
        List<HostObservation> a = hostsOf(new DemoSpec(100, 7, TODAY, 40, 25));
        List<HostObservation> b = hostsOf(new DemoSpec(100, 8, TODAY, 40, 25));
        long same = 0;
        for (int i = 0; i < a.size(); i++) if (a.get(i).equals(b.get(i))) same++;
        assertThat(same).isZero();
    }

    @Test
    void shouldAverageTheRequestedDetectionsPerAssetWithinHalfEitherWay() {
        double avg = hosts.stream().mapToInt(h -> h.detections().size()).average().orElseThrow();
        assertThat(avg).isBetween(36.0, 44.0);
        assertThat(hosts).allMatch(h -> h.detections().size() <= 60);
        assertThat(hosts.stream().mapToInt(h -> h.detections().size()).min().orElseThrow()).isLessThan(30);
        assertThat(hosts.stream().mapToInt(h -> h.detections().size()).max().orElseThrow()).isGreaterThan(50);

        List<HostObservation> bench = hostsOf(new DemoSpec(1_000, 3, TODAY, 50, 100));
        assertThat(bench.stream().mapToInt(h -> h.detections().size()).average().orElseThrow()).isBetween(45.0, 55.0);
        assertThat(bench.stream().mapToInt(h -> h.software() == null ? 0 : h.software().size()).max().orElseThrow()).isGreaterThanOrEqualTo(100);
    }

    @Test
    void shouldInstallAboutTheRequestedSoftwarePerAsset() {
        double avg = hosts.stream().filter(h -> h.software() != null).mapToInt(h -> h.software().size()).average().orElseThrow();
        assertThat(avg).isBetween(20.0, 30.0);
        assertThat(hosts.stream().filter(h -> h.type() == AssetType.NETWORK_DEVICE)).allMatch(h -> h.software() == null);
    }

    @Test
    void shouldReportAboutAFifthOfDetectionsAsInformationGatheredWithoutCves() {
        List<DetectionObservation> all = hosts.stream().flatMap(h -> h.detections().stream()).toList();
        List<DetectionObservation> info = all.stream().filter(d -> d.type() == DetectionType.INFO).toList();
        assertThat(info.size() / (double) all.size()).isBetween(0.15, 0.3);
        assertThat(info).allMatch(d -> d.vulnerability().cves().isEmpty() && d.vulnerability().severity() <= 2);
        assertThat(all).anyMatch(d -> d.type() == DetectionType.POTENTIAL);
        assertThat(all.stream().filter(d -> d.type() == DetectionType.CONFIRMED).count()).isGreaterThan(all.size() / 2);
    }

    @Test
    void shouldDateDetectionsBeforeTheScanAndLeaveTheirStatusToTheLifecycle() {
        Instant scan = Instant.parse("2026-12-03T06:00:00Z");
        for (HostObservation h : hosts) {
            assertThat(h.lastSeen()).isBefore(scan);
            for (DetectionObservation d : h.detections()) {
                assertThat(d.status()).isNull();
                assertThat(d.firstFound()).isBeforeOrEqualTo(d.lastFound());
                assertThat(d.lastFound()).isEqualTo(h.lastSeen());
                assertThat(d.vulnerability().key()).isEqualTo("qualys:" + d.vulnerability().qid());
            }
        }
    }

    @Test
    void shouldGiveDetectionsAPortOnlyWhereThatPortIsOpen() {
        for (HostObservation h : hosts) {
            Set<Integer> open = h.openPorts().stream().map(p -> p.port()).collect(Collectors.toSet());
            for (DetectionObservation d : h.detections()) {
                if (d.port() != null) assertThat(open).contains(d.port());
            }
        }
        assertThat(hosts.stream().flatMap(h -> h.detections().stream())).anyMatch(d -> Integer.valueOf(445).equals(d.port()));
    }

    @Test
    void shouldIncludeEndOfLifeOperatingSystemsWithStagesMatchingTheirDates() {
        assertThat(hosts).anyMatch(h -> h.os().name().startsWith("Windows Server 2012 R2") && h.os().lifecycle().stage() == LifecycleStage.EOL);
        assertThat(hosts).anyMatch(h -> h.os().name().startsWith("CentOS Linux 7") && h.os().lifecycle().stage() == LifecycleStage.EOL);
        assertThat(hosts).anyMatch(h -> h.os().lifecycle() != null && h.os().lifecycle().stage() == LifecycleStage.GA);
        for (HostObservation h : hosts) {
            var lc = h.os().lifecycle();
            if (lc == null) continue;
            assertThat(lc.stage() == LifecycleStage.EOL).isEqualTo(lc.eol() != null && !TODAY.isBefore(lc.eol()));
        }
        assertThat(hosts).allMatch(h -> Set.of("Windows", "Linux", "macOS", "Network").contains(h.os().category1()));
        assertThat(hosts).allMatch(h -> Set.of("Server", "Client", "Network Device", "Container").contains(h.os().category2()));
    }

    @Test
    void shouldIncludeAwsInstancesWithAndWithoutPublicAddressesAndAzureInstances() {
        List<HostObservation> aws = hosts.stream().filter(h -> h.cloud() != null && h.cloud().provider() == CloudProvider.AWS).toList();
        assertThat(aws).anyMatch(h -> h.cloud().publicIpAddress() != null).anyMatch(h -> h.cloud().publicIpAddress() == null);
        assertThat(aws).allMatch(h -> h.cloud().instanceId().matches("i-0[0-9a-f]{16}") && h.cloud().accountId().matches("\\d{12}")
                && h.cloud().imageId().startsWith("ami-") && h.type() == AssetType.CLOUD_INSTANCE);
        assertThat(hosts).anyMatch(h -> h.cloud() != null && h.cloud().provider() == CloudProvider.AZURE);
        assertThat(aws).anyMatch(h -> h.os().name().startsWith("Amazon Linux"));
        assertThat(hosts.stream().filter(h -> h.os().name().startsWith("Amazon Linux"))).allMatch(h -> h.cloud() != null);
    }

    @Test
    void shouldIncludeContainerImagesFromTheCorporateRegistry() {
        List<HostObservation> images = hosts.stream().filter(h -> h.type() == AssetType.CONTAINER).toList();
        assertThat(images).isNotEmpty().allMatch(h -> h.name().matches("registry\\.corp\\.example/[a-z-]+:\\d+\\.\\d+\\.\\d+"));
        assertThat(images).allMatch(h -> h.externalId().matches("sha256:[0-9a-f]{64}") && h.software() != null && !h.software().isEmpty());
        assertThat(images).anyMatch(h -> h.name().startsWith("registry.corp.example/payments-api:"));
    }

    @Test
    void shouldIncludeWorkstationsMacsAndNetworkDevicesOfSeveralVendors() {
        assertThat(hosts).anyMatch(h -> h.name().matches("fin-ws-\\d{4}") && h.os().category2().equals("Client"));
        assertThat(hosts).anyMatch(h -> h.os().category1().equals("macOS"));
        Set<String> vendors = hosts.stream().filter(h -> h.type() == AssetType.NETWORK_DEVICE).map(h -> h.hardware().manufacturer()).collect(Collectors.toSet());
        assertThat(vendors).contains("Cisco", "Juniper Networks", "Fortinet");
        assertThat(hosts.stream().filter(h -> h.type() == AssetType.NETWORK_DEVICE)).allMatch(h -> h.hardware().category1().equals("Network"));
    }

    @Test
    void shouldInstallSeveralOpenSslVersions() {
        Set<String> versions = hosts.stream().filter(h -> h.software() != null).flatMap(h -> h.software().stream())
                .filter(s -> s.name().equals("OpenSSL")).map(Software::version).collect(Collectors.toSet());
        assertThat(versions).contains("1.0.2k", "1.1.1w");
        assertThat(versions).anyMatch(v -> v.startsWith("3.0.")).anyMatch(v -> v.startsWith("3.2."));
        assertThat(hosts.stream().filter(h -> h.software() != null).flatMap(h -> h.software().stream()).map(Software::name))
                .contains("OpenSSH", "nginx", "Apache HTTP Server", "log4j-core", "glibc", "Microsoft Office", "Google Chrome", "PostgreSQL", "MySQL Server");
    }

    @Test
    void shouldDetectLog4ShellOnEveryHostRunningLog4j2141() {
        List<HostObservation> log4j = hosts.stream().filter(h -> h.software() != null
                && h.software().stream().anyMatch(s -> s.name().equals("log4j-core") && s.version().equals("2.14.1"))).toList();
        assertThat(log4j).isNotEmpty().allMatch(h -> h.detections().stream().anyMatch(d -> d.vulnerability().cves().contains("CVE-2021-44228")));
        assertThat(hosts.stream().filter(h -> h.detections().stream().anyMatch(d -> d.vulnerability().cves().contains("CVE-2021-44228"))))
                .allMatch(log4j::contains);
    }

    @Test
    void shouldNameServersLikeAnOperationsTeamWould() {
        assertThat(hosts.stream().filter(h -> h.name().contains("prod-db")).count()).isGreaterThanOrEqualTo(3);
        assertThat(hosts).anyMatch(h -> h.name().matches("web-prod-\\d{2,}"));
        assertThat(hosts.stream().filter(h -> h.fqdn() != null && h.type() == AssetType.HOST)).allMatch(h -> h.fqdn().endsWith(".corp.example"));
        assertThat(hosts.stream().filter(h -> h.os().category1().equals("Windows")))
                .allMatch(h -> h.netbiosName() != null && h.netbiosName().length() <= 15);
        // cut to 15 characters, "auth-prod-web-01" and "-02" would both be AUTH-PROD-WEB-0, and one asset
        Set<String> netbios = new HashSet<>();
        assertThat(hosts.stream().filter(h -> h.netbiosName() != null)).allMatch(h -> netbios.add(h.netbiosName()));
        Set<String> ids = new HashSet<>();
        assertThat(hosts).allMatch(h -> h.hasIdentity() && ids.add(h.externalId()));
    }

    @Test
    void shouldGiveMostServersAnAgentIdThatIsAUuid() {
        List<HostObservation> servers = hosts.stream().filter(h -> h.os().category2().equals("Server")).toList();
        assertThat(servers.stream().filter(h -> h.agentId() != null).count()).isGreaterThan(servers.size() * 3 / 4);
        Set<String> agents = new HashSet<>();
        for (HostObservation h : hosts) {
            if (h.agentId() == null) continue;
            assertThat(UUID.fromString(h.agentId()).version()).isEqualTo(4);
            assertThat(agents.add(h.agentId())).isTrue();
        }
    }

    @Test
    void shouldUsePrivateAddressesOnPremisesAndDocumentationAddressesInTheDmz() {
        List<NetworkInterface> all = hosts.stream().flatMap(h -> h.interfaces().stream()).toList();
        assertThat(all).allMatch(i -> i.address().matches("10\\..*|172\\.(1[6-9]|2\\d|3[01])\\..*|192\\.168\\..*|203\\.0\\.113\\..*|198\\.51\\.100\\..*"));
        assertThat(all).anyMatch(i -> i.address().startsWith("172.16.")).anyMatch(i -> i.address().startsWith("192.168."));
        List<HostObservation> dmz = hosts.stream().filter(h -> h.tags().contains("DMZ")).toList();
        assertThat(dmz).isNotEmpty().allMatch(h -> h.interfaces().stream().anyMatch(i -> i.address().startsWith("203.0.113.") || i.address().startsWith("198.51.100.")));
        Set<String> privateAddresses = new HashSet<>();
        for (NetworkInterface i : all) {
            if (!i.address().startsWith("203.") && !i.address().startsWith("198.")) assertThat(privateAddresses.add(i.address())).isTrue();
        }
    }

    @Test
    void shouldTagPlausibleAssets() {
        assertThat(hosts.stream().filter(h -> h.tags().contains("Domain Controllers")))
                .isNotEmpty().allMatch(h -> h.name().matches("dc-\\d{2,}") && h.os().category1().equals("Windows"));
        assertThat(hosts.stream().filter(h -> h.tags().contains("PCI")))
                .isNotEmpty().allMatch(h -> h.name().matches("(pay|shop)-.*") || h.name().matches(".*/(payments-api|checkout-web|order-service):.*"));
        assertThat(hosts).anyMatch(h -> h.tags().contains("Finance") && h.name().startsWith("fin-ws-"));
        assertThat(hosts).anyMatch(h -> h.tags().contains("Production"));
    }

    @Test
    void shouldSetOpenPortsConsistentWithRoles() {
        assertThat(hosts.stream().filter(h -> h.os().category1().equals("Windows") && h.os().category2().equals("Server")))
                .allMatch(h -> h.openPorts().stream().anyMatch(p -> p.port() == 3389));
        assertThat(hosts.stream().filter(h -> h.os().category1().equals("Linux") && h.os().category2().equals("Server")))
                .allMatch(h -> h.openPorts().stream().anyMatch(p -> p.port() == 22 && "ssh".equals(p.serviceName())));
        assertThat(hosts.stream().filter(h -> h.software() != null && h.software().stream().anyMatch(s -> s.name().equals("PostgreSQL"))
                && h.type() != AssetType.CONTAINER)).allMatch(h -> h.openPorts().stream().anyMatch(p -> p.port() == 5432));
    }

    @Test
    void shouldStreamTwoHundredThousandAssetsWithoutKeepingThem() {
        long[] counts = new long[2];
        DemoEstate.generate(DemoSpec.of(200_000, 11, TODAY), e -> {
            if (e instanceof ReportEvent.Host h) {
                counts[0]++;
                counts[1] += h.host().detections().size();
            }
        });
        assertThat(counts[0]).isEqualTo(200_000);
        assertThat(counts[1] / (double) counts[0]).isBetween(38.0, 42.0);
    }

    @Test
    void shouldRejectANegativeSize() {
        assertThatThrownBy(() -> DemoSpec.of(-1, 1, TODAY)).isInstanceOf(BadInputException.class).hasMessageContaining("assets");
        assertThatThrownBy(() -> new DemoSpec(10, 1, TODAY, -5, 25)).isInstanceOf(BadInputException.class).hasMessageContaining("detectionsPerAsset");
    }

    @Test
    void shouldEmitOnlyTheHeaderForAnEmptyEstateAndNoDetectionsWhenNoneAreAsked() {
        assertThat(collect(DemoSpec.of(0, 1, TODAY))).hasSize(1);
        assertThat(hostsOf(new DemoSpec(50, 1, TODAY, 0, 0))).allMatch(h -> h.detections().isEmpty());
    }
}
