package io.regalia.store.tag;

import io.regalia.core.model.AssetType;
import io.regalia.core.model.CloudFacts;
import io.regalia.core.model.CloudProvider;
import io.regalia.core.model.DetectionObservation;
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
import io.regalia.core.report.ReportEvent;
import io.regalia.store.inventory.ImportRequest;
import io.regalia.store.inventory.ImportService;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/** A small estate where each rule type has assets that match and assets that do not. */
final class Estate {
    static final String CRITICAL = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";
    static final Instant SEEN = Instant.parse("2026-11-30T10:00:00Z");

    private Estate() {}

    static OperatingSystem os(String name, String family, String role, LifecycleStage stage) {
        return new OperatingSystem(name, null, null, family, role, new Lifecycle(stage, null, null));
    }

    static HostObservation web01() {
        return new HostObservation("web-01", "web-01", "web-01", null, "WEB01", AssetType.HOST, null,
                List.of(new NetworkInterface("10.0.0.5", null, null)),
                os("Windows Server 2012 R2 Standard", "Windows", "Server", LifecycleStage.EOL),
                new Hardware("Computers", "Server", null, null),
                new CloudFacts(CloudProvider.AWS, "eu-west-1", null, "i-0abc", null, "52.1.2.3"),
                List.of(new Software("OpenSSL", "1.0.2k", null, null, null, null)),
                List.of(new OpenPort(443, Protocol.TCP, "https"), new OpenPort(3389, Protocol.TCP, null)),
                SEEN, null, List.of(), null, List.of(finding("cve:CVE-2021-44228", null, "CVE-2021-44228")));
    }

    static HostObservation db01(LifecycleStage stage) {
        return new HostObservation("db-01", "db-prod-db-01", "db-01", null, "DBPROD", AssetType.HOST, null,
                List.of(new NetworkInterface("10.0.1.20", null, null)),
                os("Ubuntu 22.04 LTS", "Linux", "Server", stage), new Hardware("Computers", "Server", null, null),
                new CloudFacts(CloudProvider.AZURE, "westeurope", null, "vm-db-01", null, null),
                List.of(new Software("PostgreSQL", "16.2", null, null, null, null)),
                List.of(new OpenPort(5432, Protocol.TCP, null), new OpenPort(22, Protocol.TCP, "ssh")),
                SEEN, null, List.of(), null, List.of(finding("qualys:38170", 38170L, "CVE-2099-0001")));
    }

    static HostObservation laptop7() {
        return new HostObservation("laptop-7", "laptop-7", "laptop-7", null, null, AssetType.HOST, null,
                List.of(new NetworkInterface("192.168.1.50", null, null)),
                os("Windows 10 Enterprise", "Windows", "Client", LifecycleStage.GA), new Hardware("Computers", "Desktop", null, null),
                null, List.of(new Software("Google Chrome", "120.0", null, null, null, null)),
                List.of(new OpenPort(8085, Protocol.TCP, null)), SEEN, null, List.of(), null, List.of());
    }

    static HostObservation printer9() {
        return new HostObservation("printer-9", "printer-9", null, null, null, AssetType.HOST, null,
                List.of(new NetworkInterface("10.0.9.7", null, null)), null, null, null, null, null, SEEN, null, List.of(),
                null, List.of());
    }

    static HostObservation v6host() {
        return new HostObservation("v6-host", "v6-host", "v6-host", null, null, AssetType.HOST, null,
                List.of(new NetworkInterface("2001:db8::10", null, null)), null, null, null, null, null, SEEN, null,
                List.of(), null, List.of());
    }

    static DetectionObservation finding(String key, Long qid, String cve) {
        return new DetectionObservation(new VulnerabilityInfo(key, qid, key, 5, List.of(cve), null, CRITICAL, null, null,
                true, ThreatHints.NONE), DetectionType.CONFIRMED, null, 443, null, null, null, null);
    }

    static void load(ImportService imports, String file, HostObservation... hosts) {
        imports.run(new ImportRequest(file, file + "-sha", "inventory"), sink -> {
            sink.accept(new ReportEvent.Header("inventory", "test", SEEN, false));
            for (HostObservation h : hosts) sink.accept(new ReportEvent.Host(h));
        });
    }

    static void loadAll(ImportService imports) {
        load(imports, "estate", web01(), db01(LifecycleStage.GA), laptop7(), printer9(), v6host());
    }

    /** The names of a tag's members, sorted, joined by commas. */
    static String members(Jdbi jdbi, String tag) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT string_agg(a.name, ',' ORDER BY a.name) FROM asset_tag x JOIN asset a ON a.id = x.asset_id
                JOIN tag t ON t.id = x.tag_id WHERE t.name = :t""").bind("t", tag).mapTo(String.class).one());
    }

    static String names(String... names) {
        return Arrays.stream(names).sorted().collect(Collectors.joining(","));
    }
}
