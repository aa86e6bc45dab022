/*
 * arena: a bump allocator for everything that lives as long as one request
 * or one CLI command.  Freed all at once, so handlers never free piecemeal.
 * Allocation failure aborts (a request cannot continue without memory and
 * the server's supervisor restarts it); see arena.c for why.
 */
#ifndef CHIBO_ARENA_H
#define CHIBO_ARENA_H

#include <stddef.h>

struct arena_block;
struct arena {
	struct arena_block *head;
};

#define ARENA_INIT {0}

void *arena_alloc(struct arena *a, size_t n); /* zeroed, 16-byte aligned */
char *arena_strdup(struct arena *a, const char *s); /* NULL -> NULL */
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_printf(struct arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void arena_free(struct arena *a);

/* Room for one more element in an arena array: when n == *cap, copies the
 * n elements of `size` bytes at v into a new array of twice the capacity
 * (at least 16) and returns it; otherwise returns v.  Use as
 *   v = arena_grow(a, v, n, &cap, sizeof *v); v[n++] = x;
 * One extra zeroed element is always kept, for NULL-terminated lists. */
void *arena_grow(struct arena *a, void *v, int n, int *cap, size_t size);

#endif
