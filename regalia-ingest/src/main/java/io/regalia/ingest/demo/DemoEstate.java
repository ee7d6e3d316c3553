package io.regalia.ingest.demo;

import io.regalia.core.model.AssetType;
import io.regalia.core.model.CloudFacts;
import io.regalia.core.model.CloudProvider;
import io.regalia.core.model.DetectionObservation;
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
import io.regalia.core.report.ReportEvent;
import io.regalia.core.report.ReportSink;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Generates the demo estate host by host, so a million assets never sit in memory. The same spec gives
 * the same hosts: every choice comes from one seeded random per asset.
 */
public final class DemoEstate {
    private record Os(String name, String version, String publisher, String family, String role, LocalDate eol,
                      String kind) {}

    private static final List<Os> SERVERS = List.of(
            new Os("Windows Server 2012 R2 Standard", "6.3.9600", "Microsoft", "Windows", "Server", LocalDate.of(2023, 10, 10), "windows"),
            new Os("Windows Server 2016 Datacenter", "10.0.14393", "Microsoft", "Windows", "Server", LocalDate.of(2027, 1, 12), "windows"),
            new Os("Windows Server 2019 Standard", "10.0.17763", "Microsoft", "Windows", "Server", LocalDate.of(2029, 1, 9), "windows"),
            new Os("Windows Server 2022 Standard", "10.0.20348", "Microsoft", "Windows", "Server", LocalDate.of(2031, 10, 14), "windows"),
            new Os("Red Hat Enterprise Linux 7.9", "7.9", "Red Hat", "Linux", "Server", LocalDate.of(2024, 6, 30), "linux"),
            new Os("Red Hat Enterprise Linux 8.10", "8.10", "Red Hat", "Linux", "Server", LocalDate.of(2029, 5, 31), "linux"),
            new Os("Red Hat Enterprise Linux 9.4", "9.4", "Red Hat", "Linux", "Server", LocalDate.of(2032, 5, 31), "linux"),
            new Os("CentOS Linux 7.9.2009", "7.9", "CentOS Project", "Linux", "Server", LocalDate.of(2024, 6, 30), "linux"),
            new Os("Ubuntu 18.04.6 LTS", "18.04", "Canonical", "Linux", "Server", LocalDate.of(2023, 5, 31), "linux"),
            new Os("Ubuntu 20.04.6 LTS", "20.04", "Canonical", "Linux", "Server", LocalDate.of(2025, 5, 31), "linux"),
            new Os("Ubuntu 22.04.5 LTS", "22.04", "Canonical", "Linux", "Server", LocalDate.of(2027, 6, 1), "linux"),
            new Os("Ubuntu 24.04.1 LTS", "24.04", "Canonical", "Linux", "Server", LocalDate.of(2029, 5, 31), "linux"),
            new Os("Debian GNU/Linux 12", "12", "Debian", "Linux", "Server", LocalDate.of(2028, 6, 30), "linux"),
            new Os("Amazon Linux 2", "2", "Amazon", "Linux", "Server", LocalDate.of(2026, 6, 30), "linux"),
            new Os("Amazon Linux 2023", "2023", "Amazon", "Linux", "Server", LocalDate.of(2029, 6, 30), "linux"));
    private static final List<Os> CLIENTS = List.of(
            new Os("Windows 10 Enterprise 22H2", "10.0.19045", "Microsoft", "Windows", "Client", LocalDate.of(2025, 10, 14), "windows"),
            new Os("Windows 11 Enterprise 23H2", "10.0.22631", "Microsoft", "Windows", "Client", LocalDate.of(2026, 11, 10), "windows"),
            new Os("Windows 11 Enterprise 24H2", "10.0.26100", "Microsoft", "Windows", "Client", LocalDate.of(2027, 10, 12), "windows"),
            new Os("macOS 14 Sonoma", "14.6", "Apple", "macOS", "Client", LocalDate.of(2026, 9, 30), "mac"));
    private static final List<Os> NETWORK = List.of(
            new Os("Cisco IOS XE 17.6", "17.6", "Cisco", "Network", "Network Device", LocalDate.of(2028, 3, 31), "network"),
            new Os("FortiOS 6.4", "6.4", "Fortinet", "Network", "Network Device", LocalDate.of(2025, 3, 31), "network"),
            new Os("Junos OS 21.4", "21.4", "Juniper Networks", "Network", "Network Device", LocalDate.of(2026, 12, 31), "network"));
    private static final String[] OPENSSL = {"1.0.1e", "1.0.2k", "1.1.1w", "3.0.2", "3.0.13", "3.2.1"};
    private static final String[] SERVER_ROLES = {"web", "app", "api", "db", "mail", "file", "dc", "build"};
    private static final String[] ENVS = {"prod", "prod", "stage", "dev"};
    private static final String[] AWS_REGIONS = {"eu-west-1", "us-east-1", "us-west-2"};
    private static final String[] AZURE_REGIONS = {"westeurope", "eastus"};
    private static final String[] IMAGES = {"payments-api", "checkout-web", "ledger-worker", "auth-service", "search-indexer"};

    private DemoEstate() {}

    public static void generate(DemoSpec spec, ReportSink sink) {
        Instant scanned = spec.today().atTime(6, 0).toInstant(ZoneOffset.UTC);
        sink.accept(new ReportEvent.Header("inventory", "demo", scanned, true));
        for (int i = 0; i < spec.assets(); i++) {
            sink.accept(new ReportEvent.Host(host(spec, i, scanned)));
        }
    }

    static HostObservation host(DemoSpec spec, int i, Instant scanned) {
        SplittableRandom r = new SplittableRandom(spec.seed() * 1_000_003L + i);
        int kind = r.nextInt(100);
        String env = ENVS[r.nextInt(ENVS.length)];
        Os os;
        AssetType type = AssetType.HOST;
        String name;
        Hardware hw;
        CloudFacts cloud = null;
        List<String> tags = new ArrayList<>();
        List<OpenPort> ports = new ArrayList<>();
        String address = "10." + (i >> 16 & 0xff) + "." + (i >> 8 & 0xff) + "." + (i & 0xff);
        if (kind < 40) {
            os = SERVERS.get(r.nextInt(SERVERS.size()));
            String role = SERVER_ROLES[r.nextInt(SERVER_ROLES.length)];
            if (role.equals("dc") && !os.kind().equals("windows")) role = "file";
            name = role.equals("db") && env.equals("prod") ? String.format("prod-db-%04d", i) : String.format("%s-%s-%04d", role, env, i);
            hw = new Hardware("Computers", "Server", r.nextBoolean() ? "Dell Inc." : "HPE", r.nextBoolean() ? "PowerEdge R740" : "ProLiant DL380 Gen10");
            if (env.equals("prod")) tags.add("Production");
            if (role.equals("dc")) tags.add("Domain Controllers");
            if (role.equals("db") && r.nextInt(3) == 0) tags.add("PCI");
            if (r.nextInt(50) == 0) address = "203.0.113." + (i % 250 + 1); // DMZ host on a public address
        } else if (kind < 75) {
            os = CLIENTS.get(r.nextInt(CLIENTS.size()));
            name = String.format("%s-ws-%04d", r.nextInt(5) == 0 ? "fin" : "corp", i);
            hw = new Hardware("Computers", "Desktop", "Lenovo", "ThinkPad T14");
            if (name.startsWith("fin")) tags.add("Finance");
        } else if (kind < 85) {
            os = SERVERS.get(4 + r.nextInt(SERVERS.size() - 4));
            boolean aws = r.nextInt(3) > 0;
            type = AssetType.CLOUD_INSTANCE;
            name = String.format("%s-%s-%04d", aws ? "ec2" : "azvm", env, i);
            hw = new Hardware("Computers", "Server", aws ? "Amazon EC2" : "Microsoft Azure", aws ? "m6i.large" : "Standard_D4s_v5");
            String publicIp = r.nextInt(3) == 0 ? "52." + (i >> 8 & 0xff) + "." + (i & 0xff) + ".10" : null;
            cloud = aws ? new CloudFacts(CloudProvider.AWS, AWS_REGIONS[r.nextInt(AWS_REGIONS.length)], "123456789012",
                    String.format("i-%017x", r.nextLong() & 0xfffffffffffffL), "ami-0abc" + r.nextInt(100), publicIp)
                    : new CloudFacts(CloudProvider.AZURE, AZURE_REGIONS[r.nextInt(AZURE_REGIONS.length)], "sub-4f1c",
                    new UUID(r.nextLong(), r.nextLong()).toString(), "img-ubuntu", publicIp);
            if (env.equals("prod")) tags.add("Production");
        } else if (kind < 93) {
            os = SERVERS.get(10 + r.nextInt(5));
            type = AssetType.CONTAINER;
            String image = IMAGES[r.nextInt(IMAGES.length)];
            name = String.format("registry.corp.example/%s:1.%d.%d", image, r.nextInt(9), i % 50);
            hw = null;
            address = null;
        } else {
            os = NETWORK.get(r.nextInt(NETWORK.size()));
            type = AssetType.NETWORK_DEVICE;
            name = String.format("%s-%04d", os.publisher().startsWith("Cisco") ? "rtr" : "fw", i);
            hw = new Hardware("Network", os.publisher().startsWith("Cisco") ? "Router" : "Firewall", os.publisher(), "edge");
        }
        LifecycleStage stage = spec.today().isAfter(os.eol()) ? LifecycleStage.EOL : LifecycleStage.GA;
        OperatingSystem operatingSystem = new OperatingSystem(os.name(), os.version(), os.publisher(), os.family(), os.role(),
                new Lifecycle(stage, os.eol(), os.eol()));
        String hostname = type == AssetType.CONTAINER ? null : name;
        String fqdn = hostname == null ? null : hostname + ".corp.example";
        String netbios = os.kind().equals("windows") ? hostname.toUpperCase(Locale.ROOT).replace("-", "").substring(0, Math.min(15, hostname.length() - 2)) : null;
        String agent = (kind < 85 && r.nextInt(4) > 0) ? new UUID(r.nextLong(), r.nextLong()).toString() : null;

        List<Software> software = software(spec, r, os);
        ports.addAll(ports(r, os, name));
        List<DetectionObservation> detections = detections(spec, r, os, software, ports, scanned);
        List<NetworkInterface> interfaces = address == null ? List.of() : List.of(new NetworkInterface(address, hostname,
                String.format("00:50:56:%02x:%02x:%02x", i >> 16 & 0xff, i >> 8 & 0xff, i & 0xff)));
        return new HostObservation("demo-" + i, name, hostname, fqdn, netbios, type, agent, interfaces, operatingSystem, hw,
                cloud, software, ports, scanned.minusSeconds(r.nextInt(86_400)), scanned.minusSeconds(86_400L * (1 + r.nextInt(60))),
                tags, null, detections);
    }

    private static List<Software> software(DemoSpec spec, SplittableRandom r, Os os) {
        List<Software> out = new ArrayList<>();
        String openssl = OPENSSL[r.nextInt(OPENSSL.length)];
        boolean opensslEol = openssl.startsWith("1.");
        out.add(new Software("OpenSSL", openssl, "OpenSSL Project", "Security", "Cryptography",
                opensslEol ? new Lifecycle(LifecycleStage.EOL, LocalDate.of(2023, 9, 11), null) : null));
        String[] common = switch (os.kind()) {
            case "windows" -> new String[] {"Microsoft Office 365", "Google Chrome", "Microsoft Edge", "7-Zip", "Microsoft .NET Framework", "Microsoft Visual C++ Redistributable"};
            case "linux" -> new String[] {"glibc", "OpenSSH", "bash", "curl", "systemd", "sudo", "nginx", "Apache HTTP Server", "PostgreSQL", "OpenJDK", "log4j-core", "python3"};
            case "mac" -> new String[] {"Google Chrome", "Microsoft Office 365", "Slack", "Zoom"};
            default -> new String[] {"OpenSSH"};
        };
        int wanted = Math.max(1, spec.softwarePerAsset() + r.nextInt(Math.max(1, spec.softwarePerAsset() / 2 + 1)) - spec.softwarePerAsset() / 4);
        for (int k = 0; out.size() < wanted; k++) {
            String product = k < common.length ? common[k] : "lib-package-" + r.nextInt(400);
            String version = product.equals("log4j-core") ? (r.nextBoolean() ? "2.14.1" : "2.17.1")
                    : r.nextInt(1, 10) + "." + r.nextInt(20) + "." + r.nextInt(30);
            out.add(new Software(product, version, null, null, null, null));
        }
        return out;
    }

    private static List<OpenPort> ports(SplittableRandom r, Os os, String name) {
        List<OpenPort> out = new ArrayList<>();
        switch (os.kind()) {
            case "windows" -> {
                out.add(new OpenPort(135, Protocol.TCP, "msrpc"));
                out.add(new OpenPort(445, Protocol.TCP, "microsoft-ds"));
                out.add(new OpenPort(3389, Protocol.TCP, "ms-wbt-server"));
            }
            case "linux" -> out.add(new OpenPort(22, Protocol.TCP, "ssh"));
            case "network" -> {
                out.add(new OpenPort(22, Protocol.TCP, "ssh"));
                out.add(new OpenPort(443, Protocol.TCP, "https"));
                out.add(new OpenPort(161, Protocol.UDP, "snmp"));
            }
            default -> { }
        }
        if (name.startsWith("web") || name.startsWith("api") || name.startsWith("ec2") || name.startsWith("azvm") || name.contains(":")) {
            out.add(new OpenPort(443, Protocol.TCP, "https"));
            out.add(new OpenPort(80, Protocol.TCP, "http"));
            if (r.nextBoolean()) out.add(new OpenPort(8443, Protocol.TCP, "https-alt"));
        }
        if (name.contains("db")) out.add(new OpenPort(r.nextBoolean() ? 5432 : 1433, Protocol.TCP, "database"));
        return out.stream().distinct().toList();
    }

    private static List<DetectionObservation> detections(DemoSpec spec, SplittableRandom r, Os os, List<Software> software,
                                                         List<OpenPort> ports, Instant scanned) {
        boolean eol = spec.today().isAfter(os.eol());
        boolean hasLog4j = software.stream().anyMatch(s -> s.name().equals("log4j-core") && s.version().equals("2.14.1"));
        String openssl = software.get(0).version();
        List<Integer> tlsPorts = ports.stream().map(OpenPort::port).filter(p -> p == 443 || p == 8443 || p == 3389 || p == 5432 || p == 1433).toList();
        List<DetectionObservation> out = new ArrayList<>();
        int budget = spec.detectionsPerAsset() == 0 ? 0 : spec.detectionsPerAsset() / 2 + r.nextInt(spec.detectionsPerAsset() + 1);
        for (Catalog.Vuln v : Catalog.VULNERABILITIES) {
            boolean applies = switch (v.appliesTo()) {
                case "windows" -> os.kind().equals("windows");
                case "office", "chrome" -> os.kind().equals("windows") || os.kind().equals("mac");
                case "linux", "container" -> os.kind().equals("linux");
                case "network" -> os.kind().equals("network");
                case "openssl" -> openssl.startsWith("1.0") ? v.cves().contains("CVE-2014-0160") || r.nextBoolean()
                        : !openssl.startsWith("3.2") && !v.cves().contains("CVE-2014-0160");
                case "log4j" -> hasLog4j;
                case "httpd" -> !tlsPorts.isEmpty();
                case "eol" -> eol && (os.name().contains(v.title().contains("CentOS") ? "CentOS" : "2012"));
                default -> true;
            };
            if (!applies) continue;
            List<Integer> on = v.appliesTo().equals("any") && v.title().startsWith("SSL") && !tlsPorts.isEmpty() ? tlsPorts : List.of(0);
            for (int port : on) {
                if (out.size() >= budget) return out;
                if (r.nextInt(10) < 2 && !v.cves().contains("CVE-2021-44228")) continue; // not every host has every finding
                Instant first = scanned.minusSeconds(86_400L * (1 + r.nextInt(400)));
                VulnerabilityInfo info = new VulnerabilityInfo(v.key(), v.qid(), v.title(), v.severity(), v.cves(), null, v.cvss3(),
                        null, null, v.severity() >= 3, ThreatHints.NONE);
                out.add(new DetectionObservation(info, v.type(), null, port == 0 ? null : port, port == 0 ? null : Protocol.TCP,
                        first, scanned, null));
            }
        }
        return out;
    }
}
