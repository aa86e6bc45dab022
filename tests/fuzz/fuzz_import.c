/*
 * libFuzzer harness: the whole member import (header matching, every
 * column's parsing and validation, cell lookup) as a dry run against an
 * in-memory database holding a small demo tree.  The import must answer
 * ok or a row/column error for any bytes, never crash, and never write.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "api/api.h"
#include "domain/demo.h"
#include "domain/orgtype.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct db *db;

static int load_org(void *ctx, const struct org *o, const char *const *covers)
{
	struct org copy = *o;
	struct arena a = ARENA_INIT;
	/* A fresh database numbers orgs 1, 2, ... as the generator does. */
	int rc = store_org_insert(ctx, &a, &copy, covers);
	arena_free(&a);
	return rc;
}

static int load_member(void *ctx, const struct member *m)
{
	struct member copy = *m;
	return store_member_insert(ctx, &copy, true);
}

static void setup(void)
{
	struct buf err = BUF_INIT;
	if (db_open("sqlite::memory:", 1, &db, &err) || store_migrate(db, &err))
		abort();
	struct dbconn *c = db_acquire(db);
	for (int i = 0; i < ORG_TYPE_COUNT; i++)
		store_org_type_insert(c, org_type_at(i)->code, org_type_at(i)->name, org_type_at(i)->sort);
	struct demo_sink sink = {.ctx = c, .org = load_org, .member = load_member};
	db_begin(c);
	if (demo_generate(300, (struct date){2026, 11, 23}, &sink) || db_commit(c))
		abort();
	db_release(db, c);
	buf_free(&err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!db)
		setup();
	struct dbconn *c = db_acquire(db);
	struct arena a = ARENA_INIT;
	struct account who = {.username = "fuzz", .role = "admin", .org_path = "/"};
	struct scope sc = {.path = "/"};
	struct import_result res;
	const char *code = size && (data[0] & 1) ? "DUK.D01" : "DUK";
	members_import(c, &a, &who, &sc, code, (const char *)data, size, true, &res);
	arena_free(&a);
	db_release(db, c);
	return 0;
}
