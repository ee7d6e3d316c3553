-- An import writes a report's detections, software links and open ports, millions of rows, with ids it has just
-- resolved. A foreign key checks and locks the referenced row once per written row: two lookups per detection
-- and software link, a quarter of a large import. These triggers keep the same guarantees per statement instead:
-- each referenced row is locked (FOR KEY SHARE, as a foreign key does) and checked once, a deleted asset takes
-- its detections, software and ports with it, and a vulnerability or software product still referred to cannot
-- be deleted. Keys of existing rows do not change.
ALTER TABLE detection DROP CONSTRAINT detection_asset_id_fkey,
                      DROP CONSTRAINT detection_vulnerability_id_fkey;
ALTER TABLE asset_software DROP CONSTRAINT asset_software_asset_id_fkey,
                           DROP CONSTRAINT asset_software_software_id_fkey;
ALTER TABLE asset_port DROP CONSTRAINT asset_port_asset_id_fkey;

CREATE FUNCTION detection_references_exist() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    missing bigint;
BEGIN
    PERFORM 1 FROM asset WHERE id IN (SELECT asset_id FROM added) FOR KEY SHARE;
    PERFORM 1 FROM vulnerability WHERE id IN (SELECT vulnerability_id FROM added) FOR KEY SHARE;
    SELECT x.asset_id INTO missing FROM (SELECT DISTINCT asset_id FROM added) x
    WHERE NOT EXISTS (SELECT 1 FROM asset a WHERE a.id = x.asset_id) LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'detection refers to asset %, which does not exist', missing
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    SELECT x.vulnerability_id INTO missing FROM (SELECT DISTINCT vulnerability_id FROM added) x
    WHERE NOT EXISTS (SELECT 1 FROM vulnerability v WHERE v.id = x.vulnerability_id) LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'detection refers to vulnerability %, which does not exist', missing
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER detection_references AFTER INSERT ON detection
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION detection_references_exist();

CREATE FUNCTION asset_software_references_exist() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    missing bigint;
BEGIN
    PERFORM 1 FROM asset WHERE id IN (SELECT asset_id FROM added) FOR KEY SHARE;
    PERFORM 1 FROM software_product WHERE id IN (SELECT software_id FROM added) FOR KEY SHARE;
    SELECT x.asset_id INTO missing FROM (SELECT DISTINCT asset_id FROM added) x
    WHERE NOT EXISTS (SELECT 1 FROM asset a WHERE a.id = x.asset_id) LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'software link refers to asset %, which does not exist', missing
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    SELECT x.software_id INTO missing FROM (SELECT DISTINCT software_id FROM added) x
    WHERE NOT EXISTS (SELECT 1 FROM software_product p WHERE p.id = x.software_id) LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'software link refers to software product %, which does not exist', missing
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER asset_software_references AFTER INSERT ON asset_software
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION asset_software_references_exist();

CREATE FUNCTION asset_port_references_exist() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    missing bigint;
BEGIN
    PERFORM 1 FROM asset WHERE id IN (SELECT asset_id FROM added) FOR KEY SHARE;
    SELECT x.asset_id INTO missing FROM (SELECT DISTINCT asset_id FROM added) x
    WHERE NOT EXISTS (SELECT 1 FROM asset a WHERE a.id = x.asset_id) LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'open port refers to asset %, which does not exist', missing
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER asset_port_references AFTER INSERT ON asset_port
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION asset_port_references_exist();

CREATE FUNCTION reference_key_unchanged() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the keys of % rows do not change', TG_TABLE_NAME USING ERRCODE = 'foreign_key_violation';
END $$;

CREATE TRIGGER detection_keys BEFORE UPDATE OF asset_id, vulnerability_id ON detection FOR EACH ROW
    WHEN (OLD.asset_id <> NEW.asset_id OR OLD.vulnerability_id <> NEW.vulnerability_id)
    EXECUTE FUNCTION reference_key_unchanged();
CREATE TRIGGER asset_software_keys BEFORE UPDATE OF asset_id, software_id ON asset_software FOR EACH ROW
    WHEN (OLD.asset_id <> NEW.asset_id OR OLD.software_id <> NEW.software_id)
    EXECUTE FUNCTION reference_key_unchanged();
CREATE TRIGGER asset_port_keys BEFORE UPDATE OF asset_id ON asset_port FOR EACH ROW
    WHEN (OLD.asset_id <> NEW.asset_id) EXECUTE FUNCTION reference_key_unchanged();
CREATE TRIGGER asset_key BEFORE UPDATE OF id ON asset FOR EACH ROW WHEN (OLD.id <> NEW.id)
    EXECUTE FUNCTION reference_key_unchanged();
CREATE TRIGGER vulnerability_key BEFORE UPDATE OF id ON vulnerability FOR EACH ROW WHEN (OLD.id <> NEW.id)
    EXECUTE FUNCTION reference_key_unchanged();
CREATE TRIGGER software_product_key BEFORE UPDATE OF id ON software_product FOR EACH ROW WHEN (OLD.id <> NEW.id)
    EXECUTE FUNCTION reference_key_unchanged();

CREATE FUNCTION asset_dependents_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM detection WHERE asset_id IN (SELECT id FROM gone);
    DELETE FROM asset_software WHERE asset_id IN (SELECT id FROM gone);
    DELETE FROM asset_port WHERE asset_id IN (SELECT id FROM gone);
    RETURN NULL;
END $$;

CREATE TRIGGER asset_dependents AFTER DELETE ON asset
    REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION asset_dependents_deleted();

CREATE FUNCTION vulnerability_unreferenced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    used bigint;
BEGIN
    SELECT d.vulnerability_id INTO used FROM detection d WHERE d.vulnerability_id IN (SELECT id FROM gone) LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'vulnerability % still has detections', used USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER vulnerability_references AFTER DELETE ON vulnerability
    REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION vulnerability_unreferenced();

CREATE FUNCTION software_product_unreferenced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    used bigint;
BEGIN
    SELECT s.software_id INTO used FROM asset_software s WHERE s.software_id IN (SELECT id FROM gone) LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'software product % is still installed on assets', used
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER software_product_references AFTER DELETE ON software_product
    REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION software_product_unreferenced();
