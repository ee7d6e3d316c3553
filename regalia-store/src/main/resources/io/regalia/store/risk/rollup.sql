-- name: group
-- The organization (:tag null) or the assets of one tag. Mirrors io.regalia.core.risk.RiskRollup: the mean is rounded half up on numeric.
SELECT r.assets, r.mean, r.max, r.severe, r.high, r.medium, r.low,
       coalesce(d.critical, 0), coalesce(d.high, 0), coalesce(d.medium, 0), coalesce(d.low, 0)
FROM (SELECT count(*) AS assets, coalesce(round(avg(risk_score)), 0)::int AS mean, coalesce(max(risk_score), 0) AS max,
             count(*) FILTER (WHERE risk_score >= 850) AS severe,
             count(*) FILTER (WHERE risk_score BETWEEN 700 AND 849) AS high,
             count(*) FILTER (WHERE risk_score BETWEEN 500 AND 699) AS medium,
             count(*) FILTER (WHERE risk_score < 500) AS low
      FROM asset a
      WHERE cast(:tag AS bigint) IS NULL
         OR EXISTS (SELECT 1 FROM asset_tag t WHERE t.asset_id = a.id AND t.tag_id = cast(:tag AS bigint))) r,
     (SELECT count(*) FILTER (WHERE v.qds_band = 0) AS critical, count(*) FILTER (WHERE v.qds_band = 1) AS high,
             count(*) FILTER (WHERE v.qds_band = 2) AS medium, count(*) FILTER (WHERE v.qds_band = 3) AS low
      FROM detection d JOIN vulnerability v ON v.id = d.vulnerability_id
      WHERE d.status <> 'FIXED' AND d.type <> 'INFO' AND v.qds IS NOT NULL
        AND (cast(:tag AS bigint) IS NULL
             OR EXISTS (SELECT 1 FROM asset_tag t WHERE t.asset_id = d.asset_id AND t.tag_id = cast(:tag AS bigint)))) d;

-- name: snapshot
WITH now AS (SELECT now() AS at),
open AS (
    SELECT d.asset_id, v.qds_band AS band, count(*) AS n
    FROM detection d JOIN vulnerability v ON v.id = d.vulnerability_id
    WHERE d.status <> 'FIXED' AND d.type <> 'INFO' AND v.qds IS NOT NULL
    GROUP BY d.asset_id, v.qds_band
), per_asset AS (
    SELECT a.id, a.risk_score,
           coalesce(sum(o.n) FILTER (WHERE o.band = 0), 0) AS c, coalesce(sum(o.n) FILTER (WHERE o.band = 1), 0) AS h,
           coalesce(sum(o.n) FILTER (WHERE o.band = 2), 0) AS m, coalesce(sum(o.n) FILTER (WHERE o.band = 3), 0) AS l
    FROM asset a LEFT JOIN open o ON o.asset_id = a.id GROUP BY a.id, a.risk_score
), groups AS (
    SELECT NULL::bigint AS tag_id, p.* FROM per_asset p
    UNION ALL
    SELECT at.tag_id, p.* FROM per_asset p JOIN asset_tag at ON at.asset_id = p.id
)
INSERT INTO risk_snapshot (taken_at, tag_id, assets, mean_risk, max_risk, severe, high, medium, low,
                           qds_critical, qds_high, qds_medium, qds_low)
SELECT (SELECT at FROM now), tag_id, count(*), round(avg(risk_score))::int, max(risk_score),
       count(*) FILTER (WHERE risk_score >= 850), count(*) FILTER (WHERE risk_score BETWEEN 700 AND 849),
       count(*) FILTER (WHERE risk_score BETWEEN 500 AND 699), count(*) FILTER (WHERE risk_score < 500),
       sum(c), sum(h), sum(m), sum(l)
FROM groups GROUP BY tag_id;

-- name: prioritization
-- Open, scored detections a CVSS cut would flag versus those the detection score flags (spec §5).
SELECT count(*) FILTER (WHERE v.cvss_score >= 9.0) AS cvss9, count(*) FILTER (WHERE v.qds >= 90) AS qds90,
       count(*) FILTER (WHERE v.cvss_score >= 7.0) AS cvss7, count(*) FILTER (WHERE v.qds >= 70) AS qds70
FROM detection d JOIN vulnerability v ON v.id = d.vulnerability_id
WHERE d.status <> 'FIXED' AND d.type <> 'INFO' AND v.qds IS NOT NULL
  AND (cast(:tag AS bigint) IS NULL
       OR EXISTS (SELECT 1 FROM asset_tag t WHERE t.asset_id = d.asset_id AND t.tag_id = cast(:tag AS bigint)));
