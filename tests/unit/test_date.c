/*
 * Unit tests for core/date: parsing as people type dates in Vietnam,
 * formatting, day arithmetic, ages and terms in months, Excel serials.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <time.h>

#include "core/date.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

#define D(y, m, d) ((struct date){(y), (m), (d)})

static void assert_date(struct date got, struct date want)
{
	if (date_cmp(got, want) != 0)
		fail_msg("got %04d-%02d-%02d, want %04d-%02d-%02d", got.y,
			 got.m, got.d, want.y, want.m, want.d);
}

struct parse_case {
	const char *s;
	int rc;
	struct date want;
};

static void check_parse(int (*parse)(const char *, struct date *),
			const struct parse_case *t, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct date d = D(7, 7, 7);
		int rc = parse(t[i].s, &d);
		if (rc != t[i].rc)
			fail_msg("\"%s\": rc %d, want %d", t[i].s, rc, t[i].rc);
		/* On failure the output is left alone. */
		assert_date(d, rc == 0 ? t[i].want : D(7, 7, 7));
	}
}

static void test_parse_iso(void **state)
{
	(void)state;
	static const struct parse_case t[] = {
		{"2019-02-01", 0, D(2019, 2, 1)},
		{"2020-02-29", 0, D(2020, 2, 29)},
		{"1900-01-01", 0, D(1900, 1, 1)},
		{"2200-12-31", 0, D(2200, 12, 31)},
		{"2000-02-29", 0, D(2000, 2, 29)},  /* 400-year leap */
		{"1900-02-29", -1, {0, 0, 0}},      /* 100-year: common */
		{"2021-02-29", -1, {0, 0, 0}},
		{"2020-13-01", -1, {0, 0, 0}},
		{"2020-00-10", -1, {0, 0, 0}},
		{"2020-04-31", -1, {0, 0, 0}},
		{"2020-01-00", -1, {0, 0, 0}},
		{"1899-12-31", -1, {0, 0, 0}},
		{"2201-01-01", -1, {0, 0, 0}},
		{"2020-1-01", -1, {0, 0, 0}},
		{"20201-01-01", -1, {0, 0, 0}},
		{"2020-01-01x", -1, {0, 0, 0}},
		{"2020-01-01 ", -1, {0, 0, 0}},
		{" 2020-01-01", -1, {0, 0, 0}},
		{"2020/01/01", -1, {0, 0, 0}},
		{"01/02/2019", -1, {0, 0, 0}},
		{"", -1, {0, 0, 0}},
	};
	check_parse(date_parse_iso, t, N(t));
}

static void test_parse_vn(void **state)
{
	(void)state;
	static const struct parse_case t[] = {
		{"01/02/2019", 0, D(2019, 2, 1)},
		{"1/2/2019", 0, D(2019, 2, 1)},
		{"1/12/2019", 0, D(2019, 12, 1)},
		{"31/12/1985", 0, D(1985, 12, 31)},
		{"29/02/2020", 0, D(2020, 2, 29)},
		{"03-09-1945", 0, D(1945, 9, 3)},
		{"2.9.1945", 0, D(1945, 9, 2)},
		{"  07/05/1954\t", 0, D(1954, 5, 7)},
		{"31/02/2020", -1, {0, 0, 0}},
		{"29/02/2021", -1, {0, 0, 0}},
		{"00/01/2000", -1, {0, 0, 0}},
		{"01/00/2000", -1, {0, 0, 0}},
		{"32/01/2000", -1, {0, 0, 0}},
		{"01/13/2000", -1, {0, 0, 0}},
		{"1/1/20", -1, {0, 0, 0}},
		{"1/1/020", -1, {0, 0, 0}},
		{"1/1/20201", -1, {0, 0, 0}},
		{"1/1/1899", -1, {0, 0, 0}},
		{"01/01/2020x", -1, {0, 0, 0}},
		{"01/01/2020 x", -1, {0, 0, 0}},
		{"001/01/2020", -1, {0, 0, 0}},
		{"1/2.2020", -1, {0, 0, 0}},   /* mixed separators */
		{"1 /2/2020", -1, {0, 0, 0}},
		{"/1/2020", -1, {0, 0, 0}},
		{"2020-02-01", -1, {0, 0, 0}}, /* ISO is not dd-mm-yyyy */
		{"", -1, {0, 0, 0}},
	};
	check_parse(date_parse_vn, t, N(t));
}

static void test_parse_any(void **state)
{
	(void)state;
	static const struct parse_case t[] = {
		{"2019-02-01", 0, D(2019, 2, 1)},
		{"01-02-2019", 0, D(2019, 2, 1)},
		{"1/2/2019", 0, D(2019, 2, 1)},
		{"2019-02-30", -1, {0, 0, 0}},
		{"hôm qua", -1, {0, 0, 0}},
	};
	check_parse(date_parse_any, t, N(t));
}

static void test_valid_null(void **state)
{
	(void)state;
	assert_true(date_is_null(D(0, 0, 0)));
	assert_false(date_is_null(D(2000, 1, 1)));
	assert_false(date_valid(D(0, 0, 0)));
	assert_true(date_valid(D(2024, 2, 29)));
	assert_false(date_valid(D(2100, 2, 29)));
	assert_false(date_valid(D(2024, 6, 31)));
}

static void test_format(void **state)
{
	(void)state;
	static const struct {
		struct date d;
		const char *iso, *vn;
	} t[] = {
		{D(2019, 2, 1), "2019-02-01", "01/02/2019"},
		{D(1900, 1, 1), "1900-01-01", "01/01/1900"},
		{D(2200, 12, 31), "2200-12-31", "31/12/2200"},
		{D(1985, 10, 9), "1985-10-09", "09/10/1985"},
		{D(0, 0, 0), "", ""},
		{D(2021, 2, 29), "", ""},
	};
	for (size_t i = 0; i < N(t); i++) {
		char buf[11];
		date_format_iso(t[i].d, buf);
		assert_string_equal(buf, t[i].iso);
		date_format_vn(t[i].d, buf);
		assert_string_equal(buf, t[i].vn);
	}
}

static void test_days(void **state)
{
	(void)state;
	static const struct {
		struct date d;
		long days;
	} t[] = {
		{D(1970, 1, 1), 0},
		{D(1970, 1, 2), 1},
		{D(1969, 12, 31), -1},
		{D(1900, 1, 1), -25567},
		{D(2000, 3, 1), 11017},
		{D(2019, 2, 1), 17928},
		{D(2200, 12, 31), 84370},
	};
	for (size_t i = 0; i < N(t); i++) {
		assert_int_equal(date_to_days(t[i].d), t[i].days);
		assert_date(date_from_days(t[i].days), t[i].d);
	}
	/* Every day from 1900 to 2200: round trip, consecutive, valid. */
	long first = date_to_days(D(1900, 1, 1));
	long last = date_to_days(D(2200, 12, 31));
	struct date prev = date_from_days(first - 1);
	assert_date(prev, D(1899, 12, 31));
	for (long n = first; n <= last; n++) {
		struct date d = date_from_days(n);
		if (!date_valid(d) || date_to_days(d) != n ||
		    date_cmp(prev, d) >= 0)
			fail_msg("day %ld -> %04d-%02d-%02d", n, d.y, d.m, d.d);
		prev = d;
	}
	/* Far outside the valid years the arithmetic still holds. */
	for (long n = -1000000; n <= 1000000; n += 997)
		assert_int_equal(date_to_days(date_from_days(n)), n);
}

static void test_cmp(void **state)
{
	(void)state;
	assert_true(date_cmp(D(2020, 1, 1), D(2020, 1, 2)) < 0);
	assert_true(date_cmp(D(2020, 2, 1), D(2020, 1, 31)) > 0);
	assert_true(date_cmp(D(2019, 12, 31), D(2020, 1, 1)) < 0);
	assert_int_equal(date_cmp(D(2020, 5, 5), D(2020, 5, 5)), 0);
}

static void test_years_between(void **state)
{
	(void)state;
	static const struct {
		struct date birth, on;
		int years;
	} t[] = {
		{D(2000, 5, 10), D(2018, 5, 9), 17},   /* day before */
		{D(2000, 5, 10), D(2018, 5, 10), 18},  /* on the day */
		{D(2000, 5, 10), D(2018, 5, 11), 18},
		{D(2000, 5, 10), D(2018, 4, 30), 17},  /* earlier month */
		{D(2000, 5, 10), D(2018, 6, 1), 18},
		{D(2000, 12, 31), D(2018, 12, 31), 18},
		{D(2001, 1, 1), D(2018, 12, 31), 17},
		{D(2000, 5, 10), D(2000, 5, 10), 0},
		/* Born 29/02: in common years the birthday arrives on 01/03. */
		{D(2000, 2, 29), D(2018, 2, 28), 17},
		{D(2000, 2, 29), D(2018, 3, 1), 18},
		{D(2000, 2, 29), D(2020, 2, 28), 19},
		{D(2000, 2, 29), D(2020, 2, 29), 20},
		/* Born 28/02 or 01/03 around a leap day. */
		{D(2003, 2, 28), D(2021, 2, 28), 18},
		{D(2003, 3, 1), D(2024, 2, 29), 20},
		{D(2003, 3, 1), D(2024, 3, 1), 21},
	};
	for (size_t i = 0; i < N(t); i++)
		assert_int_equal(date_years_between(t[i].birth, t[i].on),
				 t[i].years);
}

static void test_add_months(void **state)
{
	(void)state;
	static const struct {
		struct date a;
		int n;
		struct date want;
	} t[] = {
		{D(2020, 1, 31), 1, D(2020, 2, 29)},
		{D(2021, 1, 31), 1, D(2021, 2, 28)},
		{D(2021, 3, 31), 1, D(2021, 4, 30)},
		{D(2020, 2, 29), 12, D(2021, 2, 28)},
		{D(2020, 2, 29), 48, D(2024, 2, 29)},
		{D(2020, 5, 15), 12, D(2021, 5, 15)},
		{D(2020, 11, 30), 3, D(2021, 2, 28)},
		{D(2020, 12, 1), 1, D(2021, 1, 1)},
		{D(2021, 1, 15), -1, D(2020, 12, 15)},
		{D(2021, 3, 31), -1, D(2021, 2, 28)},
		{D(2021, 1, 31), -13, D(2019, 12, 31)},
		{D(2020, 6, 10), 0, D(2020, 6, 10)},
		{D(2000, 1, 1), 2400, D(2200, 1, 1)},
	};
	for (size_t i = 0; i < N(t); i++)
		assert_date(date_add_months(t[i].a, t[i].n), t[i].want);
}

static void test_months_between(void **state)
{
	(void)state;
	static const struct {
		struct date a, b;
		int months;
	} t[] = {
		{D(2020, 5, 15), D(2020, 5, 15), 0},
		{D(2020, 5, 15), D(2020, 6, 14), 0},
		{D(2020, 5, 15), D(2020, 6, 15), 1},
		{D(2020, 5, 15), D(2021, 5, 14), 11},
		{D(2020, 5, 15), D(2021, 5, 15), 12},  /* 12 tháng dự bị */
		{D(2020, 5, 15), D(2021, 12, 31), 19},
		{D(2020, 12, 20), D(2021, 1, 19), 0},
		{D(2020, 12, 20), D(2021, 1, 20), 1},
		/* From a month end: the clamped day of date_add_months counts. */
		{D(2021, 1, 31), D(2021, 2, 27), 0},
		{D(2021, 1, 31), D(2021, 2, 28), 1},
		{D(2021, 1, 31), D(2021, 3, 30), 1},
		{D(2021, 1, 31), D(2021, 3, 31), 2},
		{D(2020, 2, 29), D(2021, 2, 28), 12},
	};
	for (size_t i = 0; i < N(t); i++)
		assert_int_equal(date_months_between(t[i].a, t[i].b),
				 t[i].months);
	/* months_between inverts add_months for every start day of 2020. */
	for (long n = date_to_days(D(2020, 1, 1));
	     n <= date_to_days(D(2020, 12, 31)); n++) {
		struct date a = date_from_days(n);
		for (int k = 0; k <= 30; k++) {
			struct date b = date_add_months(a, k);
			assert_int_equal(date_months_between(a, b), k);
			struct date before = date_from_days(date_to_days(b) - 1);
			if (k > 0)
				assert_int_equal(date_months_between(a, before),
						 k - 1);
		}
	}
}

static void test_excel_serial(void **state)
{
	(void)state;
	static const struct {
		double serial;
		int rc;
		struct date want;
	} t[] = {
		{1, 0, D(1900, 1, 1)},
		{31, 0, D(1900, 1, 31)},
		{59, 0, D(1900, 2, 28)},
		{60, -1, {0, 0, 0}},          /* Excel's fictitious 29/02/1900 */
		{61, 0, D(1900, 3, 1)},
		{25569, 0, D(1970, 1, 1)},
		{36526, 0, D(2000, 1, 1)},
		{43497, 0, D(2019, 2, 1)},
		{43497.75, 0, D(2019, 2, 1)}, /* time of day ignored */
		{43890, 0, D(2020, 2, 29)},
		{0, -1, {0, 0, 0}},
		{0.5, -1, {0, 0, 0}},
		{-5, -1, {0, 0, 0}},
		{1e300, -1, {0, 0, 0}},
		{110000, -1, {0, 0, 0}},      /* past 2200 */
	};
	for (size_t i = 0; i < N(t); i++) {
		struct date d = D(7, 7, 7);
		int rc = date_from_excel_serial(t[i].serial, &d);
		if (rc != t[i].rc)
			fail_msg("serial %g: rc %d, want %d", t[i].serial, rc,
				 t[i].rc);
		assert_date(d, rc == 0 ? t[i].want : D(7, 7, 7));
	}
	struct date d;
	assert_int_equal(date_from_excel_serial(NAN, &d), -1);
}

static void test_today(void **state)
{
	(void)state;
	struct date t = date_today();
	assert_true(date_valid(t));
	assert_true(t.y >= 2024);
	assert_int_equal(date_cmp(t, date_in_vietnam((long long)time(NULL))), 0);
}

/* Vietnam's day turns at 17:00 UTC, whatever the server's zone. */
static void test_vietnam_day(void **state)
{
	(void)state;
	static const struct { long long unix; struct date want; } cases[] = {
		{1795453199, {2026, 11, 23}}, /* 2026-11-23T16:59:59Z = 23:59:59 in Hà Nội */
		{1795453200, {2026, 11, 24}}, /* 2026-11-23T17:00:00Z = 00:00:00 next day */
		{1795392000, {2026, 11, 23}}, /* 2026-11-23T00:00:00Z = 07:00 */
		{0, {1970, 1, 1}},
		{-25201, {1969, 12, 31}},     /* 1969-12-31T16:59:59Z */
		{-25200, {1970, 1, 1}},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct date d = date_in_vietnam(cases[i].unix);
		assert_int_equal(d.y, cases[i].want.y);
		assert_int_equal(d.m, cases[i].want.m);
		assert_int_equal(d.d, cases[i].want.d);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_iso),
		cmocka_unit_test(test_parse_vn),
		cmocka_unit_test(test_parse_any),
		cmocka_unit_test(test_valid_null),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_days),
		cmocka_unit_test(test_cmp),
		cmocka_unit_test(test_years_between),
		cmocka_unit_test(test_add_months),
		cmocka_unit_test(test_months_between),
		cmocka_unit_test(test_excel_serial),
		cmocka_unit_test(test_today),
		cmocka_unit_test(test_vietnam_day),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
