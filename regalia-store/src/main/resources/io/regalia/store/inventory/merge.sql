-- name: stale
-- An observation older than the asset's newest (a late report, or an older one imported again) only fills in
-- what is unknown: stored values win, and the lists it states (software, ports) are not applied.
UPDATE stage_asset s SET stale = true,
    external_id = coalesce(a.external_id, s.external_id), name = coalesce(a.name, s.name),
    hostname = coalesce(a.hostname, s.hostname), fqdn = coalesce(a.fqdn, s.fqdn),
    netbios_name = coalesce(a.netbios_name, s.netbios_name), type = coalesce(a.type, s.type),
    agent_id = coalesce(a.agent_id, s.agent_id),
    os_name = CASE WHEN o.id IS NULL THEN s.os_name ELSE o.name END,
    os_version = CASE WHEN o.id IS NULL THEN s.os_version ELSE o.version END,
    os_publisher = CASE WHEN o.id IS NULL THEN s.os_publisher ELSE o.publisher END,
    os_category1 = CASE WHEN o.id IS NULL THEN s.os_category1 ELSE o.category1 END,
    os_category2 = CASE WHEN o.id IS NULL THEN s.os_category2 ELSE o.category2 END,
    os_stage = CASE WHEN o.id IS NULL THEN s.os_stage ELSE o.lifecycle_stage END,
    os_eol = CASE WHEN o.id IS NULL THEN s.os_eol ELSE o.eol END,
    os_eos = CASE WHEN o.id IS NULL THEN s.os_eos ELSE o.eos END,
    hw_category1 = coalesce(a.hw_category1, s.hw_category1), hw_category2 = coalesce(a.hw_category2, s.hw_category2),
    hw_manufacturer = coalesce(a.hw_manufacturer, s.hw_manufacturer), hw_model = coalesce(a.hw_model, s.hw_model),
    cloud_provider = coalesce(a.cloud_provider, s.cloud_provider), cloud_region = coalesce(a.cloud_region, s.cloud_region),
    cloud_account_id = coalesce(a.cloud_account_id, s.cloud_account_id),
    cloud_instance_id = coalesce(a.cloud_instance_id, s.cloud_instance_id),
    cloud_image_id = coalesce(a.cloud_image_id, s.cloud_image_id),
    cloud_public_ip = coalesce(a.cloud_public_ip, s.cloud_public_ip),
    exposure_override = coalesce(a.exposure_override, s.exposure_override)
FROM asset a LEFT JOIN os_release o ON o.id = a.os_id
WHERE a.id = s.id AND a.last_seen > s.last_seen;

-- name: os
INSERT INTO os_release (name, version, publisher, category1, category2, lifecycle_stage, eol, eos)
SELECT DISTINCT os_name, os_version, os_publisher, os_category1, os_category2, os_stage, os_eol, os_eos
FROM stage_asset WHERE os_name IS NOT NULL
ON CONFLICT DO NOTHING;

-- name: assets
-- One row per asset (the last observation in the file wins); stated values overwrite, unstated keep. An asset the
-- import creates already has a bare row, which held its detections while the report streamed: nothing is kept of it.
WITH s AS (
    SELECT DISTINCT ON (id) * FROM stage_asset ORDER BY id, seq DESC
), src AS (
    SELECT s.*, o.id AS os_id FROM s
    LEFT JOIN os_release o ON s.os_name IS NOT NULL
        AND (o.name, o.version, o.publisher, o.category1, o.category2, o.lifecycle_stage, o.eol, o.eos)
            IS NOT DISTINCT FROM
            (s.os_name, s.os_version, s.os_publisher, s.os_category1, s.os_category2, s.os_stage, s.os_eol, s.os_eos)
), merged AS (
    SELECT src.id,
           coalesce(src.external_id, a.external_id) AS external_id,
           coalesce(src.name, a.name, src.hostname, src.fqdn, src.netbios_name, a.hostname) AS name,
           coalesce(src.hostname, a.hostname) AS hostname,
           coalesce(src.fqdn, a.fqdn) AS fqdn,
           coalesce(src.netbios_name, a.netbios_name) AS netbios_name,
           coalesce(src.type, a.type, 'HOST') AS type,
           CASE WHEN a.tracking_method IS NULL THEN src.tracking_method
                WHEN src.tracking_method = 'AGENT' OR a.tracking_method = 'AGENT' THEN 'AGENT'
                WHEN src.tracking_method = 'INSTANCE_ID' OR a.tracking_method = 'INSTANCE_ID' THEN 'INSTANCE_ID'
                ELSE a.tracking_method END AS tracking_method,
           coalesce(src.agent_id, a.agent_id) AS agent_id,
           coalesce(src.os_id, a.os_id) AS os_id,
           coalesce(src.hw_category1, a.hw_category1) AS hw_category1,
           coalesce(src.hw_category2, a.hw_category2) AS hw_category2,
           coalesce(src.hw_manufacturer, a.hw_manufacturer) AS hw_manufacturer,
           coalesce(src.hw_model, a.hw_model) AS hw_model,
           coalesce(src.cloud_provider, a.cloud_provider) AS cloud_provider,
           coalesce(src.cloud_region, a.cloud_region) AS cloud_region,
           coalesce(src.cloud_account_id, a.cloud_account_id) AS cloud_account_id,
           coalesce(src.cloud_instance_id, a.cloud_instance_id) AS cloud_instance_id,
           coalesce(src.cloud_image_id, a.cloud_image_id) AS cloud_image_id,
           coalesce(src.cloud_public_ip, a.cloud_public_ip) AS cloud_public_ip,
           coalesce(src.exposure_override, a.exposure_override) AS exposure_override,
           CASE WHEN a.inventory_sources IS NULL THEN ARRAY[:source]
                WHEN :source = ANY (a.inventory_sources) THEN a.inventory_sources
                ELSE a.inventory_sources || :source END AS inventory_sources,
           greatest(src.last_seen, a.last_seen) AS last_seen,
           greatest(src.last_boot, a.last_boot) AS last_boot
    FROM src LEFT JOIN asset a ON a.id = src.id AND NOT src.is_new
)
INSERT INTO asset AS t (id, external_id, name, hostname, fqdn, netbios_name, type, tracking_method, agent_id, os_id,
                        hw_category1, hw_category2, hw_manufacturer, hw_model, cloud_provider, cloud_region,
                        cloud_account_id, cloud_instance_id, cloud_image_id, cloud_public_ip, exposure_override,
                        inventory_sources, last_seen, last_boot)
SELECT id, external_id, name, hostname, fqdn, netbios_name, type, tracking_method, agent_id, os_id,
       hw_category1, hw_category2, hw_manufacturer, hw_model, cloud_provider, cloud_region,
       cloud_account_id, cloud_instance_id, cloud_image_id, cloud_public_ip, exposure_override,
       inventory_sources, last_seen, last_boot
FROM merged
ON CONFLICT (id) DO UPDATE SET
    external_id = excluded.external_id, name = excluded.name, hostname = excluded.hostname, fqdn = excluded.fqdn,
    netbios_name = excluded.netbios_name, type = excluded.type, tracking_method = excluded.tracking_method,
    agent_id = excluded.agent_id, os_id = excluded.os_id, hw_category1 = excluded.hw_category1,
    hw_category2 = excluded.hw_category2, hw_manufacturer = excluded.hw_manufacturer, hw_model = excluded.hw_model,
    cloud_provider = excluded.cloud_provider, cloud_region = excluded.cloud_region,
    cloud_account_id = excluded.cloud_account_id, cloud_instance_id = excluded.cloud_instance_id,
    cloud_image_id = excluded.cloud_image_id, cloud_public_ip = excluded.cloud_public_ip,
    exposure_override = excluded.exposure_override, inventory_sources = excluded.inventory_sources,
    last_seen = excluded.last_seen, last_boot = excluded.last_boot, last_updated = now()
WHERE (t.external_id, t.name, t.hostname, t.fqdn, t.netbios_name, t.type, t.tracking_method, t.agent_id, t.os_id,
       t.hw_category1, t.hw_category2, t.hw_manufacturer, t.hw_model, t.cloud_provider, t.cloud_region,
       t.cloud_account_id, t.cloud_instance_id, t.cloud_image_id, t.cloud_public_ip, t.exposure_override,
       t.inventory_sources, t.last_seen, t.last_boot)
      IS DISTINCT FROM
      (excluded.external_id, excluded.name, excluded.hostname, excluded.fqdn, excluded.netbios_name, excluded.type,
       excluded.tracking_method, excluded.agent_id, excluded.os_id, excluded.hw_category1, excluded.hw_category2,
       excluded.hw_manufacturer, excluded.hw_model, excluded.cloud_provider, excluded.cloud_region,
       excluded.cloud_account_id, excluded.cloud_instance_id, excluded.cloud_image_id, excluded.cloud_public_ip,
       excluded.exposure_override, excluded.inventory_sources, excluded.last_seen, excluded.last_boot)
RETURNING id;

-- name: identities
INSERT INTO asset_identity AS t (kind, value, asset_id)
SELECT DISTINCT ON (kind, value) kind, value, asset_id FROM stage_identity
ON CONFLICT (kind, value) DO UPDATE SET asset_id = excluded.asset_id
WHERE t.asset_id <> excluded.asset_id;

-- name: interfaces
INSERT INTO asset_interface (asset_id, address, hostname, mac_address)
SELECT DISTINCT s.asset_id, s.address, s.hostname, s.mac_address FROM stage_interface s
WHERE NOT EXISTS (SELECT 1 FROM asset_interface i WHERE i.asset_id = s.asset_id
                  AND i.address IS NOT DISTINCT FROM s.address
                  AND i.hostname IS NOT DISTINCT FROM s.hostname
                  AND i.mac_address IS NOT DISTINCT FROM s.mac_address);

-- name: software_products
INSERT INTO software_product (name, version, publisher, category1, category2, lifecycle_stage, eol)
SELECT DISTINCT name, version, publisher, category1, category2, lifecycle_stage, eol FROM stage_software
ON CONFLICT DO NOTHING;

-- name: software_removed
-- Equality on coalesced columns (not IS NOT DISTINCT FROM) so the join can hash.
-- A report that states software is authoritative for the assets it covers.
DELETE FROM asset_software x
USING (SELECT DISTINCT id FROM stage_asset WHERE software_stated AND stale IS NOT TRUE) s
WHERE x.asset_id = s.id
  AND NOT EXISTS (SELECT 1 FROM stage_software ss JOIN software_product p
                      ON p.name = ss.name AND coalesce(p.version, '') = coalesce(ss.version, '')
                         AND coalesce(p.publisher, '') = coalesce(ss.publisher, '')
                         AND coalesce(p.category1, '') = coalesce(ss.category1, '')
                         AND coalesce(p.category2, '') = coalesce(ss.category2, '')
                         AND coalesce(p.lifecycle_stage, '') = coalesce(ss.lifecycle_stage, '')
                         AND coalesce(p.eol, '-infinity') = coalesce(ss.eol, '-infinity')
                  WHERE ss.asset_id = x.asset_id AND p.id = x.software_id);

-- name: software_added
INSERT INTO asset_software (asset_id, software_id)
SELECT DISTINCT ss.asset_id, p.id FROM stage_software ss JOIN software_product p
                      ON p.name = ss.name AND coalesce(p.version, '') = coalesce(ss.version, '')
                         AND coalesce(p.publisher, '') = coalesce(ss.publisher, '')
                         AND coalesce(p.category1, '') = coalesce(ss.category1, '')
                         AND coalesce(p.category2, '') = coalesce(ss.category2, '')
                         AND coalesce(p.lifecycle_stage, '') = coalesce(ss.lifecycle_stage, '')
                         AND coalesce(p.eol, '-infinity') = coalesce(ss.eol, '-infinity')
-- NOT IN over the few stale assets hashes them once; a correlated NOT EXISTS was planned as a nested loop over
-- the staged assets for every staged software row when the statistics said no asset was stale
WHERE ss.asset_id NOT IN (SELECT id FROM stage_asset WHERE stale)
ON CONFLICT DO NOTHING;

-- name: ports_removed
DELETE FROM asset_port x
USING (SELECT DISTINCT id FROM stage_asset WHERE ports_stated AND stale IS NOT TRUE) s
WHERE x.asset_id = s.id
  AND NOT EXISTS (SELECT 1 FROM stage_port p WHERE p.asset_id = x.asset_id AND p.port = x.port AND p.protocol = x.protocol);

-- name: ports_added
-- An asset the report created has no ports stored yet: a plain insert, without a speculative one per row.
INSERT INTO asset_port (asset_id, port, protocol, service_name)
SELECT DISTINCT ON (asset_id, port, protocol) asset_id, port, protocol, service_name FROM stage_port p
WHERE p.asset_id IN (SELECT id FROM stage_asset WHERE is_new)
ORDER BY asset_id, port, protocol, service_name NULLS LAST;

-- name: ports_upserted
INSERT INTO asset_port AS t (asset_id, port, protocol, service_name)
SELECT DISTINCT ON (asset_id, port, protocol) asset_id, port, protocol, service_name FROM stage_port p
WHERE p.asset_id IN (SELECT id FROM stage_asset WHERE NOT is_new)
  AND p.asset_id NOT IN (SELECT id FROM stage_asset WHERE stale)
ORDER BY asset_id, port, protocol, service_name NULLS LAST
ON CONFLICT (asset_id, port, protocol) DO UPDATE SET service_name = coalesce(excluded.service_name, t.service_name)
WHERE t.service_name IS DISTINCT FROM coalesce(excluded.service_name, t.service_name);

-- name: vulnerabilities
-- Sources describe the same vulnerability with more or less detail: keep what is known.
INSERT INTO vulnerability AS t (key, qid, title, severity, cves, cvss2, cvss3, cvss4, scanner_cvss, patch_available,
                                scanner_maturity, scanner_malware, scanner_epss)
SELECT DISTINCT ON (key) key, coalesce(qid, nextval('vulnerability_qid')), title, severity, coalesce(cves, '{}'),
       cvss2, cvss3, cvss4, scanner_cvss, patch_available, scanner_maturity, coalesce(scanner_malware, false), scanner_epss
FROM stage_vuln ORDER BY key
ON CONFLICT (key) DO UPDATE SET
    title = coalesce(excluded.title, t.title), severity = coalesce(excluded.severity, t.severity),
    cves = CASE WHEN cardinality(excluded.cves) > 0 THEN excluded.cves ELSE t.cves END,
    cvss2 = coalesce(excluded.cvss2, t.cvss2), cvss3 = coalesce(excluded.cvss3, t.cvss3),
    cvss4 = coalesce(excluded.cvss4, t.cvss4), scanner_cvss = coalesce(excluded.scanner_cvss, t.scanner_cvss),
    patch_available = coalesce(excluded.patch_available, t.patch_available),
    scanner_maturity = coalesce(excluded.scanner_maturity, t.scanner_maturity),
    scanner_malware = excluded.scanner_malware OR t.scanner_malware,
    scanner_epss = coalesce(excluded.scanner_epss, t.scanner_epss), updated_at = now()
WHERE (t.title, t.severity, t.cves, t.cvss2, t.cvss3, t.cvss4, t.scanner_cvss, t.patch_available, t.scanner_maturity,
       t.scanner_malware, t.scanner_epss)
      IS DISTINCT FROM
      (coalesce(excluded.title, t.title), coalesce(excluded.severity, t.severity),
       CASE WHEN cardinality(excluded.cves) > 0 THEN excluded.cves ELSE t.cves END,
       coalesce(excluded.cvss2, t.cvss2), coalesce(excluded.cvss3, t.cvss3), coalesce(excluded.cvss4, t.cvss4),
       coalesce(excluded.scanner_cvss, t.scanner_cvss), coalesce(excluded.patch_available, t.patch_available),
       coalesce(excluded.scanner_maturity, t.scanner_maturity), excluded.scanner_malware OR t.scanner_malware,
       coalesce(excluded.scanner_epss, t.scanner_epss))
RETURNING id, (xmax = 0) AS created;

-- name: found_staged
-- What the report found, one row per staged detection, with the values the lifecycle records: observed_at is when
-- the report looked; a detection it states FIXED was last found when the report says (or then), and its fixed_at
-- is that look, so that later reports are ordered against it.
CREATE TEMP VIEW found_staged AS
SELECT s.seq, s.observed_at, s.asset_id, v.id AS vulnerability_id, s.port, s.protocol, s.type,
       coalesce(s.status, 'NEW') AS status, least(coalesce(s.first_found, s.found), s.found) AS first_found,
       s.found AS last_found, CASE WHEN s.status = 'FIXED' THEN s.observed_at END AS fixed_at, s.results
FROM (SELECT *, CASE WHEN status = 'FIXED' THEN least(coalesce(last_found, observed_at), observed_at) ELSE observed_at END AS found
      FROM stage_detection) s
JOIN vulnerability v ON v.key = s.vuln_key;

-- name: found_as_staged
-- The session staged each asset's detections once (a host's repeats reduced to the newest, and no two hosts of
-- the report resolved to one asset), so there is nothing to sort out.
CREATE TEMP VIEW found_detection AS SELECT * FROM found_staged;

-- name: found_deduplicated
-- Two hosts of the report are one asset: where both found the same thing, the newer observation counts.
CREATE TEMP TABLE found_detection ON COMMIT DROP AS
SELECT DISTINCT ON (asset_id, vulnerability_id, port) * FROM found_staged
ORDER BY asset_id, vulnerability_id, port, observed_at DESC, seq DESC;

-- name: detections_seen_again
-- The lifecycle: first seen NEW; seen in a newer report ACTIVE; seen after being fixed REOPENED. A status the
-- report states wins. An observation no newer than what is stored (a re-import, an older report) changes nothing.
WITH seen AS (
UPDATE detection d SET
    status = CASE WHEN f.status <> 'NEW' OR f.fixed_at IS NOT NULL THEN f.status
                  WHEN d.status = 'FIXED' THEN 'REOPENED'
                  WHEN d.status = 'NEW' THEN 'ACTIVE'
                  ELSE d.status END,
    fixed_at = CASE WHEN f.status = 'FIXED' THEN f.fixed_at END,
    last_found = greatest(d.last_found, f.last_found),
    first_found = least(d.first_found, f.first_found),
    times_found = d.times_found + CASE WHEN f.status = 'FIXED' THEN 0 ELSE 1 END,
    protocol = coalesce(f.protocol, d.protocol),
    type = f.type, source = :source,
    results = coalesce(f.results, d.results)
FROM found_detection f
WHERE d.asset_id = f.asset_id AND d.vulnerability_id = f.vulnerability_id AND d.port = f.port
  AND coalesce(f.fixed_at, f.last_found) > greatest(d.last_found, coalesce(d.fixed_at, '-infinity'))
RETURNING d.asset_id, d.type, d.status)
-- grouped: a large report touches millions of detections but far fewer assets; the counts feed the summary
SELECT asset_id, type, status, count(*) FROM seen GROUP BY 1, 2, 3;

-- name: detections_new
-- A plain insert, not INSERT … ON CONFLICT: imports run one at a time (the import lock), the statement before
-- updated every detection already stored, and a speculative insertion costs a third more per row.
WITH added AS (
INSERT INTO detection (asset_id, vulnerability_id, port, protocol, source, type, status, first_found, last_found,
                       fixed_at, results)
SELECT f.asset_id, f.vulnerability_id, f.port, f.protocol, :source, f.type, f.status, f.first_found, f.last_found,
       f.fixed_at, f.results
FROM found_detection f
WHERE NOT EXISTS (SELECT 1 FROM detection d
                  WHERE d.asset_id = f.asset_id AND d.vulnerability_id = f.vulnerability_id AND d.port = f.port)
RETURNING asset_id, type, status)
SELECT asset_id, type, status, count(*) FROM added GROUP BY 1, 2, 3;

-- name: fixed_by_absence
-- A complete report is a snapshot of the hosts it covers: what this source no longer sees there is fixed,
-- unless something newer than this report saw it. An asset the report created has only what the report found.
WITH fixed AS (
UPDATE detection d SET status = 'FIXED', fixed_at = :reportTime
WHERE d.asset_id IN (SELECT id FROM stage_asset WHERE NOT is_new)
  AND d.source = :source
  AND d.status <> 'FIXED'
  AND d.last_found < :reportTime
  AND NOT EXISTS (SELECT 1 FROM found_detection f
                  WHERE f.asset_id = d.asset_id AND f.vulnerability_id = d.vulnerability_id AND f.port = d.port)
RETURNING d.asset_id)
SELECT DISTINCT asset_id FROM fixed;

-- name: tags_created
INSERT INTO tag (name)
SELECT DISTINCT ON (lower(name)) name FROM stage_tag s
WHERE NOT EXISTS (SELECT 1 FROM tag t WHERE lower(t.name) = lower(s.name))
ON CONFLICT DO NOTHING;

-- name: tags_assigned
INSERT INTO asset_tag (asset_id, tag_id, source)
SELECT DISTINCT s.asset_id, t.id, 'static' FROM stage_tag s JOIN tag t ON lower(t.name) = lower(s.name)
WHERE t.rule_type = 'STATIC'
ON CONFLICT DO NOTHING
RETURNING asset_id;

-- name: exposure
-- Internet-facing: a public cloud address, or any interface outside private, loopback, link-local and
-- carrier-grade NAT space; a user's mark wins.
UPDATE asset a SET externally_exposed = x.exposed
FROM (SELECT a.id,
             coalesce(a.exposure_override,
                      a.cloud_public_ip IS NOT NULL
                      OR EXISTS (SELECT 1 FROM asset_interface i
                                 WHERE i.asset_id = a.id AND i.address IS NOT NULL
                                   AND NOT i.address <<= ANY ('{10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,127.0.0.0/8,169.254.0.0/16,100.64.0.0/10,0.0.0.0/8,::1/128,fc00::/7,fe80::/10}'::inet[]))) AS exposed
      FROM asset a WHERE a.id IN (SELECT id FROM stage_asset)) x
WHERE a.id = x.id AND a.externally_exposed IS DISTINCT FROM x.exposed;
