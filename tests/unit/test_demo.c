/*
 * test_demo: the demo generator gives seed 000's bloc exactly (94
 * grassroots organisations of 8 types, exactly 7.595 active members, i.e.
 * probationary or official, plus a few former ones: at most 2 %), a sound
 * tree, members that pass the rules, the same output every time, and a
 * province level at national size.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "domain/demo.h"
#include "domain/member.h"
#include "domain/orgtype.h"

static const struct date TODAY = {2026, 11, 23};

/* What the sink remembers of an org, indexed by id (ids are 1, 2, ...). */
struct seen_org {
	char *code;
	char *path;
	const char *kind; /* static strings from the generator's tables */
	int depth;
};

struct tally {
	struct seen_org *orgs;
	long long n_orgs, cap_orgs;
	long long by_kind[6];
	bool type_used[ORG_TYPE_COUNT];
	long long merged_cells;
	long long members, invalid, female;
	long long by_status[6];
	long long bad_age, bad_probation, bad_org, bad_card;
	char (*cards)[9];
	long long n_cards, cap_cards;
	uint64_t hash;
	bool check_members; /* validate and keep cards (small runs only) */
	long long stop_after; /* return 7 from the sink after this many, or 0 */
};

static const char *const kinds[] = {"central", "upper", KIND_GRASSROOTS,
				    KIND_GRASSROOTS_CELL, KIND_SUBCOMMITTEE,
				    KIND_CELL};
static const char *const statuses[] = {
	MEMBER_PROBATIONARY, MEMBER_OFFICIAL, MEMBER_TRANSFERRED,
	MEMBER_DECEASED, MEMBER_REMOVED, MEMBER_EXPELLED};

static int index_of(const char *const *list, int n, const char *s)
{
	for (int i = 0; i < n; i++)
		if (strcmp(list[i], s) == 0)
			return i;
	fail_msg("unknown value %s", s);
	return -1;
}

static void hash_bytes(uint64_t *h, const void *p, size_t n)
{
	const unsigned char *b = p;
	for (size_t i = 0; i < n; i++)
		*h = (*h ^ b[i]) * 0x100000001b3u;
}

static void hash_str(uint64_t *h, const char *s)
{
	hash_bytes(h, s ? s : "\x01", s ? strlen(s) + 1 : 1);
}

static void hash_date(uint64_t *h, struct date d)
{
	hash_bytes(h, &d, sizeof d);
}

static bool code_chars_ok(const char *code)
{
	for (const char *p = code; *p; p++)
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		      *p == '.'))
			return false;
	return *code != '\0';
}

static void check_tree_link(struct tally *t, const struct org *o)
{
	assert_int_equal(o->id, t->n_orgs + 1);
	char path[256];
	if (o->parent_id == 0) {
		assert_int_equal(o->depth, 0);
		snprintf(path, sizeof path, "/%lld/", o->id);
	} else {
		assert_in_range(o->parent_id, 1, t->n_orgs);
		const struct seen_org *p = &t->orgs[o->parent_id - 1];
		assert_int_equal(o->depth, p->depth + 1);
		assert_true(strncmp(o->code, p->code, strlen(p->code)) == 0);
		snprintf(path, sizeof path, "%s%lld/", p->path, o->id);
	}
	assert_string_equal(o->path, path);
}

static void check_org_fields(struct tally *t, const struct org *o,
			     const char *const *covers)
{
	assert_true(code_chars_ok(o->code));
	assert_non_null(o->name);
	assert_true(strlen(o->name) > 6);
	assert_true(date_valid(o->founded_on));
	assert_true(date_cmp(o->founded_on, TODAY) <= 0);
	bool grassroots = strcmp(o->kind, KIND_GRASSROOTS) == 0 ||
			  strcmp(o->kind, KIND_GRASSROOTS_CELL) == 0;
	if (grassroots) {
		const struct org_type *ty = org_type_find(o->type);
		assert_non_null(ty);
		t->type_used[ty - org_type_at(0)] = true;
	} else {
		assert_null(o->type);
	}
	if (covers) {
		int n = 0;
		while (covers[n])
			n++;
		assert_in_range(n, 2, 3);
		assert_string_equal(o->kind, KIND_CELL);
		t->merged_cells++;
	}
}

static int on_org(void *ctx, const struct org *o, const char *const *covers)
{
	struct tally *t = ctx;
	assert_int_equal(t->members, 0); /* all orgs come first */
	check_tree_link(t, o);
	check_org_fields(t, o, covers);
	if (t->n_orgs == t->cap_orgs) {
		t->cap_orgs = t->cap_orgs ? 2 * t->cap_orgs : 1024;
		t->orgs = realloc(t->orgs, (size_t)t->cap_orgs * sizeof *t->orgs);
		assert_non_null(t->orgs);
	}
	struct seen_org *s = &t->orgs[t->n_orgs++];
	s->code = strdup(o->code);
	s->path = strdup(o->path);
	s->kind = o->kind;
	s->depth = o->depth;
	t->by_kind[index_of(kinds, 6, o->kind)]++;
	hash_bytes(&t->hash, &o->id, sizeof o->id);
	hash_bytes(&t->hash, &o->parent_id, sizeof o->parent_id);
	hash_str(&t->hash, o->code);
	hash_str(&t->hash, o->name);
	hash_str(&t->hash, o->kind);
	hash_str(&t->hash, o->type);
	hash_date(&t->hash, o->founded_on);
	for (int i = 0; covers && covers[i]; i++)
		hash_str(&t->hash, covers[i]);
	return 0;
}

static void hash_member(uint64_t *h, const struct member *m)
{
	hash_bytes(h, &m->org_id, sizeof m->org_id);
	const char *text[] = {m->org_code, m->full_name, m->surname,
			      m->middle_name, m->given_name, m->sex,
			      m->ethnicity, m->religion, m->hometown,
			      m->residence, m->education, m->theory_level,
			      m->position, m->card_no, m->status};
	for (size_t i = 0; i < sizeof text / sizeof text[0]; i++)
		hash_str(h, text[i]);
	hash_date(h, m->birth_date);
	hash_date(h, m->admitted_on);
	hash_date(h, m->official_on);
	hash_bytes(h, &m->exempt, sizeof m->exempt);
}

/* The demo's own promises beyond the rules: ages, admission ages, and
 * what a probationary member looks like. */
static void check_member_shape(struct tally *t, const struct member *m,
			       int status)
{
	int age = date_years_between(m->birth_date, TODAY);
	int join_age = date_years_between(m->birth_date, m->admitted_on);
	if (age < 23 || age > 62 || join_age < 18 || join_age > 45)
		t->bad_age++;
	if (status == 0 &&
	    (date_cmp(date_add_months(m->admitted_on, 12), TODAY) <= 0 ||
	     !date_is_null(m->official_on) || m->card_no))
		t->bad_probation++;
	/* Official members hold a card; former ones only if they became
	 * official before leaving. */
	if ((status == 1 && !m->card_no) ||
	    (m->card_no && date_is_null(m->official_on)))
		t->bad_card++;
	if (m->card_no) {
		assert_true(t->n_cards < t->cap_cards);
		memcpy(t->cards[t->n_cards++], m->card_no, 9);
	}
}

static void check_member(struct tally *t, const struct member *m, int status)
{
	struct field_errors fe = {0};
	if (member_validate(m, &member_rules_default, TODAY, &fe)) {
		if (t->invalid++ < 5)
			print_error("%s: %s: %s\n", m->full_name,
				    fe.e[0].field, fe.e[0].message);
	}
	assert_in_range(m->org_id, 1, t->n_orgs);
	const struct seen_org *o = &t->orgs[m->org_id - 1];
	if ((strcmp(o->kind, KIND_CELL) != 0 &&
	     strcmp(o->kind, KIND_GRASSROOTS_CELL) != 0) ||
	    strcmp(o->code, m->org_code) != 0 || m->id != 0)
		t->bad_org++;
	check_member_shape(t, m, status);
}

static int on_member(void *ctx, const struct member *m)
{
	struct tally *t = ctx;
	int status = index_of(statuses, 6, m->status);
	t->members++;
	t->by_status[status]++;
	t->female += strcmp(m->sex, "female") == 0;
	hash_member(&t->hash, m);
	if (t->check_members)
		check_member(t, m, status);
	return t->stop_after && t->members == t->stop_after ? 7 : 0;
}

static void run(struct tally *t, long long members, bool check_members)
{
	memset(t, 0, sizeof *t);
	t->hash = 0xcbf29ce484222325u;
	t->check_members = check_members;
	if (check_members) {
		/* room for the former members on top of the active ones */
		t->cap_cards = members + members / 20 + 64;
		t->cards = malloc((size_t)t->cap_cards * sizeof *t->cards);
		assert_non_null(t->cards);
	}
	struct demo_sink sink = {t, on_org, on_member};
	assert_int_equal(demo_generate(members, TODAY, &sink), 0);
}

static void release(struct tally *t)
{
	for (long long i = 0; i < t->n_orgs; i++) {
		free(t->orgs[i].code);
		free(t->orgs[i].path);
	}
	free(t->orgs);
	free(t->cards);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int cmp_card(const void *a, const void *b)
{
	return memcmp(a, b, 9);
}

static void assert_codes_unique(const struct tally *t)
{
	char **codes = malloc((size_t)t->n_orgs * sizeof *codes);
	assert_non_null(codes);
	for (long long i = 0; i < t->n_orgs; i++)
		codes[i] = t->orgs[i].code;
	qsort(codes, (size_t)t->n_orgs, sizeof *codes, cmp_str);
	for (long long i = 1; i < t->n_orgs; i++)
		assert_string_not_equal(codes[i - 1], codes[i]);
	free(codes);
}

static void assert_cards_unique(struct tally *t)
{
	qsort(t->cards, (size_t)t->n_cards, sizeof *t->cards, cmp_card);
	for (long long i = 1; i < t->n_cards; i++)
		assert_true(memcmp(t->cards[i - 1], t->cards[i], 9) != 0);
}

static long long grassroots_of(const struct tally *t)
{
	return t->by_kind[2] + t->by_kind[3];
}

/* Probationary or official: the members the demo size counts. */
static long long active_of(const struct tally *t)
{
	return t->by_status[0] + t->by_status[1];
}

static long long former_of(const struct tally *t)
{
	return t->members - active_of(t);
}

static void test_bloc_tree(void **state)
{
	(void)state;
	struct tally t;
	run(&t, 7595, true);
	assert_int_equal(t.by_kind[0], 0);
	assert_int_equal(t.by_kind[1], 1);
	assert_string_equal(t.orgs[0].code, "DUK");
	assert_int_equal(grassroots_of(&t), 94);
	assert_true(t.by_kind[2] > 20 && t.by_kind[3] > 10);
	assert_true(t.by_kind[4] >= 1); /* some đảng bộ bộ phận */
	assert_true(t.by_kind[5] > 94);
	for (int i = 0; i < ORG_TYPE_COUNT; i++)
		assert_true(t.type_used[i]);
	assert_in_range(t.merged_cells, 1, t.by_kind[5] / 10);
	assert_codes_unique(&t);
	assert_string_equal(t.orgs[1].code, "DUK.D01");
	release(&t);
}

static void test_bloc_members(void **state)
{
	(void)state;
	struct tally t;
	run(&t, 7595, true);
	/* exactly 7595 active; former members present but at most 2 % */
	assert_int_equal(active_of(&t), 7595);
	assert_in_range(former_of(&t), 1, 7595 * 2 / 100);
	assert_int_equal(t.invalid, 0);
	assert_int_equal(t.bad_org, 0);
	assert_int_equal(t.bad_age, 0);
	assert_int_equal(t.bad_probation, 0);
	assert_int_equal(t.bad_card, 0);
	/* probationary 4-6 %, official the bulk, every former status seen */
	assert_in_range(t.by_status[0], 7595 * 4 / 100, 7595 * 6 / 100);
	assert_true(t.by_status[1] > 7595 * 90 / 100);
	for (int i = 2; i < 6; i++)
		assert_in_range(t.by_status[i], 1, 7595 / 100);
	assert_in_range(t.female, t.members * 45 / 100, t.members * 55 / 100);
	assert_in_range(t.n_cards, t.by_status[1], t.members - t.by_status[0]);
	assert_cards_unique(&t);
	release(&t);
}

static void test_deterministic(void **state)
{
	(void)state;
	struct tally a, b;
	run(&a, 7595, false);
	uint64_t first = a.hash;
	release(&a);
	run(&b, 7595, false);
	assert_true(first == b.hash);
	release(&b);

	/* Another day is another data set (probationary members move). */
	struct demo_sink sink = {&b, on_org, on_member};
	memset(&b, 0, sizeof b);
	b.hash = 0xcbf29ce484222325u;
	assert_int_equal(demo_generate(7595, (struct date){2026, 11, 24},
				       &sink), 0);
	assert_true(first != b.hash);
	release(&b);
}

static void test_scales_grassroots(void **state)
{
	(void)state;
	struct tally t;
	run(&t, 100000, false);
	assert_int_equal(active_of(&t), 100000);
	assert_in_range(former_of(&t), 100000 / 200, 100000 * 2 / 100);
	assert_in_range(grassroots_of(&t), 1200, 1300);
	assert_int_equal(t.by_kind[1], 1); /* still one bloc, no provinces */
	release(&t);
}

static void test_province_level(void **state)
{
	(void)state;
	struct tally t;
	run(&t, 250000, true);
	assert_int_equal(active_of(&t), 250000);
	assert_in_range(former_of(&t), 250000 / 200, 250000 * 2 / 100);
	assert_int_equal(t.invalid, 0);
	assert_int_equal(t.bad_org, 0);
	assert_int_equal(t.bad_card, 0);
	assert_int_equal(t.by_kind[0], 1);
	assert_string_equal(t.orgs[0].code, "TW");
	assert_int_equal(t.by_kind[1], 34);
	assert_string_equal(t.orgs[1].code, "TW.P01");
	assert_int_equal(t.orgs[1].depth, 1);
	/* numbers are padded to the province's count of organisations */
	assert_true(strncmp(t.orgs[2].code, "TW.P01.D0", 9) == 0);
	assert_true(strcmp(t.orgs[2].kind, KIND_GRASSROOTS) == 0 ||
		    strcmp(t.orgs[2].kind, KIND_GRASSROOTS_CELL) == 0);
	assert_int_equal(t.orgs[2].depth, 2);
	assert_in_range(grassroots_of(&t), 2500, 3300);
	assert_codes_unique(&t);
	assert_cards_unique(&t);
	release(&t);
}

static void test_small_and_bad_arguments(void **state)
{
	(void)state;
	struct tally t;
	run(&t, 10, true);
	assert_int_equal(active_of(&t), 10);
	assert_in_range(former_of(&t), 0, 2);
	assert_int_equal(grassroots_of(&t), 1);
	assert_int_equal(t.invalid, 0);
	release(&t);

	struct demo_sink sink = {&t, on_org, on_member};
	assert_int_equal(demo_generate(-1, TODAY, &sink), -1);
	assert_int_equal(demo_generate(100000000, TODAY, &sink), -1);
	assert_int_equal(demo_generate(10, (struct date){2026, 2, 30}, &sink),
			 -1);
	assert_int_equal(demo_generate(10, TODAY, NULL), -1);
}

static void test_sink_stops(void **state)
{
	(void)state;
	struct tally t;
	memset(&t, 0, sizeof t);
	t.stop_after = 100;
	struct demo_sink sink = {&t, on_org, on_member};
	assert_int_equal(demo_generate(7595, TODAY, &sink), 7);
	assert_int_equal(t.members, 100);
	release(&t);

	/* NULL callbacks are skipped. */
	struct demo_sink none = {NULL, NULL, NULL};
	assert_int_equal(demo_generate(7595, TODAY, &none), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bloc_tree),
		cmocka_unit_test(test_bloc_members),
		cmocka_unit_test(test_deterministic),
		cmocka_unit_test(test_scales_grassroots),
		cmocka_unit_test(test_province_level),
		cmocka_unit_test(test_small_and_bad_arguments),
		cmocka_unit_test(test_sink_stops),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
