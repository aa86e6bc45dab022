/*
 * buf: the one growable string/byte buffer used everywhere.
 *
 * Errors are sticky (SQLite style): after an allocation failure every later
 * append is a no-op and buf.err stays set, so a caller builds a whole value
 * and checks once at the end.  b->p is always NUL-terminated when err == 0
 * and cap > 0.
 */
#ifndef CHIBO_BUF_H
#define CHIBO_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char *p;
	size_t len;
	size_t cap;
	int err;
};

#define BUF_INIT {0, 0, 0, 0}

void buf_free(struct buf *b);
void buf_reset(struct buf *b);               /* len = 0, keeps memory */
int buf_reserve(struct buf *b, size_t extra); /* 0 or -1 (sets err) */
void buf_append(struct buf *b, const void *p, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap);
/* Appends the whole file at path ("-" = standard input); 0 or -1. */
int buf_read_file(struct buf *b, const char *path);
/* Returns the string (never NULL: "" when empty) or NULL if err is set. */
const char *buf_str(struct buf *b);

#endif
