-- Regalia's model. Forward-only: never edit a released migration, add a new one.

CREATE TABLE regalia_meta (
    key   text PRIMARY KEY,
    value text NOT NULL
);

-- Dictionaries: repeated strings stored once, searched first, joined by id.
CREATE TABLE os_release (
    id              serial PRIMARY KEY,
    name            text NOT NULL,
    version         text,
    publisher       text,
    category1       text,
    category2       text,
    lifecycle_stage text,
    eol             date,
    eos             date,
    UNIQUE NULLS NOT DISTINCT (name, version, publisher, category1, category2, lifecycle_stage, eol, eos)
);

CREATE TABLE software_product (
    id              serial PRIMARY KEY,
    name            text NOT NULL,
    version         text,
    publisher       text,
    category1       text,
    category2       text,
    lifecycle_stage text,
    eol             date,
    UNIQUE NULLS NOT DISTINCT (name, version, publisher, category1, category2, lifecycle_stage, eol)
);
CREATE INDEX software_product_name ON software_product (lower(name));

CREATE TABLE asset (
    id                   bigserial PRIMARY KEY,
    external_id          text,
    name                 text,
    hostname             text,
    fqdn                 text,
    netbios_name         text,
    type                 text NOT NULL DEFAULT 'HOST'
                         CHECK (type IN ('HOST','CLOUD_INSTANCE','CONTAINER','NETWORK_DEVICE','WEB_APP','UNKNOWN')),
    tracking_method      text NOT NULL DEFAULT 'IP'
                         CHECK (tracking_method IN ('IP','DNSNAME','NETBIOS','AGENT','INSTANCE_ID')),
    agent_id             text,
    os_id                int REFERENCES os_release (id),
    hw_category1         text,
    hw_category2         text,
    hw_manufacturer      text,
    hw_model             text,
    cloud_provider       text CHECK (cloud_provider IN ('AWS','AZURE','GCP','OCI','IBM')),
    cloud_region         text,
    cloud_account_id     text,
    cloud_instance_id    text,
    cloud_image_id       text,
    cloud_public_ip      inet,
    exposure_override    boolean,
    externally_exposed   boolean NOT NULL DEFAULT false,
    business_application text,
    business_owner       text,
    business_criticality text,
    inventory_sources    text[] NOT NULL DEFAULT '{}',
    created              timestamptz NOT NULL DEFAULT now(),
    last_updated         timestamptz NOT NULL DEFAULT now(),
    last_seen            timestamptz,
    last_boot            timestamptz,
    criticality_score    smallint NOT NULL DEFAULT 2 CHECK (criticality_score BETWEEN 1 AND 5),
    risk_score           int NOT NULL DEFAULT 0 CHECK (risk_score BETWEEN 0 AND 1000)
);
CREATE INDEX asset_risk ON asset (risk_score DESC, id);

-- How hosts in reports are recognised as assets; kinds ranked strongest first (see IdentityKind).
CREATE TABLE asset_identity (
    kind     text   NOT NULL,
    value    text   NOT NULL,
    asset_id bigint NOT NULL REFERENCES asset (id) ON DELETE CASCADE,
    PRIMARY KEY (kind, value)
);
CREATE INDEX asset_identity_asset ON asset_identity (asset_id);

CREATE TABLE asset_interface (
    asset_id    bigint NOT NULL REFERENCES asset (id) ON DELETE CASCADE,
    address     inet,
    hostname    text,
    mac_address text
);
CREATE INDEX asset_interface_asset ON asset_interface (asset_id);
CREATE INDEX asset_interface_address ON asset_interface USING gist (address inet_ops);

CREATE TABLE asset_software (
    asset_id    bigint NOT NULL REFERENCES asset (id) ON DELETE CASCADE,
    software_id int    NOT NULL REFERENCES software_product (id),
    PRIMARY KEY (asset_id, software_id)
);
CREATE INDEX asset_software_product ON asset_software (software_id);

CREATE TABLE asset_port (
    asset_id     bigint NOT NULL REFERENCES asset (id) ON DELETE CASCADE,
    port         int    NOT NULL CHECK (port BETWEEN 0 AND 65535),
    protocol     text   NOT NULL CHECK (protocol IN ('TCP','UDP')),
    service_name text,
    PRIMARY KEY (asset_id, port, protocol)
);

-- Threat intelligence per CVE, from KEV, EPSS and NVD.
CREATE TABLE cve (
    id               text PRIMARY KEY,
    cvss2            text,
    cvss3            text,
    cvss4            text,
    published        date,
    cwes             text[],
    exploit_ref      boolean NOT NULL DEFAULT false,
    epss             double precision,
    epss_percentile  double precision,
    kev_date_added   date,
    kev_due_date     date,
    kev_ransomware   boolean NOT NULL DEFAULT false,
    kev_vendor       text,
    kev_product      text
);

CREATE TABLE feed (
    name      text PRIMARY KEY CHECK (name IN ('KEV','EPSS','NVD')),
    feed_date date,
    version   text,
    loaded_at timestamptz NOT NULL DEFAULT now(),
    entries   int NOT NULL DEFAULT 0
);

CREATE SEQUENCE vulnerability_qid START 900000001;

CREATE TABLE vulnerability (
    id               bigserial PRIMARY KEY,
    key              text NOT NULL UNIQUE,
    qid              bigint NOT NULL UNIQUE,
    title            text,
    severity         smallint CHECK (severity BETWEEN 0 AND 5),
    cves             text[] NOT NULL DEFAULT '{}',
    cvss2            text,
    cvss3            text,
    cvss4            text,
    scanner_cvss     double precision,
    patch_available  boolean,
    scanner_maturity text,
    scanner_malware  boolean NOT NULL DEFAULT false,
    scanner_epss     double precision,
    cvss_score       double precision,
    qds              smallint CHECK (qds BETWEEN 1 AND 100),
    qds_band         smallint,
    qds_explanation  jsonb,
    updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX vulnerability_cves ON vulnerability USING gin (cves);

CREATE TABLE import (
    id           bigserial PRIMARY KEY,
    file         text NOT NULL,
    sha256       text NOT NULL,
    format       text NOT NULL,
    source       text NOT NULL,
    scanned_at   timestamptz,
    imported_at  timestamptz NOT NULL DEFAULT now(),
    summary      jsonb NOT NULL
);
CREATE INDEX import_sha ON import (sha256);

CREATE TABLE detection (
    id               bigserial PRIMARY KEY,
    asset_id         bigint   NOT NULL REFERENCES asset (id) ON DELETE CASCADE,
    vulnerability_id bigint   NOT NULL REFERENCES vulnerability (id),
    port             int      NOT NULL DEFAULT 0,
    protocol         text,
    source           text     NOT NULL,
    type             text     NOT NULL CHECK (type IN ('CONFIRMED','POTENTIAL','INFO')),
    status           text     NOT NULL CHECK (status IN ('NEW','ACTIVE','FIXED','REOPENED')),
    first_found      timestamptz NOT NULL,
    last_found       timestamptz NOT NULL,
    fixed_at         timestamptz,
    times_found      int      NOT NULL DEFAULT 1,
    results          text,
    UNIQUE (asset_id, vulnerability_id, port)
);
CREATE INDEX detection_vulnerability ON detection (vulnerability_id);

CREATE TABLE tag (
    id                bigserial PRIMARY KEY,
    name              text NOT NULL,
    parent_id         bigint REFERENCES tag (id),
    criticality_score smallint CHECK (criticality_score BETWEEN 1 AND 5),
    color             text CHECK (color ~ '^#[0-9A-Fa-f]{6}$'),
    rule_type         text NOT NULL DEFAULT 'STATIC',
    rule_text         text,
    created           timestamptz NOT NULL DEFAULT now(),
    updated           timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX tag_name ON tag (lower(name));

CREATE TABLE asset_tag (
    asset_id bigint NOT NULL REFERENCES asset (id) ON DELETE CASCADE,
    tag_id   bigint NOT NULL REFERENCES tag (id) ON DELETE CASCADE,
    source   text   NOT NULL CHECK (source IN ('static','rule','cmdb')),
    PRIMARY KEY (asset_id, tag_id)
);
CREATE INDEX asset_tag_tag ON asset_tag (tag_id);

CREATE TABLE tag_history (
    id       bigserial PRIMARY KEY,
    tag_id   bigint,
    tag_name text NOT NULL,
    actor    text NOT NULL,
    at       timestamptz NOT NULL DEFAULT now(),
    action   text NOT NULL,
    before   jsonb,
    after    jsonb
);

-- The scoring model in force; every change gets a new row (the newest is current).
CREATE TABLE scoring_model (
    id         serial PRIMARY KEY,
    version    text NOT NULL,
    settings   jsonb NOT NULL,
    created    timestamptz NOT NULL DEFAULT now()
);

-- Risk over time, per organization (tag_id NULL) and per tag. No foreign key: history outlives tags.
CREATE TABLE risk_snapshot (
    taken_at          timestamptz NOT NULL,
    tag_id            bigint,
    assets            int NOT NULL,
    mean_risk         int NOT NULL,
    max_risk          int NOT NULL,
    severe            int NOT NULL,
    high              int NOT NULL,
    medium            int NOT NULL,
    low               int NOT NULL,
    qds_critical      bigint NOT NULL,
    qds_high          bigint NOT NULL,
    qds_medium        bigint NOT NULL,
    qds_low           bigint NOT NULL
);
CREATE INDEX risk_snapshot_at ON risk_snapshot (tag_id, taken_at);

-- People and automation that use the server. Passwords are stored as PBKDF2-HMAC-SHA256 hashes.
CREATE TABLE app_user (
    name          text PRIMARY KEY,
    password_hash text NOT NULL,
    role          text NOT NULL CHECK (role IN ('ADMIN','ANALYST','VIEWER')),
    created       timestamptz NOT NULL DEFAULT now()
);
