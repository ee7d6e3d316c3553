package io.regalia.store.qql;

import io.regalia.store.qql.Estate.Asset;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Stores an {@link Estate} in an empty database, row for row, with the ids the estate gave. */
final class EstateRows {
    private EstateRows() {}

    static void insert(Jdbi jdbi, Estate estate) {
        jdbi.useTransaction(h -> {
            for (Estate.Tag t : estate.tags) {
                h.createUpdate("INSERT INTO tag (id, name, criticality_score) VALUES (:id, :name, :c)")
                        .bind("id", t.id()).bind("name", t.name()).bind("c", t.criticality()).execute();
            }
            for (Estate.Cve c : estate.cves) {
                h.createUpdate("""
                        INSERT INTO cve (id, epss, kev_date_added, kev_ransomware)
                        VALUES (:id, :epss, :kev, :ransomware)""")
                        .bind("id", c.id()).bind("epss", c.epss())
                        .bind("kev", c.kev() ? LocalDate.of(2024, 1, 10) : null).bind("ransomware", c.ransomware())
                        .execute();
            }
            for (Estate.Vuln v : estate.vulns) {
                h.createUpdate("""
                        INSERT INTO vulnerability (id, key, qid, title, severity, cves, cvss_score, patch_available,
                                                   scanner_maturity, scanner_epss, qds)
                        VALUES (:id, :key, :qid, :title, :severity, :cves, :cvss, :patch, :maturity, :epss, :qds)""")
                        .bind("id", v.id()).bind("key", "test:" + v.id()).bind("qid", v.qid()).bind("title", v.title())
                        .bind("severity", v.severity()).bindArray("cves", String.class, v.cves()).bind("cvss", v.cvss())
                        .bind("patch", v.patch()).bind("maturity", v.maturity()).bind("epss", v.scannerEpss())
                        .bind("qds", v.qds()).execute();
            }
            Map<Estate.Os, Integer> osIds = new HashMap<>();
            Map<Estate.Software, Integer> softwareIds = new HashMap<>();
            for (Asset a : estate.assets) {
                Integer osId = a.os == null ? null : osIds.computeIfAbsent(a.os, os -> insertOs(h, os));
                insertAsset(h, a, osId);
                for (Estate.Iface i : a.interfaces) {
                    h.createUpdate("INSERT INTO asset_interface (asset_id, address, hostname, mac_address) VALUES (:a, cast(:ip AS inet), :h, :m)")
                            .bind("a", a.id).bind("ip", i.address()).bind("h", i.hostname()).bind("m", i.mac()).execute();
                }
                Set<Integer> products = new TreeSet<>();
                for (Estate.Software s : a.software) products.add(softwareIds.computeIfAbsent(s, sw -> insertSoftware(h, sw)));
                for (int product : products) {
                    h.createUpdate("INSERT INTO asset_software (asset_id, software_id) VALUES (:a, :s)")
                            .bind("a", a.id).bind("s", product).execute();
                }
                for (Estate.Port p : a.ports) {
                    h.createUpdate("INSERT INTO asset_port (asset_id, port, protocol, service_name) VALUES (:a, :p, :pr, :s)")
                            .bind("a", a.id).bind("p", p.port()).bind("pr", p.protocol()).bind("s", p.service()).execute();
                }
                for (long tag : new LinkedHashSet<>(a.tagIds)) {
                    h.createUpdate("INSERT INTO asset_tag (asset_id, tag_id, source) VALUES (:a, :t, 'static')")
                            .bind("a", a.id).bind("t", tag).execute();
                }
                for (Estate.Detection d : a.detections) {
                    h.createUpdate("""
                            INSERT INTO detection (asset_id, vulnerability_id, port, source, type, status, first_found, last_found)
                            VALUES (:a, :v, :port, 'test', :type, :status, :first, :last)""")
                            .bind("a", a.id).bind("v", d.vulnId()).bind("port", d.port()).bind("type", d.type())
                            .bind("status", d.status()).bind("first", utc(d.firstFound())).bind("last", utc(d.lastFound()))
                            .execute();
                }
            }
        });
    }

    private static Integer insertOs(Handle h, Estate.Os os) {
        return h.createQuery("""
                INSERT INTO os_release (name, version, publisher, category1, category2, lifecycle_stage, eol, eos)
                VALUES (:name, :version, :publisher, :c1, :c2, :stage, :eol, :eos) RETURNING id""")
                .bind("name", os.name()).bind("version", os.version()).bind("publisher", os.publisher())
                .bind("c1", os.category1()).bind("c2", os.category2()).bind("stage", os.stage())
                .bind("eol", os.eol()).bind("eos", os.eos()).mapTo(Integer.class).one();
    }

    private static Integer insertSoftware(Handle h, Estate.Software s) {
        return h.createQuery("""
                INSERT INTO software_product (name, version, publisher, category1, category2, lifecycle_stage, eol)
                VALUES (:name, :version, :publisher, :c1, :c2, :stage, :eol) RETURNING id""")
                .bind("name", s.name()).bind("version", s.version()).bind("publisher", s.publisher())
                .bind("c1", s.category1()).bind("c2", s.category2()).bind("stage", s.stage()).bind("eol", s.eol())
                .mapTo(Integer.class).one();
    }

    private static void insertAsset(Handle h, Asset a, Integer osId) {
        h.createUpdate("""
                INSERT INTO asset (id, name, hostname, fqdn, netbios_name, type, tracking_method, os_id, hw_category1,
                    hw_category2, hw_manufacturer, hw_model, cloud_provider, cloud_region, cloud_account_id,
                    cloud_instance_id, cloud_image_id, cloud_public_ip, externally_exposed, business_application,
                    business_owner, business_criticality, inventory_sources, created, last_updated, last_seen, last_boot,
                    criticality_score, risk_score)
                VALUES (:id, :name, :hostname, :fqdn, :netbios, :type, :tracking, :os, :hw1, :hw2, :hwm, :hwmodel,
                    :provider, :region, :account, :instance, :image, cast(:ip AS inet), :exposed, :app, :owner, :crit,
                    :sources, :created, :updated, :seen, :boot, :acs, :risk)""")
                .bind("id", a.id).bind("name", a.name).bind("hostname", a.hostname).bind("fqdn", a.fqdn)
                .bind("netbios", a.netbios).bind("type", a.type).bind("tracking", a.trackingMethod).bind("os", osId)
                .bind("hw1", a.hwCategory1).bind("hw2", a.hwCategory2).bind("hwm", a.hwManufacturer).bind("hwmodel", a.hwModel)
                .bind("provider", a.cloudProvider).bind("region", a.cloudRegion).bind("account", a.cloudAccountId)
                .bind("instance", a.cloudInstanceId).bind("image", a.cloudImageId).bind("ip", a.publicIp)
                .bind("exposed", a.externallyExposed).bind("app", a.businessApplication).bind("owner", a.businessOwner)
                .bind("crit", a.businessCriticality).bindArray("sources", String.class, List.copyOf(a.sources))
                .bind("created", utc(a.created)).bind("updated", utc(a.lastUpdated)).bind("seen", utc(a.lastSeen))
                .bind("boot", utc(a.lastBoot)).bind("acs", a.criticality).bind("risk", a.risk).execute();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
