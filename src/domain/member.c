/*
 * member: validation of a member record and the Vietnamese labels of its
 * codes; see member.h.  Every broken rule yields one error naming the field
 * in words, so a form or an import row can show all problems at once.
 */
#include "domain/member.h"

#include <stddef.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

/* Charter (Điều lệ) art. 1 (age) and 5 (probation) as implemented by
 * Quy định 294-QĐ/TW. */
const struct member_rules member_rules_default = {
	.name = "Quy định 294-QĐ/TW (2025)",
	.min_admission_age = 18,
	.probation_months = 12,
};

enum { FULL_NAME_MAX = 100, EARLIEST_YEAR = 1900 };

struct label {
	const char *code;
	const char *text;
};

static const struct label status_labels[] = {
	{MEMBER_PROBATIONARY, "Dự bị"},
	{MEMBER_OFFICIAL, "Chính thức"},
	{MEMBER_TRANSFERRED, "Đã chuyển sinh hoạt đi"},
	{MEMBER_DECEASED, "Từ trần"},
	{MEMBER_REMOVED, "Xóa tên"},
	{MEMBER_EXPELLED, "Khai trừ"},
};

static const struct label sex_labels[] = {
	{"male", "Nam"},
	{"female", "Nữ"},
};

static const char *label_of(const struct label *t, size_t n, const char *code)
{
	if (!code)
		return NULL;
	for (size_t i = 0; i < n; i++)
		if (strcmp(t[i].code, code) == 0)
			return t[i].text;
	return NULL;
}

#define LABEL_OF(table, code) \
	label_of(table, sizeof table / sizeof table[0], code)

const char *member_status_label(const char *status)
{
	return LABEL_OF(status_labels, status);
}

bool member_status_valid(const char *status)
{
	return member_status_label(status) != NULL;
}

const char *member_sex_label(const char *sex)
{
	return LABEL_OF(sex_labels, sex);
}

bool member_sex_valid(const char *sex)
{
	return member_sex_label(sex) != NULL;
}

/* People write card numbers as on the card ("01.234567") or with spaces
 * from copying; only the 8 digits matter. */
int member_card_no_normalize(const char *in, char out[9])
{
	int n = 0;
	bool dot_seen = false;
	out[0] = '\0';
	if (!in)
		return -1;
	for (const char *p = in; *p; p++) {
		if (*p == ' ' || *p == '\t')
			continue;
		if (*p == '.' && n == 2 && !dot_seen) {
			dot_seen = true;
			continue;
		}
		if (*p < '0' || *p > '9' || n == 8)
			return -1;
		out[n++] = *p;
	}
	if (n != 8)
		return -1;
	out[8] = '\0';
	return 0;
}

static bool empty(const char *s)
{
	return !s || !*s;
}

static bool status_is(const struct member *m, const char *status)
{
	return m->status && strcmp(m->status, status) == 0;
}

/* Letters include combining marks so that an NFD name from a careless
 * source is judged like its NFC form. */
static bool name_letter(UChar32 c)
{
	return c >= 0 && (u_isalpha(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK));
}

static bool name_punct(UChar32 c)
{
	return c == '\'' || c == 0x2019 /* ’ */ || c == '-';
}

static void check_full_name(const char *s, struct field_errors *out)
{
	if (empty(s)) {
		field_errors_add(out, "full_name", "Họ và tên không được để trống");
		return;
	}
	size_t bytes = strlen(s);
	/* A code point takes at most 4 bytes, so longer is surely too long
	 * (and keeps the index within int32_t for U8_NEXT). */
	if (bytes > 4 * FULL_NAME_MAX) {
		field_errors_add(out, "full_name",
				 "Họ và tên không được dài quá %d ký tự",
				 FULL_NAME_MAX);
		return;
	}
	int32_t i = 0, len = (int32_t)bytes;
	int code_points = 0, words = 0;
	bool word_has_letter = false, bad_char = false;
	while (i < len) {
		UChar32 c;
		U8_NEXT(s, i, len, c);
		code_points++;
		if (c == ' ') {
			word_has_letter = false;
		} else if (name_letter(c)) {
			words += !word_has_letter;
			word_has_letter = true;
		} else if (!name_punct(c)) {
			bad_char = true;
		}
	}
	if (code_points > FULL_NAME_MAX)
		field_errors_add(out, "full_name",
				 "Họ và tên không được dài quá %d ký tự",
				 FULL_NAME_MAX);
	if (bad_char)
		field_errors_add(out, "full_name",
				 "Họ và tên chỉ được gồm chữ cái, dấu cách, "
				 "dấu nháy (') và dấu gạch nối (-)");
	if (words < 2)
		field_errors_add(out, "full_name",
				 "Họ và tên phải có ít nhất hai từ (họ và tên)");
}

static void check_name_parts(const struct member *m, struct field_errors *out)
{
	check_full_name(m->full_name, out);
	if (empty(m->surname))
		field_errors_add(out, "surname", "Họ không được để trống");
	if (empty(m->given_name))
		field_errors_add(out, "given_name", "Tên không được để trống");
}

static void check_code(const char *value, bool (*valid)(const char *),
		       const char *field, const char *label,
		       struct field_errors *out)
{
	if (empty(value))
		field_errors_add(out, field, "%s không được để trống", label);
	else if (!valid(value))
		field_errors_add(out, field, "%s không hợp lệ", label);
}

/* Checks a present date against the calendar and today; returns whether
 * it is usable for the rules that compare it with other dates. */
static bool check_date(struct date d, struct date today, const char *field,
		       const char *label, struct field_errors *out)
{
	if (d.y < EARLIEST_YEAR) {
		field_errors_add(out, field, "%s không được trước năm %d",
				 label, EARLIEST_YEAR);
		return false;
	}
	if (!date_valid(d)) {
		field_errors_add(out, field, "%s không hợp lệ", label);
		return false;
	}
	if (date_cmp(d, today) > 0) {
		field_errors_add(out, field,
				 "%s không được sau ngày hôm nay", label);
		return false;
	}
	return true;
}

static bool check_required_date(struct date d, struct date today,
				const char *field, const char *label,
				struct field_errors *out)
{
	if (date_is_null(d)) {
		field_errors_add(out, field, "%s không được để trống", label);
		return false;
	}
	return check_date(d, today, field, label, out);
}

static void check_official(const struct member *m,
			   const struct member_rules *r, struct date today,
			   bool admitted_ok, struct field_errors *out)
{
	bool present = !date_is_null(m->official_on);
	if (status_is(m, MEMBER_PROBATIONARY)) {
		if (present)
			field_errors_add(out, "official_on",
					 "Đảng viên dự bị không được có ngày chính thức");
		return;
	}
	if (!present) {
		if (status_is(m, MEMBER_OFFICIAL))
			field_errors_add(out, "official_on",
					 "Ngày chính thức không được để trống "
					 "đối với đảng viên chính thức");
		return;
	}
	if (!check_date(m->official_on, today, "official_on",
			"Ngày chính thức", out) || !admitted_ok)
		return;
	/* Official from the exact anniversary, never earlier (Charter
	 * art. 5), even when the cell meets later. */
	struct date due = date_add_months(m->admitted_on, r->probation_months);
	if (date_cmp(m->official_on, due) < 0) {
		char s[11];
		date_format_vn(due, s);
		field_errors_add(out, "official_on",
				 "Ngày chính thức phải từ ngày %s trở đi "
				 "(đủ %d tháng dự bị kể từ ngày vào Đảng)",
				 s, r->probation_months);
	}
}

static bool card_digits(const char *s)
{
	size_t n = 0;
	while (s[n] >= '0' && s[n] <= '9')
		n++;
	return n == 8 && s[n] == '\0';
}

/* Stored numbers are canonical; callers normalise input with
 * member_card_no_normalize first. */
static void check_card(const struct member *m, struct field_errors *out)
{
	if (empty(m->card_no))
		return;
	if (!card_digits(m->card_no))
		field_errors_add(out, "card_no",
				 "Số thẻ đảng viên phải gồm đúng 8 chữ số");
	if (status_is(m, MEMBER_PROBATIONARY))
		field_errors_add(out, "card_no",
				 "Đảng viên dự bị chưa được cấp thẻ đảng viên");
}

static void check_dates(const struct member *m, const struct member_rules *r,
			struct date today, struct field_errors *out)
{
	bool birth_ok = check_required_date(m->birth_date, today, "birth_date",
					    "Ngày sinh", out);
	bool admitted_ok = check_required_date(m->admitted_on, today,
					       "admitted_on", "Ngày vào Đảng",
					       out);
	if (birth_ok && admitted_ok &&
	    date_years_between(m->birth_date, m->admitted_on) <
		    r->min_admission_age)
		field_errors_add(out, "admitted_on",
				 "Tuổi khi vào Đảng phải từ %d trở lên",
				 r->min_admission_age);
	check_official(m, r, today, admitted_ok, out);
}

int member_validate(const struct member *m, const struct member_rules *r,
		    struct date today, struct field_errors *out)
{
	check_name_parts(m, out);
	check_code(m->sex, member_sex_valid, "sex", "Giới tính", out);
	check_dates(m, r, today, out);
	check_card(m, out);
	check_code(m->status, member_status_valid, "status",
		   "Trạng thái đảng viên", out);
	if (m->org_id <= 0)
		field_errors_add(out, "org_id", "Chi bộ không được để trống");
	return out->n;
}

const struct age_band age_bands[AGE_BANDS] = {
	{"18_30", "Từ 18 đến 30 tuổi", 18, 30},
	{"31_40", "Từ 31 đến 40 tuổi", 31, 40},
	{"41_50", "Từ 41 đến 50 tuổi", 41, 50},
	{"51_60", "Từ 51 đến 60 tuổi", 51, 60},
	{"61_up", "Trên 60 tuổi", 61, 0},
};

const struct age_band *age_band_find(const char *code)
{
	for (int i = 0; code && i < AGE_BANDS; i++)
		if (strcmp(age_bands[i].code, code) == 0)
			return &age_bands[i];
	return NULL;
}

int age_band_of_year(int birth_year, int year)
{
	int age = year - birth_year;
	for (int i = 0; i < AGE_BANDS; i++)
		if (age >= age_bands[i].lo && (!age_bands[i].hi || age <= age_bands[i].hi))
			return i;
	return -1;
}
