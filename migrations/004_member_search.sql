-- 004: member search index; the statements are per backend
-- (004_member_search.sqlite.sql).  This file keeps the version shared.
SELECT 1;
