/*
 * test_member_rules: every rule of member_validate, passing and failing,
 * as one table of edits to a valid member; card number normalisation;
 * labels; field_errors_add limits.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/vi.h"
#include "domain/errors.h"
#include "domain/member.h"

static const struct date TODAY = {2026, 11, 23};

static struct member valid_member(void)
{
	struct member m = {
		.org_id = 3,
		.full_name = "Nguyễn Văn An",
		.surname = "Nguyễn",
		.middle_name = "Văn",
		.given_name = "An",
		.sex = "male",
		.birth_date = {1980, 5, 10},
		.card_no = "01234567",
		.admitted_on = {2005, 3, 15},
		.official_on = {2006, 3, 15},
		.status = MEMBER_OFFICIAL,
	};
	return m;
}

static const struct date NO_DATE = {0, 0, 0};

/* 100 or 101 code points: "Ễ" (2 bytes) words of 9 letters and spaces. */
static const char *long_name(int code_points)
{
	static char buf[512];
	size_t n = 0;
	for (int i = 0; i < code_points; i++) {
		const char *s = i % 10 == 9 ? " " : "ễ";
		n += (size_t)snprintf(buf + n, sizeof buf - n, "%s", s);
	}
	return buf;
}

#define EDIT(fn, ...) \
	static void fn(struct member *m) { __VA_ARGS__; }

EDIT(keep, (void)m)
EDIT(name_empty, m->full_name = "")
EDIT(name_null, m->full_name = NULL)
EDIT(name_100, m->full_name = long_name(100))
EDIT(name_101, m->full_name = long_name(101))
EDIT(name_digit, m->full_name = "Nguyễn Văn 2")
EDIT(name_symbol, m->full_name = "Nguyễn Văn An!")
EDIT(name_apostrophe, m->full_name = "H'Hen Niê")
EDIT(name_curly_apostrophe, m->full_name = "Y’Moan Ênuôl")
EDIT(name_hyphen, m->full_name = "Nguyễn-Trần Văn An")
EDIT(name_nfd, m->full_name = "Nguye\xcc\x82\xcc\x83n Văn An")
EDIT(name_one_word, m->full_name = "An")
EDIT(name_bad_utf8, m->full_name = "Nguy\xff Văn An")
EDIT(surname_empty, m->surname = "")
EDIT(given_null, m->given_name = NULL)
EDIT(sex_female, m->sex = "female")
EDIT(sex_null, m->sex = NULL)
EDIT(sex_vietnamese, m->sex = "Nam")
EDIT(birth_null, m->birth_date = NO_DATE)
EDIT(birth_tomorrow, m->birth_date = (struct date){2026, 11, 24})
EDIT(birth_1899, m->birth_date = (struct date){1899, 12, 31})
EDIT(birth_1900, {
	m->birth_date = (struct date){1900, 1, 1};
	m->admitted_on = (struct date){1930, 2, 3};
	m->official_on = (struct date){1931, 2, 3};
})
EDIT(birth_not_a_day, m->birth_date = (struct date){1981, 2, 29})
EDIT(admitted_null, m->admitted_on = NO_DATE)
EDIT(admitted_tomorrow, {
	m->status = MEMBER_PROBATIONARY;
	m->official_on = NO_DATE;
	m->card_no = NULL;
	m->admitted_on = (struct date){2026, 11, 24};
})
EDIT(admitted_today, {
	m->status = MEMBER_PROBATIONARY;
	m->official_on = NO_DATE;
	m->card_no = NULL;
	m->admitted_on = TODAY;
})
/* Admitted 15/3/2005: 18th birthday the day before, on the day, after. */
EDIT(age18_birthday_before, m->birth_date = (struct date){1987, 3, 14})
EDIT(age18_birthday_on, m->birth_date = (struct date){1987, 3, 15})
EDIT(age18_birthday_after, m->birth_date = (struct date){1987, 3, 16})
EDIT(official_missing, m->official_on = NO_DATE)
EDIT(transferred_never_official, {
	m->status = MEMBER_TRANSFERRED;
	m->official_on = NO_DATE;
})
EDIT(official_day_before_anniversary, m->official_on = (struct date){2006, 3, 14})
EDIT(official_weeks_late, m->official_on = (struct date){2006, 4, 20})
/* 29/02 + 12 months is 28/02 (date_add_months clamps). */
EDIT(official_leap_anniversary, {
	m->admitted_on = (struct date){2004, 2, 29};
	m->official_on = (struct date){2005, 2, 28};
})
EDIT(official_leap_early, {
	m->admitted_on = (struct date){2004, 2, 29};
	m->official_on = (struct date){2005, 2, 27};
})
EDIT(official_tomorrow, {
	m->admitted_on = (struct date){2025, 11, 24};
	m->official_on = (struct date){2026, 11, 24};
})
EDIT(probationary_ok, {
	m->status = MEMBER_PROBATIONARY;
	m->admitted_on = (struct date){2026, 3, 1};
	m->official_on = NO_DATE;
	m->card_no = NULL;
})
EDIT(probationary_with_official, {
	m->status = MEMBER_PROBATIONARY;
	m->card_no = NULL;
})
EDIT(probationary_with_card, {
	m->status = MEMBER_PROBATIONARY;
	m->official_on = NO_DATE;
})
EDIT(card_empty, m->card_no = "")
EDIT(card_seven, m->card_no = "1234567")
EDIT(card_dotted, m->card_no = "01.234567")
EDIT(card_letter, m->card_no = "0123456a")
EDIT(status_null, m->status = NULL)
EDIT(status_unknown, m->status = "active")
EDIT(status_expelled, m->status = MEMBER_EXPELLED)
EDIT(org_missing, m->org_id = 0)

#define LETTERS_ONLY \
	"Họ và tên chỉ được gồm chữ cái, dấu cách, dấu nháy (') và " \
	"dấu gạch nối (-)"

struct rule_case {
	const char *what;
	void (*edit)(struct member *m);
	const char *field;   /* the one expected error, NULL when valid */
	const char *message; /* expected message, NULL when valid */
};

static const struct rule_case cases[] = {
	{"valid official", keep, NULL, NULL},
	{"name empty", name_empty, "full_name", "Họ và tên không được để trống"},
	{"name NULL", name_null, "full_name", "Họ và tên không được để trống"},
	{"name 100 code points", name_100, NULL, NULL},
	{"name 101 code points", name_101, "full_name",
	 "Họ và tên không được dài quá 100 ký tự"},
	{"name with digit", name_digit, "full_name",
	 LETTERS_ONLY},
	{"name with symbol", name_symbol, "full_name",
	 LETTERS_ONLY},
	{"name with apostrophe", name_apostrophe, NULL, NULL},
	{"name with ’", name_curly_apostrophe, NULL, NULL},
	{"name with hyphen", name_hyphen, NULL, NULL},
	{"name in NFD", name_nfd, NULL, NULL},
	{"name one word", name_one_word, "full_name",
	 "Họ và tên phải có ít nhất hai từ (họ và tên)"},
	{"name bad UTF-8", name_bad_utf8, "full_name",
	 LETTERS_ONLY},
	{"surname empty", surname_empty, "surname", "Họ không được để trống"},
	{"given name NULL", given_null, "given_name", "Tên không được để trống"},
	{"female", sex_female, NULL, NULL},
	{"sex NULL", sex_null, "sex", "Giới tính không được để trống"},
	{"sex as label", sex_vietnamese, "sex", "Giới tính không hợp lệ"},
	{"birth missing", birth_null, "birth_date", "Ngày sinh không được để trống"},
	{"birth tomorrow", birth_tomorrow, "birth_date",
	 "Ngày sinh không được sau ngày hôm nay"},
	{"birth 1899", birth_1899, "birth_date",
	 "Ngày sinh không được trước năm 1900"},
	{"birth 1900", birth_1900, NULL, NULL},
	{"birth 29/02/1981", birth_not_a_day, "birth_date",
	 "Ngày sinh không hợp lệ"},
	{"admitted missing", admitted_null, "admitted_on",
	 "Ngày vào Đảng không được để trống"},
	{"admitted tomorrow", admitted_tomorrow, "admitted_on",
	 "Ngày vào Đảng không được sau ngày hôm nay"},
	{"admitted today", admitted_today, NULL, NULL},
	{"18th birthday the day before", age18_birthday_before, NULL, NULL},
	{"18th birthday on the day", age18_birthday_on, NULL, NULL},
	{"18th birthday the day after", age18_birthday_after, "admitted_on",
	 "Tuổi khi vào Đảng phải từ 18 trở lên"},
	{"official without official_on", official_missing, "official_on",
	 "Ngày chính thức không được để trống "
	 "đối với đảng viên chính thức"},
	{"transferred while probationary", transferred_never_official, NULL,
	 NULL},
	{"official a day early", official_day_before_anniversary, "official_on",
	 "Ngày chính thức phải từ ngày 15/03/2006 trở đi (đủ 12 tháng dự bị "
	 "kể từ ngày vào Đảng)"},
	{"official weeks late", official_weeks_late, NULL, NULL},
	{"official on 28/02 after 29/02", official_leap_anniversary, NULL, NULL},
	{"official on 27/02 after 29/02", official_leap_early, "official_on",
	 "Ngày chính thức phải từ ngày 28/02/2005 trở đi (đủ 12 tháng dự bị "
	 "kể từ ngày vào Đảng)"},
	{"official tomorrow", official_tomorrow, "official_on",
	 "Ngày chính thức không được sau ngày hôm nay"},
	{"probationary", probationary_ok, NULL, NULL},
	{"probationary with official_on", probationary_with_official,
	 "official_on", "Đảng viên dự bị không được có ngày chính thức"},
	{"probationary with card", probationary_with_card, "card_no",
	 "Đảng viên dự bị chưa được cấp thẻ đảng viên"},
	{"card empty", card_empty, NULL, NULL},
	{"card 7 digits", card_seven, "card_no",
	 "Số thẻ đảng viên phải gồm đúng 8 chữ số"},
	{"card not normalised", card_dotted, "card_no",
	 "Số thẻ đảng viên phải gồm đúng 8 chữ số"},
	{"card with letter", card_letter, "card_no",
	 "Số thẻ đảng viên phải gồm đúng 8 chữ số"},
	{"status NULL", status_null, "status",
	 "Trạng thái đảng viên không được để trống"},
	{"status unknown", status_unknown, "status",
	 "Trạng thái đảng viên không hợp lệ"},
	{"expelled", status_expelled, NULL, NULL},
	{"org missing", org_missing, "org_id", "Chi bộ không được để trống"},
};

static void print_errors(const char *what, const struct field_errors *fe)
{
	for (int i = 0; i < fe->n; i++)
		print_error("%s: %s: %s\n", what, fe->e[i].field,
			    fe->e[i].message);
}

static void test_rules_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const struct rule_case *c = &cases[i];
		struct member m = valid_member();
		struct field_errors fe = {0};
		c->edit(&m);
		int n = member_validate(&m, &member_rules_default, TODAY, &fe);
		if (n != (c->field ? 1 : 0))
			print_errors(c->what, &fe);
		assert_int_equal(n, fe.n);
		assert_int_equal(n, c->field ? 1 : 0);
		if (c->field) {
			assert_string_equal(fe.e[0].field, c->field);
			assert_string_equal(fe.e[0].message, c->message);
		}
	}
}

static void test_errors_accumulate(void **state)
{
	(void)state;
	struct member m = {0};
	struct field_errors fe = {0};
	member_validate(&m, &member_rules_default, TODAY, &fe);
	const char *expected[] = {"full_name", "surname", "given_name", "sex",
				  "birth_date", "admitted_on", "status",
				  "org_id"};
	assert_int_equal(fe.n, 8);
	for (int i = 0; i < 8; i++)
		assert_string_equal(fe.e[i].field, expected[i]);
}

static void test_rules_parameters(void **state)
{
	(void)state;
	struct member_rules r = member_rules_default;
	assert_non_null(strstr(r.name, "294-QĐ/TW"));
	assert_int_equal(r.min_admission_age, 18);
	assert_int_equal(r.probation_months, 12);
	r.min_admission_age = 21;
	r.probation_months = 6;
	struct member m = valid_member();
	m.birth_date = (struct date){1985, 1, 1}; /* 20 on admission */
	m.official_on = (struct date){2005, 9, 15};
	struct field_errors fe = {0};
	assert_int_equal(member_validate(&m, &r, TODAY, &fe), 1);
	assert_string_equal(fe.e[0].message,
			    "Tuổi khi vào Đảng phải từ 21 trở lên");
}

static void test_card_normalize(void **state)
{
	(void)state;
	static const struct {
		const char *in;
		const char *out; /* NULL when malformed */
	} t[] = {
		{"01234567", "01234567"},   {"01.234567", "01234567"},
		{" 01 234 567 ", "01234567"}, {"01. 234 567", "01234567"},
		{"\t01234567", "01234567"}, {"012.34567", NULL},
		{"01..234567", NULL},       {"0123456", NULL},
		{"012345678", NULL},        {"0123456a", NULL},
		{"01-234567", NULL},        {"", NULL},
		{".01234567", NULL},        {"01234567.", NULL},
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		char out[9] = "xxxxxxxx";
		int rc = member_card_no_normalize(t[i].in, out);
		if (t[i].out) {
			assert_int_equal(rc, 0);
			assert_string_equal(out, t[i].out);
		} else {
			assert_int_equal(rc, -1);
		}
	}
	char out[9];
	assert_int_equal(member_card_no_normalize(NULL, out), -1);
}

static void test_labels(void **state)
{
	(void)state;
	assert_string_equal(member_status_label(MEMBER_PROBATIONARY), "Dự bị");
	assert_string_equal(member_status_label(MEMBER_OFFICIAL), "Chính thức");
	assert_string_equal(member_status_label(MEMBER_TRANSFERRED),
			    "Đã chuyển sinh hoạt đi");
	assert_string_equal(member_status_label(MEMBER_DECEASED), "Từ trần");
	assert_string_equal(member_status_label(MEMBER_REMOVED), "Xóa tên");
	assert_string_equal(member_status_label(MEMBER_EXPELLED), "Khai trừ");
	assert_null(member_status_label("Chính thức"));
	assert_null(member_status_label(NULL));
	assert_true(member_status_valid(MEMBER_OFFICIAL));
	assert_false(member_status_valid(""));
	assert_string_equal(member_sex_label("male"), "Nam");
	assert_string_equal(member_sex_label("female"), "Nữ");
	assert_null(member_sex_label("Nam"));
	assert_true(member_sex_valid("female"));
	assert_false(member_sex_valid(NULL));
}

static void test_field_errors_limits(void **state)
{
	(void)state;
	struct field_errors fe = {0};
	for (int i = 0; i < FIELD_ERRORS_MAX + 5; i++)
		field_errors_add(&fe, "x", "lỗi %d", i);
	assert_int_equal(fe.n, FIELD_ERRORS_MAX);
	assert_string_equal(fe.e[FIELD_ERRORS_MAX - 1].message, "lỗi 23");

	/* 3-byte "ế" repeated past the buffer: the cut must not split one. */
	char big[1000] = "";
	for (int i = 0; i < 300; i++)
		strcat(big, i % 2 ? "ế" : "a");
	struct field_errors one = {0};
	field_errors_add(&one, "y", "%s", big);
	size_t len = strlen(one.e[0].message);
	assert_true(len < sizeof one.e[0].message);
	assert_true(len > sizeof one.e[0].message - 4);
	assert_true(vi_utf8_valid(one.e[0].message, len));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rules_table),
		cmocka_unit_test(test_errors_accumulate),
		cmocka_unit_test(test_rules_parameters),
		cmocka_unit_test(test_card_normalize),
		cmocka_unit_test(test_labels),
		cmocka_unit_test(test_field_errors_limits),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
