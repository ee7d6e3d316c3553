-- name: kev
-- The catalog replaces the previous one: listed CVEs get its facts, CVEs it no longer lists lose them.
WITH s AS (SELECT DISTINCT ON (id) * FROM stage_kev ORDER BY id, date_added),
upserted AS (
    INSERT INTO cve AS c (id, kev_date_added, kev_due_date, kev_ransomware, kev_vendor, kev_product)
    SELECT id, date_added, due, coalesce(ransomware, false), vendor, product FROM s
    ON CONFLICT (id) DO UPDATE SET kev_date_added = excluded.kev_date_added, kev_due_date = excluded.kev_due_date,
        kev_ransomware = excluded.kev_ransomware, kev_vendor = excluded.kev_vendor, kev_product = excluded.kev_product
    WHERE (c.kev_date_added, c.kev_due_date, c.kev_ransomware, c.kev_vendor, c.kev_product)
          IS DISTINCT FROM (excluded.kev_date_added, excluded.kev_due_date, excluded.kev_ransomware, excluded.kev_vendor, excluded.kev_product)
    RETURNING c.id),
cleared AS (
    UPDATE cve c SET kev_date_added = NULL, kev_due_date = NULL, kev_ransomware = false, kev_vendor = NULL, kev_product = NULL
    WHERE c.kev_date_added IS NOT NULL AND NOT EXISTS (SELECT 1 FROM s WHERE s.id = c.id)
    RETURNING c.id)
SELECT id FROM upserted UNION SELECT id FROM cleared;

-- name: epss
WITH s AS (SELECT DISTINCT ON (id) * FROM stage_epss ORDER BY id),
upserted AS (
    INSERT INTO cve AS c (id, epss, epss_percentile) SELECT id, epss, percentile FROM s
    ON CONFLICT (id) DO UPDATE SET epss = excluded.epss, epss_percentile = excluded.epss_percentile
    WHERE (c.epss, c.epss_percentile) IS DISTINCT FROM (excluded.epss, excluded.epss_percentile)
    RETURNING c.id),
cleared AS (
    UPDATE cve c SET epss = NULL, epss_percentile = NULL
    WHERE c.epss IS NOT NULL AND NOT EXISTS (SELECT 1 FROM s WHERE s.id = c.id)
    RETURNING c.id)
SELECT id FROM upserted UNION SELECT id FROM cleared;

-- name: nvd
-- NVD records update the CVEs they describe; a CVE absent from this load keeps what an earlier load said.
WITH s AS (SELECT DISTINCT ON (id) * FROM stage_nvd ORDER BY id)
INSERT INTO cve AS c (id, cvss2, cvss3, cvss4, published, cwes, exploit_ref)
SELECT id, cvss2, cvss3, cvss4, published, cwes, coalesce(exploit_ref, false) FROM s
ON CONFLICT (id) DO UPDATE SET cvss2 = excluded.cvss2, cvss3 = excluded.cvss3, cvss4 = excluded.cvss4,
    published = excluded.published, cwes = excluded.cwes, exploit_ref = excluded.exploit_ref
WHERE (c.cvss2, c.cvss3, c.cvss4, c.published, c.cwes, c.exploit_ref)
      IS DISTINCT FROM (excluded.cvss2, excluded.cvss3, excluded.cvss4, excluded.published, excluded.cwes, excluded.exploit_ref)
RETURNING c.id;
