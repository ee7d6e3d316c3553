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
import io.regalia.store.db.CopyChannel;
import io.regalia.store.db.CopyRows;
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
    /** Detections of assets this import creates, written straight into {@code detection} while the report streams. */
    private final CopyRows written;
    private final CopyChannel channel;
    private final List<HostObservation> batch;
    /** Identities assigned during this import, so a host seen twice in one file is one asset. */
    private final Map<IdentityKind.Key, Long> resolvedHere = new HashMap<>();
    private final Set<Long> newAssets = new HashSet<>();
    /** Strong identities of the assets this import has resolved hosts to or considered. */
    private final Map<Long, Set<IdentityKind.Key>> strongIdentities = new HashMap<>();
    private final Set<String> stagedVulns = new HashSet<>();
    /** Ids of the vulnerabilities this report names, merged batch by batch. */
    private final Map<String, Long> vulnIds = new HashMap<>();
    /** Each vulnerability the merge inserted or changed, and whether it inserted it. */
    private final List<Map.Entry<Long, Boolean>> mergedVulns = new ArrayList<>();
    /** New assets whose detections were written straight away, with the staging sequence of their host. */
    private final Map<Long, Integer> writtenAssets = new HashMap<>();
    private final DetectionCounts writtenCounts = new DetectionCounts();
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
        CopyChannel c = channel = new CopyChannel(handle.getConnection());
        assets = CopyRows.chunked(c, "stage_asset", "seq, id, is_new, external_id, name, hostname, fqdn, netbios_name, type, "
                + "tracking_method, agent_id, os_name, os_version, os_publisher, os_category1, os_category2, os_stage, "
                + "os_eol, os_eos, hw_category1, hw_category2, hw_manufacturer, hw_model, cloud_provider, cloud_region, "
                + "cloud_account_id, cloud_instance_id, cloud_image_id, cloud_public_ip, exposure_override, last_seen, "
                + "last_boot, software_stated, ports_stated");
        identities = CopyRows.chunked(c, "stage_identity", "kind, value, asset_id");
        interfaces = CopyRows.chunked(c, "stage_interface", "asset_id, address, hostname, mac_address");
        software = CopyRows.chunked(c, "stage_software", "asset_id, name, version, publisher, category1, category2, lifecycle_stage, eol");
        ports = CopyRows.chunked(c, "stage_port", "asset_id, port, protocol, service_name");
        vulns = CopyRows.chunked(c, "stage_vuln", "key, qid, title, severity, cves, cvss2, cvss3, cvss4, scanner_cvss, "
                + "patch_available, scanner_maturity, scanner_malware, scanner_epss");
        detections = CopyRows.chunked(c, "stage_detection", "seq, asset_id, vuln_key, port, protocol, type, status, "
                + "first_found, observed_at, results, last_found");
        tags = CopyRows.chunked(c, "stage_tag", "asset_id, name");
        written = CopyRows.streamed(c, "detection", "asset_id, vulnerability_id, port, protocol, source, type, status, "
                + "first_found, last_found, fixed_at, results");
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
        for (CopyRows rows : List.of(assets, identities, interfaces, software, ports, detections, tags, written)) rows.flush();
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

    /** What was written straight into {@code detection}, by type and status (all of it NEW unless the report said). */
    DetectionCounts written() { return writtenCounts; }

    /** Each vulnerability of the report the merge inserted or changed, and whether it inserted it. */
    List<Map.Entry<Long, Boolean>> mergedVulnerabilities() { return mergedVulns; }

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

    /** Gives the connection back after a failure: a COPY left open would keep the transaction from rolling back. */
    void abandon() {
        channel.cancel();
    }

    private void flushBatch() {
        if (batch.isEmpty()) return;
        channel.end(); // the last batch's detections, still streaming in
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
        long[] ids = new long[batch.size()];
        List<Long> created = new ArrayList<>();
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
                created.add(id);
            }
            for (IdentityKind.Key key : hostKeys) {
                resolvedHere.put(key, id);
                if (key.kind().strong()) strongIdentities.computeIfAbsent(id, k -> new HashSet<>()).add(key);
            }
            ids[i] = id;
        }
        List<List<Observed>> found = new ArrayList<>(batch.size());
        for (HostObservation h : batch) found.add(newestOfEach(h.detections(), seen(h)));
        mergeVulnerabilities(found);
        if (!created.isEmpty()) {
            // Rows the merge's asset statement completes; they let this batch's detections be written now.
            handle.createUpdate("INSERT INTO asset (id) SELECT unnest(:ids)")
                    .bindArray("ids", Long.class, created).execute();
        }
        for (int i = 0; i < batch.size(); i++) stage(batch.get(i), ids[i], keys.get(i), found.get(i));
        batch.clear();
    }

    /** When the report saw this host: its own time, else the report's, else the import's. */
    private Instant seen(HostObservation h) {
        return h.lastSeen() != null ? h.lastSeen() : header != null && header.scannedAt() != null ? header.scannedAt() : fallbackTime;
    }

    /**
     * Stages the vulnerabilities this batch names for the first time and merges them at once, so that
     * the batch's detections can refer to them by id.
     */
    private void mergeVulnerabilities(List<List<Observed>> found) {
        List<String> keys = new ArrayList<>();
        for (List<Observed> host : found) {
            for (Observed o : host) {
                VulnerabilityInfo v = o.detection().vulnerability();
                if (!stagedVulns.add(v.key())) continue;
                keys.add(v.key());
                Long qid = v.key().startsWith("qualys:") ? v.qid() : null;
                vulns.row().add(v.key()).add(qid).add(v.title()).add(v.severity()).add(v.cves()).add(v.cvss2())
                        .add(v.cvss3()).add(v.cvss4()).add(v.cvssScore()).add(v.patchAvailable())
                        .add(v.hints().maturity() == null ? null : v.hints().maturity().name())
                        .add(v.hints().malware()).add(v.hints().epss());
            }
        }
        if (keys.isEmpty()) return;
        vulns.flush();
        mergedVulns.addAll(handle.createQuery(ImportService.SQL.get("vulnerabilities"))
                .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getBoolean(2))).list());
        handle.execute("TRUNCATE stage_vuln");
        handle.createQuery("SELECT key, id FROM vulnerability WHERE key = ANY(:keys)")
                .bindArray("keys", String.class, keys)
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
                .forEach(e -> vulnIds.put(e.getKey(), e.getValue()));
    }

    private void stage(HostObservation h, long id, List<IdentityKind.Key> keys, List<Observed> found) {
        seq++;
        OperatingSystem os = h.os();
        Lifecycle osLife = os == null ? null : os.lifecycle();
        var cloud = h.cloud();
        String publicIp = cloud == null ? null : validIp(cloud.publicIpAddress(), h);
        Instant seen = seen(h);
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
        boolean firstHost = stagedAssets.add(id);
        if (!firstHost) {
            repeatedAsset = true;
            Integer earlier = writtenAssets.remove(id);
            if (earlier != null) restage(id, earlier);
        }
        // A new asset's first host cannot meet stored detections: its findings go straight into the table,
        // while the reader goes on, instead of through staging and the merge.
        boolean direct = firstHost && newAssets.contains(id);
        if (direct) writtenAssets.put(id, seq);
        for (Observed o : found) {
            DetectionObservation d = o.detection();
            VulnerabilityInfo v = d.vulnerability();
            Instant observed = o.at();
            if (latestObservation == null || observed.isAfter(latestObservation)) latestObservation = observed;
            String type = d.type() == null ? "CONFIRMED" : d.type().name();
            int port = d.port() == null ? 0 : d.port();
            String protocol = d.protocol() == null ? null : d.protocol().name();
            if (direct) {
                // the values found_staged gives a staged detection
                boolean fixed = d.status() == DetectionStatus.FIXED;
                Instant lastFound = fixed && d.lastFound() != null && d.lastFound().isBefore(observed) ? d.lastFound() : observed;
                Instant firstFound = d.firstFound() != null && d.firstFound().isBefore(lastFound) ? d.firstFound() : lastFound;
                String status = d.status() == null ? "NEW" : d.status().name();
                written.row().add(id).add(vulnIds.get(v.key())).add(port).add(protocol).add(source()).add(type)
                        .add(status).add(firstFound).add(lastFound).add(fixed ? observed : null).add(d.results());
                writtenCounts.add(type, status, 1);
            } else {
                detections.row().add(seq).add(id).add(v.key()).add(port).add(protocol).add(type)
                        .add(d.status() == null ? null : d.status().name()).add(d.firstFound()).add(observed)
                        .add(d.results()).add(d.lastFound());
            }
        }
    }

    /**
     * Moves the detections written for a new asset back to staging, when another host of the report turns
     * out to be the same asset: the merge then picks the newer of the two hosts' observations.
     */
    private void restage(long assetId, int hostSeq) {
        written.flush();
        handle.createQuery("""
                WITH moved AS (DELETE FROM detection WHERE asset_id = :id RETURNING *)
                INSERT INTO stage_detection (seq, asset_id, vuln_key, port, protocol, type, status, first_found,
                                             observed_at, results, last_found)
                SELECT :seq, m.asset_id, v.key, m.port, m.protocol, m.type, m.status, m.first_found,
                       coalesce(m.fixed_at, m.last_found), m.results, m.last_found
                FROM moved m JOIN vulnerability v ON v.id = m.vulnerability_id
                RETURNING type, status""")
                .bind("id", assetId).bind("seq", hostSeq)
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
                .forEach(e -> writtenCounts.add(e.getKey(), e.getValue(), -1));
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
