-- 003: counting the orgs of a subtree by kind and by grassroots type reads
-- only this covering index (one range per kind), not the whole org table.
CREATE INDEX org_kind_path ON org (kind, path, dissolved_on, type);
