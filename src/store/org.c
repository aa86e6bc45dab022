/*
 * org: the organisation tree.  A subtree is one range on the materialised
 * path (see 001_init.sql), so every read below is scoped in SQL by
 * "o.path >= ? AND o.path < ?" with the account's range.
 */
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/vi.h"

#define ORG_COLUMNS \
	"o.id, COALESCE(o.parent_id, 0), o.code, o.name, o.kind, o.type, o.path, o.depth, " \
	"o.founded_on, o.dissolved_on, o.version, k.name, t.name, " \
	"(SELECT count(*) FROM org x WHERE x.parent_id = o.id), " \
	"(SELECT COALESCE(SUM(t.n), 0) FROM org_tally t WHERE t.org_id = o.id " \
	"  AND t.status IN ('probationary', 'official')) "
#define ORG_FROM " FROM org o JOIN org_kind k ON k.code = o.kind LEFT JOIN org_type t ON t.code = o.type "

const char *const member_statuses[6] = {
	MEMBER_PROBATIONARY, MEMBER_OFFICIAL, MEMBER_TRANSFERRED,
	MEMBER_DECEASED, MEMBER_REMOVED, MEMBER_EXPELLED,
};

static void read_org(struct dbstmt *st, struct arena *a, struct org_row *r)
{
	memset(r, 0, sizeof *r);
	r->o.id = db_col_int(st, 0);
	r->o.parent_id = db_col_int(st, 1);
	r->o.code = arena_strdup(a, db_col_text(st, 2));
	r->o.name = arena_strdup(a, db_col_text(st, 3));
	r->o.kind = arena_strdup(a, db_col_text(st, 4));
	r->o.type = arena_strdup(a, db_col_text(st, 5));
	r->o.path = arena_strdup(a, db_col_text(st, 6));
	r->o.depth = (int)db_col_int(st, 7);
	r->o.founded_on = db_col_date(st, 8);
	r->o.dissolved_on = db_col_date(st, 9);
	r->o.version = db_col_int(st, 10);
	r->kind_name = arena_strdup(a, db_col_text(st, 11));
	r->type_name = arena_strdup(a, db_col_text(st, 12));
	r->child_count = db_col_int(st, 13);
	r->member_count = db_col_int(st, 14);
}

static int load_covers(struct dbconn *c, struct arena *a, struct org_row *r)
{
	struct dbstmt *st = db_query(c,
		"SELECT unit_name FROM org_cover WHERE org_id = ? ORDER BY pos", "i", r->o.id);
	int n = 0, cap = 0;
	const char **v = arena_grow(a, NULL, 0, &cap, sizeof *v); /* NULL-terminated */
	while (db_step(st) == DB_ROW) {
		v = arena_grow(a, v, n, &cap, sizeof *v);
		v[n++] = arena_strdup(a, db_col_text(st, 0));
	}
	db_done(st);
	r->covers = v;
	return db_failed(c) ? STORE_ERROR : STORE_OK;
}

/* Runs a single-row org query and loads its covered units. */
static int one_org(struct dbconn *c, struct arena *a, struct dbstmt *st,
		   struct org_row *out)
{
	int rc = db_step(st);
	if (rc == DB_ROW)
		read_org(st, a, out);
	db_done(st);
	if (rc == DB_ERROR)
		return STORE_ERROR;
	if (rc == DB_DONE)
		return STORE_NOT_FOUND;
	return load_covers(c, a, out);
}

int store_org_get(struct dbconn *c, struct arena *a, const struct scope *sc,
		  long long id, struct org_row *out)
{
	char end[256];
	scope_path_end(sc->path, end, sizeof end);
	return one_org(c, a, db_query(c, "SELECT " ORG_COLUMNS ORG_FROM
		"WHERE o.id = ? AND o.path >= ? AND o.path < ?", "itt", id, sc->path, end), out);
}

int store_org_by_code(struct dbconn *c, struct arena *a, const struct scope *sc,
		      const char *code, struct org_row *out)
{
	char end[256];
	scope_path_end(sc->path, end, sizeof end);
	return one_org(c, a, db_query(c, "SELECT " ORG_COLUMNS ORG_FROM
		"WHERE o.code = ? AND o.path >= ? AND o.path < ?", "ttt", code, sc->path, end), out);
}

/* Collects the rows of an org list query into an arena array. */
static int org_rows(struct dbconn *c, struct arena *a, struct dbstmt *st,
		    struct org_row **items, int *n)
{
	int cap = 0, k = 0;
	struct org_row *v = NULL;
	while (db_step(st) == DB_ROW) {
		v = arena_grow(a, v, k, &cap, sizeof *v);
		read_org(st, a, &v[k++]);
	}
	if (!v)
		v = arena_grow(a, v, 0, &cap, sizeof *v);
	db_done(st);
	for (int i = 0; i < k && !db_failed(c); i++)
		load_covers(c, a, &v[i]);
	*items = v;
	*n = k;
	return db_failed(c) ? STORE_ERROR : STORE_OK;
}

int store_org_children(struct dbconn *c, struct arena *a, const struct scope *sc,
		       long long parent_id, struct org_row **items, int *n)
{
	char end[256];
	scope_path_end(sc->path, end, sizeof end);
	return org_rows(c, a, db_query(c, "SELECT " ORG_COLUMNS ORG_FROM
		"WHERE o.parent_id = ? AND o.path >= ? AND o.path < ? ORDER BY o.code",
		"itt", parent_id, sc->path, end), items, n);
}

int store_org_search(struct dbconn *c, struct arena *a, const struct scope *sc,
		     const char *q_fold, int limit, struct org_row **items, int *n)
{
	char end[256];
	scope_path_end(sc->path, end, sizeof end);
	struct buf pat = BUF_INIT;
	buf_printf(&pat, "%%%s%%", q_fold);
	int rc = org_rows(c, a, db_query(c, "SELECT " ORG_COLUMNS ORG_FROM
		"WHERE o.path >= ? AND o.path < ? AND (o.name_fold LIKE ? OR lower(o.code) LIKE ?) "
		"ORDER BY o.depth, o.code LIMIT ?",
		"tttti", sc->path, end, buf_str(&pat), buf_str(&pat), (long long)limit), items, n);
	buf_free(&pat);
	return rc;
}

int store_org_ancestors(struct dbconn *c, struct arena *a, const struct scope *sc,
			const struct org *o, struct org_row **items, int *n)
{
	/* The ancestors' ids are the path itself ("/1/23/45/" -> 1, 23): a
	 * handful of primary-key reads, whatever the size of the tree. */
	int cap = o->depth + 1, k = 0;
	struct org_row *v = arena_alloc(a, sizeof *v * (size_t)cap);
	for (const char *p = o->path; *p && k < cap;) {
		while (*p == '/')
			p++;
		char *end;
		long long id = strtoll(p, &end, 10);
		if (end == p || id == o->id)
			break;
		int rc = store_org_get(c, a, sc, id, &v[k]);
		if (rc == STORE_ERROR)
			return rc;
		k += rc == STORE_OK; /* above the scope root: not shown */
		p = end;
	}
	*items = v;
	*n = k;
	return STORE_OK;
}

bool store_org_kind_exists(struct dbconn *c, const char *code)
{
	struct dbstmt *st = db_query(c, "SELECT 1 FROM org_kind WHERE code = ?", "t", code);
	bool found = db_step(st) == DB_ROW;
	db_done(st);
	return found;
}

bool store_org_type_exists(struct dbconn *c, const char *code)
{
	struct dbstmt *st = db_query(c, "SELECT 1 FROM org_type WHERE code = ?", "t", code);
	bool found = db_step(st) == DB_ROW;
	db_done(st);
	return found;
}

static int code_name_list(struct dbconn *c, struct arena *a, struct dbstmt *st,
			  const char ***codes, const char ***names, int *n)
{
	int cap = 32, k = 0;
	const char **cv = arena_alloc(a, sizeof *cv * (size_t)cap);
	const char **nv = arena_alloc(a, sizeof *nv * (size_t)cap);
	while (k < cap && db_step(st) == DB_ROW) {
		cv[k] = arena_strdup(a, db_col_text(st, 0));
		nv[k] = arena_strdup(a, db_col_text(st, 1));
		k++;
	}
	db_done(st);
	*codes = cv;
	*names = nv;
	*n = k;
	return db_failed(c) ? STORE_ERROR : STORE_OK;
}

int store_org_kinds(struct dbconn *c, struct arena *a, const char ***codes,
		    const char ***names, int *n)
{
	return code_name_list(c, a, db_query(c,
		"SELECT code, name FROM org_kind ORDER BY sort", ""), codes, names, n);
}

int store_org_types(struct dbconn *c, struct arena *a, const char ***codes,
		    const char ***names, int *n)
{
	return code_name_list(c, a, db_query(c,
		"SELECT code, name FROM org_type ORDER BY sort", ""), codes, names, n);
}

int store_org_type_insert(struct dbconn *c, const char *code, const char *name, int sort)
{
	return db_exec(c, "INSERT INTO org_type (code, name, sort) VALUES (?, ?, ?)",
		       "tti", code, name, (long long)sort) < 0 ? STORE_ERROR : STORE_OK;
}

static int write_covers(struct dbconn *c, long long org_id, const char *const *covers)
{
	db_exec(c, "DELETE FROM org_cover WHERE org_id = ?", "i", org_id);
	for (int i = 0; covers && covers[i]; i++)
		db_exec(c, "INSERT INTO org_cover (org_id, pos, unit_name) VALUES (?, ?, ?)",
			"iit", org_id, (long long)i, covers[i]);
	return db_failed(c) ? STORE_ERROR : STORE_OK;
}

static const char *fold_or_empty(struct arena *a, const char *s)
{
	struct buf b = BUF_INIT;
	const char *r = vi_fold(s, &b) == 0 ? arena_strdup(a, buf_str(&b)) : "";
	buf_free(&b);
	return r ? r : "";
}

static int failure_code(struct dbconn *c)
{
	return db_failure(c) == DBF_CONSTRAINT ? STORE_CONFLICT : STORE_ERROR;
}

int store_org_insert(struct dbconn *c, struct arena *a, struct org *o,
		     const char *const *covers)
{
	char now[32];
	store_now(now);
	const char *parent_path = "/";
	int depth = 0;
	if (o->parent_id) {
		struct dbstmt *st = db_query(c, "SELECT path, depth FROM org WHERE id = ?", "i", o->parent_id);
		if (db_step(st) == DB_ROW) {
			parent_path = arena_strdup(a, db_col_text(st, 0));
			depth = (int)db_col_int(st, 1) + 1;
		}
		db_done(st);
	}
	/* The path needs the new id; a unique placeholder holds the slot
	 * until the id is known, inside the caller's transaction. */
	char *tmp = arena_printf(a, "new:%s", o->code);
	struct dbstmt *st = db_query(c,
		"INSERT INTO org (code, name, name_fold, kind, type, parent_id, path, depth, "
		"founded_on, dissolved_on, version, created_at, updated_at) "
		"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?) RETURNING id",
		"tttttItiddtt", o->code, o->name, fold_or_empty(a, o->name), o->kind,
		o->type, o->parent_id, tmp, (long long)depth, o->founded_on,
		o->dissolved_on, now, now);
	if (db_step(st) == DB_ROW)
		o->id = db_col_int(st, 0);
	db_done(st);
	if (db_failed(c))
		return failure_code(c);
	o->path = arena_printf(a, "%s%lld/", parent_path, o->id);
	o->depth = depth;
	o->version = 1;
	db_exec(c, "UPDATE org SET path = ? WHERE id = ?", "ti", o->path, o->id);
	write_covers(c, o->id, covers);
	return db_failed(c) ? failure_code(c) : STORE_OK;
}

int store_org_update(struct dbconn *c, struct arena *a, const struct scope *sc,
		     struct org *o, const char *const *covers, bool set_covers)
{
	char now[32], end[256];
	store_now(now);
	scope_path_end(sc->path, end, sizeof end);
	long long n = db_exec(c,
		"UPDATE org SET name = ?, name_fold = ?, type = ?, founded_on = ?, dissolved_on = ?, "
		"version = version + 1, updated_at = ? "
		"WHERE id = ? AND version = ? AND path >= ? AND path < ?",
		"tttddtiitt", o->name, fold_or_empty(a, o->name), o->type, o->founded_on,
		o->dissolved_on, now, o->id, o->version, sc->path, end);
	if (n < 0)
		return failure_code(c);
	if (n == 0)
		return STORE_CONFLICT;
	o->version++;
	if (set_covers && write_covers(c, o->id, covers))
		return STORE_ERROR;
	/* Moving rewrites the path prefix of the whole subtree in one
	 * statement, so the tree is never seen half-moved. */
	struct dbstmt *st = db_query(c,
		"SELECT o.path, COALESCE(o.parent_id, 0), p.path, p.depth FROM org o "
		"LEFT JOIN org p ON p.id = ? WHERE o.id = ?", "ii", o->parent_id, o->id);
	if (db_step(st) == DB_ROW && db_col_int(st, 1) != o->parent_id && !db_col_null(st, 2)) {
		const char *old_path = arena_strdup(a, db_col_text(st, 0));
		const char *new_path = arena_printf(a, "%s%lld/", db_col_text(st, 2), o->id);
		int new_depth = (int)db_col_int(st, 3) + 1;
		char old_end[256];
		scope_path_end(old_path, old_end, sizeof old_end);
		/* "/1/23/45/" -> "/1/23/": the old parent's path. */
		size_t cut = strlen(old_path) - 1;
		while (cut > 0 && old_path[cut - 1] != '/')
			cut--;
		const char *old_parent = arena_strndup(a, old_path, cut);
		const char *new_parent = arena_strdup(a, db_col_text(st, 2));
		db_done(st);
		store_tally_move(c, o->id, old_parent, new_parent);
		db_exec(c, "UPDATE org SET parent_id = ? WHERE id = ?", "ii", o->parent_id, o->id);
		db_exec(c,
			"UPDATE org SET path = ? || substr(path, ?), depth = depth + ? "
			"WHERE path >= ? AND path < ?",
			"tiitt", new_path, (long long)strlen(old_path) + 1,
			(long long)(new_depth - o->depth), old_path, old_end);
		o->path = new_path;
		o->depth = new_depth;
	} else {
		db_done(st);
	}
	return db_failed(c) ? failure_code(c) : STORE_OK;
}

/* Grouped counts "SELECT key, count" into parallel arena arrays. */
static int group_counts(struct dbconn *c, struct arena *a, struct dbstmt *st,
			const char ***keys, long long **counts, int *n)
{
	int cap = 64, k = 0;
	const char **kv = arena_alloc(a, sizeof *kv * (size_t)cap);
	long long *cv = arena_alloc(a, sizeof *cv * (size_t)cap);
	while (k < cap && db_step(st) == DB_ROW) {
		const char *key = db_col_text(st, 0);
		kv[k] = arena_strdup(a, key ? key : "");
		cv[k] = db_col_int(st, 1);
		k++;
	}
	db_done(st);
	*keys = kv;
	*counts = cv;
	*n = k;
	return db_failed(c) ? STORE_ERROR : STORE_OK;
}

int store_org_stats(struct dbconn *c, struct arena *a, const struct org *o,
		    struct org_stats *out)
{
	memset(out, 0, sizeof *out);
	struct dbstmt *st = db_query(c,
		"SELECT status, SUM(n) FROM org_tally WHERE org_id = ? GROUP BY status", "i", o->id);
	while (db_step(st) == DB_ROW) {
		const char *s = db_col_text(st, 0);
		for (int i = 0; i < 6; i++)
			if (s && strcmp(s, member_statuses[i]) == 0)
				out->by_status[i] = db_col_int(st, 1);
		out->member_total += db_col_int(st, 1);
	}
	db_done(st);

	st = db_query(c,
		"SELECT sex, SUM(n) FROM org_tally WHERE org_id = ? "
		"AND status IN ('probationary', 'official') GROUP BY sex", "i", o->id);
	while (db_step(st) == DB_ROW) {
		const char *s = db_col_text(st, 0);
		out->active_by_sex[s && strcmp(s, "female") == 0] += db_col_int(st, 1);
	}
	db_done(st);

	st = db_query(c,
		"SELECT birth_year, SUM(n) FROM org_tally WHERE org_id = ? "
		"AND status IN ('probationary', 'official') GROUP BY birth_year ORDER BY birth_year",
		"i", o->id);
	int cap = 128;
	out->birth_years = arena_alloc(a, sizeof *out->birth_years * (size_t)cap);
	out->year_counts = arena_alloc(a, sizeof *out->year_counts * (size_t)cap);
	while (out->nyears < cap && db_step(st) == DB_ROW) {
		out->birth_years[out->nyears] = (int)db_col_int(st, 0);
		out->year_counts[out->nyears++] = db_col_int(st, 1);
	}
	db_done(st);

	char end[256];
	scope_path_end(o->path, end, sizeof end);
	group_counts(c, a, db_query(c,
		"SELECT o.type, count(*) FROM org o WHERE o.path >= ? AND o.path < ? "
		"AND o.kind IN ('grassroots', 'gcell') AND o.dissolved_on IS NULL "
		"GROUP BY o.type ORDER BY o.type", "tt", o->path, end),
		&out->type_codes, &out->type_counts, &out->ntypes);
	/* One index range per kind (migration 003), kinds being few. */
	group_counts(c, a, db_query(c,
		"SELECT code, n FROM (SELECT k.code AS code, (SELECT count(*) FROM org o "
		"WHERE o.kind = k.code AND o.path >= ? AND o.path < ? AND o.dissolved_on IS NULL) AS n "
		"FROM org_kind k) x WHERE n > 0 ORDER BY code", "tt", o->path, end),
		&out->kind_codes, &out->kind_counts, &out->nkinds);
	return db_failed(c) ? STORE_ERROR : STORE_OK;
}

int store_org_each(struct dbconn *c, struct arena *a, const struct scope *sc, int max_depth,
		   int (*fn)(void *ctx, const struct org_row *o), void *ctx)
{
	char end[256];
	scope_path_end(sc->path, end, sizeof end);
	struct dbstmt *st = db_query(c, "SELECT " ORG_COLUMNS ORG_FROM
		"WHERE o.path >= ? AND o.path < ? AND (? < 0 OR o.depth < ?) ORDER BY o.path",
		"ttii", sc->path, end, (long long)max_depth, (long long)max_depth);
	int rc = 0;
	while (rc == 0 && db_step(st) == DB_ROW) {
		struct org_row r;
		read_org(st, a, &r);
		rc = fn(ctx, &r);
	}
	db_done(st);
	return db_failed(c) ? STORE_ERROR : rc;
}
