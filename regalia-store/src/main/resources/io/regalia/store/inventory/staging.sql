-- is_new: this import created the asset, so nothing was stored for it before (no ports, no detections to fix).
CREATE TEMP TABLE stage_asset (
    seq int, id bigint, is_new boolean, external_id text, name text, hostname text, fqdn text, netbios_name text,
    type text, tracking_method text, agent_id text,
    os_name text, os_version text, os_publisher text, os_category1 text, os_category2 text, os_stage text,
    os_eol date, os_eos date,
    hw_category1 text, hw_category2 text, hw_manufacturer text, hw_model text,
    cloud_provider text, cloud_region text, cloud_account_id text, cloud_instance_id text, cloud_image_id text,
    cloud_public_ip inet, exposure_override boolean, last_seen timestamptz, last_boot timestamptz,
    software_stated boolean, ports_stated boolean, stale boolean
) ON COMMIT DROP;
CREATE TEMP TABLE stage_identity (kind text, value text, asset_id bigint) ON COMMIT DROP;
CREATE TEMP TABLE stage_interface (asset_id bigint, address inet, hostname text, mac_address text) ON COMMIT DROP;
CREATE TEMP TABLE stage_software (
    asset_id bigint, name text, version text, publisher text, category1 text, category2 text,
    lifecycle_stage text, eol date
) ON COMMIT DROP;
CREATE TEMP TABLE stage_port (asset_id bigint, port int, protocol text, service_name text) ON COMMIT DROP;
CREATE TEMP TABLE stage_vuln (
    key text, qid bigint, title text, severity smallint, cves text[], cvss2 text, cvss3 text, cvss4 text,
    scanner_cvss double precision, patch_available boolean, scanner_maturity text, scanner_malware boolean,
    scanner_epss double precision
) ON COMMIT DROP;
CREATE TEMP TABLE stage_detection (
    seq int, asset_id bigint, vuln_key text, port int, protocol text, type text, status text,
    first_found timestamptz, observed_at timestamptz, results text, last_found timestamptz
) ON COMMIT DROP;
CREATE TEMP TABLE stage_tag (asset_id bigint, name text) ON COMMIT DROP;
