-- The reference check of V5 read a statement's transition table four times for a detection insert (lock, then
-- look for a missing row, for each of two references), each pass hashing a million rows that had spilled to
-- disk. Now each reference reads it once: its distinct ids go into an array, the referenced rows are locked
-- through the index, and only when fewer are found than were named is the missing one looked for.
CREATE OR REPLACE FUNCTION references_exist() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    refs bigint[];
    locked bigint;
    missing bigint;
    i int := 1;
BEGIN
    WHILE i < TG_NARGS LOOP
        EXECUTE format('SELECT array_agg(DISTINCT %I) FROM added', TG_ARGV[i]) INTO refs;
        EXECUTE format('SELECT count(*) FROM (SELECT 1 FROM %I WHERE id = ANY($1) FOR KEY SHARE) l', TG_ARGV[i + 1])
            INTO locked USING refs;
        IF locked < coalesce(cardinality(refs), 0) THEN
            EXECUTE format('SELECT r FROM unnest($1) r WHERE NOT EXISTS (SELECT 1 FROM %I t WHERE t.id = r) LIMIT 1',
                           TG_ARGV[i + 1])
                INTO missing USING refs;
            RAISE EXCEPTION '% refers to % %, which does not exist', TG_ARGV[0], TG_ARGV[i + 2], missing
                USING ERRCODE = 'foreign_key_violation';
        END IF;
        i := i + 3;
    END LOOP;
    RETURN NULL;
END $$;
