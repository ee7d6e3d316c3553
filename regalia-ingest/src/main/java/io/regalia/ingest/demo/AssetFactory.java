package io.regalia.ingest.demo;

import io.regalia.core.model.AssetType;
import io.regalia.core.model.CloudFacts;
import io.regalia.core.model.CloudProvider;
import io.regalia.core.model.DetectionObservation;
import io.regalia.core.model.DetectionType;
import io.regalia.core.model.Hardware;
import io.regalia.core.model.HostObservation;
import io.regalia.core.model.NetworkInterface;
import io.regalia.core.model.OpenPort;
import io.regalia.core.model.Protocol;
import io.regalia.core.model.Software;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Builds the demo assets one at a time. Each asset depends only on the seed and its index plus a few
 * running counters (name numbers, address blocks), so the first N assets are the same whatever the
 * estate size, and nothing but those counters is kept between assets.
 */
final class AssetFactory {
    private static final String DOMAIN = "corp.example";
    private static final int MAX_DAYS_BACK = 1_100;
    private static final double INFO_SHARE = 0.2;

    private enum Zone { SERVERS, LAB, WORKSTATIONS, BRANCH, NETWORK, AWS, AZURE }

    private record App(String code, boolean finance, boolean pci) {}

    private record ContainerApp(String name, String stack, boolean finance, boolean pci, int port) {}

    private record Model(String manufacturer, String model, String category2) {}

    private static final Weighted<Platform.Kind> KINDS = new Weighted<Platform.Kind>().add(Platform.Kind.SERVER, 50)
            .add(Platform.Kind.WORKSTATION, 28).add(Platform.Kind.MAC, 6).add(Platform.Kind.NETWORK, 5).add(Platform.Kind.CONTAINER, 11);
    private static final Weighted<String> ENVS = new Weighted<String>()
            .add("prod", 45).add("stg", 15).add("dev", 20).add("test", 10).add("uat", 10);
    private static final Weighted<String> PLACEMENTS = new Weighted<String>().add("onprem", 60).add("aws", 25).add("azure", 15);
    private static final App[] APPS = {new App("pay", true, true), new App("ledger", true, false), new App("billing", true, false),
            new App("erp", true, false), new App("crm", false, false), new App("hr", false, false), new App("portal", false, false),
            new App("shop", false, true), new App("search", false, false), new App("auth", false, false), new App("intranet", false, false),
            new App("analytics", false, false), new App("inventory", false, false), new App("logistics", false, false)};
    private static final ContainerApp[] CONTAINER_APPS = {new ContainerApp("payments-api", "java", true, true, 8080),
            new ContainerApp("checkout-web", "node", false, true, 3000), new ContainerApp("ledger-service", "java", true, false, 8080),
            new ContainerApp("billing-worker", "python", true, false, 8000), new ContainerApp("auth-service", "java", false, false, 8080),
            new ContainerApp("catalog-api", "node", false, false, 3000), new ContainerApp("search-indexer", "java", false, false, 8080),
            new ContainerApp("notification-service", "python", false, false, 8000), new ContainerApp("web-frontend", "nginx", false, false, 80),
            new ContainerApp("reporting-api", "python", true, false, 8000), new ContainerApp("inventory-service", "java", false, false, 8080),
            new ContainerApp("api-gateway", "nginx", false, false, 443), new ContainerApp("order-service", "java", false, true, 8080),
            new ContainerApp("user-profile", "node", false, false, 3000), new ContainerApp("ml-scoring", "python", false, false, 5000),
            new ContainerApp("legacy-billing", "java", true, false, 8080)};
    private static final Weighted<String> DEPARTMENTS = new Weighted<String>().add("eng", 20).add("sales", 15).add("ops", 12)
            .add("support", 12).add("fin", 10).add("it", 8).add("mkt", 8).add("hr", 6).add("legal", 4).add("exec", 5);
    private static final String[] SITES = {"nyc", "lon", "fra", "sgp", "chi", "sfo", "tor", "syd"};
    private static final String[] AWS_REGIONS = {"us-east-1", "us-east-2", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2"};
    private static final String[] AWS_ACCOUNTS = {"210987654321", "498765432109", "305647182930", "712039485761", "864213579024"};
    private static final String[] AZURE_REGIONS = {"eastus", "eastus2", "westeurope", "northeurope", "uksouth"};
    private static final String[] AZURE_SUBSCRIPTIONS = {"3f2b8c1e-6d4a-4e7b-9c21-5a8d7e6f1b30", "a91c4e2d-7b3f-4c8a-8e15-2d6f9b0c3a47",
            "5e7d2a9c-1f4b-4a6e-b3c8-9d0e1f2a3b4c"};
    private static final String[] AWS_TYPES = {"t3.medium", "t3.large", "m5.large", "m5.xlarge", "m6i.xlarge", "c6i.2xlarge", "r6i.large", "r5.2xlarge"};
    private static final String[] AZURE_SIZES = {"Standard_B2ms", "Standard_D2s_v5", "Standard_D4s_v5", "Standard_E4s_v5", "Standard_F4s_v2"};
    private static final Model[] SERVER_MODELS = {new Model("Dell Inc.", "PowerEdge R740", "Server"), new Model("Dell Inc.", "PowerEdge R750", "Server"),
            new Model("Dell Inc.", "PowerEdge R650", "Server"), new Model("HPE", "ProLiant DL380 Gen10", "Server"),
            new Model("HPE", "ProLiant DL360 Gen10 Plus", "Server"), new Model("Lenovo", "ThinkSystem SR650", "Server")};
    private static final Model VMWARE = new Model("VMware, Inc.", "VMware7,1", "Server");
    private static final Model[] PC_MODELS = {new Model("Dell Inc.", "Latitude 5440", "Notebook"), new Model("Dell Inc.", "Latitude 7440", "Notebook"),
            new Model("Lenovo", "ThinkPad T14 Gen 3", "Notebook"), new Model("Lenovo", "ThinkPad X1 Carbon Gen 11", "Notebook"),
            new Model("HP Inc.", "EliteBook 840 G9", "Notebook"), new Model("Dell Inc.", "OptiPlex 7010", "Desktop"),
            new Model("HP Inc.", "EliteDesk 800 G6", "Desktop"), new Model("Lenovo", "ThinkCentre M70q", "Desktop")};
    private static final Model[] MAC_MODELS = {new Model("Apple Inc.", "MacBook Pro (14-inch, 2023)", "Notebook"),
            new Model("Apple Inc.", "MacBook Air (M2, 2022)", "Notebook"), new Model("Apple Inc.", "MacBook Pro (16-inch, 2021)", "Notebook"),
            new Model("Apple Inc.", "Mac mini (2023)", "Desktop")};
    private static final Map<String, String> SERVICES = Map.ofEntries(Map.entry("22", "ssh"), Map.entry("23", "telnet"),
            Map.entry("25", "smtp"), Map.entry("53", "domain"), Map.entry("80", "http"), Map.entry("88", "kerberos-sec"),
            Map.entry("123", "ntp"), Map.entry("135", "msrpc"), Map.entry("137", "netbios-ns"), Map.entry("139", "netbios-ssn"),
            Map.entry("161", "snmp"), Map.entry("389", "ldap"), Map.entry("443", "https"), Map.entry("445", "microsoft-ds"),
            Map.entry("464", "kpasswd5"), Map.entry("500", "isakmp"), Map.entry("541", "fgfm"), Map.entry("587", "submission"),
            Map.entry("636", "ldaps"), Map.entry("830", "netconf-ssh"), Map.entry("1433", "ms-sql-s"), Map.entry("1801", "msmq"),
            Map.entry("2049", "nfs"), Map.entry("2376", "docker-s"), Map.entry("3000", "http-alt"), Map.entry("3268", "globalcatLDAP"),
            Map.entry("3269", "globalcatLDAPssl"), Map.entry("3306", "mysql"), Map.entry("3389", "ms-wbt-server"),
            Map.entry("4786", "smart-install"), Map.entry("5000", "http-alt"), Map.entry("5432", "postgresql"), Map.entry("5900", "vnc"),
            Map.entry("5985", "wsman"), Map.entry("6379", "redis"), Map.entry("6443", "kubernetes-api"), Map.entry("8000", "http-alt"),
            Map.entry("8009", "ajp13"), Map.entry("8080", "http-proxy"), Map.entry("8090", "http-alt"), Map.entry("8443", "https-alt"),
            Map.entry("9090", "prometheus"), Map.entry("9100", "node-exporter"), Map.entry("9392", "veeam"), Map.entry("9401", "veeam"),
            Map.entry("10250", "kubelet"), Map.entry("10443", "ssl-vpn"));
    private static final Map<String, int[]> GROUP_PORTS = Map.of("postgres", new int[] {5432}, "mysql", new int[] {3306});

    private final EstateModel model;
    private final DemoSpec spec;
    private final Instant scannedAt;
    private final long todayEpochDay;
    private final Instant[] days = new Instant[MAX_DAYS_BACK + 1];
    private final OpenPort[] portCache = new OpenPort[65536];
    private final Weighted<Platform>[] servers = newPlatforms(3);
    private final Weighted<Platform> workstations = new Weighted<>();
    private final Weighted<Platform> macs = new Weighted<>();
    private final Weighted<Platform> network = new Weighted<>();
    private final Weighted<Platform> containers = new Weighted<>();
    private final Weighted<Role> windowsRoles = new Weighted<>();
    /** NetBIOS names given so far: unique, as in a real domain. */
    private final Set<String> netbiosNames = new HashSet<>();
    private final Weighted<Role> linuxRoles = new Weighted<>();
    private final Map<String, int[]> nameCounters = new HashMap<>();
    private final int[] zoneCounters = new int[Zone.values().length];
    private final int[] stamp;
    private int stampValue;
    private final int[] vulnIdx;
    private final int[] infoIdx;
    private final EstateModel.Candidate[] chosenFor;
    private double carry;
    private Draft previous;
    private int vulns;
    private int infos;
    private int flagships;
    private int[] installed = new int[256];
    private final int[] productSeen;
    private int productStamp;
    /** Ports open on the asset being built, cleared when the next one starts. */
    private final boolean[] open = new boolean[65_536];
    private final Integer[] boxedPorts = new Integer[65_536];

    AssetFactory(EstateModel model, DemoSpec spec) {
        this.model = model;
        this.spec = spec;
        this.scannedAt = spec.today().atTime(6, 0).toInstant(ZoneOffset.UTC);
        this.todayEpochDay = spec.today().toEpochDay();
        for (int d = 0; d <= MAX_DAYS_BACK; d++) days[d] = spec.today().minusDays(d).atStartOfDay().toInstant(ZoneOffset.UTC);
        for (Platform p : Platform.ALL) {
            switch (p.kind()) {
                case SERVER -> {
                    if (!p.placement().equals("aws")) servers[0].add(p, p.weight());
                    if (!p.placement().equals("onprem")) servers[1].add(p, p.weight() * (p.placement().equals("aws") ? 3 : 1));
                    if (p.placement().equals("any")) servers[2].add(p, p.weight());
                }
                case WORKSTATION -> workstations.add(p, p.weight());
                case MAC -> macs.add(p, p.weight());
                case NETWORK -> network.add(p, p.weight());
                case CONTAINER -> containers.add(p, p.weight());
            }
        }
        for (Role r : Role.values()) (r.windows ? windowsRoles : linuxRoles).add(r, r.weight);
        int entries = CatalogEntry.ALL.size();
        stamp = new int[entries];
        vulnIdx = new int[entries];
        infoIdx = new int[entries];
        chosenFor = new EstateModel.Candidate[entries];
        productSeen = new int[model.productCount];
    }

    @SuppressWarnings("unchecked")
    private static Weighted<Platform>[] newPlatforms(int n) {
        Weighted<Platform>[] out = new Weighted[n];
        for (int i = 0; i < n; i++) out[i] = new Weighted<>();
        return out;
    }

    Instant scannedAt() {
        return scannedAt;
    }

    /** Everything one asset carries while it is being built. */
    private static final class Draft {
        String externalId;
        String name;
        String hostname;
        String fqdn;
        String netbios;
        AssetType type = AssetType.HOST;
        String agentId;
        final List<NetworkInterface> interfaces = new ArrayList<>(2);
        Platform platform;
        Hardware hardware;
        CloudFacts cloud;
        String cloudName;
        Role role;
        final List<String> groups = new ArrayList<>();
        final List<OpenPort> ports = new ArrayList<>();
        final List<String> tags = new ArrayList<>(4);
        Instant lastSeen;
        Instant lastBoot;
        boolean stale;
        boolean softwareStated = true;
    }

    HostObservation next(int index) {
        SplittableRandom r = new SplittableRandom(mix(spec.seed() ^ mix(index + 0x632BE59BD9B4E019L)));
        if (previous != null) for (OpenPort p : previous.ports) open[p.port()] = false;
        Draft a = new Draft();
        previous = a;
        switch (KINDS.pick(r)) {
            case SERVER -> server(a, r);
            case WORKSTATION -> workstation(a, r);
            case MAC -> mac(a, r);
            case NETWORK -> networkDevice(a, r);
            case CONTAINER -> container(a, r);
        }
        long seenSecondsAgo = a.stale ? 86_400L * (3 + r.nextInt(40)) + r.nextInt(86_400) : 1_800 + r.nextInt(36 * 3_600);
        a.lastSeen = scannedAt.minusSeconds(seenSecondsAgo);
        if (a.type != AssetType.CONTAINER) a.lastBoot = a.lastSeen.minusSeconds(3_600L + r.nextInt(90 * 86_400));
        List<Software> software = a.softwareStated ? software(a, r) : null;
        List<DetectionObservation> detections = detections(a, software == null ? 0 : software.size(), r);
        return new HostObservation(a.externalId, a.name, a.hostname, a.fqdn, a.netbios, a.type, a.agentId, a.interfaces,
                model.os[a.platform.index()], a.hardware, a.cloud, software, a.ports, a.lastSeen, a.lastBoot, a.tags, null, detections);
    }

    // ------------------------------------------------------------------ asset kinds

    private void server(Draft a, SplittableRandom r) {
        String placement = PLACEMENTS.pick(r);
        int slot = switch (placement) {
            case "onprem" -> 0;
            case "aws" -> 1;
            default -> 2;
        };
        a.platform = servers[slot].pick(r);
        a.role = (a.platform.isWindows() ? windowsRoles : linuxRoles).pick(r);
        String env = a.role.infrastructure() ? "prod" : ENVS.pick(r);
        App app = a.role.servesApplications() && r.nextInt(2) == 0 ? APPS[r.nextInt(APPS.length)] : null;
        String prefix = app != null ? app.code + "-" + env + "-" + a.role.prefix
                : a.role.infrastructure() ? a.role.prefix : a.role.prefix + "-" + env;
        a.name = numbered(prefix, 2);
        a.groups.add("base");
        a.groups.add("host");
        for (String g : a.role.groups) a.groups.add(g.indexOf('|') < 0 ? g : g.split("\\|")[r.nextInt(2)]);
        for (String g : a.role.optionalGroups) if (r.nextInt(3) == 0) a.groups.add(g);
        boolean windows = a.platform.isWindows();
        if (windows) {
            addPorts(a, 135, 139, 445, 3389, 5985);
        } else {
            addPorts(a, 22);
        }
        addPorts(a, a.role.ports);
        for (String g : a.groups) {
            int[] ports = GROUP_PORTS.get(g);
            if (ports != null) addPorts(a, ports);
        }
        if (a.role == Role.WIN_APP && r.nextInt(5) == 0) addPorts(a, 1801);
        if (a.groups.contains("java") && r.nextInt(4) == 0) addPorts(a, 8009);
        if (r.nextInt(10) == 0) addUdpPort(a, 161);
        if (!windows && r.nextInt(60) == 0) addPorts(a, 23);
        if (r.nextInt(100) < 85) agent(a, r);
        if (env.equals("prod")) a.tags.add("Production");
        if (app != null && app.finance) a.tags.add("Finance");
        if (app != null && app.pci) a.tags.add("PCI");
        if (a.role == Role.WIN_DC) a.tags.add("Domain Controllers");
        a.stale = r.nextInt(100) < 3;
        switch (placement) {
            case "aws" -> aws(a, r);
            case "azure" -> azure(a, r);
            default -> onPremServer(a, r, env);
        }
        if (windows) a.netbios = netbios(a.hostname);
    }

    private void onPremServer(Draft a, SplittableRandom r, String env) {
        boolean lab = env.equals("dev") || env.equals("test");
        String ip = address(lab ? Zone.LAB : Zone.SERVERS);
        a.hostname = a.name;
        a.fqdn = a.name + "." + DOMAIN;
        a.externalId = a.fqdn;
        boolean physical = a.role == Role.WIN_HYPERV || r.nextInt(10) < 3;
        Model m = physical ? SERVER_MODELS[r.nextInt(SERVER_MODELS.length)] : VMWARE;
        a.hardware = new Hardware("Computers", m.category2(), m.manufacturer(), m.model());
        if (!physical) a.groups.add("vmware");
        if (a.platform.isWindows()) a.groups.add("onprem");
        a.interfaces.add(new NetworkInterface(ip, a.hostname, mac(physical ? "d4:ae:52" : "00:50:56", r)));
        boolean facing = a.role == Role.LX_WEB || a.role == Role.WIN_WEB || a.role == Role.WIN_EXCHANGE || a.role == Role.LX_MAIL;
        if (facing && env.equals("prod") && r.nextInt(4) == 0) {
            a.interfaces.add(new NetworkInterface(documentationAddress(r), a.hostname, mac("00:50:56", r)));
            a.tags.add("DMZ");
        }
    }

    private void aws(Draft a, SplittableRandom r) {
        String ip = address(Zone.AWS);
        String region = AWS_REGIONS[r.nextInt(AWS_REGIONS.length)];
        String instanceId = "i-0" + hex(r.nextLong(), 16);
        String publicIp = publicIp(a, r) ? publicAddress(r, new int[] {3, 18, 34, 52, 54}) : null;
        a.cloud = new CloudFacts(CloudProvider.AWS, region, AWS_ACCOUNTS[r.nextInt(AWS_ACCOUNTS.length)], instanceId,
                "ami-0" + hex(mix(a.platform.id().hashCode() * 31L + region.hashCode()), 16), publicIp);
        a.cloudName = "aws";
        a.type = AssetType.CLOUD_INSTANCE;
        a.externalId = instanceId;
        if (a.platform.isWindows()) {
            a.hostname = a.name;
            a.fqdn = a.name + "." + DOMAIN;
        } else {
            a.hostname = "ip-" + ip.replace('.', '-');
            a.fqdn = a.hostname + (region.equals("us-east-1") ? ".ec2.internal" : "." + region + ".compute.internal");
        }
        a.hardware = new Hardware("Computers", "Server", "Amazon EC2", AWS_TYPES[r.nextInt(AWS_TYPES.length)]);
        a.interfaces.add(new NetworkInterface(ip, a.hostname, mac("0a", r)));
        a.groups.add("aws");
    }

    private void azure(Draft a, SplittableRandom r) {
        String ip = address(Zone.AZURE);
        String vmId = uuid(r);
        String publicIp = publicIp(a, r) ? publicAddress(r, new int[] {20, 40, 52}) : null;
        a.cloud = new CloudFacts(CloudProvider.AZURE, AZURE_REGIONS[r.nextInt(AZURE_REGIONS.length)],
                AZURE_SUBSCRIPTIONS[r.nextInt(AZURE_SUBSCRIPTIONS.length)], vmId, azureImage(a.platform), publicIp);
        a.cloudName = "azure";
        a.type = AssetType.CLOUD_INSTANCE;
        a.externalId = vmId;
        a.hostname = a.name;
        a.fqdn = a.platform.isWindows() ? a.name + "." + DOMAIN : a.name + ".internal.cloudapp.net";
        a.hardware = new Hardware("Computers", "Server", "Microsoft Corporation", AZURE_SIZES[r.nextInt(AZURE_SIZES.length)]);
        a.interfaces.add(new NetworkInterface(ip, a.hostname, mac("00:0d:3a", r)));
        a.groups.add("azure");
    }

    private static boolean publicIp(Draft a, SplittableRandom r) {
        boolean web = a.role == Role.LX_WEB || a.role == Role.WIN_WEB || a.role == Role.WIN_EXCHANGE || a.role == Role.LX_BASTION;
        return r.nextInt(100) < (web ? 70 : 8);
    }

    private void workstation(Draft a, SplittableRandom r) {
        a.platform = workstations.pick(r);
        String dept = DEPARTMENTS.pick(r);
        a.name = numbered(dept + "-ws", 4);
        a.hostname = a.name;
        a.fqdn = a.name + "." + DOMAIN;
        a.externalId = a.fqdn;
        a.netbios = netbios(a.name);
        Model m = PC_MODELS[r.nextInt(PC_MODELS.length)];
        a.hardware = new Hardware("Computers", m.category2(), m.manufacturer(), m.model());
        boolean branch = r.nextInt(4) == 0;
        a.interfaces.add(new NetworkInterface(address(branch ? Zone.BRANCH : Zone.WORKSTATIONS), a.hostname, mac("3c:52:82", r)));
        a.groups.add("base");
        a.groups.add("host");
        a.groups.add("desktop");
        a.groups.add("browser");
        a.groups.add("onprem");
        addPorts(a, 135, 139, 445);
        if (r.nextInt(5) == 0) addPorts(a, 3389);
        if (r.nextInt(10) == 0) addPorts(a, 5985);
        if (r.nextInt(100) < 92) agent(a, r);
        if (dept.equals("fin")) a.tags.add("Finance");
        a.stale = r.nextInt(100) < 6;
    }

    private void mac(Draft a, SplittableRandom r) {
        a.platform = macs.pick(r);
        String dept = DEPARTMENTS.pick(r);
        a.name = numbered(dept + "-mac", 4);
        a.hostname = a.name;
        a.fqdn = a.name + "." + DOMAIN;
        a.externalId = a.fqdn;
        Model m = MAC_MODELS[r.nextInt(MAC_MODELS.length)];
        a.hardware = new Hardware("Computers", m.category2(), m.manufacturer(), m.model());
        a.interfaces.add(new NetworkInterface(address(Zone.WORKSTATIONS), a.hostname, mac("a4:83:e7", r)));
        a.groups.add("base");
        a.groups.add("host");
        a.groups.add("desktop");
        a.groups.add("browser");
        if (r.nextInt(7) == 0) addPorts(a, 22);
        if (r.nextInt(10) == 0) addPorts(a, 5900);
        if (r.nextInt(100) < 90) agent(a, r);
        if (dept.equals("fin")) a.tags.add("Finance");
        a.stale = r.nextInt(100) < 6;
    }

    private void networkDevice(Draft a, SplittableRandom r) {
        a.platform = network.pick(r);
        a.type = AssetType.NETWORK_DEVICE;
        a.softwareStated = false;
        String site = SITES[r.nextInt(SITES.length)];
        boolean edge = false;
        String prefix;
        Hardware hw;
        switch (a.platform.id()) {
            case "ios15" -> {
                prefix = "br-" + site + "-sw";
                hw = new Hardware("Network", "Switch", "Cisco", "Catalyst 2960-X");
                if (r.nextInt(5) < 2) addPorts(a, 23);
                addPorts(a, 80);
                if (r.nextInt(3) == 0) addPorts(a, 4786);
            }
            case "iosxe16" -> {
                prefix = r.nextInt(2) == 0 ? "core-rtr" : "wan-rtr";
                hw = new Hardware("Network", "Router", "Cisco", "ASR 1001-X");
                addPorts(a, 443);
            }
            case "iosxe17" -> {
                boolean sw = r.nextInt(2) == 0;
                prefix = sw ? "dc1-sw" : "br-" + site + "-rtr";
                hw = sw ? new Hardware("Network", "Switch", "Cisco", "Catalyst 9300") : new Hardware("Network", "Router", "Cisco", "ISR 4331");
                addPorts(a, 443);
            }
            case "junos21", "junos22" -> {
                edge = r.nextInt(2) == 0;
                prefix = edge ? "edge-srx" : "dc2-ex";
                hw = edge ? new Hardware("Network", "Firewall", "Juniper Networks", "SRX345")
                        : new Hardware("Network", "Switch", "Juniper Networks", "EX4300");
                addPorts(a, 443, 830);
            }
            case "panos102" -> {
                edge = true;
                prefix = "dc-pa";
                hw = new Hardware("Network", "Firewall", "Palo Alto Networks", "PA-3220");
                addPorts(a, 443);
            }
            default -> {
                edge = r.nextInt(3) == 0;
                prefix = edge ? "edge-fw" : "br-" + site + "-fw";
                hw = new Hardware("Network", "Firewall", "Fortinet", edge ? "FortiGate 100F" : "FortiGate 60F");
                addPorts(a, 443, 541);
                if (r.nextInt(2) == 0) addPorts(a, 10443);
            }
        }
        addPorts(a, 22);
        addUdpPort(a, 161);
        a.hardware = hw;
        a.name = numbered(prefix, 2);
        a.hostname = a.name;
        a.fqdn = a.name + "." + DOMAIN;
        a.externalId = a.fqdn;
        a.interfaces.add(new NetworkInterface(address(Zone.NETWORK), a.hostname, mac("00:1b:54", r)));
        if (edge) {
            a.interfaces.add(new NetworkInterface(documentationAddress(r), a.hostname, mac("00:1b:54", r)));
            a.tags.add("DMZ");
        }
        a.tags.add("Production");
        a.stale = r.nextInt(100) < 2;
    }

    private void container(Draft a, SplittableRandom r) {
        a.platform = containers.pick(r);
        a.type = AssetType.CONTAINER;
        ContainerApp app = a.platform.id().equals("c-ubuntu14") ? CONTAINER_APPS[CONTAINER_APPS.length - 1]
                : CONTAINER_APPS[r.nextInt(CONTAINER_APPS.length - 1)];
        int n = counter(app.name) - 1;
        a.name = "registry." + DOMAIN + "/" + app.name + ":" + (1 + n / 100) + "." + (n / 10 % 10) + "." + (n % 10);
        a.externalId = "sha256:" + hex(r.nextLong(), 16) + hex(r.nextLong(), 16) + hex(r.nextLong(), 16) + hex(r.nextLong(), 16);
        a.groups.add("base");
        a.groups.add("image");
        switch (app.stack) {
            case "java" -> {
                a.groups.add("java");
                a.groups.add("javalib");
                if (r.nextInt(3) == 0) a.groups.add("javalib-extra");
            }
            case "nginx" -> a.groups.add("nginx");
            default -> a.groups.add(app.stack);
        }
        addPorts(a, app.port);
        if (r.nextInt(100) < 55) a.tags.add("Production");
        if (app.finance) a.tags.add("Finance");
        if (app.pci) a.tags.add("PCI");
    }

    private void agent(Draft a, SplittableRandom r) {
        a.agentId = uuid(r);
        a.groups.add("agent");
    }

    // ------------------------------------------------------------------ software and detections

    private List<Software> software(Draft a, SplittableRandom r) {
        if (spec.softwarePerAsset() == 0) return List.of();
        Map<String, EstateModel.Product[]> table = model.products.get(a.platform.index());
        List<Software> out = new ArrayList<>(spec.softwarePerAsset() + 20);
        int seen = ++productStamp;
        for (String g : a.groups) {
            EstateModel.Product[] ps = table.get(g);
            if (ps == null) continue;
            for (EstateModel.Product p : ps) {
                if (productSeen[p.id()] != seen) {
                    productSeen[p.id()] = seen;
                    install(out, p.pick(r.nextDouble()));
                }
            }
        }
        int target = (int) Math.round(spec.softwarePerAsset() * (0.8 + 0.4 * r.nextDouble()));
        EstateModel.Product[] extra = table.get("extra");
        if (extra != null && out.size() < target) {
            int[] order = new int[extra.length];
            for (int i = 0; i < order.length; i++) order[i] = i;
            for (int i = 0; i < order.length && out.size() < target; i++) {
                int j = i + r.nextInt(order.length - i);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
                EstateModel.Product p = extra[order[i]];
                if (productSeen[p.id()] != seen) {
                    productSeen[p.id()] = seen;
                    install(out, p.pick(r.nextDouble()));
                }
            }
        }
        return out;
    }

    private void install(List<Software> out, SoftwareVariant v) {
        if (installed.length == out.size()) installed = Arrays.copyOf(installed, installed.length * 2);
        installed[out.size()] = v.index();
        out.add(model.software[v.index()]);
    }

    private List<DetectionObservation> detections(Draft a, int softwareCount, SplittableRandom r) {
        int perAsset = spec.detectionsPerAsset();
        if (perAsset == 0) return List.of();
        if (++stampValue == Integer.MAX_VALUE) {
            Arrays.fill(stamp, 0);
            stampValue = 1;
        }
        vulns = 0;
        infos = 0;
        flagships = 0;
        collect(model.platformCandidates[a.platform.index()], a);
        for (int i = 0; i < softwareCount; i++) collect(model.variantCandidates[installed[i]], a);
        // an asset with too few candidates passes its shortfall on, so the estate average stays on target
        int target = (int) Math.round(perAsset * (0.5 + r.nextDouble()));
        int wanted = (int) Math.min(target + Math.round(carry), Math.round(perAsset * 1.5));
        int k = Math.min(wanted, vulns + infos);
        carry = Math.min(carry + target - k, 10.0 * perAsset);
        int kInfo = Math.min(infos, (int) Math.round(k * INFO_SHARE));
        int kVuln = Math.min(vulns, k - kInfo);
        kInfo = Math.min(infos, k - kVuln);
        shuffleTail(vulnIdx, Math.min(flagships, kVuln), vulns, kVuln, r);
        shuffleTail(infoIdx, 0, infos, kInfo, r);
        List<DetectionObservation> out = new ArrayList<>(kVuln + kInfo);
        long seenDay = Math.floorDiv(a.lastSeen.getEpochSecond(), 86_400L);
        for (int i = 0; i < kVuln; i++) out.add(detection(a, chosenFor[vulnIdx[i]], seenDay, r));
        for (int i = 0; i < kInfo; i++) out.add(detection(a, chosenFor[infoIdx[i]], seenDay, r));
        return out;
    }

    /** Gathers the asset's candidate entries; flagship ones are kept at the front so the random cut never drops them. */
    private void collect(EstateModel.Candidate[] candidates, Draft a) {
        for (EstateModel.Candidate c : candidates) {
            if (!accept(c, a) || !add(c)) continue;
            int e = c.entry().index();
            if (c.entry().type() == DetectionType.INFO) {
                infoIdx[infos++] = e;
            } else if (c.entry().flagship()) {
                vulnIdx[vulns++] = vulnIdx[flagships];
                vulnIdx[flagships++] = e;
            } else {
                vulnIdx[vulns++] = e;
            }
        }
    }

    private boolean add(EstateModel.Candidate c) {
        int e = c.entry().index();
        if (stamp[e] == stampValue) return false;
        stamp[e] = stampValue;
        chosenFor[e] = c;
        return true;
    }

    /** Keeps the first {@code fixed} entries and draws the rest of the first {@code k} at random from [fixed, n). */
    private static void shuffleTail(int[] idx, int fixed, int n, int k, SplittableRandom r) {
        for (int i = fixed; i < k; i++) {
            int j = i + r.nextInt(n - i);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
    }

    private boolean accept(EstateModel.Candidate c, Draft a) {
        CatalogEntry.Rule rule = c.rule();
        if (c.platformOk() != null && !c.platformOk()[a.platform.index()]) return false;
        if (rule.roles() != null && (a.role == null || !rule.roles().contains(a.role.code))) return false;
        if (rule.agent() && a.agentId == null) return false;
        if (rule.cloud() != null && (a.cloudName == null || !(rule.cloud().equals("any") || rule.cloud().equals(a.cloudName)))) return false;
        if (rule.ports() != null && openPort(a, rule.ports()) == null) return false;
        return true;
    }

    private DetectionObservation detection(Draft a, EstateModel.Candidate c, long seenDay, SplittableRandom r) {
        CatalogEntry e = c.entry();
        Integer port = null;
        if (e.port() != null && open[e.port()]) port = e.port();
        else if (c.rule().ports() != null) port = openPort(a, c.rule().ports());
        long oldest = Math.max(todayEpochDay - MAX_DAYS_BACK, model.earliestDay[e.index()]);
        long span = seenDay - oldest;
        Instant first = span <= 0 ? a.lastSeen : days[(int) (todayEpochDay - (seenDay - r.nextLong(span + 1)))];
        if (first.isAfter(a.lastSeen)) first = a.lastSeen;
        Protocol protocol = port == null ? null : udp(port) ? Protocol.UDP : Protocol.TCP;
        return new DetectionObservation(e.info(), e.type(), null, port, protocol, first, a.lastSeen, c.results());
    }

    private Integer openPort(Draft a, int[] wanted) {
        for (int p : wanted) if (open[p]) return boxed(p);
        return null;
    }

    private Integer boxed(int port) {
        Integer b = boxedPorts[port];
        if (b == null) boxedPorts[port] = b = port;
        return b;
    }

    // ------------------------------------------------------------------ names and addresses

    private int counter(String prefix) {
        int[] c = nameCounters.computeIfAbsent(prefix, p -> new int[1]);
        return ++c[0];
    }

    private String numbered(String prefix, int digits) {
        String n = Integer.toString(counter(prefix));
        StringBuilder sb = new StringBuilder(prefix.length() + 1 + Math.max(digits, n.length())).append(prefix).append('-');
        for (int i = n.length(); i < digits; i++) sb.append('0');
        return sb.append(n).toString();
    }

    /**
     * The NetBIOS name: the hostname cut to 15 characters, made unique the way administrators do when two
     * hostnames share their first 15, by ending it in a number. Two machines never share one in a domain.
     */
    private String netbios(String hostname) {
        String up = hostname.toUpperCase(Locale.ROOT);
        String name = up.length() <= 15 ? up : up.substring(0, 15);
        for (int n = 2; !netbiosNames.add(name); n++) {
            String suffix = Integer.toString(n);
            name = up.substring(0, Math.min(up.length(), 15 - suffix.length())) + suffix;
        }
        return name;
    }

    /** Private addresses, unique per zone: hosts .1–.254 of consecutive /24 blocks. */
    private String address(Zone zone) {
        int n = zoneCounters[zone.ordinal()]++;
        int block = n / 254;
        int host = n % 254 + 1;
        return switch (zone) {
            case SERVERS -> ipv4(10, 10 + block / 256 % 54, block % 256, host);
            case LAB -> ipv4(172, 16 + block / 256 % 16, block % 256, host);
            case WORKSTATIONS -> ipv4(10, 64 + block / 256 % 64, block % 256, host);
            case BRANCH -> block < 256 ? ipv4(192, 168, block, host) : ipv4(10, 128 + (block - 256) / 256 % 64, block % 256, host);
            case NETWORK -> ipv4(10, block / 256 % 10, block % 256, host);
            case AWS -> ipv4(10, 200 + block / 256 % 20, block % 256, host);
            case AZURE -> ipv4(10, 220 + block / 256 % 20, block % 256, host);
        };
    }

    /** DMZ addresses come from the documentation ranges (RFC 5737), so no real network is ever named. */
    private static String documentationAddress(SplittableRandom r) {
        return r.nextInt(2) == 0 ? ipv4(203, 0, 113, 1 + r.nextInt(254)) : ipv4(198, 51, 100, 1 + r.nextInt(254));
    }

    private static String publicAddress(SplittableRandom r, int[] firstOctets) {
        return ipv4(firstOctets[r.nextInt(firstOctets.length)], r.nextInt(256), r.nextInt(256), 1 + r.nextInt(254));
    }

    private static String ipv4(int a, int b, int c, int d) {
        return new StringBuilder(15).append(a).append('.').append(b).append('.').append(c).append('.').append(d).toString();
    }

    private static String mac(String prefix, SplittableRandom r) {
        StringBuilder sb = new StringBuilder(17).append(prefix);
        int bytes = 6 - (prefix.length() + 1) / 3;
        long bits = r.nextLong();
        for (int i = 0; i < bytes; i++) {
            int b = (int) (bits >>> (8 * i)) & 0xff;
            sb.append(':').append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 15, 16));
        }
        return sb.toString();
    }

    private static String uuid(SplittableRandom r) {
        long msb = (r.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
        long lsb = (r.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }

    private static String hex(long v, int digits) {
        String h = Long.toHexString(v);
        if (h.length() >= digits) return h.substring(h.length() - digits);
        return "0".repeat(digits - h.length()) + h;
    }

    private static String azureImage(Platform p) {
        return switch (p.id()) {
            case "win2012r2" -> "MicrosoftWindowsServer:WindowsServer:2012-R2-Datacenter:latest";
            case "win2016" -> "MicrosoftWindowsServer:WindowsServer:2016-Datacenter:latest";
            case "win2019" -> "MicrosoftWindowsServer:WindowsServer:2019-Datacenter:latest";
            case "win2022" -> "MicrosoftWindowsServer:WindowsServer:2022-datacenter-azure-edition:latest";
            case "win2025" -> "MicrosoftWindowsServer:WindowsServer:2025-datacenter-azure-edition:latest";
            case "rhel7" -> "RedHat:RHEL:7-LVM:latest";
            case "rhel8" -> "RedHat:RHEL:8-lvm-gen2:latest";
            case "rhel9" -> "RedHat:RHEL:9-lvm-gen2:latest";
            case "centos7" -> "OpenLogic:CentOS:7_9-gen2:latest";
            case "ubuntu18" -> "Canonical:UbuntuServer:18.04-LTS:latest";
            case "ubuntu20" -> "Canonical:0001-com-ubuntu-server-focal:20_04-lts-gen2:latest";
            case "ubuntu22" -> "Canonical:0001-com-ubuntu-server-jammy:22_04-lts-gen2:latest";
            case "ubuntu24" -> "Canonical:ubuntu-24_04-lts:server:latest";
            case "debian10" -> "Debian:debian-10:10-gen2:latest";
            case "debian11" -> "Debian:debian-11:11-gen2:latest";
            default -> "Debian:debian-12:12-gen2:latest";
        };
    }

    // ------------------------------------------------------------------ ports

    private void addPorts(Draft a, int... ports) {
        for (int p : ports) {
            if (open[p]) continue;
            open[p] = true;
            a.ports.add(port(p, udp(p) ? Protocol.UDP : Protocol.TCP));
        }
    }

    private void addUdpPort(Draft a, int p) {
        if (open[p]) return;
        open[p] = true;
        a.ports.add(port(p, Protocol.UDP));
    }

    private static boolean udp(int port) {
        return port == 161 || port == 137 || port == 123 || port == 500;
    }

    private OpenPort port(int p, Protocol protocol) {
        OpenPort cached = portCache[p];
        if (cached == null) portCache[p] = cached = new OpenPort(p, protocol, SERVICES.get(Integer.toString(p)));
        return cached;
    }

    /** SplitMix64's finalizer: spreads seeds and indexes over all 64 bits. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
