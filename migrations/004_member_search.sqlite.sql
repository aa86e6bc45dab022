-- 004, SQLite: a full-text index over member.search (the folded name and
-- card number), so a selective search ("nguyen thi lan") reads the few
-- matching rows instead of scanning every member.  Kept in step by
-- triggers.  (PostgreSQL gets its own index with its backend.)
CREATE VIRTUAL TABLE member_fts USING fts5(search, content='member', content_rowid='id');
CREATE TRIGGER member_fts_insert AFTER INSERT ON member BEGIN
	INSERT INTO member_fts (rowid, search) VALUES (new.id, new.search);
END;
CREATE TRIGGER member_fts_delete AFTER DELETE ON member BEGIN
	INSERT INTO member_fts (member_fts, rowid, search) VALUES ('delete', old.id, old.search);
END;
CREATE TRIGGER member_fts_update AFTER UPDATE OF search ON member BEGIN
	INSERT INTO member_fts (member_fts, rowid, search) VALUES ('delete', old.id, old.search);
	INSERT INTO member_fts (rowid, search) VALUES (new.id, new.search);
END;
INSERT INTO member_fts (member_fts) VALUES ('rebuild');
