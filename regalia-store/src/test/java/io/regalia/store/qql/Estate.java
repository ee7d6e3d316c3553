package io.regalia.store.qql;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A small estate held in memory, as plain as the spec describes it: assets with their attributes and
 * elements, the tags, vulnerabilities and CVEs they refer to. {@link EstateRows} stores it; {@link
 * EstateEvaluator} answers queries over it without SQL.
 */
final class Estate {
    final List<Asset> assets = new ArrayList<>();
    final List<Tag> tags = new ArrayList<>();
    final List<Vuln> vulns = new ArrayList<>();
    final List<Cve> cves = new ArrayList<>();

    record Os(String name, String version, String publisher, String category1, String category2, String stage,
              LocalDate eol, LocalDate eos) {}

    record Software(String name, String version, String publisher, String category1, String category2, String stage,
                    LocalDate eol) {
        static Software of(String name, String version) { return new Software(name, version, null, null, null, null, null); }
    }

    record Port(int port, String protocol, String service) {}

    /** {@code address} as PostgreSQL prints it ({@code host(inet)}), or null. */
    record Iface(String address, String hostname, String mac) {}

    record Tag(long id, String name, Integer criticality) {}

    record Cve(String id, boolean kev, boolean ransomware, Double epss) {}

    record Vuln(long id, long qid, String title, Integer severity, List<String> cves, Double cvss, Boolean patch,
                String maturity, Double scannerEpss, Integer qds) {}

    record Detection(long vulnId, String type, String status, Instant firstFound, Instant lastFound, int port) {}

    /** One asset; fields are public because tests build them field by field. Enums hold stored spellings. */
    static final class Asset {
        long id;
        String name;
        String hostname;
        String fqdn;
        String netbios;
        String type = "HOST";
        String trackingMethod = "IP";
        Os os;
        String hwCategory1;
        String hwCategory2;
        String hwManufacturer;
        String hwModel;
        String cloudProvider;
        String cloudRegion;
        String cloudAccountId;
        String cloudInstanceId;
        String cloudImageId;
        String publicIp;
        boolean externallyExposed;
        String businessApplication;
        String businessOwner;
        String businessCriticality;
        List<String> sources = new ArrayList<>();
        Instant created = Instant.parse("2025-01-01T00:00:00Z");
        Instant lastUpdated = Instant.parse("2025-01-01T00:00:00Z");
        Instant lastSeen;
        Instant lastBoot;
        int criticality = 2;
        int risk;
        List<Software> software = new ArrayList<>();
        List<Port> ports = new ArrayList<>();
        List<Iface> interfaces = new ArrayList<>();
        List<Long> tagIds = new ArrayList<>();
        List<Detection> detections = new ArrayList<>();

        Asset(long id, String name) {
            this.id = id;
            this.name = name;
        }
    }

    Asset asset(String name) {
        Asset a = new Asset(assets.size() + 1, name);
        assets.add(a);
        return a;
    }

    Tag tag(String name, Integer criticality) {
        Tag t = new Tag(tags.size() + 1, name, criticality);
        tags.add(t);
        return t;
    }

    Vuln vuln(Vuln v) {
        vulns.add(v);
        return v;
    }

    Cve cve(Cve c) {
        cves.add(c);
        return c;
    }

    Tag tagById(long id) { return tags.stream().filter(t -> t.id() == id).findFirst().orElseThrow(); }

    Vuln vulnById(long id) { return vulns.stream().filter(v -> v.id() == id).findFirst().orElseThrow(); }

    Cve cveById(String id) { return cves.stream().filter(c -> c.id().equals(id)).findFirst().orElse(null); }
}
