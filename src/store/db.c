/*
 * db: the SQL wrapper over SQLite; see db.h for the contract.
 *
 * SQLite is opened once per pooled connection in WAL mode with foreign
 * keys on and synchronous=NORMAL (durable at checkpoints, never corrupt),
 * and a busy timeout so concurrent writers wait instead of failing.
 */
#include "store/db.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { STMT_CACHE = 512 };

struct dbstmt {
	struct dbconn *conn;
	sqlite3_stmt *st;
	const char *sql;
	const char *file;
	int line;
	bool dynamic;
};

struct dbconn {
	sqlite3 *h;
	struct dbstmt cache[STMT_CACHE]; /* open addressing on the SQL pointer */
	int depth;                       /* transaction nesting */
	bool failed;
	enum db_failure failure;
	struct buf msg;
	struct dbconn *next_free;
};

struct db {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct dbconn *conns;
	struct dbconn *free_list;
	int n;
};

static void conn_fail(struct dbconn *c, const char *sql, const char *file,
		      int line)
{
	if (c->failed)
		return;
	int code = sqlite3_extended_errcode(c->h);
	c->failed = true;
	switch (code & 0xff) {
	case SQLITE_CONSTRAINT: c->failure = DBF_CONSTRAINT; break;
	case SQLITE_BUSY:
	case SQLITE_LOCKED: c->failure = DBF_BUSY; break;
	default: c->failure = DBF_OTHER; break;
	}
	buf_reset(&c->msg);
	buf_printf(&c->msg, "%s:%d: %s [%s]", file ? file : "?", line,
		   sqlite3_errmsg(c->h), sql ? sql : "");
}

void db_fail(struct dbconn *c, const char *msg)
{
	if (c->failed)
		return;
	c->failed = true;
	c->failure = DBF_OTHER;
	buf_reset(&c->msg);
	buf_puts(&c->msg, msg);
}

static int conn_open(struct dbconn *c, const char *path, struct buf *err)
{
	int rc = sqlite3_open_v2(path, &c->h,
				 SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
					 SQLITE_OPEN_NOMUTEX,
				 NULL);
	if (rc != SQLITE_OK) {
		buf_printf(err, "không mở được cơ sở dữ liệu %s: %s", path,
			   c->h ? sqlite3_errmsg(c->h) : sqlite3_errstr(rc));
		return -1;
	}
	sqlite3_busy_timeout(c->h, 10000);
	static const char *const pragmas =
		"PRAGMA journal_mode=WAL;"
		"PRAGMA synchronous=NORMAL;"
		"PRAGMA foreign_keys=ON;"
		"PRAGMA cache_size=-65536;";
	char *e = NULL;
	if (sqlite3_exec(c->h, pragmas, NULL, NULL, &e) != SQLITE_OK) {
		buf_printf(err, "không cấu hình được SQLite: %s", e ? e : "?");
		sqlite3_free(e);
		return -1;
	}
	return 0;
}

int db_open(const char *url, int pool_size, struct db **out, struct buf *err)
{
	const char *path;
	if (strncmp(url, "sqlite:", 7) == 0)
		path = url + 7;
	else if (strncmp(url, "postgres://", 11) == 0 ||
		 strncmp(url, "postgresql://", 13) == 0) {
		buf_puts(err, "PostgreSQL chưa được hỗ trợ trong bản này; hãy dùng sqlite:ĐƯỜNG_DẪN");
		return -1;
	} else {
		buf_printf(err, "địa chỉ cơ sở dữ liệu không hợp lệ: %s (cần sqlite:ĐƯỜNG_DẪN)", url);
		return -1;
	}
	if (!*path) {
		buf_puts(err, "thiếu đường dẫn tệp SQLite sau sqlite:");
		return -1;
	}
	if (pool_size < 1)
		pool_size = 1;
	struct db *db = calloc(1, sizeof *db);
	struct dbconn *conns = calloc((size_t)pool_size, sizeof *conns);
	if (!db || !conns) {
		free(db);
		free(conns);
		buf_puts(err, "hết bộ nhớ");
		return -1;
	}
	db->conns = conns;
	db->n = pool_size;
	pthread_mutex_init(&db->mu, NULL);
	pthread_cond_init(&db->cv, NULL);
	for (int i = 0; i < pool_size; i++) {
		if (conn_open(&conns[i], path, err)) {
			db->n = i + 1;
			db_close(db);
			return -1;
		}
		conns[i].next_free = db->free_list;
		db->free_list = &conns[i];
	}
	*out = db;
	return 0;
}

void db_close(struct db *db)
{
	if (!db)
		return;
	for (int i = 0; i < db->n; i++) {
		struct dbconn *c = &db->conns[i];
		for (int j = 0; j < STMT_CACHE; j++)
			sqlite3_finalize(c->cache[j].st);
		sqlite3_close(c->h);
		buf_free(&c->msg);
	}
	pthread_mutex_destroy(&db->mu);
	pthread_cond_destroy(&db->cv);
	free(db->conns);
	free(db);
}

const char *db_dialect(const struct db *db)
{
	(void)db;
	return "sqlite";
}

const char *db_conn_dialect(const struct dbconn *c)
{
	(void)c;
	return "sqlite";
}

struct dbconn *db_acquire(struct db *db)
{
	pthread_mutex_lock(&db->mu);
	while (!db->free_list)
		pthread_cond_wait(&db->cv, &db->mu);
	struct dbconn *c = db->free_list;
	db->free_list = c->next_free;
	pthread_mutex_unlock(&db->mu);
	return c;
}

void db_release(struct db *db, struct dbconn *c)
{
	if (c->depth > 0) /* a handler returned inside a transaction: undo it */
		db_rollback(c);
	c->failed = false;
	c->failure = DBF_NONE;
	pthread_mutex_lock(&db->mu);
	c->next_free = db->free_list;
	db->free_list = c;
	pthread_cond_signal(&db->cv);
	pthread_mutex_unlock(&db->mu);
}

static void bind_args(struct dbstmt *s, const char *types, va_list ap)
{
	for (int i = 1; types && *types; types++, i++) {
		switch (*types) {
		case 'i':
			sqlite3_bind_int64(s->st, i, va_arg(ap, long long));
			break;
		case 'I': {
			long long v = va_arg(ap, long long);
			if (v)
				sqlite3_bind_int64(s->st, i, v);
			else
				sqlite3_bind_null(s->st, i);
			break;
		}
		case 't':
			db_bind_text(s, i, va_arg(ap, const char *));
			break;
		case 'b': {
			const void *p = va_arg(ap, const void *);
			db_bind_blob(s, i, p, va_arg(ap, size_t));
			break;
		}
		case 'd':
			db_bind_date(s, i, va_arg(ap, struct date));
			break;
		case 'n':
			sqlite3_bind_null(s->st, i);
			break;
		default:
			abort(); /* a bug in the caller's type string */
		}
	}
}

static struct dbstmt *cache_slot(struct dbconn *c, const char *sql)
{
	size_t h = ((uintptr_t)sql >> 3) * 0x9E3779B97F4A7C15ull;
	for (int probe = 0; probe < STMT_CACHE; probe++) {
		struct dbstmt *s = &c->cache[(h + (size_t)probe) % STMT_CACHE];
		if (s->sql == sql || !s->sql)
			return s;
	}
	return NULL;
}

static struct dbstmt *prepare(struct dbconn *c, const char *sql, const char *file,
			      int line, bool dynamic)
{
	if (c->failed)
		return NULL;
	struct dbstmt *s = dynamic ? NULL : cache_slot(c, sql);
	if (s && s->st) {
		sqlite3_reset(s->st);
		sqlite3_clear_bindings(s->st);
	} else {
		sqlite3_stmt *st = NULL;
		if (sqlite3_prepare_v2(c->h, sql, -1, &st, NULL) != SQLITE_OK) {
			conn_fail(c, sql, file, line);
			return NULL;
		}
		if (!s) {
			s = calloc(1, sizeof *s);
			if (!s) {
				sqlite3_finalize(st);
				db_fail(c, "hết bộ nhớ");
				return NULL;
			}
			s->dynamic = true;
		}
		s->st = st;
		s->sql = sql;
	}
	s->conn = c;
	s->file = file;
	s->line = line;
	return s;
}

static struct dbstmt *vquery(struct dbconn *c, const char *sql, const char *file, int line,
			     bool dynamic, const char *types, va_list ap)
{
	struct dbstmt *s = prepare(c, sql, file, line, dynamic);
	if (s)
		bind_args(s, types, ap);
	return s;
}

struct dbstmt *db_query_(struct dbconn *c, const char *sql, const char *file,
			 int line, const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	struct dbstmt *s = vquery(c, sql, file, line, false, types, ap);
	va_end(ap);
	return s;
}

struct dbstmt *db_query_dyn_(struct dbconn *c, const char *sql, const char *file,
			     int line, const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	struct dbstmt *s = vquery(c, sql, file, line, true, types, ap);
	va_end(ap);
	return s;
}

void db_bind_text(struct dbstmt *s, int idx, const char *v)
{
	if (!s)
		return;
	if (v)
		sqlite3_bind_text(s->st, idx, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(s->st, idx);
}

void db_bind_int(struct dbstmt *s, int idx, long long v)
{
	if (s)
		sqlite3_bind_int64(s->st, idx, v);
}

void db_bind_blob(struct dbstmt *s, int idx, const void *p, size_t n)
{
	if (s)
		sqlite3_bind_blob(s->st, idx, p, (int)n, SQLITE_TRANSIENT);
}

void db_bind_date(struct dbstmt *s, int idx, struct date d)
{
	if (!s)
		return;
	if (date_is_null(d)) {
		sqlite3_bind_null(s->st, idx);
	} else {
		char iso[11];
		date_format_iso(d, iso);
		sqlite3_bind_text(s->st, idx, iso, 10, SQLITE_TRANSIENT);
	}
}

int db_step(struct dbstmt *s)
{
	if (!s || s->conn->failed)
		return DB_ERROR;
	int rc = sqlite3_step(s->st);
	if (rc == SQLITE_ROW)
		return DB_ROW;
	if (rc == SQLITE_DONE)
		return DB_DONE;
	conn_fail(s->conn, s->sql, s->file, s->line);
	return DB_ERROR;
}

void db_done(struct dbstmt *s)
{
	if (!s)
		return;
	if (s->dynamic) {
		sqlite3_finalize(s->st);
		free(s);
	} else {
		sqlite3_reset(s->st);
	}
}

long long db_col_int(struct dbstmt *s, int i)
{
	return sqlite3_column_int64(s->st, i);
}

const char *db_col_text(struct dbstmt *s, int i)
{
	return (const char *)sqlite3_column_text(s->st, i);
}

const void *db_col_blob(struct dbstmt *s, int i, size_t *len)
{
	const void *p = sqlite3_column_blob(s->st, i);
	*len = (size_t)sqlite3_column_bytes(s->st, i);
	return p;
}

struct date db_col_date(struct dbstmt *s, int i)
{
	struct date d = {0, 0, 0};
	const char *t = db_col_text(s, i);
	if (t && date_parse_iso(t, &d) != 0)
		d = (struct date){0, 0, 0};
	return d;
}

bool db_col_null(struct dbstmt *s, int i)
{
	return sqlite3_column_type(s->st, i) == SQLITE_NULL;
}

long long db_exec_(struct dbconn *c, const char *sql, const char *file, int line,
		   const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	struct dbstmt *s = vquery(c, sql, file, line, false, types, ap);
	va_end(ap);
	if (!s)
		return DB_ERROR;
	int rc;
	while ((rc = db_step(s)) == DB_ROW)
		;
	db_done(s);
	return rc == DB_ERROR ? DB_ERROR : sqlite3_changes64(c->h);
}

int db_table_exists(struct dbconn *c, const char *table)
{
	struct dbstmt *st = db_query(c,
		"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?", "t", table);
	int rc = db_step(st);
	int n = rc == DB_ROW ? (int)db_col_int(st, 0) : 0;
	db_done(st);
	return rc == DB_ERROR ? DB_ERROR : n > 0;
}

int db_exec_script(struct dbconn *c, const char *sql)
{
	if (c->failed)
		return DB_ERROR;
	char *e = NULL;
	if (sqlite3_exec(c->h, sql, NULL, NULL, &e) != SQLITE_OK) {
		conn_fail(c, e ? e : "", __FILE__, __LINE__);
		sqlite3_free(e);
		return DB_ERROR;
	}
	return 0;
}

int db_begin_(struct dbconn *c, const char *file, int line)
{
	if (c->failed)
		return DB_ERROR;
	const char *sql = c->depth == 0 ? "BEGIN IMMEDIATE" : "SAVEPOINT nested";
	if (sqlite3_exec(c->h, sql, NULL, NULL, NULL) != SQLITE_OK) {
		conn_fail(c, sql, file, line);
		return DB_ERROR;
	}
	c->depth++;
	return 0;
}

int db_commit(struct dbconn *c)
{
	if (c->depth == 0)
		return 0;
	if (c->failed) {
		db_rollback(c);
		return DB_ERROR;
	}
	const char *sql = c->depth == 1 ? "COMMIT" : "RELEASE nested";
	if (sqlite3_exec(c->h, sql, NULL, NULL, NULL) != SQLITE_OK) {
		conn_fail(c, sql, __FILE__, __LINE__);
		db_rollback(c);
		return DB_ERROR;
	}
	c->depth--;
	return 0;
}

void db_rollback(struct dbconn *c)
{
	if (c->depth == 0)
		return;
	/* Inner failures unwind the whole transaction: a partial write is
	 * exactly what the all-or-nothing rule forbids. */
	sqlite3_exec(c->h, "ROLLBACK", NULL, NULL, NULL);
	c->depth = 0;
}

bool db_failed(const struct dbconn *c)
{
	return c->failed;
}

enum db_failure db_failure(const struct dbconn *c)
{
	return c->failure;
}

const char *db_errmsg(const struct dbconn *c)
{
	return c->failed && c->msg.p ? c->msg.p : "";
}
