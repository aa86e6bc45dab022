/*
 * db: the one wrapper every SQL statement goes through.
 *
 * A struct db is a pool of connections to one database named by a URL
 * ("sqlite:PATH"; "postgres://..." comes with the PostgreSQL backend).
 * Each thread takes a connection with db_acquire for one request or
 * command and gives it back with db_release.
 *
 * SQL is always a string literal with '?' placeholders; values are bound,
 * never pasted (scripts/check-sql.sh rejects SQL built with printf).
 * Prepared statements are cached per connection, keyed by the literal's
 * address, so a hot query is parsed once per connection.
 *
 * Errors are sticky on the connection (SQLite's own style): the first
 * failure records the message, the SQL and the caller's file:line, later
 * calls on that connection do nothing and return DB_ERROR, and the caller
 * checks once (db_failed) before committing.  db_release clears it.
 */
#ifndef CHIBO_DB_H
#define CHIBO_DB_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"
#include "core/date.h"

struct db;
struct dbconn;
struct dbstmt;

enum { DB_ERROR = -1, DB_DONE = 0, DB_ROW = 1 };

/* Failure kinds a caller may turn into an HTTP status. */
enum db_failure { DBF_NONE, DBF_CONSTRAINT, DBF_BUSY, DBF_OTHER };

int db_open(const char *url, int pool_size, struct db **out, struct buf *err);
void db_close(struct db *db);
const char *db_dialect(const struct db *db); /* "sqlite" or "postgres" */
const char *db_conn_dialect(const struct dbconn *c);

struct dbconn *db_acquire(struct db *db);
void db_release(struct db *db, struct dbconn *c);

/*
 * Prepares (or reuses) sql and binds the values described by types, one
 * letter per '?':  i long long, I long long with 0 binding NULL, t const char* (NULL binds NULL),
 * b (const void*, size_t) blob, d struct date (null date binds NULL),
 * n NULL (no argument).
 */
#define db_query(c, sql, ...) db_query_((c), (sql), __FILE__, __LINE__, __VA_ARGS__)
struct dbstmt *db_query_(struct dbconn *c, const char *sql, const char *file,
			 int line, const char *types, ...);
/* Same for SQL assembled from constant fragments (a dynamic WHERE): not
 * cached.  The statement is freed by db_done. */
#define db_query_dyn(c, sql, ...) db_query_dyn_((c), (sql), __FILE__, __LINE__, __VA_ARGS__)
struct dbstmt *db_query_dyn_(struct dbconn *c, const char *sql, const char *file,
			     int line, const char *types, ...);
/* Binds one more value after db_query* with fewer types than '?'s. */
void db_bind_text(struct dbstmt *st, int idx, const char *s);
void db_bind_int(struct dbstmt *st, int idx, long long v);
void db_bind_blob(struct dbstmt *st, int idx, const void *p, size_t n);
void db_bind_date(struct dbstmt *st, int idx, struct date d);

int db_step(struct dbstmt *st); /* DB_ROW, DB_DONE or DB_ERROR */
void db_done(struct dbstmt *st); /* reset (cached) or free (dynamic) */

long long db_col_int(struct dbstmt *st, int i);
const char *db_col_text(struct dbstmt *st, int i); /* NULL for NULL; valid until next step */
const void *db_col_blob(struct dbstmt *st, int i, size_t *len);
struct date db_col_date(struct dbstmt *st, int i);
bool db_col_null(struct dbstmt *st, int i);

/* Runs a statement without results; returns rows changed or DB_ERROR. */
#define db_exec(c, sql, ...) db_exec_((c), (sql), __FILE__, __LINE__, __VA_ARGS__)
long long db_exec_(struct dbconn *c, const char *sql, const char *file, int line,
		   const char *types, ...);
/* 1 when the table exists, 0 when not, DB_ERROR on failure. */
int db_table_exists(struct dbconn *c, const char *table);
/* Runs a script of several statements (migrations). */
int db_exec_script(struct dbconn *c, const char *sql);

/* Transactions nest: the outermost is BEGIN IMMEDIATE (so writers queue
 * instead of failing to upgrade a read lock), inner ones are savepoints.
 * `who` names the caller for error messages. */
#define db_begin(c) db_begin_((c), __FILE__, __LINE__)
int db_begin_(struct dbconn *c, const char *file, int line);
int db_commit(struct dbconn *c);   /* commits, or rolls back if db_failed */
void db_rollback(struct dbconn *c);

bool db_failed(const struct dbconn *c);
enum db_failure db_failure(const struct dbconn *c);
const char *db_errmsg(const struct dbconn *c); /* with SQL and file:line */
/* Records a failure found by the caller (e.g. a row that should exist). */
void db_fail(struct dbconn *c, const char *msg);

#endif
