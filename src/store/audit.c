/*
 * audit: the append-only log of every write.  Entries carry the path of
 * the org that owns the object, so reading the log is scoped by the same
 * path range as everything else.
 */
#include "store/store.h"

#include <string.h>

int store_audit_append(struct dbconn *c, const struct audit_entry *e)
{
	char now[32];
	store_now(now);
	return db_exec(c,
		"INSERT INTO audit (at, account_id, username, action, object_type, object_id, "
		"org_path, before, after) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
		"tIttt" "Itt" "t", e->at ? e->at : now, e->account_id, e->username, e->action,
		e->object_type, e->object_id, e->org_path, e->before, e->after) < 0
		? STORE_ERROR : STORE_OK;
}

int store_audit_list(struct dbconn *c, struct arena *a, const struct scope *sc,
		     const char *org_path, const char *object_type, long long object_id,
		     long long before_id, int limit, struct audit_entry **items, int *n)
{
	char end[256], sub_end[256];
	scope_path_end(sc->path, end, sizeof end);
	const char *sub = org_path ? org_path : sc->path;
	scope_path_end(sub, sub_end, sizeof sub_end);
	struct dbstmt *st = db_query(c,
		"SELECT id, at, COALESCE(account_id, 0), username, action, object_type, "
		"COALESCE(object_id, 0), org_path, before, after FROM audit "
		"WHERE org_path >= ? AND org_path < ? AND org_path >= ? AND org_path < ? "
		"AND (? = '' OR object_type = ?) AND (? = 0 OR object_id = ?) "
		"AND (? = 0 OR id < ?) ORDER BY id DESC LIMIT ?",
		"tttt" "tt" "ii" "ii" "i", sc->path, end, sub, sub_end, object_type ? object_type : "",
		object_type ? object_type : "",
		object_id, object_id, before_id, before_id, (long long)limit);
	struct audit_entry *v = arena_alloc(a, sizeof *v * (size_t)(limit > 0 ? limit : 1));
	int k = 0;
	while (k < limit && db_step(st) == DB_ROW) {
		struct audit_entry *e = &v[k++];
		e->id = db_col_int(st, 0);
		e->at = arena_strdup(a, db_col_text(st, 1));
		e->account_id = db_col_int(st, 2);
		e->username = arena_strdup(a, db_col_text(st, 3));
		e->action = arena_strdup(a, db_col_text(st, 4));
		e->object_type = arena_strdup(a, db_col_text(st, 5));
		e->object_id = db_col_int(st, 6);
		e->org_path = arena_strdup(a, db_col_text(st, 7));
		e->before = arena_strdup(a, db_col_text(st, 8));
		e->after = arena_strdup(a, db_col_text(st, 9));
	}
	db_done(st);
	*items = v;
	*n = k;
	return db_failed(c) ? STORE_ERROR : STORE_OK;
}
