/*
 * fmt: numbers in Vietnamese notation; see fmt.h.
 *
 * Everything is integer arithmetic: reports are compared digit for digit
 * with the ones officials compute by hand, and a binary double cannot hold
 * most halves of a hundredth exactly, so half-up would round either way.
 */
#include "core/fmt.h"

#include <limits.h>

/* Magnitude of v, defined even for LLONG_MIN. */
static unsigned long long magnitude(long long v)
{
	return v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
}

void fmt_int(struct buf *out, long long v)
{
	char tmp[32]; /* 20 digits + 6 dots + sign */
	char *p = tmp + sizeof tmp;
	unsigned long long m = magnitude(v);
	int n = 0;
	do {
		if (n > 0 && n % 3 == 0)
			*--p = '.';
		*--p = (char)('0' + m % 10);
		m /= 10;
		n++;
	} while (m);
	if (v < 0)
		*--p = '-';
	buf_append(out, p, (size_t)(tmp + sizeof tmp - p));
}

long long percent_hundredths(long long num, long long den)
{
	if (den == 0)
		return -1;
	/* Signs are carried over for completeness; counts never have them,
	 * which is why -1 is free to mean "no denominator". */
	unsigned long long a = magnitude(num), b = magnitude(den);
	unsigned long long q = a / b, r = a % b;
	/* Four decimal digits of r/b by long division.  r * 10 could
	 * overflow for huge b, so each step adds r to itself ten times
	 * modulo b, counting the wrap-arounds (the digit); r < b keeps
	 * every sum in range. */
	unsigned long long frac = 0;
	for (int i = 0; i < 4; i++) {
		unsigned long long acc = 0, digit = 0;
		for (int k = 0; k < 10; k++) {
			if (acc >= b - r) {
				acc -= b - r;
				digit++;
			} else {
				acc += r;
			}
		}
		frac = frac * 10 + digit;
		r = acc;
	}
	if (r >= b - r) /* remainder at least half: round up */
		frac++;
	/* A ratio beyond 9e14 % is no report's business; saturate rather
	 * than wrap. */
	if (q > (unsigned long long)(LLONG_MAX - 10000) / 10000)
		return (num < 0) != (den < 0) ? -LLONG_MAX : LLONG_MAX;
	long long h = (long long)(q * 10000 + frac);
	return (num < 0) != (den < 0) ? -h : h;
}

void fmt_percent(struct buf *out, long long num, long long den)
{
	if (den == 0) {
		buf_puts(out, "—");
		return;
	}
	long long h = percent_hundredths(num, den);
	if (h < 0) {
		buf_putc(out, '-');
		h = -h;
	}
	fmt_int(out, h / 100);
	buf_printf(out, ",%02lld%%", h % 100);
}

void fmt_money(struct buf *out, long long dong)
{
	fmt_int(out, dong);
	buf_puts(out, " đ");
}
