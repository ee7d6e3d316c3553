-- Every scan of a host rewrites each of its open detections (status, last_found, times_found), and none of the
-- columns it rewrites is indexed. With half of each page kept free, the new version of a row fits beside the old
-- one: a heap-only update that writes none of the three indexes. A full page sends every new version to another
-- page and into every index; the table then reaches this size anyway, as the old versions are vacuumed away.
ALTER TABLE detection SET (fillfactor = 50);
