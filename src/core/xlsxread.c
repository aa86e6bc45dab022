/* xlsxread: XLSX worksheets through libzip and expat; see xlsxread.h. */
#include "core/xlsxread.h"

#include <expat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

enum { XLSX_MAX_ENTRY = 256 << 20, XLSX_MAX_COLS = 16384 };

bool xlsx_sniff(const char *data, size_t len)
{
	return len >= 4 && memcmp(data, "PK\x03\x04", 4) == 0;
}

/* Reads one archive member into a NUL-terminated buffer. */
static int read_entry(zip_t *z, const char *name, struct buf *out)
{
	zip_stat_t st;
	if (zip_stat(z, name, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE) || st.size > XLSX_MAX_ENTRY)
		return -1;
	zip_file_t *f = zip_fopen(z, name, 0);
	if (!f)
		return -1;
	char chunk[65536];
	zip_int64_t n;
	while ((n = zip_fread(f, chunk, sizeof chunk)) > 0)
		buf_append(out, chunk, (size_t)n);
	zip_fclose(f);
	return n < 0 || out->err ? -1 : 0;
}

/* ---- shared strings: <si> (with <t> or rich <r><t>) per string ---- */

struct sst {
	struct arena *a;
	const char **items;
	int n, cap;
	struct buf text;
	int in_si, in_t, in_rph;
};

static void sst_start(void *ud, const XML_Char *name, const XML_Char **attrs)
{
	(void)attrs;
	struct sst *s = ud;
	if (strcmp(name, "si") == 0) {
		s->in_si = 1;
		buf_reset(&s->text);
	} else if (strcmp(name, "rPh") == 0) {
		s->in_rph = 1; /* phonetic hints are not the text */
	} else if (strcmp(name, "t") == 0 && s->in_si && !s->in_rph) {
		s->in_t = 1;
	}
}

static void sst_end(void *ud, const XML_Char *name)
{
	struct sst *s = ud;
	if (strcmp(name, "t") == 0) {
		s->in_t = 0;
	} else if (strcmp(name, "rPh") == 0) {
		s->in_rph = 0;
	} else if (strcmp(name, "si") == 0) {
		s->items = arena_grow(s->a, s->items, s->n, &s->cap, sizeof *s->items);
		s->items[s->n++] = arena_strndup(s->a, s->text.p ? s->text.p : "", s->text.len);
		s->in_si = 0;
	}
}

static void sst_chars(void *ud, const XML_Char *txt, int len)
{
	struct sst *s = ud;
	if (s->in_t)
		buf_append(&s->text, txt, (size_t)len);
}

/* ---- the sheet: <row r><c r t><v>|<is><t> ---- */

struct sheet {
	struct arena *a;
	const struct sst *sst;
	struct csv_table *t;
	int cap;
	const char **cells; /* current row, by column index */
	int ncells, capcells;
	int row;
	int col;            /* column of the current cell */
	char type[16];      /* its t attribute */
	struct buf value;
	int in_v, in_t, in_c;
	int bad;
};

static int col_of(const char *ref)
{
	int c = 0;
	for (; *ref >= 'A' && *ref <= 'Z'; ref++) {
		c = c * 26 + (*ref - 'A' + 1);
		if (c > XLSX_MAX_COLS)
			return -1;
	}
	return c - 1;
}

static void put_cell(struct sheet *s, const char *text)
{
	if (s->col < 0 || s->col >= XLSX_MAX_COLS) {
		s->bad = 1;
		return;
	}
	/* Cells may skip columns (empty ones are not written). */
	while (s->ncells <= s->col) {
		s->cells = arena_grow(s->a, s->cells, s->ncells, &s->capcells, sizeof *s->cells);
		s->cells[s->ncells++] = "";
	}
	s->cells[s->col] = text;
}

static void end_row(struct sheet *s)
{
	csv_table_add(s->t, &s->cap, s->a, (struct csv_row){s->cells, s->ncells, s->row});
	s->cells = NULL;
	s->ncells = s->capcells = 0;
}

static const char *attr(const XML_Char **attrs, const char *name)
{
	for (int i = 0; attrs[i]; i += 2)
		if (strcmp(attrs[i], name) == 0)
			return attrs[i + 1];
	return NULL;
}

static void sheet_start(void *ud, const XML_Char *name, const XML_Char **attrs)
{
	struct sheet *s = ud;
	if (strcmp(name, "row") == 0) {
		const char *r = attr(attrs, "r");
		s->row = r ? atoi(r) : s->row + 1;
		s->col = -1;
	} else if (strcmp(name, "c") == 0) {
		const char *r = attr(attrs, "r"), *t = attr(attrs, "t");
		s->col = r ? col_of(r) : s->col + 1;
		snprintf(s->type, sizeof s->type, "%s", t ? t : "n");
		buf_reset(&s->value);
		s->in_c = 1;
	} else if (s->in_c && strcmp(name, "v") == 0) {
		s->in_v = 1;
	} else if (s->in_c && strcmp(name, "t") == 0) {
		s->in_t = 1; /* inline string <is><t> */
	}
}

/* Numbers as Excel shows them without formatting: integers plainly
 * ("4.4012345E7" -> "44012345"), others unchanged. */
static const char *number_text(struct arena *a, const char *v)
{
	char *end;
	double d = strtod(v, &end);
	if (*v && !*end && d == (double)(long long)d && d > -1e15 && d < 1e15)
		return arena_printf(a, "%lld", (long long)d);
	return arena_strdup(a, v);
}

static void sheet_end(void *ud, const XML_Char *name)
{
	struct sheet *s = ud;
	if (strcmp(name, "v") == 0) {
		s->in_v = 0;
	} else if (strcmp(name, "t") == 0) {
		s->in_t = 0;
	} else if (strcmp(name, "c") == 0) {
		const char *v = s->value.p ? s->value.p : "";
		const char *text;
		if (strcmp(s->type, "s") == 0) {
			char *end;
			long i = strtol(v, &end, 10);
			if (*end || i < 0 || i >= s->sst->n) {
				s->bad = 1;
				text = "";
			} else {
				text = s->sst->items[i];
			}
		} else if (strcmp(s->type, "n") == 0) {
			text = number_text(s->a, v);
		} else {
			text = arena_strndup(s->a, v, s->value.len); /* str, inlineStr, b, e */
		}
		put_cell(s, text);
		s->in_c = 0;
	} else if (strcmp(name, "row") == 0) {
		end_row(s);
	}
}

static void sheet_chars(void *ud, const XML_Char *txt, int len)
{
	struct sheet *s = ud;
	if (s->in_v || s->in_t)
		buf_append(&s->value, txt, (size_t)len);
}

static int parse_xml(const struct buf *xml, void *ud, XML_StartElementHandler start,
		     XML_EndElementHandler end, XML_CharacterDataHandler chars)
{
	XML_Parser p = XML_ParserCreate("UTF-8");
	if (!p)
		return -1;
	XML_SetUserData(p, ud);
	XML_SetElementHandler(p, start, end);
	XML_SetCharacterDataHandler(p, chars);
	int ok = XML_Parse(p, xml->p ? xml->p : "", (int)xml->len, 1) == XML_STATUS_OK;
	XML_ParserFree(p);
	return ok ? 0 : -1;
}

/* The first worksheet: sheet1.xml, else the lowest-numbered one. */
static int first_sheet(zip_t *z, char *name, size_t n)
{
	snprintf(name, n, "xl/worksheets/sheet1.xml");
	if (zip_name_locate(z, name, 0) >= 0)
		return 0;
	long best = -1;
	for (zip_int64_t i = 0; i < zip_get_num_entries(z, 0); i++) {
		const char *e = zip_get_name(z, (zip_uint64_t)i, 0);
		long k;
		if (e && sscanf(e, "xl/worksheets/sheet%ld.xml", &k) == 1 && (best < 0 || k < best))
			best = k;
	}
	if (best < 0)
		return -1;
	snprintf(name, n, "xl/worksheets/sheet%ld.xml", best);
	return 0;
}

int xlsx_read(const char *data, size_t len, struct arena *a, struct csv_table *out,
	      struct buf *err)
{
	memset(out, 0, sizeof *out);
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
	zip_t *z = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
	zip_error_fini(&ze);
	if (!z) {
		if (src)
			zip_source_free(src);
		buf_puts(err, "Tệp XLSX bị hỏng hoặc không phải tệp Excel");
		return -1;
	}
	struct sst sst = {.a = a};
	struct sheet sh = {.a = a, .sst = &sst, .t = out};
	struct buf xml = BUF_INIT;
	char sheet[128];
	int rc = 0;
	/* A workbook without text cells has no sharedStrings.xml. */
	if (zip_name_locate(z, "xl/sharedStrings.xml", 0) >= 0 &&
	    (read_entry(z, "xl/sharedStrings.xml", &xml) ||
	     parse_xml(&xml, &sst, sst_start, sst_end, sst_chars))) {
		buf_puts(err, "Không đọc được bảng chuỗi của tệp XLSX");
		rc = -1;
	}
	buf_reset(&xml);
	if (rc == 0 && (first_sheet(z, sheet, sizeof sheet) || read_entry(z, sheet, &xml))) {
		buf_puts(err, "Tệp XLSX không có trang tính nào");
		rc = -1;
	}
	if (rc == 0 && (parse_xml(&xml, &sh, sheet_start, sheet_end, sheet_chars) || sh.bad)) {
		buf_puts(err, "Trang tính đầu tiên của tệp XLSX bị hỏng");
		rc = -1;
	}
	buf_free(&xml);
	buf_free(&sst.text);
	buf_free(&sh.value);
	zip_close(z);
	return rc;
}
