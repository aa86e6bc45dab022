/*
 * account: accounts, sessions, API tokens and failed logins.  Secrets are
 * never stored: sessions and tokens by hash, passwords as argon2id strings
 * made by the caller.
 */
#include "store/store.h"

#include <string.h>

#define ACCOUNT_COLUMNS \
	"a.id, a.username, a.role, a.org_id, o.code, o.name, o.path, " \
	"COALESCE(a.member_id, 0), a.password_hash, o.kind, a.active, a.version, a.created_at "
#define ACCOUNT_FROM " FROM account a JOIN org o ON o.id = a.org_id "

static void read_account(struct arena *a, struct dbstmt *st, struct account *out)
{
	out->id = db_col_int(st, 0);
	out->username = arena_strdup(a, db_col_text(st, 1));
	out->role = arena_strdup(a, db_col_text(st, 2));
	out->org_id = db_col_int(st, 3);
	out->org_code = arena_strdup(a, db_col_text(st, 4));
	out->org_name = arena_strdup(a, db_col_text(st, 5));
	out->org_path = arena_strdup(a, db_col_text(st, 6));
	out->member_id = db_col_int(st, 7);
	out->password_hash = arena_strdup(a, db_col_text(st, 8));
	out->org_kind = arena_strdup(a, db_col_text(st, 9));
	out->active = db_col_int(st, 10) != 0;
	out->version = db_col_int(st, 11);
	out->created_at = arena_strdup(a, db_col_text(st, 12));
}

/* One row of ACCOUNT_COLUMNS, plus one extra text column when extra. */
static int one_account(struct arena *a, struct dbstmt *st, struct account *out,
		       const char **extra)
{
	int rc = db_step(st);
	if (rc == DB_ROW) {
		read_account(a, st, out);
		if (extra)
			*extra = arena_strdup(a, db_col_text(st, 13));
	}
	db_done(st);
	return rc == DB_ROW ? STORE_OK : rc == DB_DONE ? STORE_NOT_FOUND : STORE_ERROR;
}

int store_account_by_username(struct dbconn *c, struct arena *a, const char *username,
			      struct account *out)
{
	return one_account(a, db_query(c, "SELECT " ACCOUNT_COLUMNS ACCOUNT_FROM
		"WHERE a.username = ? AND a.active = 1", "t", username), out, NULL);
}

int store_account_by_session(struct dbconn *c, struct arena *a, const char *token_hash,
			     const char *now, struct account *out, const char **csrf)
{
	return one_account(a, db_query(c, "SELECT " ACCOUNT_COLUMNS ", s.csrf" ACCOUNT_FROM
		"JOIN session s ON s.account_id = a.id "
		"WHERE s.token_hash = ? AND s.expires_at > ? AND a.active = 1",
		"tt", token_hash, now), out, csrf);
}

int store_account_by_token(struct dbconn *c, struct arena *a, const char *token_hash,
			   struct account *out)
{
	return one_account(a, db_query(c, "SELECT " ACCOUNT_COLUMNS ACCOUNT_FROM
		"JOIN api_token t ON t.account_id = a.id WHERE t.token_hash = ? AND a.active = 1",
		"t", token_hash), out, NULL);
}

int store_account_list(struct dbconn *c, struct arena *a, const struct scope *sc,
		       struct account **items, int *n)
{
	char end[256];
	scope_path_end(sc->path, end, sizeof end);
	struct dbstmt *st = db_query(c, "SELECT " ACCOUNT_COLUMNS ACCOUNT_FROM
		"WHERE o.path >= ? AND o.path < ? ORDER BY a.username", "tt", sc->path, end);
	int cap = 0, k = 0;
	struct account *v = NULL;
	while (db_step(st) == DB_ROW) {
		v = arena_grow(a, v, k, &cap, sizeof *v);
		read_account(a, st, &v[k++]);
	}
	db_done(st);
	*items = v;
	*n = k;
	return db_failed(c) ? STORE_ERROR : STORE_OK;
}

int store_account_get(struct dbconn *c, struct arena *a, const struct scope *sc, long long id,
		      struct account *out)
{
	char end[256];
	scope_path_end(sc->path, end, sizeof end);
	return one_account(a, db_query(c, "SELECT " ACCOUNT_COLUMNS ACCOUNT_FROM
		"WHERE a.id = ? AND o.path >= ? AND o.path < ?", "itt", id, sc->path, end), out, NULL);
}

int store_account_update(struct dbconn *c, const struct scope *sc, struct account *a,
			 const char *new_password_hash)
{
	char end[256];
	scope_path_end(sc->path, end, sizeof end);
	long long n = db_exec(c,
		"UPDATE account SET role = ?, active = ?, "
		"password_hash = COALESCE(?, password_hash), version = version + 1 "
		"WHERE id = ? AND version = ? AND org_id IN (SELECT id FROM org WHERE path >= ? AND path < ?)",
		"tit" "ii" "tt", a->role, (long long)a->active, new_password_hash, a->id, a->version,
		sc->path, end);
	if (n < 0)
		return STORE_ERROR;
	if (n == 0)
		return STORE_CONFLICT;
	a->version++;
	if (new_password_hash || !a->active)
		db_exec(c, "DELETE FROM session WHERE account_id = ?", "i", a->id);
	return db_failed(c) ? STORE_ERROR : STORE_OK;
}

static int inserted_id(struct dbconn *c, struct dbstmt *st, long long *id)
{
	if (db_step(st) == DB_ROW && id)
		*id = db_col_int(st, 0);
	db_done(st);
	if (!db_failed(c))
		return STORE_OK;
	return db_failure(c) == DBF_CONSTRAINT ? STORE_CONFLICT : STORE_ERROR;
}

int store_account_insert(struct dbconn *c, const char *username, const char *password_hash,
			 const char *role, long long org_id, long long member_id, long long *id)
{
	char now[32];
	store_now(now);
	return inserted_id(c, db_query(c,
		"INSERT INTO account (username, password_hash, role, org_id, member_id, active, "
		"version, created_at) VALUES (?, ?, ?, ?, ?, 1, 1, ?) RETURNING id",
		"tttiIt", username, password_hash, role, org_id, member_id, now), id);
}

int store_session_insert(struct dbconn *c, const char *token_hash, long long account_id,
			 const char *csrf, const char *now, const char *expires)
{
	/* Expired sessions are swept on each login: no cron job needed. */
	db_exec(c, "DELETE FROM session WHERE expires_at <= ?", "t", now);
	return db_exec(c, "INSERT INTO session (token_hash, account_id, csrf, created_at, "
		       "expires_at) VALUES (?, ?, ?, ?, ?)",
		       "titt" "t", token_hash, account_id, csrf, now, expires) < 0
		? STORE_ERROR : STORE_OK;
}

int store_session_delete(struct dbconn *c, const char *token_hash)
{
	return db_exec(c, "DELETE FROM session WHERE token_hash = ?", "t", token_hash) < 0
		? STORE_ERROR : STORE_OK;
}

int store_token_insert(struct dbconn *c, long long account_id, const char *name,
		       const char *token_hash, long long *id)
{
	char now[32];
	store_now(now);
	return inserted_id(c, db_query(c,
		"INSERT INTO api_token (account_id, name, token_hash, created_at) "
		"VALUES (?, ?, ?, ?) RETURNING id", "itt" "t", account_id, name, token_hash, now), id);
}

int store_login_failure_add(struct dbconn *c, const char *username, const char *address,
			    const char *now, const char *since)
{
	db_exec(c, "DELETE FROM login_failure WHERE at <= ?", "t", since);
	return db_exec(c, "INSERT INTO login_failure (username, address, at) VALUES (?, ?, ?)",
		       "ttt", username, address, now) < 0 ? STORE_ERROR : STORE_OK;
}

int store_login_failures(struct dbconn *c, const char *username, const char *address,
			 const char *since, long long *by_user, long long *by_address)
{
	struct dbstmt *st = db_query(c,
		"SELECT (SELECT count(*) FROM login_failure WHERE username = ? AND at > ?), "
		"(SELECT count(*) FROM login_failure WHERE address = ? AND at > ?)",
		"tttt", username, since, address, since);
	if (db_step(st) == DB_ROW) {
		*by_user = db_col_int(st, 0);
		*by_address = db_col_int(st, 1);
	}
	db_done(st);
	return db_failed(c) ? STORE_ERROR : STORE_OK;
}

int store_login_failures_clear(struct dbconn *c, const char *username)
{
	return db_exec(c, "DELETE FROM login_failure WHERE username = ?", "t", username) < 0
		? STORE_ERROR : STORE_OK;
}
