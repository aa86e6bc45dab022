/*
 * member: the rules a member record must satisfy (DESIGN.md §4 Members).
 * Pure functions over struct member; no I/O.
 */
#ifndef CHIBO_DOMAIN_MEMBER_H
#define CHIBO_DOMAIN_MEMBER_H

#include <stdbool.h>

#include "domain/errors.h"
#include "store/model.h"

/* Parameters of the member rules; the rule set names its regulation. */
struct member_rules {
	const char *name;      /* e.g. "Điều lệ Đảng, QĐ 294-QĐ/TW (2025)" */
	int min_admission_age; /* 18 */
	int probation_months;  /* 12 */
};

extern const struct member_rules member_rules_default;

bool member_status_valid(const char *status);
const char *member_status_label(const char *status); /* "Chính thức", ... or NULL */
bool member_sex_valid(const char *sex);
const char *member_sex_label(const char *sex);       /* "Nam" / "Nữ" or NULL */

/* Card number: 8 digits, optionally written "NN.NNNNNN" or with spaces.
 * Appends the canonical 8-digit form to out (max 9 bytes incl. NUL).
 * Returns 0 ok, -1 malformed. */
int member_card_no_normalize(const char *in, char out[9]);

/* Age bands of party statistics.  Ages in these counts go by year of
 * birth (age = report year - birth year), as the statistical forms count
 * them, so that a count and the list behind it always agree. */
struct age_band {
	const char *code; /* "18_30" */
	const char *name; /* "Từ 18 đến 30 tuổi" */
	int lo, hi;       /* inclusive; hi 0 = no upper bound */
};
enum { AGE_BANDS = 5 };
extern const struct age_band age_bands[AGE_BANDS];
const struct age_band *age_band_find(const char *code);
/* The band of someone born in birth_year, counted in year; -1 if none. */
int age_band_of_year(int birth_year, int year);

/* Checks every rule; appends one error per broken rule to out.  Expects
 * text already cleaned (NFC, trimmed) and names already split.  today is
 * the reference date for "not in the future".  Returns out->n. */
int member_validate(const struct member *m, const struct member_rules *r,
		    struct date today, struct field_errors *out);

#endif
