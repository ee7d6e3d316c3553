package io.regalia.store.cmdb;

import io.regalia.core.cmdb.ConfigurationItem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Finds the asset each configuration item describes, by the identities imports recorded: FQDN, then
 * name (as hostname, as FQDN, as the asset's name), then IP address, then serial number. Creates assets
 * for the rest when asked.
 */
final class AssetMatcher {
    /** Serial numbers that virtual machines and cheap boards share: they identify nothing. */
    private static final Set<String> PLACEHOLDER_SERIALS = Set.of("0", "NONE", "N/A", "NA", "UNKNOWN", "NULL",
            "TO BE FILLED BY O.E.M.", "DEFAULT STRING", "SYSTEM SERIAL NUMBER", "NOT SPECIFIED", "0123456789");
    private static final String NAME = "NAME"; // not an identity: the asset's own name, when only one asset has it

    record Match(long assetId, String by) {}

    private record Key(String by, String kind, String value) {}

    private final Handle h;

    AssetMatcher(Handle h) {
        this.h = h;
    }

    /** The matched asset of each item that has one, by the item's sys_id. */
    Map<String, Match> match(List<ConfigurationItem> items) {
        Map<ConfigurationItem, List<Key>> keys = new LinkedHashMap<>();
        List<String> kinds = new ArrayList<>();
        List<String> values = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (ConfigurationItem item : items) {
            List<Key> k = keys(item);
            keys.put(item, k);
            for (Key key : k) {
                if (key.kind().equals(NAME)) {
                    names.add(key.value());
                } else {
                    kinds.add(key.kind());
                    values.add(key.value());
                }
            }
        }
        Map<String, Long> found = new HashMap<>();
        if (!kinds.isEmpty()) {
            h.createQuery("""
                    SELECT i.kind, i.value, i.asset_id FROM asset_identity i
                    JOIN (SELECT DISTINCT * FROM unnest(:kinds, :values)) AS k(kind, value) ON i.kind = k.kind AND i.value = k.value""")
                    .bindArray("kinds", String.class, kinds).bindArray("values", String.class, values)
                    .map((rs, ctx) -> found.put(rs.getString(1) + "\0" + rs.getString(2), rs.getLong(3))).list();
        }
        if (!names.isEmpty()) {
            h.createQuery("""
                    SELECT lower(name), min(id) FROM asset WHERE lower(name) = ANY(:names) GROUP BY lower(name) HAVING count(*) = 1""")
                    .bindArray("names", String.class, names)
                    .map((rs, ctx) -> found.put(NAME + "\0" + rs.getString(1), rs.getLong(2))).list();
        }
        Map<String, Match> matches = new LinkedHashMap<>();
        keys.forEach((item, k) -> k.stream().filter(key -> found.containsKey(key.kind() + "\0" + key.value())).findFirst()
                .ifPresent(key -> matches.put(item.sysId(), new Match(found.get(key.kind() + "\0" + key.value()), key.by()))));
        return matches;
    }

    /** The keys to try, strongest first. */
    private static List<Key> keys(ConfigurationItem item) {
        List<Key> keys = new ArrayList<>();
        String fqdn = lower(item.fqdn());
        String name = lower(item.name());
        if (fqdn != null) keys.add(new Key("fqdn", "FQDN", fqdn));
        if (name != null) {
            keys.add(new Key("name", "HOSTNAME", name));
            if (name.contains(".")) {
                keys.add(new Key("name", "FQDN", name));
                keys.add(new Key("name", "HOSTNAME", shortName(name)));
            }
            keys.add(new Key("name", NAME, name));
        }
        if (fqdn != null) keys.add(new Key("name", "HOSTNAME", shortName(fqdn)));
        if (item.ipAddress() != null) keys.add(new Key("ip", "IP", item.ipAddress()));
        String serial = serial(item.serialNumber());
        if (serial != null) keys.add(new Key("serial", "SERIAL", serial));
        return keys;
    }

    /** Records the serial numbers of matched items, so a later sync finds the asset by it after a rename. */
    void rememberSerials(List<ConfigurationItem> items, Map<String, Match> matches) {
        List<String> serials = new ArrayList<>();
        List<Long> assets = new ArrayList<>();
        for (ConfigurationItem item : items) {
            String serial = serial(item.serialNumber());
            Match m = matches.get(item.sysId());
            if (serial == null || m == null) continue;
            serials.add(serial);
            assets.add(m.assetId());
        }
        if (serials.isEmpty()) return;
        h.createUpdate("""
                INSERT INTO asset_identity (kind, value, asset_id) SELECT 'SERIAL', s, a FROM unnest(:serials, :assets) AS x(s, a)
                ON CONFLICT (kind, value) DO NOTHING""")
                .bindArray("serials", String.class, serials).bindArray("assets", Long.class, assets).execute();
    }

    /** An asset to create for an item, and the identities it is recorded under. */
    private record NewAsset(String name, String hostname, String fqdn, String ip, String os, List<Key> keys) {
        static NewAsset of(ConfigurationItem item) {
            String dottedName = item.name() != null && item.name().contains(".") ? item.name() : null;
            String fqdn = item.fqdn() != null ? item.fqdn() : dottedName;
            String hostname = item.name() != null ? shortName(item.name()) : fqdn != null ? shortName(fqdn) : null;
            List<Key> keys = new ArrayList<>();
            if (fqdn != null) keys.add(new Key("fqdn", "FQDN", fqdn.toLowerCase(Locale.ROOT)));
            if (hostname != null) keys.add(new Key("name", "HOSTNAME", hostname));
            if (item.ipAddress() != null) keys.add(new Key("ip", "IP", item.ipAddress()));
            String serial = serial(item.serialNumber());
            if (serial != null) keys.add(new Key("serial", "SERIAL", serial));
            return new NewAsset(item.label(), hostname, fqdn, item.ipAddress(), item.os(), keys);
        }
    }

    /**
     * Creates one asset per item that names a host (two items naming the same host share one), with the
     * item's identities, address and operating system; returns the new asset of each item by sys_id.
     */
    Map<String, Long> create(List<ConfigurationItem> items, String origin) {
        Map<String, Integer> index = new LinkedHashMap<>();
        Map<String, Integer> claimed = new HashMap<>();
        List<NewAsset> fresh = new ArrayList<>();
        for (ConfigurationItem item : items) {
            NewAsset asset = NewAsset.of(item);
            if (asset.keys().isEmpty()) continue;
            Integer same = asset.keys().stream().map(key -> claimed.get(key.kind() + "\0" + key.value()))
                    .filter(java.util.Objects::nonNull).findFirst().orElse(null);
            if (same == null) {
                same = fresh.size();
                fresh.add(asset);
            }
            for (Key key : asset.keys()) claimed.putIfAbsent(key.kind() + "\0" + key.value(), same);
            index.put(item.sysId(), same);
        }
        if (fresh.isEmpty()) return Map.of();
        List<Long> ids = h.createQuery("SELECT nextval('asset_id_seq') FROM generate_series(1, :n)").bind("n", fresh.size())
                .mapTo(Long.class).list();
        insert(fresh, ids, origin);
        Map<String, Long> created = new LinkedHashMap<>();
        index.forEach((sysId, i) -> created.put(sysId, ids.get(i)));
        return created;
    }

    private void insert(List<NewAsset> assets, List<Long> ids, String origin) {
        int n = assets.size();
        String[] name = new String[n], hostname = new String[n], fqdn = new String[n], tracking = new String[n],
                os = new String[n], ip = new String[n];
        List<String> kinds = new ArrayList<>(), values = new ArrayList<>();
        List<Long> owners = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            NewAsset a = assets.get(i);
            name[i] = a.name();
            hostname[i] = a.hostname();
            fqdn[i] = a.fqdn();
            tracking[i] = a.fqdn() != null ? "DNSNAME" : "IP";
            os[i] = a.os();
            ip[i] = a.ip();
            for (Key key : a.keys()) {
                kinds.add(key.kind());
                values.add(key.value());
                owners.add(ids.get(i));
            }
        }
        h.createUpdate("INSERT INTO os_release (name) SELECT DISTINCT o FROM unnest(:os) AS o WHERE o IS NOT NULL ON CONFLICT DO NOTHING")
                .bindArray("os", String.class, (Object[]) os).execute();
        h.createUpdate("""
                INSERT INTO asset (id, name, hostname, fqdn, tracking_method, os_id, inventory_sources)
                SELECT x.id, x.name, x.hostname, x.fqdn, x.tracking,
                       (SELECT o.id FROM os_release o WHERE o.name = x.os AND o.version IS NULL AND o.publisher IS NULL
                          AND o.category1 IS NULL AND o.category2 IS NULL AND o.lifecycle_stage IS NULL
                          AND o.eol IS NULL AND o.eos IS NULL),
                       ARRAY[:origin]
                FROM unnest(:ids, :name, :hostname, :fqdn, :tracking, :os) AS x(id, name, hostname, fqdn, tracking, os)""")
                .bindArray("ids", Long.class, ids).bindArray("name", String.class, (Object[]) name)
                .bindArray("hostname", String.class, (Object[]) hostname).bindArray("fqdn", String.class, (Object[]) fqdn)
                .bindArray("tracking", String.class, (Object[]) tracking).bindArray("os", String.class, (Object[]) os)
                .bind("origin", origin).execute();
        h.createUpdate("""
                INSERT INTO asset_identity (kind, value, asset_id) SELECT * FROM unnest(:kinds, :values, :assets)
                ON CONFLICT (kind, value) DO NOTHING""")
                .bindArray("kinds", String.class, kinds).bindArray("values", String.class, values)
                .bindArray("assets", Long.class, owners).execute();
        h.createUpdate("""
                INSERT INTO asset_interface (asset_id, address, hostname)
                SELECT x.id, cast(x.ip AS inet), x.hostname FROM unnest(:ids, :ip, :hostname) AS x(id, ip, hostname)
                WHERE x.ip IS NOT NULL""")
                .bindArray("ids", Long.class, ids).bindArray("ip", String.class, (Object[]) ip)
                .bindArray("hostname", String.class, (Object[]) hostname).execute();
    }

    static String serial(String serial) {
        if (serial == null) return null;
        String s = serial.strip().toUpperCase(Locale.ROOT);
        return s.isEmpty() || PLACEHOLDER_SERIALS.contains(s) ? null : s;
    }

    private static String lower(String s) {
        return s == null || s.isBlank() ? null : s.strip().toLowerCase(Locale.ROOT);
    }

    private static String shortName(String name) {
        int dot = name.indexOf('.');
        return (dot > 0 ? name.substring(0, dot) : name).toLowerCase(Locale.ROOT);
    }
}
