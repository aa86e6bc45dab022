/* jsonw: writing JSON text; see jsonw.h. */
#include "core/jsonw.h"

#include <string.h>

void jsonw_str(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	if (!s) {
		buf_puts(b, "null");
		return;
	}
	buf_putc(b, '"');
	const char *run = s;
	for (const char *p = s; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		buf_append(b, run, (size_t)(p - run));
		run = p + 1;
		switch (c) {
		case '"': buf_puts(b, "\\\""); break;
		case '\\': buf_puts(b, "\\\\"); break;
		case '\n': buf_puts(b, "\\n"); break;
		case '\r': buf_puts(b, "\\r"); break;
		case '\t': buf_puts(b, "\\t"); break;
		default: {
			char u[7] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15], 0};
			buf_puts(b, u);
		}
		}
	}
	buf_append(b, run, strlen(run));
	buf_putc(b, '"');
}

void jsonw_key(struct buf *b, const char *key, int first)
{
	if (!first)
		buf_putc(b, ',');
	buf_putc(b, '"');
	buf_puts(b, key); /* keys are our own ASCII names */
	buf_puts(b, "\":");
}

void jsonw_int(struct buf *b, long long v)
{
	buf_printf(b, "%lld", v);
}
