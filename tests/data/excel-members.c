/* Makes tests/data/excel-members.xlsx the way officers' sheets look:
 * title rows (merged) above the header, dates as real Excel dates, card
 * numbers typed as numbers, a row number column (STT).  Not built by make;
 * regenerate with: gcc -o /tmp/gen tests/data/excel-members.c \
 *   $(pkg-config --cflags --libs xlsxwriter) && /tmp/gen tests/data/excel-members.xlsx */
#include <xlsxwriter.h>
int main(int argc, char **argv)
{
	lxw_workbook *wb = workbook_new(argc > 1 ? argv[1] : "excel-members.xlsx");
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Danh sách");
	lxw_format *date = workbook_add_format(wb);
	format_set_num_format(date, "dd/mm/yyyy");
	lxw_format *bold = workbook_add_format(wb);
	format_set_bold(bold);
	worksheet_merge_range(ws, 0, 0, 0, 7, "DANH SÁCH ĐẢNG VIÊN", bold);
	worksheet_merge_range(ws, 1, 0, 1, 7, "Chi bộ Phòng Tổng hợp — tính đến ngày 01/11/2026", NULL);
	const char *h[] = {"STT", "Họ và tên", "Giới tính", "Ngày sinh", "Ngày vào Đảng", "Ngày chính thức", "Số thẻ đảng viên", "Chức vụ"};
	for (int i = 0; i < 8; i++)
		worksheet_write_string(ws, 3, i, h[i], bold);
	lxw_datetime b1 = {1984, 2, 29, 0, 0, 0}, a1 = {2008, 5, 19, 0, 0, 0}, o1 = {2009, 5, 19, 0, 0, 0};
	worksheet_write_number(ws, 4, 0, 1, NULL);
	worksheet_write_string(ws, 4, 1, "Lê Thị Ánh Tuyết", NULL);
	worksheet_write_string(ws, 4, 2, "Nữ", NULL);
	worksheet_write_datetime(ws, 4, 3, &b1, date);
	worksheet_write_datetime(ws, 4, 4, &a1, date);
	worksheet_write_datetime(ws, 4, 5, &o1, date);
	worksheet_write_number(ws, 4, 6, 40123457, NULL);
	worksheet_write_string(ws, 4, 7, "Phó Bí thư chi bộ", NULL);
	lxw_datetime b2 = {1999, 12, 31, 0, 0, 0}, a2 = {2025, 10, 3, 0, 0, 0};
	worksheet_write_number(ws, 5, 0, 2, NULL);
	worksheet_write_string(ws, 5, 1, "Đỗ Đức Đạt", NULL);
	worksheet_write_string(ws, 5, 2, "Nam", NULL);
	worksheet_write_datetime(ws, 5, 3, &b2, date);
	worksheet_write_datetime(ws, 5, 4, &a2, date);
	return workbook_close(wb);
}
