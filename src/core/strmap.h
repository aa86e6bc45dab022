/*
 * strmap: a string -> integer hash map in an arena (open addressing).
 * For per-command lookups such as "card number seen on row N" or "cell
 * code -> org id" during an import, where a linear scan would be
 * quadratic.  Keys are copied into the arena.
 */
#ifndef CHIBO_STRMAP_H
#define CHIBO_STRMAP_H

#include <stdbool.h>
#include <stddef.h>

#include "core/arena.h"

struct strmap_slot {
	const char *key;
	long long val;
};

struct strmap {
	struct strmap_slot *slots;
	size_t cap, n;
};

bool strmap_get(const struct strmap *m, const char *key, long long *val);
void strmap_put(struct strmap *m, struct arena *a, const char *key, long long val);

#endif
