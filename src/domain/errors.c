/* errors: collecting field-level validation errors; see errors.h. */
#include "domain/errors.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* vsnprintf cuts at a byte; a message cut inside a multi-byte character
 * would be invalid UTF-8 in the JSON answer, so drop the partial one. */
static void trim_partial_utf8(char *s, size_t len)
{
	size_t i = len;
	while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
		i--;
	if (i == 0)
		return;
	unsigned char lead = (unsigned char)s[i - 1];
	size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
	if (len - (i - 1) < need)
		s[i - 1] = '\0';
}

void field_errors_add(struct field_errors *fe, const char *field,
		      const char *fmt, ...)
{
	if (fe->n >= FIELD_ERRORS_MAX)
		return;
	struct field_error *e = &fe->e[fe->n++];
	e->field = field;
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(e->message, sizeof e->message, fmt, ap);
	va_end(ap);
	if (n >= (int)sizeof e->message)
		trim_partial_utf8(e->message, strlen(e->message));
}
