/* Unit tests of the XLSX reader (core/xlsxread.c) on a workbook written by
 * libxlsxwriter the way officers' sheets look (tests/data/excel-members.c):
 * merged title rows, shared strings, real date cells, numbers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/date.h"
#include "core/xlsxread.h"

static void test_reads_officers_sheet(void **state)
{
	(void)state;
	struct buf file = BUF_INIT, err = BUF_INIT;
	assert_int_equal(buf_read_file(&file, "tests/data/excel-members.xlsx"), 0);
	assert_true(xlsx_sniff(file.p, file.len));
	struct arena a = ARENA_INIT;
	struct csv_table t;
	assert_int_equal(xlsx_read(file.p, file.len, &a, &t, &err), 0);
	assert_int_equal(t.n, 5); /* 2 title rows, header, 2 members (row 3 is empty: absent) */
	assert_string_equal(t.rows[0].fields[0], "DANH SÁCH ĐẢNG VIÊN");
	assert_int_equal(t.rows[0].line, 1);
	assert_int_equal(t.rows[2].line, 4);
	assert_string_equal(t.rows[2].fields[1], "Họ và tên");
	const struct csv_row *r = &t.rows[3];
	assert_int_equal(r->line, 5);
	assert_string_equal(r->fields[0], "1");
	assert_string_equal(r->fields[1], "Lê Thị Ánh Tuyết");
	assert_string_equal(r->fields[6], "40123457"); /* a number, shown as typed */
	/* Dates arrive as serial day numbers. */
	struct date d;
	assert_int_equal(date_from_excel_serial(strtod(r->fields[3], NULL), &d), 0);
	assert_int_equal(d.y, 1984);
	assert_int_equal(d.m, 2);
	assert_int_equal(d.d, 29);
	assert_int_equal(t.rows[4].n, 5); /* trailing empty cells are not there */
	arena_free(&a);
	buf_free(&file);
	buf_free(&err);
}

static void test_rejects_broken_archives(void **state)
{
	(void)state;
	static const char not_zip[] = "PK\x03\x04 this is not really a zip archive";
	struct arena a = ARENA_INIT;
	struct csv_table t;
	struct buf err = BUF_INIT;
	assert_int_equal(xlsx_read(not_zip, sizeof not_zip - 1, &a, &t, &err), -1);
	assert_non_null(strstr(buf_str(&err), "XLSX"));
	assert_false(xlsx_sniff("Họ và tên,Giới tính\n", 20));
	buf_free(&err);
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reads_officers_sheet),
		cmocka_unit_test(test_rejects_broken_archives),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
