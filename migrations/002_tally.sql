-- 002_tally: member counts per organisation subtree, kept up to date by the
-- store on every member write, so counts for a province or the whole
-- party are a few hundred rows instead of a scan of millions of members.
--
-- A row counts the members of the org AND all its descendants with one
-- status, sex and year of birth (ages in party statistics go by year of
-- birth).  Writes touch one row per ancestor (the tree is shallow).

CREATE TABLE org_tally (
	org_id INTEGER NOT NULL REFERENCES org(id),
	status TEXT NOT NULL,
	sex TEXT NOT NULL,
	birth_year INTEGER NOT NULL,
	n INTEGER NOT NULL,
	PRIMARY KEY (org_id, status, sex, birth_year)
);

-- Fill from the members already there (same statement as store_tally_rebuild).
WITH RECURSIVE anc (org_id, anc_id) AS (
	SELECT id, id FROM org
	UNION ALL
	SELECT anc.org_id, o.parent_id FROM anc JOIN org o ON o.id = anc.anc_id
	WHERE o.parent_id IS NOT NULL
), own (org_id, status, sex, birth_year, n) AS (
	SELECT org_id, status, sex, CAST(substr(birth_date, 1, 4) AS INTEGER), count(*)
	FROM member GROUP BY org_id, status, sex, CAST(substr(birth_date, 1, 4) AS INTEGER)
)
INSERT INTO org_tally (org_id, status, sex, birth_year, n)
SELECT anc.anc_id, own.status, own.sex, own.birth_year, SUM(own.n)
FROM own JOIN anc ON anc.org_id = own.org_id
GROUP BY anc.anc_id, own.status, own.sex, own.birth_year;
