/*
 * tally: the per-subtree member counts of migration 002 (org_tally).
 *
 * Every member write changes one row per ancestor of the member's org,
 * so a count for any subtree -- the whole party included -- is a lookup
 * of that org's own rows.  Bulk loads skip the per-row upkeep and rebuild
 * the table once at the end.
 */
#include "store/store.h"

#include <stdlib.h>
#include <stdio.h>
#include <string.h>

int store_tally_add(struct dbconn *c, const char *path, const char *status, const char *sex,
		    int birth_year, long long delta)
{
	/* path is "/1/23/45/": the org and each of its ancestors. */
	for (const char *p = path; p && *p;) {
		while (*p == '/')
			p++;
		if (!*p)
			break;
		char *end;
		long long id = strtoll(p, &end, 10);
		if (end == p)
			break;
		db_exec(c,
			"INSERT INTO org_tally (org_id, status, sex, birth_year, n) VALUES (?, ?, ?, ?, ?) "
			"ON CONFLICT (org_id, status, sex, birth_year) DO UPDATE SET n = org_tally.n + excluded.n",
			"ittii", id, status, sex, (long long)birth_year, delta);
		p = end;
	}
	return db_failed(c) ? STORE_ERROR : STORE_OK;
}

int store_tally_move(struct dbconn *c, long long org_id, const char *old_parent_path,
		     const char *new_parent_path)
{
	/* The moved subtree keeps its own rows; its counts leave the old
	 * ancestors and join the new ones.  Read first: the upserts below
	 * must not run while the rows are being stepped through. */
	struct dbstmt *st = db_query(c,
		"SELECT status, sex, birth_year, n FROM org_tally WHERE org_id = ? AND n <> 0", "i", org_id);
	struct row { char status[16], sex[8]; int year; long long n; } *rows = NULL;
	size_t nrows = 0, cap = 0;
	while (db_step(st) == DB_ROW) {
		if (nrows == cap) {
			cap = cap ? cap * 2 : 256;
			struct row *r = realloc(rows, sizeof *r * cap);
			if (!r) {
				db_done(st);
				free(rows);
				db_fail(c, "hết bộ nhớ");
				return STORE_ERROR;
			}
			rows = r;
		}
		struct row *r = &rows[nrows++];
		snprintf(r->status, sizeof r->status, "%s", db_col_text(st, 0));
		snprintf(r->sex, sizeof r->sex, "%s", db_col_text(st, 1));
		r->year = (int)db_col_int(st, 2);
		r->n = db_col_int(st, 3);
	}
	db_done(st);
	for (size_t i = 0; i < nrows && !db_failed(c); i++) {
		store_tally_add(c, old_parent_path, rows[i].status, rows[i].sex, rows[i].year, -rows[i].n);
		store_tally_add(c, new_parent_path, rows[i].status, rows[i].sex, rows[i].year, rows[i].n);
	}
	free(rows);
	return db_failed(c) ? STORE_ERROR : STORE_OK;
}

int store_tally_rebuild(struct dbconn *c)
{
	db_exec(c, "DELETE FROM org_tally", "");
	db_exec(c,
		"WITH RECURSIVE anc (org_id, anc_id) AS ("
		" SELECT id, id FROM org"
		" UNION ALL"
		" SELECT anc.org_id, o.parent_id FROM anc JOIN org o ON o.id = anc.anc_id"
		" WHERE o.parent_id IS NOT NULL"
		"), own (org_id, status, sex, birth_year, n) AS ("
		" SELECT org_id, status, sex, CAST(substr(birth_date, 1, 4) AS INTEGER), count(*)"
		" FROM member GROUP BY org_id, status, sex, CAST(substr(birth_date, 1, 4) AS INTEGER)"
		")"
		" INSERT INTO org_tally (org_id, status, sex, birth_year, n)"
		" SELECT anc.anc_id, own.status, own.sex, own.birth_year, SUM(own.n)"
		" FROM own JOIN anc ON anc.org_id = own.org_id"
		" GROUP BY anc.anc_id, own.status, own.sex, own.birth_year", "");
	return db_failed(c) ? STORE_ERROR : STORE_OK;
}
