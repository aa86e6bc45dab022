/*
 * demo: a deterministic, realistic demo party organisation (seed 000: one
 * bloc committee, 94 grassroots organisations of 8 types, 7.595 members,
 * i.e. 7.595 active ones, probationary or official).
 *
 * Pure: it emits records through callbacks and never touches storage, so
 * the same generator fills SQLite, PostgreSQL or a CSV file.  The same
 * arguments always produce the same records (own PRNG, fixed seed, no
 * clock: "today" is an argument).
 */
#ifndef CHIBO_DEMO_H
#define CHIBO_DEMO_H

#include "store/model.h"

struct demo_sink {
	void *ctx;
	/* Either callback may be NULL (nothing is delivered for it).
	 * Called parents before children.  o->id is assigned by the
	 * generator (1, 2, 3, ...); o->parent_id refers to an org already
	 * emitted (0 for the root).  o->path is "/1/23/", ending with the
	 * org's own id; o->type is set on grassroots orgs only (codes of
	 * domain/orgtype.h).  The root is "DUK" (kind upper) or, above
	 * 200.000 members, "TW" (kind "central") with 34 provinces "TW.Pnn"
	 * (kind upper) under it.  covers is a NULL-terminated list of the
	 * units a merged cell (chi bộ ghép) spans, or NULL.  Non-zero return
	 * stops generation and is returned by demo_generate.  o's strings
	 * and covers are valid only during the call. */
	int (*org)(void *ctx, const struct org *o, const char *const *covers);
	/* Called after all orgs, once per member, active or former (see
	 * demo_generate), a cell's members together.  m->org_id is a cell or
	 * grassroots cell id; m->id is 0 (storage assigns it).  All strings
	 * are valid only during the call. */
	int (*member)(void *ctx, const struct member *m);
};

/* Generates a tree with exactly `members` active members (status
 * probationary or official; 7595 gives the bloc of seed 000 exactly: 94
 * grassroots orgs).  Larger counts scale the tree (about 80-110 active
 * members per grassroots org, provinces above them at national size).
 * The same cells also hold former members (transferred, deceased,
 * removed, expelled), about 1 % on top of `members`, so the sink sees
 * somewhat more than `members` records.  Card numbers are unique; every
 * member passes member_validate on `today`.  Returns 0, a sink's
 * non-zero return, or -1 for bad arguments (members outside
 * 0..99.999.999, today invalid or before 1965, sink NULL). */
int demo_generate(long long members, struct date today,
		  const struct demo_sink *sink);

#endif
