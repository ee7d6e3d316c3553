-- CMDB sync: business criticality mapping, the applications the sync manages, and the record of each sync.

-- ServiceNow business criticality → ACS. Every change is a new version row; the newest is current.
-- entries: {"<criticality as the CMDB spells it>": <ACS 1-5>}; a value not listed gives no score.
CREATE TABLE cmdb_criticality_mapping (
    version  serial PRIMARY KEY,
    entries  jsonb NOT NULL CHECK (jsonb_typeof(entries) = 'object'),
    actor    text NOT NULL,
    created  timestamptz NOT NULL DEFAULT now()
);
INSERT INTO cmdb_criticality_mapping (entries, actor) VALUES (
    '{"1 - most critical": 5, "2 - somewhat critical": 4, "3 - less critical": 3, "4 - not critical": 2}', 'default');

-- One row per "Business: <application>" tag a sync maintains; the tag's criticality follows the mapping.
CREATE TABLE cmdb_application (
    tag_id      bigint PRIMARY KEY REFERENCES tag (id) ON DELETE CASCADE,
    name        text NOT NULL,
    sys_id      text,
    criticality text,
    owner       text,
    updated     timestamptz NOT NULL DEFAULT now()
);

-- Every sync that was meant to change something (dry runs are not recorded), with its outcome and report.
CREATE TABLE cmdb_sync (
    id          bigserial PRIMARY KEY,
    source      text NOT NULL,
    started_at  timestamptz NOT NULL,
    finished_at timestamptz NOT NULL,
    outcome     text NOT NULL CHECK (outcome IN ('SUCCEEDED', 'FAILED')),
    error       text,
    report      jsonb
);
CREATE INDEX cmdb_sync_finished ON cmdb_sync (finished_at DESC, id DESC);
