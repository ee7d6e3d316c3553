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

-- Arguments: what a row is ('detection'), then for each reference its column, the table it refers to (by id)
-- and what that table holds ('asset').
CREATE FUNCTION references_exist() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    missing bigint;
    i int := 1;
BEGIN
    WHILE i < TG_NARGS LOOP
        EXECUTE format('SELECT 1 FROM %I WHERE id IN (SELECT %I FROM added) FOR KEY SHARE', TG_ARGV[i + 1], TG_ARGV[i]);
        EXECUTE format('SELECT x.ref FROM (SELECT DISTINCT %I AS ref FROM added) x
                        WHERE NOT EXISTS (SELECT 1 FROM %I t WHERE t.id = x.ref) LIMIT 1', TG_ARGV[i], TG_ARGV[i + 1])
            INTO missing;
        IF missing IS NOT NULL THEN
            RAISE EXCEPTION '% refers to % %, which does not exist', TG_ARGV[0], TG_ARGV[i + 2], missing
                USING ERRCODE = 'foreign_key_violation';
        END IF;
        i := i + 3;
    END LOOP;
    RETURN NULL;
END $$;

CREATE TRIGGER detection_references AFTER INSERT ON detection REFERENCING NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION references_exist('detection', 'asset_id', 'asset', 'asset',
                                                         'vulnerability_id', 'vulnerability', 'vulnerability');
CREATE TRIGGER asset_software_references AFTER INSERT ON asset_software REFERENCING NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION references_exist('software link', 'asset_id', 'asset', 'asset',
                                                         'software_id', 'software_product', 'software product');
CREATE TRIGGER asset_port_references AFTER INSERT ON asset_port REFERENCING NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION references_exist('open port', 'asset_id', 'asset', 'asset');

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

-- Arguments: the table that refers to the deleted rows, its column, and the error's words after the id.
CREATE FUNCTION unreferenced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    used bigint;
BEGIN
    EXECUTE format('SELECT r.%I FROM %I r WHERE r.%I IN (SELECT id FROM gone) LIMIT 1', TG_ARGV[1], TG_ARGV[0], TG_ARGV[1])
        INTO used;
    IF used IS NOT NULL THEN
        RAISE EXCEPTION '% % %', TG_TABLE_NAME, used, TG_ARGV[2] USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER vulnerability_references AFTER DELETE ON vulnerability REFERENCING OLD TABLE AS gone
    FOR EACH STATEMENT EXECUTE FUNCTION unreferenced('detection', 'vulnerability_id', 'still has detections');
CREATE TRIGGER software_product_references AFTER DELETE ON software_product REFERENCING OLD TABLE AS gone
    FOR EACH STATEMENT EXECUTE FUNCTION unreferenced('asset_software', 'software_id', 'is still installed on assets');
