/*
 * date: calendar dates without time zones, as the Party writes them.
 *
 * Stored and sent as ISO "YYYY-MM-DD"; shown as "dd/mm/yyyy".  Years are
 * 1900..2200; anything else is rejected as invalid, which catches typos
 * like 0985 or 20201.
 */
#ifndef CHIBO_DATE_H
#define CHIBO_DATE_H

#include <stdbool.h>

struct date {
	int y, m, d;
};

bool date_valid(struct date d);
bool date_is_null(struct date d); /* all zero: "no date" */

/* Strict ISO "YYYY-MM-DD".  0 ok, -1 malformed or not a real date. */
int date_parse_iso(const char *s, struct date *out);
/* Vietnamese "d/m/yyyy" or "dd/mm/yyyy" (also '-' or '.' as separator),
 * surrounding spaces allowed.  0 ok, -1 otherwise. */
int date_parse_vn(const char *s, struct date *out);
/* Either of the above (ISO tried first). */
int date_parse_any(const char *s, struct date *out);
/* Excel serial day number (1900 date system, with Excel's 29/02/1900 bug). */
int date_from_excel_serial(double serial, struct date *out);

void date_format_iso(struct date d, char out[11]); /* "2019-02-01" */
void date_format_vn(struct date d, char out[11]);  /* "01/02/2019" */

/* Days since 1970-01-01 (may be negative) and back. */
long date_to_days(struct date d);
struct date date_from_days(long days);
int date_cmp(struct date a, struct date b); /* <0, 0, >0 */

/* Full years of age of someone born on birth, on day on (birthday on
 * 29/02 counts as 28/02 in common years... i.e. 01/03 reached). */
int date_years_between(struct date birth, struct date on);
/* Full months between a and b (b >= a), as the Party counts "12 tháng". */
int date_months_between(struct date a, struct date b);
/* a + n months, clamped to the end of month (31/01 + 1 -> 28/02). */
struct date date_add_months(struct date a, int n);

/* The calendar day in Vietnam (UTC+7) at a Unix time, and today there:
 * a server on UTC must not reject today's date between 00:00 and 07:00. */
struct date date_in_vietnam(long long unix_seconds);
struct date date_today(void);

#endif
