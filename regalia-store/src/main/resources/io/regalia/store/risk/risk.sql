-- name: acs
-- ACS = highest criticality among the asset's tags, the model's default when none is scored.
-- Mirrors io.regalia.core.risk (Acs). Writes only where the value changes.
UPDATE asset a SET criticality_score = x.acs
FROM (SELECT a.id, coalesce(max(t.criticality_score), :defaultAcs) AS acs
      FROM asset a
      LEFT JOIN asset_tag at ON at.asset_id = a.id
      LEFT JOIN tag t ON t.id = at.tag_id
      WHERE /*assets*/
      GROUP BY a.id) x
WHERE a.id = x.id AND a.criticality_score IS DISTINCT FROM x.acs;

-- name: truerisk_scores
-- TruRisk of each asset from per-band count and integer QDS sum, the shape PostgreSQL aggregates fastest.
-- Mirrors io.regalia.core.risk TruRisk v1 and v2 (a parity test runs both); rounding is half up.
WITH agg AS (
    SELECT d.asset_id, v.qds_band AS band, count(*) AS n, sum(v.qds) AS s, max(v.qds) AS top
    FROM detection d JOIN vulnerability v ON v.id = d.vulnerability_id
    WHERE d.status <> 'FIXED' AND d.type <> 'INFO' AND v.qds IS NOT NULL /*detections*/
    GROUP BY d.asset_id, v.qds_band
), raw AS (
    SELECT asset_id,
           sum(CASE band WHEN 0 THEN :w1c WHEN 1 THEN :w1h WHEN 2 THEN :w1m ELSE :w1l END
               * (s::float8 / n) * power(n::float8, 0.01)) AS v1,
           max(top) AS top,
           sum(CASE band WHEN 0 THEN :w2c WHEN 1 THEN :w2h WHEN 2 THEN :w2m ELSE :w2l END * n) AS v2
    FROM agg GROUP BY asset_id
), score AS (
    SELECT a.id,
           CASE WHEN r.asset_id IS NULL THEN 0
                ELSE least(1000, floor(a.criticality_score
                                       * CASE WHEN a.externally_exposed THEN :exposure ELSE 1.0 END
                                       * CASE WHEN :v2 THEN r.top * CASE WHEN r.top >= 90 THEN :g90
                                                                         WHEN r.top >= 70 THEN :g70
                                                                         ELSE 1.0 END + r.v2
                                              ELSE r.v1 END
                                       + 0.5))::int
           END AS risk
    FROM asset a LEFT JOIN raw r ON r.asset_id = a.id
    WHERE /*assets*/
)
SELECT id, risk FROM score;

-- name: truerisk_touched
-- A few assets: one statement that writes only what changed.
WITH score AS (/*scores*/)
UPDATE asset a SET risk_score = score.risk FROM score
WHERE a.id = score.id AND a.risk_score <> score.risk;

-- name: truerisk_all_compute
-- Every asset: PostgreSQL runs no data-modifying statement in parallel, so the aggregate over all
-- detections is computed first by a CREATE TABLE AS, which may run in parallel ...
CREATE TEMP TABLE truerisk_score ON COMMIT DROP AS /*scores*/;

-- name: truerisk_all_write
-- ... and then written where it changed.
UPDATE asset a SET risk_score = s.risk FROM truerisk_score s WHERE a.id = s.id AND a.risk_score <> s.risk;

-- name: bands
-- Per-band aggregates of one asset, for its explanation.
SELECT v.qds_band AS band, count(*) AS n, sum(v.qds) AS s, max(v.qds) AS top
FROM detection d JOIN vulnerability v ON v.id = d.vulnerability_id
WHERE d.asset_id = :asset AND d.status <> 'FIXED' AND d.type <> 'INFO' AND v.qds IS NOT NULL
GROUP BY v.qds_band ORDER BY v.qds_band;
