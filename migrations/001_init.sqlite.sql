-- 001_init, SQLite part: the audit log refuses changes.
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'nhật ký kiểm tra chỉ được ghi thêm'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'nhật ký kiểm tra chỉ được ghi thêm'); END;
