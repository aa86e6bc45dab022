/* Unit tests of the organisation tree rules (domain/org.c) and the path
 * range every scoped query uses (store/scope.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "domain/org.h"
#include "store/store.h"

static void test_code_valid(void **state)
{
	(void)state;
	static const struct { const char *code; bool ok; } cases[] = {
		{"DUK", true}, {"DUK.D01", true}, {"DUK.D01.CB02", true}, {"TW.P01", true},
		{"D", false}, {"", false}, {"duk", false}, {"DUK.", false}, {".DUK", false},
		{"DUK..D01", false}, {"DUK D01", false}, {"ĐUK", false}, {"DUK-01", false},
		{"A234567890123456789012345678901234567890", true},
		{"A2345678901234567890123456789012345678901", false},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		assert_int_equal(org_code_valid(cases[i].code), cases[i].ok);
}

static void test_kind_allowed(void **state)
{
	(void)state;
	assert_true(org_kind_allowed_under(KIND_UPPER, NULL));
	assert_true(org_kind_allowed_under(KIND_UPPER, KIND_UPPER)); /* any number of upper tiers */
	assert_true(org_kind_allowed_under(KIND_GRASSROOTS, KIND_UPPER));
	assert_true(org_kind_allowed_under(KIND_GRASSROOTS_CELL, KIND_UPPER));
	assert_true(org_kind_allowed_under(KIND_SUBCOMMITTEE, KIND_GRASSROOTS));
	assert_true(org_kind_allowed_under(KIND_CELL, KIND_GRASSROOTS));
	assert_true(org_kind_allowed_under(KIND_CELL, KIND_SUBCOMMITTEE));
	assert_false(org_kind_allowed_under(KIND_CELL, KIND_UPPER));
	assert_false(org_kind_allowed_under(KIND_CELL, KIND_CELL));
	assert_false(org_kind_allowed_under(KIND_GRASSROOTS, KIND_GRASSROOTS));
	assert_false(org_kind_allowed_under(KIND_SUBCOMMITTEE, KIND_UPPER));
	assert_false(org_kind_allowed_under(KIND_CELL, NULL));
	assert_false(org_kind_allowed_under("nonsense", KIND_UPPER));
}

static void test_move_allowed(void **state)
{
	(void)state;
	assert_true(org_move_allowed("/1/23/", "/1/24/"));
	assert_true(org_move_allowed("/1/23/", "/1/"));
	assert_true(org_move_allowed("/1/2/", "/1/23/")); /* "/1/2/" is not a prefix of "/1/23/" */
	assert_false(org_move_allowed("/1/23/", "/1/23/"));
	assert_false(org_move_allowed("/1/23/", "/1/23/45/"));
}

static void test_path_end(void **state)
{
	(void)state;
	char end[64];
	scope_path_end("/1/23/", end, sizeof end);
	assert_string_equal(end, "/1/230");
	/* Every descendant sorts inside [path, end); a sibling with a longer
	 * id does not. */
	assert_true(strcmp("/1/23/", "/1/23/") >= 0 && strcmp("/1/23/", end) < 0);
	assert_true(strcmp("/1/23/999/", "/1/23/") > 0 && strcmp("/1/23/999/", end) < 0);
	assert_false(strcmp("/1/234/", end) < 0);
	assert_false(strcmp("/1/3/", end) < 0);
	scope_path_end("/", end, sizeof end);
	assert_string_equal(end, "0");
}

static void test_validate(void **state)
{
	(void)state;
	struct date today = {2026, 11, 23};
	struct org parent = {.id = 1, .code = "DUK", .kind = KIND_UPPER, .path = "/1/"};
	struct org o = {.code = "DUK.D95", .name = "Đảng bộ Sở Y tế", .kind = KIND_GRASSROOTS,
			.founded_on = {2020, 1, 1}};
	struct field_errors fe = {0};
	assert_int_equal(org_validate(&o, &parent, today, &fe), 0);

	o.code = "duk.d95";
	o.name = "";
	o.founded_on = (struct date){2027, 1, 1};
	memset(&fe, 0, sizeof fe);
	assert_int_equal(org_validate(&o, &parent, today, &fe), 3);
	assert_string_equal(fe.e[0].field, "code");
	assert_string_equal(fe.e[1].field, "name");
	assert_string_equal(fe.e[2].field, "founded_on");

	o = (struct org){.code = "DUK.X", .name = "Chi bộ X", .kind = KIND_CELL};
	memset(&fe, 0, sizeof fe);
	assert_int_equal(org_validate(&o, &parent, today, &fe), 1);
	assert_string_equal(fe.e[0].field, "kind");

	/* Only grassroots orgs carry a type (loại hình). */
	o = (struct org){.code = "DUK.D96", .name = "Chi bộ Y", .kind = KIND_GRASSROOTS_CELL,
			 .type = "dn_fdi"};
	memset(&fe, 0, sizeof fe);
	assert_int_equal(org_validate(&o, &parent, today, &fe), 0);
	struct org grassroots = {.id = 2, .code = "DUK.D96", .kind = KIND_GRASSROOTS, .path = "/1/2/"};
	o = (struct org){.code = "DUK.D96.CB01", .name = "Chi bộ Z", .kind = KIND_CELL, .type = "dn_fdi"};
	memset(&fe, 0, sizeof fe);
	assert_int_equal(org_validate(&o, &grassroots, today, &fe), 1);
	assert_string_equal(fe.e[0].field, "type");

	o = (struct org){.code = "DUK.X", .name = "Chi bộ X", .kind = KIND_CELL};
	parent.dissolved_on = (struct date){2025, 7, 1};
	o.kind = KIND_GRASSROOTS_CELL;
	memset(&fe, 0, sizeof fe);
	assert_int_equal(org_validate(&o, &parent, today, &fe), 1);
	assert_string_equal(fe.e[0].field, "parent_id");
}

static void test_dissolve(void **state)
{
	(void)state;
	struct date today = {2026, 11, 23};
	struct org o = {.founded_on = {2010, 5, 1}};
	struct field_errors fe = {0};
	assert_int_equal(org_dissolve_check(&o, (struct date){2025, 7, 1}, today, 0, 0, &fe), 0);
	assert_int_equal(org_dissolve_check(&o, (struct date){0, 0, 0}, today, 0, 0, &fe), 1);
	memset(&fe, 0, sizeof fe);
	assert_int_equal(org_dissolve_check(&o, (struct date){2027, 1, 1}, today, 0, 0, &fe), 1);
	memset(&fe, 0, sizeof fe);
	assert_int_equal(org_dissolve_check(&o, (struct date){2009, 1, 1}, today, 0, 0, &fe), 1);
	memset(&fe, 0, sizeof fe);
	assert_int_equal(org_dissolve_check(&o, (struct date){2025, 7, 1}, today, 12, 2, &fe), 2);
	assert_non_null(strstr(fe.e[0].message, "2 tổ chức"));
	assert_non_null(strstr(fe.e[1].message, "12 đảng viên"));
	o.dissolved_on = (struct date){2024, 1, 1};
	memset(&fe, 0, sizeof fe);
	assert_int_equal(org_dissolve_check(&o, (struct date){2025, 7, 1}, today, 0, 0, &fe), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_code_valid),
		cmocka_unit_test(test_kind_allowed),
		cmocka_unit_test(test_move_allowed),
		cmocka_unit_test(test_path_end),
		cmocka_unit_test(test_validate),
		cmocka_unit_test(test_dissolve),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
