/* strmap: open-addressing hash map from strings to integers; see strmap.h. */
#include "core/strmap.h"

#include <stdint.h>
#include <string.h>

static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603ull; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

static struct strmap_slot *find(const struct strmap *m, const char *key)
{
	size_t i = (size_t)hash(key) & (m->cap - 1);
	while (m->slots[i].key && strcmp(m->slots[i].key, key) != 0)
		i = (i + 1) & (m->cap - 1);
	return &m->slots[i];
}

bool strmap_get(const struct strmap *m, const char *key, long long *val)
{
	if (!m->cap)
		return false;
	struct strmap_slot *s = find(m, key);
	if (s->key && val)
		*val = s->val;
	return s->key != NULL;
}

void strmap_put(struct strmap *m, struct arena *a, const char *key, long long val)
{
	if ((m->n + 1) * 2 > m->cap) {
		struct strmap old = *m;
		m->cap = old.cap ? old.cap * 2 : 64;
		m->slots = arena_alloc(a, sizeof *m->slots * m->cap);
		m->n = 0;
		for (size_t i = 0; i < old.cap; i++)
			if (old.slots[i].key)
				*find(m, old.slots[i].key) = old.slots[i], m->n++;
	}
	struct strmap_slot *s = find(m, key);
	if (!s->key) {
		s->key = arena_strdup(a, key);
		m->n++;
	}
	s->val = val;
}
