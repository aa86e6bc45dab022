/*
 * date: civil dates as plain (y, m, d) triples; see date.h.
 *
 * Nothing here touches time zones: a birth date or an admission date is a
 * day on the calendar, not an instant, so only date_today asks the clock.
 * Day numbers use the proleptic Gregorian "days from civil" arithmetic
 * (H. Hinnant), exact for any year without tables or libc.
 */
#include "core/date.h"

#include <time.h>

enum { YEAR_MIN = 1900, YEAR_MAX = 2200 };

static bool is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
	static const int dim[12] = {31, 28, 31, 30, 31, 30,
				    31, 31, 30, 31, 30, 31};
	return m == 2 && is_leap(y) ? 29 : dim[m - 1];
}

bool date_valid(struct date d)
{
	return d.y >= YEAR_MIN && d.y <= YEAR_MAX && d.m >= 1 && d.m <= 12 &&
	       d.d >= 1 && d.d <= days_in_month(d.y, d.m);
}

bool date_is_null(struct date d)
{
	return d.y == 0 && d.m == 0 && d.d == 0;
}

/* Reads between min and max ASCII digits; returns how many were read. */
static int digits(const char **s, int min, int max, int *v)
{
	int n = 0;
	*v = 0;
	while (n < max && **s >= '0' && **s <= '9') {
		*v = *v * 10 + (**s - '0');
		(*s)++;
		n++;
	}
	return n >= min ? n : 0;
}

int date_parse_iso(const char *s, struct date *out)
{
	struct date d;
	if (digits(&s, 4, 4, &d.y) && *s++ == '-' &&
	    digits(&s, 2, 2, &d.m) && *s++ == '-' &&
	    digits(&s, 2, 2, &d.d) && *s == '\0' && date_valid(d)) {
		*out = d;
		return 0;
	}
	return -1;
}

static const char *skip_spaces(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

int date_parse_vn(const char *s, struct date *out)
{
	struct date d;
	s = skip_spaces(s);
	if (!digits(&s, 1, 2, &d.d))
		return -1;
	/* The separator is whatever follows the day, and the same one must
	 * follow the month: "1/2.2020" is more likely a typo than a date. */
	char sep = *s;
	if (sep != '/' && sep != '-' && sep != '.')
		return -1;
	s++;
	if (!digits(&s, 1, 2, &d.m) || *s++ != sep ||
	    !digits(&s, 4, 4, &d.y))
		return -1;
	if (*skip_spaces(s) != '\0' || !date_valid(d))
		return -1;
	*out = d;
	return 0;
}

int date_parse_any(const char *s, struct date *out)
{
	return date_parse_iso(s, out) == 0 ? 0 : date_parse_vn(s, out);
}

/* Excel serial 25569 is 1970-01-01.  Excel also counts 29/02/1900, a day
 * that never was (Lotus 1-2-3 compatibility), so serials below 60 are one
 * day "early" and 60 itself is not a date. */
enum { EXCEL_EPOCH = 25569, EXCEL_FAKE_LEAP_DAY = 60 };

int date_from_excel_serial(double serial, struct date *out)
{
	/* Written so NaN fails too; the upper bound keeps the cast defined
	 * and lies far past 2200 so date_valid gives the real verdict. */
	if (!(serial >= 1 && serial < 1e6))
		return -1;
	long day = (long)serial; /* the fraction is the time of day */
	if (day == EXCEL_FAKE_LEAP_DAY)
		return -1;
	struct date d = date_from_days(day - EXCEL_EPOCH +
				       (day < EXCEL_FAKE_LEAP_DAY));
	if (!date_valid(d))
		return -1;
	*out = d;
	return 0;
}

/* Writes v as exactly w digits; callers pass only valid dates, whose
 * fields fit. */
static char *put_digits(char *p, int v, int w)
{
	for (int i = w - 1; i >= 0; i--) {
		p[i] = (char)('0' + v % 10);
		v /= 10;
	}
	return p + w;
}

/* Null or invalid dates format as "" so that a missing date leaves a blank
 * cell rather than "0000-00-00". */
void date_format_iso(struct date d, char out[11])
{
	char *p = out;
	if (date_valid(d)) {
		p = put_digits(p, d.y, 4);
		*p++ = '-';
		p = put_digits(p, d.m, 2);
		*p++ = '-';
		p = put_digits(p, d.d, 2);
	}
	*p = '\0';
}

void date_format_vn(struct date d, char out[11])
{
	char *p = out;
	if (date_valid(d)) {
		p = put_digits(p, d.d, 2);
		*p++ = '/';
		p = put_digits(p, d.m, 2);
		*p++ = '/';
		p = put_digits(p, d.y, 4);
	}
	*p = '\0';
}

/* Floor division, so that dates before 1970 and negative month offsets
 * land in the right year. */
static long floor_div(long a, long b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

long date_to_days(struct date d)
{
	/* Years start on 1 March, so the leap day is the last day of the
	 * year and month lengths follow a fixed 153-day pattern. */
	long y = d.y - (d.m <= 2);
	long era = floor_div(y, 400);
	long yoe = y - era * 400;
	long mp = (d.m + 9) % 12;
	long doy = (153 * mp + 2) / 5 + d.d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

struct date date_from_days(long days)
{
	long z = days + 719468;
	long era = floor_div(z, 146097);
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	int d = (int)(doy - (153 * mp + 2) / 5 + 1);
	int m = (int)(mp < 10 ? mp + 3 : mp - 9);
	int y = (int)(yoe + era * 400 + (m <= 2));
	return (struct date){y, m, d};
}

int date_cmp(struct date a, struct date b)
{
	if (a.y != b.y)
		return a.y < b.y ? -1 : 1;
	if (a.m != b.m)
		return a.m < b.m ? -1 : 1;
	return (a.d > b.d) - (a.d < b.d);
}

/* Someone born on 29/02 comes of age on 01/03 in common years: the
 * birthday has not come while (month, day) is still before (2, 29). */
int date_years_between(struct date birth, struct date on)
{
	int years = on.y - birth.y;
	if (on.m < birth.m || (on.m == birth.m && on.d < birth.d))
		years--;
	return years;
}

/* Months are counted as the inverse of date_add_months, so a term that
 * starts on 31/01 has run one month on 28/02, the day add_months gives. */
int date_months_between(struct date a, struct date b)
{
	int months = (b.y - a.y) * 12 + (b.m - a.m);
	if (date_cmp(date_add_months(a, months), b) > 0)
		months--;
	return months;
}

struct date date_add_months(struct date a, int n)
{
	long total = (long)a.y * 12 + (a.m - 1) + n;
	struct date r;
	r.y = (int)floor_div(total, 12);
	r.m = (int)(total - (long)r.y * 12) + 1;
	int dim = days_in_month(r.y, r.m);
	r.d = a.d > dim ? dim : a.d;
	return r;
}

struct date date_in_vietnam(long long unix_seconds)
{
	/* Vietnam keeps UTC+7 all year (no daylight saving since 1975), so
	 * the offset is a constant and the server's own zone never matters. */
	long long s = unix_seconds + 7 * 3600;
	long long days = s / 86400 - (s % 86400 < 0);
	return date_from_days((long)days);
}

struct date date_today(void)
{
	return date_in_vietnam((long long)time(NULL));
}
