-- Rule-based tags: the rule types the tag engine evaluates (and the CMDB's business tags), and a rule exactly when the tag is not static.
ALTER TABLE tag ADD CONSTRAINT tag_rule_type CHECK (rule_type IN ('STATIC', 'GLOBAL_ASSET_VIEW', 'NAME_CONTAINS',
    'OS_REGEX', 'NETWORK_RANGE', 'OPEN_PORTS', 'INSTALLED_SOFTWARE', 'VULN_EXIST', 'CLOUD_ASSET', 'BUSINESS_INFORMATION'));
-- Static tags and the CMDB's business tags (maintained by the sync) carry no rule text; every other type does.
ALTER TABLE tag ADD CONSTRAINT tag_rule_text CHECK ((rule_type IN ('STATIC', 'BUSINESS_INFORMATION')) = (rule_text IS NULL));

-- A tag's history is read by name (it outlives the tag).
CREATE INDEX tag_history_name ON tag_history (lower(tag_name), id);
