/*
 * store: every query chibo runs, behind one interface, one file per
 * concern (org.c, member.c, account.c, audit.c, migrate.c).
 *
 * Conventions:
 *  - Functions take a connection from db_acquire and, where results hold
 *    strings, an arena that owns them.
 *  - Reads and writes of scoped objects take a struct scope; the subtree
 *    test is part of the SQL (path range), so an object outside the scope
 *    is simply not found.  Callers answer 404 for STORE_NOT_FOUND.
 *  - Return codes: STORE_OK, STORE_NOT_FOUND, STORE_CONFLICT (stale
 *    version or duplicate key), STORE_ERROR (see db_errmsg).
 *  - Writes do not open transactions; the caller (api) wraps the write and
 *    its audit entry in one.
 */
#ifndef CHIBO_STORE_H
#define CHIBO_STORE_H

#include <stdbool.h>

#include "core/arena.h"
#include "store/db.h"
#include "store/model.h"

enum { STORE_OK = 0, STORE_NOT_FOUND = 1, STORE_CONFLICT = 2, STORE_ERROR = -1 };

/* What an account may see: the subtree under path.  member_id > 0 narrows
 * a "member" account to its own record. */
struct scope {
	long long org_id;
	const char *path;   /* "/1/23/" */
	long long member_id;
};

/* Upper bound of a subtree's path range: "/1/23/" -> "/1/230". */
void scope_path_end(const char *path, char *out, size_t n);

void store_now(char out[32]); /* "2026-11-23T05:06:07Z" (UTC) */

int store_migrate(struct db *db, struct buf *err);

/* ---- organisations (org.c) ---- */

struct org_row {
	struct org o;
	const char *kind_name;
	const char *type_name;
	long long child_count;
	long long member_count; /* active members in the subtree */
	const char **covers;    /* NULL-terminated */
};

struct org_stats {
	long long member_total;      /* every status */
	long long by_status[6];      /* order of member_statuses[] */
	long long active_by_sex[2];  /* male, female */
	int nyears;                  /* active members by year of birth */
	int *birth_years;
	long long *year_counts;
	int ntypes;
	const char **type_codes;     /* grassroots orgs by type */
	long long *type_counts;
	int nkinds;
	const char **kind_codes;
	long long *kind_counts;
};

/* Status codes in display order; the first two (probationary, official)
 * are the active members. */
extern const char *const member_statuses[6];

int store_org_get(struct dbconn *c, struct arena *a, const struct scope *sc,
		  long long id, struct org_row *out);
int store_org_by_code(struct dbconn *c, struct arena *a, const struct scope *sc,
		      const char *code, struct org_row *out);
/* Children of parent (dissolved ones too), ordered by code. */
int store_org_children(struct dbconn *c, struct arena *a, const struct scope *sc,
		       long long parent_id, struct org_row **items, int *n);
/* Orgs in scope whose name or code matches the folded query, by depth then code. */
int store_org_search(struct dbconn *c, struct arena *a, const struct scope *sc,
		     const char *q_fold, int limit, struct org_row **items, int *n);
/* Ancestors of an org from the scope root down, excluding the org. */
int store_org_ancestors(struct dbconn *c, struct arena *a, const struct scope *sc,
			const struct org *o, struct org_row **items, int *n);
/* Counts for the subtree of o (which the caller read through its scope). */
int store_org_stats(struct dbconn *c, struct arena *a, const struct org *o,
		    struct org_stats *out);
/* Calls fn for each org in scope with depth < max_depth (-1: all), in
 * path order (parents before children). */
int store_org_each(struct dbconn *c, struct arena *a, const struct scope *sc, int max_depth,
		   int (*fn)(void *ctx, const struct org_row *o), void *ctx);
bool store_org_kind_exists(struct dbconn *c, const char *code);
bool store_org_type_exists(struct dbconn *c, const char *code);
/* Inserts o (o->parent_id must be in scope, checked by the caller through
 * store_org_get); sets o->id, o->path, o->depth. */
int store_org_insert(struct dbconn *c, struct arena *a, struct org *o,
		     const char *const *covers);
/* Writes name, type, founded_on, dissolved_on and covers of o if
 * o->version is current; moves the subtree when parent_id changed
 * (paths of all descendants rewritten).  Bumps version. */
int store_org_update(struct dbconn *c, struct arena *a, const struct scope *sc,
		     struct org *o, const char *const *covers, bool set_covers);
/* Kinds and types for /meta: parallel code/name arrays. */
int store_org_kinds(struct dbconn *c, struct arena *a, const char ***codes,
		    const char ***names, int *n);
int store_org_types(struct dbconn *c, struct arena *a, const char ***codes,
		    const char ***names, int *n);
int store_org_type_insert(struct dbconn *c, const char *code, const char *name, int sort);

/* ---- subtree member counts (tally.c) ---- */

/* Adds delta members (status, sex, year of birth) to the org at path and
 * to each of its ancestors. */
int store_tally_add(struct dbconn *c, const char *path, const char *status, const char *sex,
		    int birth_year, long long delta);
/* Moves the counts of org_id's subtree from the ancestors on
 * old_parent_path to those on new_parent_path. */
int store_tally_move(struct dbconn *c, long long org_id, const char *old_parent_path,
		     const char *new_parent_path);
/* Recomputes every count from the members (after a bulk load). */
int store_tally_rebuild(struct dbconn *c);

/* ---- members (member.c) ---- */

struct member_filter {
	const char *org_path;   /* subtree inside the scope, or NULL */
	const char *status;     /* or NULL */
	const char *sex;        /* or NULL */
	int born_from, born_to;  /* years of birth, inclusive; 0 = no bound */
	const char *q_fold;     /* folded search words, or NULL */
	/* The subtree holds few members (a grassroots org or below): read its
	 * members by org and sort them, instead of walking the global name
	 * index and testing each member's org.  Only a plan choice. */
	bool small_subtree;
	int limit;
	/* cursor: continue after (key, id) */
	const void *after_key;
	size_t after_key_len;
	long long after_id;
};

struct member_row {
	struct member m;
	const char *org_name;
	const char *org_path;
	const void *name_key;
	size_t name_key_len;
};

int store_member_list(struct dbconn *c, struct arena *a, const struct scope *sc,
		      const struct member_filter *f, struct member_row **items, int *n);
int store_member_get(struct dbconn *c, struct arena *a, const struct scope *sc,
		     long long id, struct member_row *out);
/* Inserts m (fields validated and org checked in scope by the caller);
 * computes name key and search text; sets m->id, m->version.  With
 * tally false the subtree counts are left for store_tally_rebuild. */
int store_member_insert(struct dbconn *c, struct member *m, bool tally);
/* Writes every field of m if m->version matches; bumps m->version. */
int store_member_update(struct dbconn *c, const struct scope *sc, struct member *m);
/* Counts members with the given card number other than id (duplicates). */
bool store_member_card_taken(struct dbconn *c, const char *card_no, long long except_id);
/* Calls fn for every member of the subtree, in name order (exports). */
int store_member_each(struct dbconn *c, const struct scope *sc, const char *org_path,
		      int (*fn)(void *ctx, const struct member_row *r), void *ctx);

/* ---- accounts, sessions, tokens, login failures (account.c) ---- */

struct account {
	long long id;
	const char *username;
	const char *role;
	long long org_id;
	const char *org_code;
	const char *org_name;
	const char *org_path;
	const char *org_kind;
	long long member_id;
	const char *password_hash;
	bool active;
	long long version;
	const char *created_at;
};

int store_account_by_username(struct dbconn *c, struct arena *a, const char *username,
			      struct account *out);
int store_account_by_session(struct dbconn *c, struct arena *a, const char *token_hash,
			     const char *now, struct account *out, const char **csrf);
int store_account_by_token(struct dbconn *c, struct arena *a, const char *token_hash,
			   struct account *out);
/* Accounts whose org is in the scope, by username. */
int store_account_list(struct dbconn *c, struct arena *a, const struct scope *sc,
		       struct account **items, int *n);
/* One account whose org is in the scope (active or not). */
int store_account_get(struct dbconn *c, struct arena *a, const struct scope *sc, long long id,
		      struct account *out);
/* Writes role, active and (when non-NULL) password_hash of a if a->version
 * is current; bumps the version.  A new password or a disabled account
 * ends the account's sessions. */
int store_account_update(struct dbconn *c, const struct scope *sc, struct account *a,
			 const char *new_password_hash);
int store_account_insert(struct dbconn *c, const char *username, const char *password_hash,
			 const char *role, long long org_id, long long member_id, long long *id);
int store_session_insert(struct dbconn *c, const char *token_hash, long long account_id,
			 const char *csrf, const char *now, const char *expires);
int store_session_delete(struct dbconn *c, const char *token_hash);
int store_token_insert(struct dbconn *c, long long account_id, const char *name,
		       const char *token_hash, long long *id);
/* Records a failure at now and forgets those older than since (the limit's
 * window), so the table never outgrows one window of attempts. */
int store_login_failure_add(struct dbconn *c, const char *username, const char *address,
			    const char *now, const char *since);
/* Failures since `since` for the username and for the address. */
int store_login_failures(struct dbconn *c, const char *username, const char *address,
			 const char *since, long long *by_user, long long *by_address);
int store_login_failures_clear(struct dbconn *c, const char *username);

/* ---- audit (audit.c) ---- */

struct audit_entry {
	long long id;
	const char *at;
	long long account_id;
	const char *username;
	const char *action;      /* "create", "update", "move", "dissolve", "import", "login"... */
	const char *object_type; /* "org", "member", "account", "token" */
	long long object_id;
	const char *org_path;
	const char *before;      /* JSON text or NULL */
	const char *after;
};

int store_audit_append(struct dbconn *c, const struct audit_entry *e);
/* Newest first, in scope, optionally one object type / one object;
 * continue below before_id when > 0. */
int store_audit_list(struct dbconn *c, struct arena *a, const struct scope *sc,
		     const char *org_path, const char *object_type, long long object_id,
		     long long before_id, int limit, struct audit_entry **items, int *n);

#endif
