/* scope: the subtree range every scoped query uses, and the clock. */
#include "store/store.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

void scope_path_end(const char *path, char *out, size_t n)
{
	/* Paths end in '/', and '0' is the byte after '/': every descendant
	 * path sorts in [path, path-with-last-'/'-as-'0'). */
	size_t len = strlen(path);
	snprintf(out, n, "%s", path);
	if (len && len < n && out[len - 1] == '/')
		out[len - 1] = '0';
}

void store_now(char out[32])
{
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}
