/* Unit tests of the JSON text writer (core/jsonw.c): whatever it writes,
 * jansson must read back as the same value. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "core/jsonw.h"

static void test_strings_round_trip(void **state)
{
	(void)state;
	static const char *const cases[] = {
		"", "Nguyễn Văn An", "Đặng \"Út\" Bình", "back\\slash", "dòng 1\ndòng 2\r\n",
		"tab\there", "ctrl\x01\x1f end", "/slash/ and unicode \xe2\x80\xa8 sep", "ĐẢNG ỦY",
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct buf b = BUF_INIT;
		jsonw_str(&b, cases[i]);
		json_error_t e;
		json_t *v = json_loadb(b.p, b.len, JSON_DECODE_ANY, &e);
		assert_non_null(v);
		assert_true(json_is_string(v));
		assert_string_equal(json_string_value(v), cases[i]);
		json_decref(v);
		buf_free(&b);
	}
}

static void test_object(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	buf_putc(&b, '{');
	jsonw_key(&b, "id", 1);
	jsonw_int(&b, -42);
	jsonw_key(&b, "name", 0);
	jsonw_str(&b, "Lê Thị Hoa");
	jsonw_key(&b, "card_no", 0);
	jsonw_str(&b, NULL);
	buf_putc(&b, '}');
	assert_string_equal(buf_str(&b), "{\"id\":-42,\"name\":\"Lê Thị Hoa\",\"card_no\":null}");
	json_t *v = json_loadb(b.p, b.len, 0, NULL);
	assert_non_null(v);
	assert_int_equal(json_integer_value(json_object_get(v, "id")), -42);
	assert_true(json_is_null(json_object_get(v, "card_no")));
	json_decref(v);
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_strings_round_trip),
		cmocka_unit_test(test_object),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
