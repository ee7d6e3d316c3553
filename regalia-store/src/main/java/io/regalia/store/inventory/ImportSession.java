package io.regalia.store.inventory;

import io.regalia.core.model.IpAddresses;
import io.regalia.core.model.DetectionObservation;
import io.regalia.core.model.DetectionStatus;
import io.regalia.core.model.HostObservation;
import io.regalia.core.model.Lifecycle;
import io.regalia.core.model.NetworkInterface;
import io.regalia.core.model.OpenPort;
import io.regalia.core.model.OperatingSystem;
import io.regalia.core.model.Software;
import io.regalia.core.model.VulnerabilityInfo;
import io.regalia.core.report.BadInputException;
import io.regalia.core.report.ReportEvent;
import io.regalia.core.report.ReportSink;
import io.regalia.store.db.CopyRows;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Receives one report's events and writes them to the staging tables, resolving each host to an asset
 * on the way. Hosts are resolved in batches: one query finds the known identities of a whole batch.
 */
final class ImportSession implements ReportSink {
    static final int BATCH = 250;
    private static final int MAX_WARNINGS = 200;

    private final Handle handle;
    private final ImportRequest request;
    private final Instant fallbackTime;
    private final int batchSize;
    private final CopyRows assets, identities, interfaces, software, ports, vulns, detections, tags;
    private final List<HostObservation> batch;
    /** Identities assigned during this import, so a host seen twice in one file is one asset. */
    private final Map<IdentityKind.Key, Long> resolvedHere = new HashMap<>();
    private final Set<Long> newAssets = new HashSet<>();
    /** Strong identities of the assets this import has resolved hosts to or considered. */
    private final Map<Long, Set<IdentityKind.Key>> strongIdentities = new HashMap<>();
    private final Set<String> stagedVulns = new HashSet<>();
    private final Set<Long> stagedAssets = new HashSet<>();
    private boolean repeatedAsset;
    private final List<String> warnings = new ArrayList<>();
    private ReportEvent.Header header;
    private Instant latestObservation;
    private int hosts;
    private int seq;
    private int droppedWarnings;

    ImportSession(Handle handle, ImportRequest request, Instant fallbackTime, int batchSize) {
        this.handle = handle;
        this.request = request;
        this.fallbackTime = fallbackTime;
        this.batchSize = batchSize;
        this.batch = new ArrayList<>(batchSize);
        Connection c = handle.getConnection();
        assets = new CopyRows(c, "stage_asset", "seq, id, is_new, external_id, name, hostname, fqdn, netbios_name, type, "
                + "tracking_method, agent_id, os_name, os_version, os_publisher, os_category1, os_category2, os_stage, "
                + "os_eol, os_eos, hw_category1, hw_category2, hw_manufacturer, hw_model, cloud_provider, cloud_region, "
                + "cloud_account_id, cloud_instance_id, cloud_image_id, cloud_public_ip, exposure_override, last_seen, "
                + "last_boot, software_stated, ports_stated");
        identities = new CopyRows(c, "stage_identity", "kind, value, asset_id");
        interfaces = new CopyRows(c, "stage_interface", "asset_id, address, hostname, mac_address");
        software = new CopyRows(c, "stage_software", "asset_id, name, version, publisher, category1, category2, lifecycle_stage, eol");
        ports = new CopyRows(c, "stage_port", "asset_id, port, protocol, service_name");
        vulns = new CopyRows(c, "stage_vuln", "key, qid, title, severity, cves, cvss2, cvss3, cvss4, scanner_cvss, "
                + "patch_available, scanner_maturity, scanner_malware, scanner_epss");
        detections = new CopyRows(c, "stage_detection", "seq, asset_id, vuln_key, port, protocol, type, status, "
                + "first_found, observed_at, results, last_found");
        tags = new CopyRows(c, "stage_tag", "asset_id, name");
    }

    @Override
    public void accept(ReportEvent event) {
        if (event instanceof ReportEvent.Header h) {
            header = h;
        } else if (event instanceof ReportEvent.Host h) {
            if (!h.host().hasIdentity()) {
                throw new BadInputException(request.file(), "host #" + (hosts + 1) + " has no identity (no id, name or address)");
            }
            hosts++;
            batch.add(h.host());
            if (batch.size() >= batchSize) flushBatch();
        } else if (event instanceof ReportEvent.Warning w) {
            warn(w.where() == null ? w.message() : w.where() + ": " + w.message());
        }
    }

    void finishStaging() {
        flushBatch();
        for (CopyRows rows : List.of(assets, identities, interfaces, software, ports, vulns, detections, tags)) rows.flush();
        handle.execute("ANALYZE stage_asset, stage_identity, stage_interface, stage_software, stage_port, stage_vuln, stage_detection, stage_tag");
    }

    String source() { return header == null || header.source() == null ? request.format() : header.source(); }

    String format(ImportRequest r) { return header == null || header.format() == null ? r.format() : header.format(); }

    Instant scannedAt() { return header == null ? null : header.scannedAt(); }

    boolean complete() { return header != null && header.complete(); }

    /** The time a complete report speaks for: its own date, else the newest thing it saw, else the import. */
    Instant reportTime() {
        if (scannedAt() != null) return scannedAt();
        return latestObservation != null ? latestObservation : fallbackTime;
    }

    int hosts() { return hosts; }

    /** Detection rows staged: a host's repeats already reduced to one. */
    long stagedDetections() { return detections.rows(); }

    int createdAssets() { return newAssets.size(); }

    boolean isNew(long assetId) { return newAssets.contains(assetId); }

    List<String> warnings() {
        List<String> all = new ArrayList<>(warnings);
        if (droppedWarnings > 0) all.add("… and " + droppedWarnings + " more warnings");
        return all;
    }

    private void warn(String message) {
        if (warnings.size() < MAX_WARNINGS) warnings.add(message);
        else droppedWarnings++;
    }

    private void flushBatch() {
        if (batch.isEmpty()) return;
        String source = source();
        List<List<IdentityKind.Key>> keys = new ArrayList<>(batch.size());
        List<String> kinds = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (HostObservation h : batch) {
            List<IdentityKind.Key> k = IdentityKind.of(h, source);
            keys.add(k);
            for (IdentityKind.Key key : k) {
                kinds.add(key.kind().name());
                values.add(key.value());
            }
        }
        Map<IdentityKind.Key, Long> known = new HashMap<>();
        handle.createQuery("""
                SELECT i.kind, i.value, i.asset_id FROM asset_identity i
                JOIN unnest(:kinds, :values) AS k(kind, value) ON i.kind = k.kind AND i.value = k.value""")
                .bindArray("kinds", String.class, kinds).bindArray("values", String.class, values)
                .map((rs, ctx) -> Map.entry(new IdentityKind.Key(IdentityKind.valueOf(rs.getString(1)), rs.getString(2)), rs.getLong(3)))
                .forEach(e -> known.put(e.getKey(), e.getValue()));
        loadStrongIdentities(known.values());

        List<Long> fresh = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            List<IdentityKind.Key> hostKeys = keys.get(i);
            Long id = null;
            for (IdentityKind.Key key : hostKeys) {
                Long candidate = resolvedHere.containsKey(key) ? resolvedHere.get(key) : known.get(key);
                if (candidate != null && compatible(hostKeys, candidate)) {
                    id = candidate;
                    break;
                }
            }
            if (id == null) {
                if (fresh.isEmpty()) {
                    fresh.addAll(handle.createQuery("SELECT nextval('asset_id_seq') FROM generate_series(1, :n)")
                            .bind("n", batch.size() - i).mapTo(Long.class).list());
                }
                id = fresh.remove(0);
                newAssets.add(id);
            }
            for (IdentityKind.Key key : hostKeys) {
                resolvedHere.put(key, id);
                if (key.kind().strong()) strongIdentities.computeIfAbsent(id, k -> new HashSet<>()).add(key);
            }
            stage(batch.get(i), id, hostKeys);
        }
        batch.clear();
    }

    private void stage(HostObservation h, long id, List<IdentityKind.Key> keys) {
        seq++;
        OperatingSystem os = h.os();
        Lifecycle osLife = os == null ? null : os.lifecycle();
        var cloud = h.cloud();
        String publicIp = cloud == null ? null : validIp(cloud.publicIpAddress(), h);
        Instant seen = h.lastSeen() != null ? h.lastSeen() : header != null && header.scannedAt() != null ? header.scannedAt() : fallbackTime;
        assets.row().add(seq).add(id).add(newAssets.contains(id)).add(h.externalId()).add(h.name()).add(h.hostname())
                .add(h.fqdn()).add(h.netbiosName()).add(h.type() == null ? null : h.type().name()).add(trackingMethod(h))
                .add(h.agentId()).add(os == null ? null : os.name()).add(os == null ? null : os.version())
                .add(os == null ? null : os.publisher()).add(os == null ? null : os.category1())
                .add(os == null ? null : os.category2())
                .add(osLife == null || osLife.stage() == null ? null : osLife.stage().label())
                .add(osLife == null ? null : osLife.eol()).add(osLife == null ? null : osLife.eos())
                .add(h.hardware() == null ? null : h.hardware().category1())
                .add(h.hardware() == null ? null : h.hardware().category2())
                .add(h.hardware() == null ? null : h.hardware().manufacturer())
                .add(h.hardware() == null ? null : h.hardware().model())
                .add(cloud == null || cloud.provider() == null ? null : cloud.provider().name())
                .add(cloud == null ? null : cloud.region()).add(cloud == null ? null : cloud.accountId())
                .add(cloud == null ? null : cloud.instanceId()).add(cloud == null ? null : cloud.imageId())
                .add(publicIp).add(h.externallyExposed()).add(seen).add(h.lastBoot())
                .add(h.software() != null).add(h.openPorts() != null);
        for (IdentityKind.Key key : keys) {
            if (key.kind() == IdentityKind.IP && !IpAddresses.isLiteral(key.value())) continue;
            identities.row().add(key.kind().name()).add(key.value()).add(id);
        }
        for (NetworkInterface i : h.interfaces()) {
            String address = validIp(i.address(), h);
            if (address == null && i.hostname() == null && i.macAddress() == null) continue;
            interfaces.row().add(id).add(address).add(i.hostname()).add(i.macAddress());
        }
        if (h.software() != null) {
            for (Software s : h.software()) {
                if (s.name() == null || s.name().isBlank()) continue;
                Lifecycle l = s.lifecycle();
                software.row().add(id).add(s.name()).add(s.version()).add(s.publisher()).add(s.category1())
                        .add(s.category2()).add(l == null || l.stage() == null ? null : l.stage().label())
                        .add(l == null ? null : l.eol());
            }
        }
        if (h.openPorts() != null) {
            for (OpenPort p : h.openPorts()) {
                ports.row().add(id).add(p.port()).add(p.protocol() == null ? "TCP" : p.protocol().name()).add(p.serviceName());
            }
        }
        for (String tag : h.tags()) {
            if (tag != null && !tag.isBlank()) tags.row().add(id).add(tag.strip());
        }
        if (!stagedAssets.add(id)) repeatedAsset = true;
        for (Observed o : newestOfEach(h.detections(), seen)) {
            DetectionObservation d = o.detection();
            VulnerabilityInfo v = d.vulnerability();
            if (stagedVulns.add(v.key())) {
                Long qid = v.key().startsWith("qualys:") ? v.qid() : null;
                vulns.row().add(v.key()).add(qid).add(v.title()).add(v.severity()).add(v.cves()).add(v.cvss2())
                        .add(v.cvss3()).add(v.cvss4()).add(v.cvssScore()).add(v.patchAvailable())
                        .add(v.hints().maturity() == null ? null : v.hints().maturity().name())
                        .add(v.hints().malware()).add(v.hints().epss());
            }
            Instant observed = o.at();
            if (latestObservation == null || observed.isAfter(latestObservation)) latestObservation = observed;
            detections.row().add(seq).add(id).add(v.key()).add(d.port() == null ? 0 : d.port())
                    .add(d.protocol() == null ? null : d.protocol().name())
                    .add(d.type() == null ? "CONFIRMED" : d.type().name())
                    .add(d.status() == null ? null : d.status().name()).add(d.firstFound()).add(observed)
                    .add(d.results()).add(d.lastFound());
        }
    }

    /** When the report looked at a detection. One stated fixed was looked at when the host was, whenever it was last found. */
    private static Instant observed(DetectionObservation d, Instant seen) {
        return d.status() == DetectionStatus.FIXED
                ? (d.lastFound() != null && d.lastFound().isAfter(seen) ? d.lastFound() : seen)
                : d.lastFound() != null ? d.lastFound() : seen;
    }

    /** A detection and when the report looked at it. */
    private record Observed(DetectionObservation detection, Instant at) {}

    /** What makes two findings of a host the same detection (the key string's hash is computed once, then cached). */
    private record Finding(String vulnerabilityKey, int port) {}

    /**
     * A host's detections with repeats of the same vulnerability on the same port reduced to the newest
     * observation (the later one when equally new), in their order.
     */
    private static List<Observed> newestOfEach(List<DetectionObservation> detections, Instant seen) {
        Map<Finding, Integer> at = new HashMap<>(detections.size() * 2);
        List<Observed> kept = new ArrayList<>(detections.size());
        for (DetectionObservation d : detections) {
            Observed o = new Observed(d, observed(d, seen));
            Integer i = at.putIfAbsent(new Finding(d.vulnerability().key(), d.port() == null ? 0 : d.port()), kept.size());
            if (i == null) {
                kept.add(o);
            } else if (!o.at().isBefore(kept.get(i).at())) {
                kept.set(i, o);
            }
        }
        return kept;
    }

    /**
     * Whether each asset's detections were staged once: no two hosts of the report resolved to the same asset.
     * Otherwise the merge has to pick, for each detection, the newest of the hosts' observations.
     */
    boolean detectionsUnique() { return !repeatedAsset; }

    /** Remembers the strong identities (own ids, agents, instances) the candidate assets already have. */
    private void loadStrongIdentities(java.util.Collection<Long> candidates) {
        List<Long> unknown = candidates.stream().distinct().filter(id -> !strongIdentities.containsKey(id)).toList();
        if (unknown.isEmpty()) return;
        unknown.forEach(id -> strongIdentities.put(id, new HashSet<>()));
        handle.createQuery("""
                SELECT asset_id, kind, value FROM asset_identity
                WHERE asset_id = ANY(:ids) AND kind IN ('EXTERNAL', 'AGENT', 'INSTANCE')""")
                .bindArray("ids", Long.class, unknown)
                .map((rs, ctx) -> Map.entry(rs.getLong(1), new IdentityKind.Key(IdentityKind.valueOf(rs.getString(2)), rs.getString(3))))
                .forEach(e -> strongIdentities.get(e.getKey()).add(e.getValue()));
    }

    /**
     * A host does not belong to an asset that already has a different strong identity of a kind the host
     * names: two agents, two instances, or two ids from the same source are two machines, whatever
     * hostname or address they share.
     */
    private boolean compatible(List<IdentityKind.Key> hostKeys, long assetId) {
        Set<IdentityKind.Key> existing = strongIdentities.getOrDefault(assetId, Set.of());
        for (IdentityKind.Key key : hostKeys) {
            if (!key.kind().strong() || existing.contains(key)) continue;
            for (IdentityKind.Key other : existing) {
                if (other.kind() == key.kind() && key.sameScope(other)) return false;
            }
        }
        return true;
    }

    private String validIp(String address, HostObservation h) {
        if (address == null) return null;
        if (IpAddresses.isLiteral(address)) return address;
        warn("host " + describe(h) + ": '" + address + "' is not an IP address; ignored");
        return null;
    }

    private static String describe(HostObservation h) {
        for (String s : new String[] {h.name(), h.hostname(), h.fqdn(), h.externalId(), h.netbiosName()}) {
            if (s != null) return s;
        }
        return h.interfaces().isEmpty() ? "?" : String.valueOf(h.interfaces().get(0).address());
    }

    private static String trackingMethod(HostObservation h) {
        if (h.agentId() != null) return "AGENT";
        if (h.cloud() != null && h.cloud().instanceId() != null) return "INSTANCE_ID";
        if (h.fqdn() != null || h.hostname() != null) return "DNSNAME";
        if (h.netbiosName() != null) return "NETBIOS";
        return "IP";
    }
}
