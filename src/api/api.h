/*
 * api: one file per resource; each handler parses its input, calls the
 * domain rules and the store, and fills the response.  Everything every
 * handler needs (login, role, CSRF, the transaction around a write, the
 * database connection) is done once by api_dispatch from the flags of the
 * route table in routes.h, so handlers do only their own work.
 *
 * Failures, written down once:
 *  - client errors: api_fail(r, 422, "validation", "birth_date", "...")
 *    sets the JSON error and the status; the handler then returns.
 *  - internal errors: api_internal(r, where) logs the database message
 *    with context and answers 500 without leaking it.
 *  - bugs: assert.
 */
#ifndef CHIBO_API_H
#define CHIBO_API_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/arena.h"
#include "core/buf.h"
#include "domain/errors.h"
#include "store/store.h"

struct app {
	struct db *db;
	const char *web_root;        /* directory of the built SPA */
	size_t body_limit;           /* bytes, ordinary requests */
	size_t upload_limit;         /* bytes, imports */
	int session_hours;
	bool secure_cookies;
};

struct kv {
	const char *key, *value;
};

struct req {
	struct arena arena;
	struct app *app;
	struct dbconn *db;
	const char *method;
	const char *path;
	const char *params[4]; /* {id} parts of the route, in order */
	int nparams;
	struct kv *query;      /* decoded query arguments */
	int nquery;
	struct kv *headers;    /* request headers (names as sent) */
	int nheaders;
	const char *body;
	size_t body_len;
	json_t *body_json;     /* parsed by req_json_body, owned */
	const char *client_addr;

	/* who is asking (set by api_dispatch) */
	bool authed;
	bool via_cookie;
	struct account account;
	struct scope scope;
	const char *csrf; /* session's CSRF token */
	const char *session_hash;

	/* the answer */
	int status;
	json_t *json;          /* owned; serialised by the http layer */
	const char *content_type;
	const char *raw;       /* or raw bytes (arena-owned) */
	size_t raw_len;
	const char *download_name; /* Content-Disposition filename */
	struct kv resp_headers[8];
	int nresp_headers;
};

/* Runs the request through the route table (called by the http layer for
 * every /api/ and /healthz path). */
void api_dispatch(struct req *r);
/* The most body bytes a request to method+path may send (the upload
 * limit for import routes, the ordinary limit otherwise), so the http
 * layer can refuse a large body before reading it. */
size_t api_body_limit(const struct app *app, const char *method, const char *path);
/* The route table as an OpenAPI document (owned by caller). */
json_t *api_openapi(void);

/* ---- helpers for handlers (api.c) ---- */
const char *req_query(const struct req *r, const char *name);
const char *req_header(const struct req *r, const char *name);
long long req_param_id(const struct req *r, int i); /* 0 when not a positive integer */
/* Parses the body as a JSON object; on failure answers 400 and returns NULL.
 * The object is owned by the request (freed with it). */
json_t *req_json_body(struct req *r);

void api_json(struct req *r, int status, json_t *body); /* steals body */
void api_fail(struct req *r, int status, const char *code, const char *field,
	      const char *fmt, ...) __attribute__((format(printf, 5, 6)));
void api_fail_fields(struct req *r, const struct field_errors *fe);
void api_internal(struct req *r, const char *where);
/* Checks the "version" sent with a change against the stored one:
 * missing -> 422, different -> 409 naming what ("Hồ sơ", "Tổ chức"...). */
bool api_version_ok(struct req *r, json_t *body, long long current, const char *what);
/* Maps a store result to 404/409/500; returns true when it was STORE_OK. */
bool api_store_ok(struct req *r, int rc, const char *what);
void api_header(struct req *r, const char *name, const char *value);
void api_raw(struct req *r, int status, const char *content_type, const char *data,
	     size_t len, const char *download_name);
/* Answers the change history of a visible object, newest first, from the
 * audit log (the one record of every write). */
void api_history(struct req *r, const char *object_type, long long id);
/* Records an audit entry for the current account inside the transaction. */
void api_audit(struct req *r, const char *action, const char *object_type,
	       long long object_id, const char *org_path, json_t *before, json_t *after);

/* JSON field access with typed errors (answer 422 naming the field). */
const char *json_str_field(struct req *r, json_t *o, const char *field, bool required);
bool json_date_field(struct req *r, json_t *o, const char *field, struct date *out);
/* Same, collecting the error into fe instead of answering. */
bool json_date_into(json_t *o, const char *field, struct date *out, struct field_errors *fe);
/* The Vietnamese name of a JSON field ("birth_date" -> "Ngày sinh"). */
const char *field_label(const char *field);

/* JSON shapes shared by several resources */
json_t *json_date(struct date d);
json_t *json_str_or_null(const char *s);
json_t *org_to_json(const struct org_row *o);
json_t *member_to_json(const struct member_row *m, struct date today);
/* The same record written as JSON text (lists and exports of thousands). */
void member_json_write(struct buf *b, const struct member_row *m, struct date today);
/* Answers with JSON already written as text. */
void api_json_text(struct req *r, int status, const struct buf *text);
json_t *account_to_json(const struct account *a);

/* Sessions: hash of a secret as stored (hex BLAKE2b-256). */
void api_secret_hash(const char *secret, char out[65]);
void api_random_hex(char *out, size_t bytes); /* out has 2*bytes+1 */

/* Shared with the CLI, which runs them as a system account. */
struct import_result {
	int imported;
	int row;            /* spreadsheet row of the error (header = 1), or 0 */
	const char *column; /* Vietnamese column name, or NULL */
	const char *field;
	char message[300];
};
/* data is CSV (any of csv_read's forms) or XLSX (first sheet). */
int members_import(struct dbconn *c, struct arena *a, const struct account *who,
		       const struct scope *sc, const char *org_code, const char *data,
		       size_t len, bool dry_run, struct import_result *res);
int members_export(struct dbconn *c, const struct scope *sc, const struct org_row *org,
		   const char *format, struct buf *out, struct buf *err);
const char *members_export_content_type(const char *format);

#endif
