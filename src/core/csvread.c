/* csvread: CSV through libcsv; see csvread.h. */
#include "core/csvread.h"

#include <csv.h>
#include <iconv.h>
#include <string.h>

#include "core/vi.h"

struct reader {
	struct arena *a;
	struct csv_table *t;
	int cap;
	const char **fields; /* fields of the row being read */
	int nf, capf;
};

void csv_table_add(struct csv_table *t, int *cap, struct arena *a, struct csv_row row)
{
	t->rows = arena_grow(a, t->rows, t->n, cap, sizeof *t->rows);
	t->rows[t->n++] = row;
}

static void on_field(void *s, size_t len, void *data)
{
	struct reader *r = data;
	r->fields = arena_grow(r->a, r->fields, r->nf, &r->capf, sizeof *r->fields);
	r->fields[r->nf++] = arena_strndup(r->a, s ? s : "", s ? len : 0);
}

static void on_row(int c, void *data)
{
	(void)c;
	struct reader *r = data;
	csv_table_add(r->t, &r->cap, r->a, (struct csv_row){r->fields, r->nf, r->t->n + 1});
	r->fields = NULL;
	r->nf = r->capf = 0;
}

/* ';' when the first line has more of them than ',' outside quotes. */
static unsigned char guess_delim(const char *p, size_t len)
{
	int commas = 0, semis = 0;
	bool quoted = false;
	for (size_t i = 0; i < len && (quoted || (p[i] != '\n' && p[i] != '\r')); i++) {
		if (p[i] == '"')
			quoted = !quoted;
		else if (!quoted && p[i] == ',')
			commas++;
		else if (!quoted && p[i] == ';')
			semis++;
	}
	return semis > commas ? ';' : ',';
}

/* Excel's "Unicode text" and some exports are UTF-16 with a BOM; iconv's
 * "UTF-16" reads the BOM to pick the byte order. */
static int utf16_to_utf8(const char *data, size_t len, struct arena *a, const char **out,
			 size_t *out_len)
{
	iconv_t cd = iconv_open("UTF-8", "UTF-16");
	if (cd == (iconv_t)-1)
		return -1;
	size_t cap = len * 2 + 4, left = cap;
	char *dst = arena_alloc(a, cap), *o = dst;
	char *in = (char *)data;
	size_t in_left = len;
	size_t rc = iconv(cd, &in, &in_left, &o, &left);
	iconv_close(cd);
	if (rc == (size_t)-1 || in_left)
		return -1;
	*out = dst;
	*out_len = (size_t)(o - dst);
	return 0;
}

int csv_read(const char *data, size_t len, struct arena *a, struct csv_table *out,
	     struct buf *err)
{
	memset(out, 0, sizeof *out);
	if (len >= 2 && (memcmp(data, "\xFF\xFE", 2) == 0 || memcmp(data, "\xFE\xFF", 2) == 0) &&
	    utf16_to_utf8(data, len, a, &data, &len)) {
		buf_puts(err, "Tệp UTF-16 bị hỏng (ký tự không đọc được)");
		return -1;
	}
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		data += 3;
		len -= 3;
	}
	if (!vi_utf8_valid(data, len)) {
		buf_puts(err, "Tệp không phải văn bản UTF-8 hợp lệ; hãy lưu tệp dạng CSV UTF-8");
		return -1;
	}
	struct csv_parser p;
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL)) {
		buf_puts(err, "hết bộ nhớ");
		return -1;
	}
	csv_set_delim(&p, guess_delim(data, len));
	struct reader r = {.a = a, .t = out};
	int rc = 0;
	if (csv_parse(&p, data, len, on_field, on_row, &r) != len ||
	    csv_fini(&p, on_field, on_row, &r) != 0) {
		buf_printf(err, "Tệp CSV sai định dạng ở dòng %d: dấu ngoặc kép không khớp "
			   "hoặc ký tự lạ sau dấu ngoặc kép", out->n + 1);
		rc = -1;
	}
	csv_free(&p);
	return rc;
}

void csv_write_field(struct buf *out, const char *s)
{
	if (!s)
		return;
	if (!strpbrk(s, ",;\"\r\n")) {
		buf_puts(out, s);
		return;
	}
	buf_putc(out, '"');
	for (; *s; s++) {
		if (*s == '"')
			buf_putc(out, '"');
		buf_putc(out, *s);
	}
	buf_putc(out, '"');
}
