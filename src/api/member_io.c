/*
 * member_io: members in and out of spreadsheets -- CSV and XLSX import
 * (all or nothing), CSV/XLSX/JSON export and the import template.  The same column
 * table drives all of them, so an export always imports back.  Used by
 * the HTTP handlers and by the CLI.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "api/api.h"
#include "api/routes.h"
#include "core/csvread.h"
#include "core/xlsxread.h"
#include "core/strmap.h"
#include "core/vi.h"
#include "domain/member.h"

enum col_kind { C_TEXT, C_DATE, C_FULL, C_SURNAME, C_MIDDLE, C_GIVEN, C_SEX, C_STATUS, C_ORG, C_CARD };

static const struct column {
	const char *header; /* as exported; matched ignoring case, marks, spaces */
	const char *field;  /* JSON / validation field name */
	enum col_kind kind;
	size_t off;         /* into struct member, for C_TEXT and C_DATE */
	bool exported;
} columns[] = {
	{"Họ và tên", "full_name", C_FULL, 0, true},
	{"Họ", "surname", C_SURNAME, 0, false},
	{"Chữ đệm", "middle_name", C_MIDDLE, 0, false},
	{"Tên", "given_name", C_GIVEN, 0, false},
	{"Giới tính", "sex", C_SEX, 0, true},
	{"Ngày sinh", "birth_date", C_DATE, offsetof(struct member, birth_date), true},
	{"Dân tộc", "ethnicity", C_TEXT, offsetof(struct member, ethnicity), true},
	{"Tôn giáo", "religion", C_TEXT, offsetof(struct member, religion), true},
	{"Quê quán", "hometown", C_TEXT, offsetof(struct member, hometown), true},
	{"Nơi ở hiện nay", "residence", C_TEXT, offsetof(struct member, residence), true},
	{"Số thẻ đảng viên", "card_no", C_CARD, 0, true},
	{"Ngày vào Đảng", "admitted_on", C_DATE, offsetof(struct member, admitted_on), true},
	{"Ngày chính thức", "official_on", C_DATE, offsetof(struct member, official_on), true},
	{"Chi bộ", "org_id", C_ORG, 0, true},
	{"Trình độ chuyên môn", "education", C_TEXT, offsetof(struct member, education), true},
	{"Lý luận chính trị", "theory_level", C_TEXT, offsetof(struct member, theory_level), true},
	{"Chức vụ", "position", C_TEXT, offsetof(struct member, position), true},
	{"Trạng thái", "status", C_STATUS, 0, true},
};
enum { NCOLS = sizeof columns / sizeof columns[0] };

/* Folded with spaces removed: "NGÀY  SINH" and "ngay sinh" -> "ngaysinh". */
static char *header_key(struct arena *a, const char *s)
{
	struct buf f = BUF_INIT;
	char *out = NULL;
	if (vi_fold(s, &f) == 0) {
		out = arena_alloc(a, f.len + 1);
		size_t k = 0;
		for (size_t i = 0; i < f.len; i++)
			if (f.p[i] != ' ')
				out[k++] = f.p[i];
	}
	buf_free(&f);
	return out;
}

static const struct column *column_by_field(const char *field)
{
	for (int i = 0; i < NCOLS; i++)
		if (strcmp(columns[i].field, field) == 0)
			return &columns[i];
	/* Name rules are reported on the full name column. */
	return &columns[0];
}

/* A value matched to one of codes by its Vietnamese label, folded. */
static const char *code_by_label(struct arena *a, const char *v, const char *const *codes,
				 int n, const char *(*label)(const char *))
{
	char *key = header_key(a, v);
	for (int i = 0; key && i < n; i++) {
		char *lk = header_key(a, label(codes[i]));
		if ((lk && strcmp(key, lk) == 0) || strcmp(v, codes[i]) == 0)
			return codes[i];
	}
	return NULL;
}

struct importer {
	struct dbconn *c;
	struct arena *a;
	const struct scope *sc;
	struct org_row target;
	int colmap[NCOLS]; /* column index in the file, or -1 */
	bool xlsx;           /* dates may come as Excel serial numbers */
	struct strmap cells; /* "Chi bộ" value -> org id, resolved once */
	struct strmap cards; /* card number -> row it first appeared on */
	struct import_result *res;
};

static int fail_at(struct importer *im, int row, const struct column *col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* A data cell's error reads "Dòng 4, cột "Ngày sinh": ..."; a header error
 * (missing or repeated column) reads "Dòng tiêu đề 4: ..." since it is
 * about the column itself.  Both set row and column for the caller. */
static int vfail(struct importer *im, int row, const struct column *col, bool header,
		 const char *fmt, va_list ap)
{
	char msg[240];
	vsnprintf(msg, sizeof msg, fmt, ap);
	im->res->row = row;
	im->res->column = col ? col->header : NULL;
	im->res->field = col ? col->field : NULL;
	if (header)
		snprintf(im->res->message, sizeof im->res->message, "Dòng tiêu đề %d: %s", row, msg);
	else if (col)
		snprintf(im->res->message, sizeof im->res->message, "Dòng %d, cột \"%s\": %s", row,
			 col->header, msg);
	else
		snprintf(im->res->message, sizeof im->res->message, "Dòng %d: %s", row, msg);
	return -1;
}

static int fail_at(struct importer *im, int row, const struct column *col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int rc = vfail(im, row, col, false, fmt, ap);
	va_end(ap);
	return rc;
}

static int fail_header(struct importer *im, int row, const struct column *col,
		       const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static int fail_header(struct importer *im, int row, const struct column *col,
		       const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int rc = vfail(im, row, col, true, fmt, ap);
	va_end(ap);
	return rc;
}

/* The column of each known header in row h (-1 when absent); returns the
 * first header that appears twice, or NULL. */
static const struct column *match_headers(struct importer *im, const struct csv_row *h)
{
	const struct column *twice = NULL;
	for (int i = 0; i < NCOLS; i++)
		im->colmap[i] = -1;
	for (int j = 0; j < h->n; j++) {
		char *k = header_key(im->a, h->fields[j]);
		for (int i = 0; k && *k && i < NCOLS; i++) {
			if (strcmp(k, header_key(im->a, columns[i].header)) != 0)
				continue;
			if (im->colmap[i] >= 0 && !twice)
				twice = &columns[i];
			im->colmap[i] = j;
		}
	}
	return twice;
}

static bool has_name_columns(const struct importer *im)
{
	return im->colmap[0] >= 0 || (im->colmap[1] >= 0 && im->colmap[3] >= 0);
}

/* Officers' sheets often open with title lines ("DANH SÁCH ĐẢNG VIÊN",
 * the unit, the date) above the header: the header is the first of the
 * first HEADER_SEARCH rows that names the name column(s). */
enum { HEADER_SEARCH = 10 };

static int find_header(struct importer *im, const struct csv_table *t)
{
	for (int i = 0; i < t->n && i < HEADER_SEARCH; i++) {
		match_headers(im, &t->rows[i]);
		if (has_name_columns(im))
			return i;
	}
	return 0;
}

static int map_header(struct importer *im, const struct csv_row *h)
{
	const struct column *twice = match_headers(im, h);
	if (twice)
		return fail_header(im, h->line, twice, "cột \"%s\" bị lặp lại", twice->header);
	if (!has_name_columns(im))
		return fail_header(im, h->line, &columns[0],
				   "thiếu cột \"Họ và tên\" (hoặc các cột \"Họ\", \"Chữ đệm\", \"Tên\")");
	static const char *const required[] = {"sex", "birth_date", "admitted_on"};
	for (size_t i = 0; i < sizeof required / sizeof required[0]; i++) {
		const struct column *col = column_by_field(required[i]);
		if (im->colmap[col - columns] < 0)
			return fail_header(im, h->line, col, "thiếu cột bắt buộc \"%s\"", col->header);
	}
	if (im->colmap[column_by_field("org_id") - columns] < 0 &&
	    strcmp(im->target.o.kind, KIND_CELL) && strcmp(im->target.o.kind, KIND_GRASSROOTS_CELL))
		return fail_header(im, h->line, column_by_field("org_id"),
				   "thiếu cột \"Chi bộ\": %s không phải chi bộ nên mỗi dòng phải ghi chi bộ",
				   im->target.o.name);
	return 0;
}

/* The cell named in a row: by code, else by exact name, in the target subtree. */
static int resolve_cell(struct importer *im, int row, const char *v, long long *org_id)
{
	const struct column *col = column_by_field("org_id");
	struct scope sub = {.org_id = im->target.o.id, .path = im->target.o.path};
	struct org_row o;
	int rc = store_org_by_code(im->c, im->a, &sub, v, &o);
	if (rc == STORE_NOT_FOUND) {
		struct buf f = BUF_INIT;
		vi_fold(v, &f);
		struct org_row *items;
		int n = 0, exact = 0;
		rc = store_org_search(im->c, im->a, &sub, buf_str(&f) ? buf_str(&f) : "", 50, &items, &n);
		buf_free(&f);
		for (int i = 0; rc == STORE_OK && i < n; i++)
			if (strcmp(items[i].o.name, v) == 0) {
				o = items[i];
				exact++;
			}
		if (exact > 1)
			return fail_at(im, row, col, "Có %d chi bộ cùng tên \"%s\"; hãy ghi mã chi bộ", exact, v);
		if (rc == STORE_OK && exact == 0)
			rc = STORE_NOT_FOUND;
	}
	if (rc == STORE_ERROR)
		return -2;
	if (rc != STORE_OK)
		return fail_at(im, row, col, "Không tìm thấy chi bộ \"%s\" trong %s", v, im->target.o.name);
	if (strcmp(o.o.kind, KIND_CELL) && strcmp(o.o.kind, KIND_GRASSROOTS_CELL))
		return fail_at(im, row, col, "\"%s\" không phải là chi bộ", v);
	if (!date_is_null(o.o.dissolved_on))
		return fail_at(im, row, col, "Chi bộ \"%s\" đã giải thể", v);
	*org_id = o.o.id;
	return 0;
}

static const char *cell_text(struct importer *im, const struct csv_row *r, int col)
{
	int j = im->colmap[col];
	if (j < 0 || j >= r->n)
		return "";
	struct buf b = BUF_INIT;
	const char *out = vi_clean(r->fields[j], &b) == 0 ? arena_strdup(im->a, buf_str(&b)) : "";
	buf_free(&b);
	return out ? out : "";
}

/* A date cell of an XLSX sheet arrives as Excel's serial day number. */
static int excel_date(const char *v, struct date *d)
{
	char *end;
	double serial = strtod(v, &end);
	if (*end || serial < 1 || serial > 110000) /* up to the year 2200 */
		return -1;
	return date_from_excel_serial(serial, d);
}

/* Builds and validates the member of one data row. */
static int read_row(struct importer *im, const struct csv_row *r, struct member *m)
{
	memset(m, 0, sizeof *m);
	const char *surname = "", *middle = "", *given = "";
	bool any = false;
	for (int i = 0; i < NCOLS; i++) {
		const struct column *col = &columns[i];
		const char *v = cell_text(im, r, i);
		any |= *v != '\0';
		switch (col->kind) {
		case C_TEXT:
			*(const char **)((char *)m + col->off) = *v ? v : NULL;
			break;
		case C_DATE: {
			struct date *d = (struct date *)((char *)m + col->off);
			if (*v && date_parse_any(v, d) && (!im->xlsx || excel_date(v, d)))
				return fail_at(im, r->line, col, "Ngày \"%s\" không hợp lệ (cần dạng dd/mm/yyyy)", v);
			break;
		}
		case C_FULL: m->full_name = v; break;
		case C_SURNAME: surname = v; break;
		case C_MIDDLE: middle = v; break;
		case C_GIVEN: given = v; break;
		case C_SEX:
			m->sex = code_by_label(im->a, v, (const char *const[]){"male", "female"}, 2,
					       member_sex_label);
			if (!m->sex)
				return fail_at(im, r->line, col, "Giới tính phải là \"Nam\" hoặc \"Nữ\" (đang là \"%s\")", v);
			break;
		case C_STATUS:
			m->status = *v ? code_by_label(im->a, v, member_statuses, 6, member_status_label) : NULL;
			if (*v && !m->status)
				return fail_at(im, r->line, col, "Trạng thái \"%s\" không hợp lệ", v);
			break;
		case C_CARD:
			m->card_no = *v ? v : NULL;
			break;
		case C_ORG:
			if (im->colmap[i] >= 0 && *v && !strmap_get(&im->cells, v, &m->org_id)) {
				int rc = resolve_cell(im, r->line, v, &m->org_id);
				if (rc)
					return rc;
				strmap_put(&im->cells, im->a, v, m->org_id);
			}
			break;
		}
	}
	if (!any)
		return 1; /* blank line: skipped */
	if (!m->org_id)
		m->org_id = strcmp(im->target.o.kind, KIND_CELL) && strcmp(im->target.o.kind, KIND_GRASSROOTS_CELL)
			? 0 : im->target.o.id;
	if (!m->status)
		m->status = date_is_null(m->official_on) ? MEMBER_PROBATIONARY : MEMBER_OFFICIAL;
	if (!m->full_name || !*m->full_name)
		m->full_name = arena_printf(im->a, "%s%s%s%s%s", surname, *middle ? " " : "", middle,
					    *given ? " " : "", given);
	struct buf s = BUF_INIT, mid = BUF_INIT, g = BUF_INIT;
	m->surname = m->middle_name = m->given_name = "";
	if (*m->full_name && vi_split_name(m->full_name, &s, &mid, &g) == 0) {
		m->surname = arena_strdup(im->a, buf_str(&s));
		m->middle_name = arena_strdup(im->a, buf_str(&mid));
		m->given_name = arena_strdup(im->a, buf_str(&g));
	}
	buf_free(&s);
	buf_free(&mid);
	buf_free(&g);
	char card[9];
	if (m->card_no && member_card_no_normalize(m->card_no, card) == 0)
		m->card_no = arena_strdup(im->a, card);
	struct field_errors fe = {0};
	if (member_validate(m, &member_rules_default, date_today(), &fe))
		return fail_at(im, r->line, column_by_field(fe.e[0].field), "%s", fe.e[0].message);
	if (m->card_no && store_member_card_taken(im->c, m->card_no, 0))
		return fail_at(im, r->line, column_by_field("card_no"),
			       "Số thẻ đảng viên %s đã có trong hệ thống", m->card_no);
	return 0;
}

/* key is "ORG_ID\tSTATUS\tSEX\tYEAR" as built by members_import. */
static void apply_count(struct dbconn *c, struct arena *a, const char *key, long long n)
{
	char status[16], sex[8];
	long long org_id;
	int year;
	if (sscanf(key, "%lld\t%15[^\t]\t%7[^\t]\t%d", &org_id, status, sex, &year) != 4)
		return;
	struct scope all = {.path = "/"};
	struct org_row o;
	if (store_org_get(c, a, &all, org_id, &o) == STORE_OK)
		store_tally_add(c, o.o.path, status, sex, year, n);
}

int members_import(struct dbconn *c, struct arena *a, const struct account *who,
		       const struct scope *sc, const char *org_code, const char *data,
		       size_t len, bool dry_run, struct import_result *res)
{
	memset(res, 0, sizeof *res);
	struct importer im = {.c = c, .a = a, .sc = sc, .res = res};
	int rc = store_org_by_code(c, a, sc, org_code ? org_code : "", &im.target);
	if (rc == STORE_ERROR)
		return -2;
	if (rc != STORE_OK) {
		snprintf(res->message, sizeof res->message,
			 "Không tìm thấy tổ chức có mã \"%s\" trong phạm vi quản lý", org_code ? org_code : "");
		res->field = "org";
		return -1;
	}
	struct csv_table t;
	struct buf err = BUF_INIT;
	im.xlsx = xlsx_sniff(data, len);
	if (im.xlsx ? xlsx_read(data, len, a, &t, &err) : csv_read(data, len, a, &t, &err)) {
		snprintf(res->message, sizeof res->message, "%s", buf_str(&err) ? buf_str(&err) : "");
		buf_free(&err);
		return -1;
	}
	buf_free(&err);
	if (t.n < 1) {
		snprintf(res->message, sizeof res->message, "Tệp trống: cần dòng tiêu đề và ít nhất một dòng dữ liệu");
		return -1;
	}
	int header = find_header(&im, &t);
	if (map_header(&im, &t.rows[header]))
		return -1;

	/* Validate every row before writing any, so a bad row anywhere
	 * leaves the database untouched even without the transaction. */
	struct member *ms = arena_alloc(a, sizeof *ms * (size_t)t.n);
	int n = 0;
	for (int i = header + 1; i < t.n; i++) {
		rc = read_row(&im, &t.rows[i], &ms[n]);
		if (rc < 0)
			return rc;
		if (rc > 0)
			continue;
		long long first;
		if (ms[n].card_no && strmap_get(&im.cards, ms[n].card_no, &first))
			return fail_at(&im, t.rows[i].line, column_by_field("card_no"),
				       "Số thẻ đảng viên %s trùng với dòng %lld", ms[n].card_no, first);
		if (ms[n].card_no)
			strmap_put(&im.cards, a, ms[n].card_no, t.rows[i].line);
		n++;
	}
	if (n == 0) {
		snprintf(res->message, sizeof res->message, "Tệp không có dòng dữ liệu nào");
		return -1;
	}
	res->imported = n;
	if (dry_run)
		return 0;

	db_begin(c);
	struct date today = date_today();
	/* Subtree counts change once per (cell, status, sex, year of birth),
	 * not once per row. */
	struct strmap counts = {0};
	struct buf after = BUF_INIT;
	for (int i = 0; i < n && !db_failed(c); i++) {
		if (store_member_insert(c, &ms[i], false) != STORE_OK)
			break;
		char *key = arena_printf(a, "%lld\t%s\t%s\t%d", ms[i].org_id, ms[i].status,
					 ms[i].sex, ms[i].birth_date.y);
		long long k = 0;
		strmap_get(&counts, key, &k);
		strmap_put(&counts, a, key, k + 1);
		struct member_row row = {.m = ms[i]};
		buf_reset(&after);
		member_json_write(&after, &row, today);
		struct audit_entry e = {
			.account_id = who->id, .username = who->username, .action = "import",
			.object_type = "member", .object_id = ms[i].id,
			.org_path = im.target.o.path, .after = buf_str(&after),
		};
		store_audit_append(c, &e);
	}
	buf_free(&after);
	for (size_t i = 0; i < counts.cap && !db_failed(c); i++)
		if (counts.slots[i].key)
			apply_count(c, a, counts.slots[i].key, counts.slots[i].val);
	if (db_commit(c)) {
		res->imported = 0;
		if (db_failure(c) == DBF_CONSTRAINT) {
			snprintf(res->message, sizeof res->message,
				 "Dữ liệu trùng với bản ghi đã có (số thẻ đảng viên); không có gì được ghi");
			return -1;
		}
		return -2;
	}
	return 0;
}

/* ---- export ---- */

static const char *member_cell(struct arena *a, const struct member_row *r, const struct column *col)
{
	const struct member *m = &r->m;
	switch (col->kind) {
	case C_TEXT: return *(const char *const *)((const char *)m + col->off);
	case C_DATE: {
		struct date d = *(const struct date *)((const char *)m + col->off);
		if (date_is_null(d))
			return NULL;
		char *s = arena_alloc(a, 11);
		date_format_vn(d, s);
		return s;
	}
	case C_FULL: return m->full_name;
	case C_SURNAME: return m->surname;
	case C_MIDDLE: return m->middle_name;
	case C_GIVEN: return m->given_name;
	case C_SEX: return member_sex_label(m->sex);
	case C_STATUS: return member_status_label(m->status);
	case C_ORG: return m->org_code;
	case C_CARD: return m->card_no;
	}
	return NULL;
}

static void csv_header(struct buf *out)
{
	buf_puts(out, "\xEF\xBB\xBF"); /* BOM: Excel opens UTF-8 CSV correctly only with it */
	bool first = true;
	for (int i = 0; i < NCOLS; i++) {
		if (!columns[i].exported)
			continue;
		if (!first)
			buf_putc(out, ',');
		csv_write_field(out, columns[i].header);
		first = false;
	}
	buf_puts(out, "\r\n");
}

struct export_ctx {
	struct buf *out;
	struct arena scratch;
	lxw_worksheet *ws;
	int row;
	struct date today;
	bool json_first;
};

static int export_csv_row(void *ctx, const struct member_row *r)
{
	struct export_ctx *x = ctx;
	bool first = true;
	for (int i = 0; i < NCOLS; i++) {
		if (!columns[i].exported)
			continue;
		if (!first)
			buf_putc(x->out, ',');
		csv_write_field(x->out, member_cell(&x->scratch, r, &columns[i]));
		first = false;
	}
	buf_puts(x->out, "\r\n");
	arena_free(&x->scratch);
	return x->out->err ? -1 : 0;
}

static int export_json_row(void *ctx, const struct member_row *r)
{
	struct export_ctx *x = ctx;
	buf_puts(x->out, x->json_first ? "\n" : ",\n");
	member_json_write(x->out, r, x->today);
	x->json_first = false;
	return x->out->err ? -1 : 0;
}

static int export_xlsx_row(void *ctx, const struct member_row *r)
{
	struct export_ctx *x = ctx;
	int c = 0;
	x->row++;
	for (int i = 0; i < NCOLS; i++) {
		if (!columns[i].exported)
			continue;
		const char *v = member_cell(&x->scratch, r, &columns[i]);
		if (v)
			worksheet_write_string(x->ws, (lxw_row_t)x->row, (lxw_col_t)c, v, NULL);
		c++;
	}
	arena_free(&x->scratch);
	return 0;
}

/* libxlsxwriter writes files only, so the workbook goes through a
 * private temporary file that is removed at once. */
static int export_xlsx(struct dbconn *c, const struct scope *sc,
		       const struct org_row *org, struct buf *out, struct buf *err)
{
	const char *tmpdir = getenv("TMPDIR");
	char path[512];
	snprintf(path, sizeof path, "%s/chibo-export-XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
	int fd = mkstemp(path);
	if (fd < 0) {
		buf_puts(err, "không tạo được tệp tạm");
		return -1;
	}
	close(fd);
	lxw_workbook *wb = workbook_new(path);
	lxw_worksheet *ws = wb ? workbook_add_worksheet(wb, "Đảng viên") : NULL;
	if (!ws) {
		unlink(path);
		buf_puts(err, "không tạo được tệp XLSX");
		return -1;
	}
	lxw_format *bold = workbook_add_format(wb);
	format_set_bold(bold);
	int col = 0;
	for (int i = 0; i < NCOLS; i++) {
		if (!columns[i].exported)
			continue;
		worksheet_write_string(ws, 0, (lxw_col_t)col, columns[i].header, bold);
		worksheet_set_column(ws, (lxw_col_t)col, (lxw_col_t)col, i == 0 ? 28 : 16, NULL);
		col++;
	}
	worksheet_freeze_panes(ws, 1, 0);
	struct export_ctx x = {.out = out, .ws = ws};
	int rc = store_member_each(c, sc, org->o.path, export_xlsx_row, &x);
	if (workbook_close(wb) != LXW_NO_ERROR && rc == 0) {
		buf_puts(err, "không ghi được tệp XLSX");
		rc = -1;
	}
	if (rc == 0 && buf_read_file(out, path))
		rc = -1;
	unlink(path);
	return rc;
}

const char *members_export_content_type(const char *format)
{
	if (strcmp(format, "csv") == 0)
		return "text/csv; charset=utf-8";
	if (strcmp(format, "xlsx") == 0)
		return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
	if (strcmp(format, "json") == 0)
		return "application/json";
	return NULL;
}

int members_export(struct dbconn *c, const struct scope *sc, const struct org_row *org,
		   const char *format, struct buf *out, struct buf *err)
{
	struct export_ctx x = {.out = out, .today = date_today(), .json_first = true};
	int rc;
	if (strcmp(format, "xlsx") == 0)
		return export_xlsx(c, sc, org, out, err);
	if (strcmp(format, "json") == 0) {
		buf_puts(out, "{\"items\":[");
		rc = store_member_each(c, sc, org->o.path, export_json_row, &x);
		buf_puts(out, "\n]}\n");
	} else {
		csv_header(out);
		rc = store_member_each(c, sc, org->o.path, export_csv_row, &x);
	}
	arena_free(&x.scratch);
	if (rc)
		buf_printf(err, "lỗi khi đọc danh sách: %s", db_errmsg(c));
	return rc || out->err ? -1 : 0;
}

/* ---- HTTP handlers ---- */

void api_imports_members(struct req *r)
{
	const char *org = req_query(r, "org"), *dry = req_query(r, "dry_run");
	bool dry_run = dry && (strcmp(dry, "1") == 0 || strcmp(dry, "true") == 0);
	if (!org || !*org) {
		api_fail(r, 400, "bad_request", "org", "Thiếu mã tổ chức nhận (org)");
		return;
	}
	struct import_result res;
	int rc = members_import(r->db, &r->arena, &r->account, &r->scope, org, r->body,
				    r->body_len, dry_run, &res);
	if (rc == -2) {
		api_internal(r, "nhập đảng viên");
		return;
	}
	if (rc < 0 && !res.row && res.field && strcmp(res.field, "org") == 0) {
		api_fail(r, 404, "not_found", "org", "%s", res.message);
		return;
	}
	if (rc < 0) {
		json_t *e = json_pack("{s:s, s:s}", "code", "import", "message", res.message);
		if (res.row)
			json_object_set_new(e, "row", json_integer(res.row));
		if (res.column)
			json_object_set_new(e, "column", json_string(res.column));
		if (res.field)
			json_object_set_new(e, "field", json_string(res.field));
		api_json(r, 422, json_pack("{s:o}", "error", e));
		return;
	}
	api_json(r, 200, json_pack("{s:i, s:b}", "imported", res.imported, "dry_run", dry_run));
}

void api_imports_template(struct req *r)
{
	struct buf out = BUF_INIT;
	csv_header(&out);
	char *data = arena_strndup(&r->arena, out.p ? out.p : "", out.len);
	api_raw(r, 200, "text/csv; charset=utf-8", data, out.len, "mau-nhap-dang-vien.csv");
	buf_free(&out);
}
