/*
 * Unit tests for core/fmt: Vietnamese number notation and the one
 * percentage rounding rule every report uses.
 */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "core/fmt.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static void test_int(void **state)
{
	(void)state;
	static const struct {
		long long v;
		const char *want;
	} t[] = {
		{0, "0"},
		{7, "7"},
		{999, "999"},
		{1000, "1.000"},
		{7595, "7.595"},
		{60137, "60.137"},
		{100000, "100.000"},
		{6000000, "6.000.000"},
		{1234567890123LL, "1.234.567.890.123"},
		{LLONG_MAX, "9.223.372.036.854.775.807"},
		{-1, "-1"},
		{-999, "-999"},
		{-1234, "-1.234"},
		{-1000000, "-1.000.000"},
		{LLONG_MIN, "-9.223.372.036.854.775.808"},
	};
	for (size_t i = 0; i < N(t); i++) {
		struct buf b = BUF_INIT;
		fmt_int(&b, t[i].v);
		assert_string_equal(buf_str(&b), t[i].want);
		buf_free(&b);
	}
}

static void test_percent_hundredths(void **state)
{
	(void)state;
	static const struct {
		long long num, den, want;
	} t[] = {
		{99, 107, 9252},  /* 92.5233... */
		{8, 107, 748},    /* 7.4766... */
		{20, 99, 2020},   /* 20.2020... */
		{0, 5, 0},
		{1, 3, 3333},
		{2, 3, 6667},
		{1, 8, 1250},     /* exact 12.5 */
		{1, 16, 625},     /* 6.25 exactly */
		{1, 32, 313},     /* 3.125: half rounds up */
		{1, 20001, 0},    /* just below half a hundredth */
		{1, 20000, 1},    /* exactly half a hundredth: up */
		{5, 5, 10000},
		{7595, 7595, 10000},
		{3, 2, 15000},    /* over 100 % is allowed */
		{0, 0, -1},
		{5, 0, -1},
		/* Party-wide counts and large sums, exact. */
		{5500000, 6000000, 9167},
		{59999, 60137, 9977},
		{999999999999LL, 1000000000000LL, 10000},
		{LLONG_MAX, LLONG_MAX, 10000},
		{LLONG_MAX / 2, LLONG_MAX, 5000},
		{LLONG_MAX - 1, LLONG_MAX, 10000},
		{1, LLONG_MAX, 0},
		{LLONG_MAX, 1, LLONG_MAX}, /* saturates */
		/* Signs, for completeness. */
		{-1, 3, -3333},
		{1, -3, -3333},
		{-2, -3, 6667},
		{LLONG_MIN, LLONG_MIN, 10000},
	};
	for (size_t i = 0; i < N(t); i++) {
		long long got = percent_hundredths(t[i].num, t[i].den);
		if (got != t[i].want)
			fail_msg("%lld/%lld: got %lld, want %lld", t[i].num,
				 t[i].den, got, t[i].want);
	}
}

/* Brute force against the textbook formula where it cannot overflow. */
static void test_percent_hundredths_small(void **state)
{
	(void)state;
	for (long long den = 1; den <= 300; den++)
		for (long long num = 0; num <= 2 * den; num++)
			assert_int_equal(percent_hundredths(num, den),
					 (num * 20000 + den) / (2 * den));
}

static void test_percent(void **state)
{
	(void)state;
	static const struct {
		long long num, den;
		const char *want;
	} t[] = {
		{99, 107, "92,52%"},
		{8, 107, "7,48%"},
		{107, 107, "100,00%"},
		{0, 107, "0,00%"},
		{1, 3, "33,33%"},
		{2, 3, "66,67%"},
		{1, 20, "5,00%"},
		{1, 200, "0,50%"},
		{123456, 100, "123.456,00%"},
		{0, 0, "—"},
		{-1, 200, "-0,50%"},
	};
	for (size_t i = 0; i < N(t); i++) {
		struct buf b = BUF_INIT;
		fmt_percent(&b, t[i].num, t[i].den);
		assert_string_equal(buf_str(&b), t[i].want);
		buf_free(&b);
	}
}

static void test_money(void **state)
{
	(void)state;
	static const struct {
		long long v;
		const char *want;
	} t[] = {
		{1250000, "1.250.000 đ"},
		{0, "0 đ"},
		{500, "500 đ"},
		{-30000, "-30.000 đ"},
		{12000000000LL, "12.000.000.000 đ"},
	};
	for (size_t i = 0; i < N(t); i++) {
		struct buf b = BUF_INIT;
		fmt_money(&b, t[i].v);
		assert_string_equal(buf_str(&b), t[i].want);
		buf_free(&b);
	}
}

/* Formatting appends, so a report line can be built piece by piece. */
static void test_appends(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	buf_puts(&b, "Tổng: ");
	fmt_int(&b, 7595);
	buf_puts(&b, " (");
	fmt_percent(&b, 99, 107);
	buf_puts(&b, ")");
	assert_string_equal(buf_str(&b), "Tổng: 7.595 (92,52%)");
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_int),
		cmocka_unit_test(test_percent_hundredths),
		cmocka_unit_test(test_percent_hundredths_small),
		cmocka_unit_test(test_percent),
		cmocka_unit_test(test_money),
		cmocka_unit_test(test_appends),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
