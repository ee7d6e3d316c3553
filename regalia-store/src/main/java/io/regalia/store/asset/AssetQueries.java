package io.regalia.store.asset;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import io.regalia.store.qql.SqlPredicate;
import org.jdbi.v3.core.Jdbi;

/** Reads assets for lists and detail views. */
public final class AssetQueries {
    private final Jdbi jdbi;

    public AssetQueries(Jdbi jdbi) { this.jdbi = jdbi; }

    /** Assets by TruRisk, riskiest first; {@code ids} restricts to a set (null: all). */
    public List<AssetSummary> list(List<Long> ids, int limit, int offset) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT a.id, a.name, a.type, o.name AS os, a.criticality_score, a.risk_score, a.externally_exposed
                FROM asset a LEFT JOIN os_release o ON o.id = a.os_id
                WHERE (cast(:all AS boolean) OR a.id = ANY(:ids))
                ORDER BY a.risk_score DESC, a.id LIMIT :limit OFFSET :offset""")
                .bind("all", ids == null).bindArray("ids", Long.class, ids == null ? List.of() : ids)
                .bind("limit", limit).bind("offset", offset)
                .map(AssetQueries::summary)
                .list());
    }

    /** Assets matching a compiled QQL predicate ({@link io.regalia.store.qql.QqlSql}), riskiest first. */
    public List<AssetSummary> search(SqlPredicate predicate, int limit) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT a.id, a.name, a.type, o.name AS os, a.criticality_score, a.risk_score, a.externally_exposed
                FROM asset a LEFT JOIN os_release o ON o.id = a.os_id
                WHERE <predicate>
                ORDER BY a.risk_score DESC, a.id LIMIT :limit""")
                .define("predicate", predicate.sql()).bindMap(predicate.params()).bind("limit", limit)
                .map(AssetQueries::summary)
                .list());
    }

    public long count() {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM asset").mapTo(Long.class).one());
    }

    public Optional<AssetDetail> show(long id) {
        return jdbi.withHandle(h -> {
            Optional<Map<String, Object>> row = h.createQuery("""
                    SELECT a.*, host(a.cloud_public_ip) AS public_ip, o.name AS os_name, o.version AS os_version,
                           o.publisher AS os_publisher, o.category1 AS os_category1, o.category2 AS os_category2,
                           o.lifecycle_stage AS os_stage, o.eol AS os_eol, o.eos AS os_eos
                    FROM asset a LEFT JOIN os_release o ON o.id = a.os_id WHERE a.id = :id""")
                    .bind("id", id).mapToMap().findOne();
            if (row.isEmpty()) return Optional.empty();
            Map<String, Object> r = row.get();
            Map<String, Object> attrs = new LinkedHashMap<>();
            put(attrs, "type", r.get("type"));
            put(attrs, "trackingMethod", r.get("tracking_method"));
            put(attrs, "hostname", r.get("hostname"));
            put(attrs, "fqdn", r.get("fqdn"));
            put(attrs, "netbiosName", r.get("netbios_name"));
            put(attrs, "agentId", r.get("agent_id"));
            put(attrs, "externalId", r.get("external_id"));
            Map<String, Object> os = new LinkedHashMap<>();
            put(os, "name", r.get("os_name"));
            put(os, "version", r.get("os_version"));
            put(os, "publisher", r.get("os_publisher"));
            put(os, "category1", r.get("os_category1"));
            put(os, "category2", r.get("os_category2"));
            put(os, "lifecycleStage", r.get("os_stage"));
            put(os, "eol", r.get("os_eol"));
            put(os, "eos", r.get("os_eos"));
            if (!os.isEmpty()) attrs.put("operatingSystem", os);
            Map<String, Object> hw = new LinkedHashMap<>();
            put(hw, "category1", r.get("hw_category1"));
            put(hw, "category2", r.get("hw_category2"));
            put(hw, "manufacturer", r.get("hw_manufacturer"));
            put(hw, "model", r.get("hw_model"));
            if (!hw.isEmpty()) attrs.put("hardware", hw);
            Map<String, Object> cloud = new LinkedHashMap<>();
            put(cloud, "provider", r.get("cloud_provider"));
            put(cloud, "region", r.get("cloud_region"));
            put(cloud, "accountId", r.get("cloud_account_id"));
            put(cloud, "instanceId", r.get("cloud_instance_id"));
            put(cloud, "imageId", r.get("cloud_image_id"));
            put(cloud, "publicIpAddress", r.get("public_ip"));
            if (!cloud.isEmpty()) attrs.put("cloud", cloud);
            attrs.put("externallyExposed", r.get("externally_exposed"));
            put(attrs, "business.application", r.get("business_application"));
            put(attrs, "business.owner", r.get("business_owner"));
            put(attrs, "business.criticality", r.get("business_criticality"));
            put(attrs, "lastSeen", r.get("last_seen"));
            put(attrs, "lastBoot", r.get("last_boot"));
            attrs.put("interfaces", h.createQuery("""
                    SELECT host(address) AS address, hostname, mac_address AS "macAddress" FROM asset_interface
                    WHERE asset_id = :id ORDER BY address""").bind("id", id).map(AssetQueries::compact).list());
            attrs.put("openPorts", h.createQuery("""
                    SELECT port, protocol, service_name AS "serviceName" FROM asset_port WHERE asset_id = :id ORDER BY port, protocol""")
                    .bind("id", id).map(AssetQueries::compact).list());
            attrs.put("software", h.createQuery("""
                    SELECT p.name, p.version, p.publisher FROM asset_software s JOIN software_product p ON p.id = s.software_id
                    WHERE s.asset_id = :id ORDER BY lower(p.name), p.version""")
                    .bind("id", id).map(AssetQueries::compact).list());
            List<AssetDetail.TagRef> tags = h.createQuery("""
                    SELECT t.id, t.name, t.criticality_score, at.source FROM asset_tag at JOIN tag t ON t.id = at.tag_id
                    WHERE at.asset_id = :id ORDER BY t.criticality_score DESC NULLS LAST, lower(t.name)""")
                    .bind("id", id)
                    .map((rs, ctx) -> new AssetDetail.TagRef(rs.getLong(1), rs.getString(2),
                            rs.getObject(3) == null ? null : rs.getInt(3), rs.getString(4)))
                    .list();
            List<AssetDetail.OpenDetection> detections = h.createQuery("""
                    SELECT d.id, v.key, v.qid, v.title, v.cves, d.type, d.status, d.port, v.qds, v.cvss_score,
                           d.first_found, d.last_found
                    FROM detection d JOIN vulnerability v ON v.id = d.vulnerability_id
                    WHERE d.asset_id = :id AND d.status <> 'FIXED'
                    ORDER BY v.qds DESC NULLS LAST, d.id""")
                    .bind("id", id).map(AssetQueries::detection).list();
            return Optional.of(new AssetDetail(id, (String) r.get("name"), ((Number) r.get("criticality_score")).intValue(),
                    ((Number) r.get("risk_score")).intValue(), attrs, tags, detections));
        });
    }

    private static AssetSummary summary(ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx) throws SQLException {
        return new AssetSummary(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5), rs.getInt(6),
                rs.getBoolean(7));
    }

    private static AssetDetail.OpenDetection detection(ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
            throws SQLException {
        Array cves = rs.getArray(5);
        return new AssetDetail.OpenDetection(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                cves == null ? List.of() : Arrays.asList((String[]) cves.getArray()), rs.getString(6), rs.getString(7),
                rs.getInt(8), rs.getObject(9) == null ? null : rs.getInt(9),
                rs.getObject(10) == null ? null : rs.getDouble(10),
                rs.getObject(11, OffsetDateTime.class).toInstant(), rs.getObject(12, OffsetDateTime.class).toInstant());
    }

    /** A row as label → value without the nulls; labels keep their case (mapToMap would lower it). */
    private static Map<String, Object> compact(ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
            throws SQLException {
        Map<String, Object> out = new LinkedHashMap<>();
        var meta = rs.getMetaData();
        for (int i = 1; i <= meta.getColumnCount(); i++) put(out, meta.getColumnLabel(i), rs.getObject(i));
        return out;
    }

    private static void put(Map<String, Object> m, String k, Object v) {
        if (v == null) return;
        if (v instanceof java.sql.Timestamp t) v = t.toInstant().toString();
        else if (v instanceof java.sql.Date d) v = d.toLocalDate().toString();
        else if (v instanceof OffsetDateTime o) v = o.toInstant().toString();
        m.put(k, v);
    }
}
