package io.regalia.store.inventory;

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
import io.regalia.core.model.ExploitMaturity;
import io.regalia.core.model.VulnerabilityInfo;
import io.regalia.store.qql.SqlPredicate;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Reads assets back as the observations an import would need to recreate them: export followed by
 * import into an empty database gives the same assets, detections and static tags.
 */
public final class ExportService {
    private static final int PAGE = 500;
    private final Jdbi jdbi;

    public ExportService(Jdbi jdbi) { this.jdbi = jdbi; }

    /** Streams the assets (all when {@code ids} is null) to {@code sink}, a page at a time, in id order. */
    public void export(List<Long> ids, Consumer<HostObservation> sink) {
        export("(cast(:all AS boolean) OR a.id = ANY(cast(:ids AS bigint[])))",
                Map.of("all", ids == null, "ids", (ids == null ? List.<Long>of() : ids).toArray(Long[]::new)), sink);
    }

    /** Streams the assets matching a compiled QQL predicate ({@link io.regalia.store.qql.QqlSql}), like {@link #export(List, Consumer)}. */
    public void exportMatching(SqlPredicate predicate, Consumer<HostObservation> sink) {
        export(predicate.sql(), predicate.params(), sink);
    }

    private void export(String filter, Map<String, Object> params, Consumer<HostObservation> sink) {
        jdbi.useTransaction(h -> {
            long after = 0;
            while (true) {
                List<Map<String, Object>> page = h.createQuery("""
                        SELECT a.*, host(a.cloud_public_ip) AS public_ip, o.name AS os_name, o.version AS os_version,
                               o.publisher AS os_publisher, o.category1 AS os_category1, o.category2 AS os_category2,
                               o.lifecycle_stage AS os_stage, o.eol AS os_eol, o.eos AS os_eos
                        FROM asset a LEFT JOIN os_release o ON o.id = a.os_id
                        WHERE a.id > :after AND <filter>
                        ORDER BY a.id LIMIT :page""")
                        .define("filter", filter).bindMap(params).bind("after", after).bind("page", PAGE)
                        .mapToMap().list();
                if (page.isEmpty()) return;
                long[] pageIds = page.stream().mapToLong(r -> ((Number) r.get("id")).longValue()).toArray();
                Map<Long, List<NetworkInterface>> interfaces = new HashMap<>();
                h.createQuery("SELECT asset_id, host(address), hostname, mac_address FROM asset_interface WHERE asset_id = ANY(:ids) ORDER BY asset_id, address")
                        .bind("ids", pageIds).map((rs, c) -> Map.entry(rs.getLong(1), new NetworkInterface(rs.getString(2), rs.getString(3), rs.getString(4))))
                        .forEach(e -> interfaces.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
                Map<Long, List<Software>> software = new HashMap<>();
                h.createQuery("""
                        SELECT s.asset_id, p.name, p.version, p.publisher, p.category1, p.category2, p.lifecycle_stage, p.eol
                        FROM asset_software s JOIN software_product p ON p.id = s.software_id
                        WHERE s.asset_id = ANY(:ids) ORDER BY s.asset_id, lower(p.name), p.version""")
                        .bind("ids", pageIds).map((rs, c) -> Map.entry(rs.getLong(1), new Software(rs.getString(2), rs.getString(3),
                                rs.getString(4), rs.getString(5), rs.getString(6), lifecycle(rs.getString(7), date(rs, 8), null))))
                        .forEach(e -> software.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
                Map<Long, List<OpenPort>> ports = new HashMap<>();
                h.createQuery("SELECT asset_id, port, protocol, service_name FROM asset_port WHERE asset_id = ANY(:ids) ORDER BY asset_id, port, protocol")
                        .bind("ids", pageIds).map((rs, c) -> Map.entry(rs.getLong(1), new OpenPort(rs.getInt(2), Protocol.valueOf(rs.getString(3)), rs.getString(4))))
                        .forEach(e -> ports.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
                Map<Long, List<String>> tags = new HashMap<>();
                h.createQuery("""
                        SELECT at.asset_id, t.name FROM asset_tag at JOIN tag t ON t.id = at.tag_id
                        WHERE at.asset_id = ANY(:ids) AND at.source = 'static' ORDER BY at.asset_id, lower(t.name)""")
                        .bind("ids", pageIds).map((rs, c) -> Map.entry(rs.getLong(1), rs.getString(2)))
                        .forEach(e -> tags.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
                Map<Long, List<DetectionObservation>> detections = detections(h, pageIds);
                for (Map<String, Object> r : page) {
                    long id = ((Number) r.get("id")).longValue();
                    sink.accept(host(r, interfaces.getOrDefault(id, List.of()), software.getOrDefault(id, List.of()),
                            ports.getOrDefault(id, List.of()), tags.getOrDefault(id, List.of()),
                            detections.getOrDefault(id, List.of())));
                }
                after = pageIds[pageIds.length - 1];
            }
        });
    }

    private static Map<Long, List<DetectionObservation>> detections(Handle h, long[] ids) {
        Map<Long, List<DetectionObservation>> out = new HashMap<>();
        h.createQuery("""
                SELECT d.asset_id, v.key, v.qid, v.title, v.severity, v.cves, v.cvss2, v.cvss3, v.cvss4, v.scanner_cvss,
                       v.patch_available, v.scanner_maturity, v.scanner_malware, v.scanner_epss,
                       d.type, d.status, d.port, d.protocol, d.first_found, d.last_found, d.results
                FROM detection d JOIN vulnerability v ON v.id = d.vulnerability_id
                WHERE d.asset_id = ANY(:ids) ORDER BY d.asset_id, d.id""")
                .bind("ids", ids)
                .map((rs, c) -> Map.entry(rs.getLong(1), detection(rs)))
                .forEach(e -> out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return out;
    }

    private static DetectionObservation detection(ResultSet rs) throws SQLException {
        Array cves = rs.getArray(6);
        String maturity = rs.getString(12);
        ThreatHints hints = new ThreatHints(maturity == null ? null : ExploitMaturity.valueOf(maturity), rs.getBoolean(13),
                (Double) rs.getObject(14));
        VulnerabilityInfo v = new VulnerabilityInfo(rs.getString(2), rs.getLong(3), rs.getString(4),
                rs.getObject(5) == null ? null : rs.getInt(5),
                cves == null ? List.of() : Arrays.asList((String[]) cves.getArray()), rs.getString(7), rs.getString(8),
                rs.getString(9), (Double) rs.getObject(10), (Boolean) rs.getObject(11), hints);
        int port = rs.getInt(17);
        String protocol = rs.getString(18);
        return new DetectionObservation(v, DetectionType.valueOf(rs.getString(15)), DetectionStatus.valueOf(rs.getString(16)),
                port == 0 ? null : port, protocol == null ? null : Protocol.valueOf(protocol), instant(rs, 19), instant(rs, 20),
                rs.getString(21));
    }

    private static HostObservation host(Map<String, Object> r, List<NetworkInterface> interfaces, List<Software> software,
                                        List<OpenPort> ports, List<String> tags, List<DetectionObservation> detections) {
        OperatingSystem os = r.get("os_name") == null ? null : new OperatingSystem((String) r.get("os_name"),
                (String) r.get("os_version"), (String) r.get("os_publisher"), (String) r.get("os_category1"),
                (String) r.get("os_category2"), lifecycle((String) r.get("os_stage"), localDate(r.get("os_eol")), localDate(r.get("os_eos"))));
        Hardware hw = r.get("hw_category1") == null && r.get("hw_category2") == null && r.get("hw_manufacturer") == null
                && r.get("hw_model") == null ? null : new Hardware((String) r.get("hw_category1"), (String) r.get("hw_category2"),
                (String) r.get("hw_manufacturer"), (String) r.get("hw_model"));
        CloudFacts cloud = r.get("cloud_provider") == null && r.get("cloud_instance_id") == null ? null
                : new CloudFacts(r.get("cloud_provider") == null ? null : CloudProvider.valueOf((String) r.get("cloud_provider")),
                (String) r.get("cloud_region"), (String) r.get("cloud_account_id"), (String) r.get("cloud_instance_id"),
                (String) r.get("cloud_image_id"), (String) r.get("public_ip"));
        String externalId = r.get("external_id") != null ? (String) r.get("external_id") : "regalia-" + r.get("id");
        return new HostObservation(externalId, (String) r.get("name"), (String) r.get("hostname"), (String) r.get("fqdn"),
                (String) r.get("netbios_name"), AssetType.valueOf((String) r.get("type")), (String) r.get("agent_id"),
                interfaces, os, hw, cloud, software, ports, instant(r.get("last_seen")), instant(r.get("last_boot")), tags,
                (Boolean) r.get("exposure_override"), detections);
    }

    private static Lifecycle lifecycle(String stage, LocalDate eol, LocalDate eos) {
        if (stage == null && eol == null && eos == null) return null;
        return new Lifecycle(LifecycleStage.parse(stage), eol, eos);
    }

    private static LocalDate date(ResultSet rs, int i) throws SQLException {
        java.sql.Date d = rs.getDate(i);
        return d == null ? null : d.toLocalDate();
    }

    private static LocalDate localDate(Object o) {
        return o instanceof java.sql.Date d ? d.toLocalDate() : null;
    }

    private static Instant instant(ResultSet rs, int i) throws SQLException {
        OffsetDateTime t = rs.getObject(i, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static Instant instant(Object o) {
        if (o instanceof java.sql.Timestamp t) return t.toInstant();
        if (o instanceof OffsetDateTime t) return t.toInstant();
        return null;
    }
}
