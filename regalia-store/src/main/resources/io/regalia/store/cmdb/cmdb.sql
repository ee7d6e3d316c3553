-- name: business_fields
-- An asset's business columns, for QQL: every application it runs, most critical first; their distinct
-- owners in that order; the criticality of the most critical one. Assets that left every application
-- are cleared. Writes only where a value changes.
WITH apps AS (
    SELECT at.asset_id, ca.name, ca.owner, ca.criticality,
           row_number() OVER (PARTITION BY at.asset_id
                              ORDER BY t.criticality_score DESC NULLS LAST, lower(ca.name), ca.tag_id) AS rank
    FROM asset_tag at
    JOIN cmdb_application ca ON ca.tag_id = at.tag_id
    JOIN tag t ON t.id = ca.tag_id
), owners AS (
    SELECT asset_id, string_agg(owner, ', ' ORDER BY rank) AS owner
    FROM (SELECT asset_id, owner, min(rank) AS rank FROM apps WHERE owner IS NOT NULL GROUP BY asset_id, owner) o
    GROUP BY asset_id
), business AS (
    SELECT a.asset_id,
           string_agg(a.name, ', ' ORDER BY a.rank) AS application,
           (array_agg(a.criticality ORDER BY a.rank) FILTER (WHERE a.criticality IS NOT NULL))[1] AS criticality
    FROM apps a GROUP BY a.asset_id
), target AS (
    SELECT s.id, b.application, o.owner, b.criticality
    FROM asset s
    LEFT JOIN business b ON b.asset_id = s.id
    LEFT JOIN owners o ON o.asset_id = s.id
    WHERE b.asset_id IS NOT NULL
       OR s.business_application IS NOT NULL OR s.business_owner IS NOT NULL OR s.business_criticality IS NOT NULL
)
UPDATE asset a
SET business_application = t.application, business_owner = t.owner, business_criticality = t.criticality,
    last_updated = now()
FROM target t
WHERE a.id = t.id
  AND (a.business_application, a.business_owner, a.business_criticality)
      IS DISTINCT FROM (t.application, t.owner, t.criticality);

-- name: managed
-- The tags a sync maintains, with what the CMDB last said about their application.
SELECT ca.tag_id, t.name AS tag_name, ca.name, ca.sys_id, ca.criticality, ca.owner, t.criticality_score
FROM cmdb_application ca JOIN tag t ON t.id = ca.tag_id
ORDER BY lower(t.name);

-- name: remember
INSERT INTO cmdb_application AS c (tag_id, name, sys_id, criticality, owner)
VALUES (:tag, :name, :sysId, :criticality, :owner)
ON CONFLICT (tag_id) DO UPDATE SET name = excluded.name, sys_id = excluded.sys_id, criticality = excluded.criticality,
                                   owner = excluded.owner, updated = now()
WHERE (c.name, c.sys_id, c.criticality, c.owner)
      IS DISTINCT FROM (excluded.name, excluded.sys_id, excluded.criticality, excluded.owner);

-- name: scores
SELECT id, coalesce(name, hostname, fqdn, netbios_name, id::text) AS name, criticality_score, risk_score
FROM asset WHERE id = ANY(:ids);
