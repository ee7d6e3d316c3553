-- A tag's members by tag, with the asset id in the index: rule evaluation compares the matching assets with the
-- members (all of them, or those among the touched assets) from the index alone. Replaces the tag-only index.
CREATE INDEX asset_tag_tag_asset ON asset_tag (tag_id, asset_id);
DROP INDEX asset_tag_tag;
