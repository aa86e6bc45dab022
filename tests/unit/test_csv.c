/* Unit tests of the CSV reader (core/csvread.c) and the string map used by
 * the importer (core/strmap.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/csvread.h"
#include "core/strmap.h"

static struct csv_table read_ok(struct arena *a, const char *data, size_t len)
{
	struct csv_table t;
	struct buf err = BUF_INIT;
	int rc = csv_read(data, len, a, &t, &err);
	if (rc)
		fail_msg("csv_read: %s", buf_str(&err));
	buf_free(&err);
	return t;
}

static void test_bom_crlf_quotes(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	static const char data[] = "\xEF\xBB\xBFHọ và tên,Quê quán\r\n"
				   "\"Nguyễn Văn An\",\"Xã Yên Thế, tỉnh Bắc Ninh\"\r\n"
				   "\"Trần \"\"Út\"\" Bình\",\"dòng 1\r\ndòng 2\"\r\n";
	struct csv_table t = read_ok(&a, data, sizeof data - 1);
	assert_int_equal(t.n, 3);
	assert_string_equal(t.rows[0].fields[0], "Họ và tên"); /* BOM gone */
	assert_int_equal(t.rows[1].n, 2);
	assert_string_equal(t.rows[1].fields[1], "Xã Yên Thế, tỉnh Bắc Ninh");
	assert_string_equal(t.rows[2].fields[0], "Trần \"Út\" Bình");
	assert_string_equal(t.rows[2].fields[1], "dòng 1\r\ndòng 2");
	assert_int_equal(t.rows[2].line, 3);
	arena_free(&a);
}

static void test_semicolon_and_lf(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	/* Excel in the Vietnamese locale separates with ';' (',' is the decimal mark). */
	static const char data[] = "Họ và tên;Ghi chú\nLê Thị Hoa;\"a, b; c\"\n";
	struct csv_table t = read_ok(&a, data, sizeof data - 1);
	assert_int_equal(t.n, 2);
	assert_string_equal(t.rows[1].fields[0], "Lê Thị Hoa");
	assert_string_equal(t.rows[1].fields[1], "a, b; c");
	arena_free(&a);
}

static void test_utf16(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	/* "Tên\r\nĐặng\r\n" in UTF-16LE with its BOM. */
	static const char data[] = "\xFF\xFE" "T\0" "\xEA\0" "n\0" "\r\0\n\0"
				   "\x10\x01" "\xB7\x1E" "n\0" "g\0" "\r\0\n\0";
	struct csv_table t = read_ok(&a, data, sizeof data - 1);
	assert_int_equal(t.n, 2);
	assert_string_equal(t.rows[0].fields[0], "Tên");
	assert_string_equal(t.rows[1].fields[0], "Đặng");
	arena_free(&a);
}

static void test_rejects(void **state)
{
	(void)state;
	static const struct { const char *data; size_t len; const char *needle; } cases[] = {
		{"a,b\n\"unterminated,c\n", 0, "ngoặc kép"},
		{"a,b\n\xC3\x28,c\n", 0, "UTF-8"},           /* invalid UTF-8 */
		{"a,b\nx\x01y,c\n", 0, "UTF-8"},            /* control character */
		{"\xFF\xFE\x00\xD8\n\0", 6, "UTF-16"},       /* lone surrogate (has NULs: length given) */
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct arena a = ARENA_INIT;
		struct csv_table t;
		struct buf err = BUF_INIT;
		size_t len = cases[i].len ? cases[i].len : strlen(cases[i].data);
		assert_int_equal(csv_read(cases[i].data, len, &a, &t, &err), -1);
		assert_non_null(strstr(buf_str(&err), cases[i].needle));
		buf_free(&err);
		arena_free(&a);
	}
}

static void test_write_field(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	csv_write_field(&b, "Nguyễn Văn An");
	buf_putc(&b, '|');
	csv_write_field(&b, "Xã A, tỉnh B");
	buf_putc(&b, '|');
	csv_write_field(&b, "say \"hi\"");
	buf_putc(&b, '|');
	csv_write_field(&b, NULL);
	assert_string_equal(buf_str(&b), "Nguyễn Văn An|\"Xã A, tỉnh B\"|\"say \"\"hi\"\"\"|");
	buf_free(&b);
}

static void test_strmap(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct strmap m = {0};
	long long v = 0;
	assert_false(strmap_get(&m, "x", &v));
	char key[32];
	for (int i = 0; i < 5000; i++) { /* grows through several rehashes */
		snprintf(key, sizeof key, "DUK.D%04d", i);
		strmap_put(&m, &a, key, i * 3);
	}
	strmap_put(&m, &a, "DUK.D0007", -1); /* overwrite */
	assert_int_equal(m.n, 5000);
	assert_true(strmap_get(&m, "DUK.D4999", &v));
	assert_int_equal(v, 4999 * 3);
	assert_true(strmap_get(&m, "DUK.D0007", &v));
	assert_int_equal(v, -1);
	assert_false(strmap_get(&m, "DUK.D5000", &v));
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bom_crlf_quotes),
		cmocka_unit_test(test_semicolon_and_lf),
		cmocka_unit_test(test_utf16),
		cmocka_unit_test(test_rejects),
		cmocka_unit_test(test_write_field),
		cmocka_unit_test(test_strmap),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
