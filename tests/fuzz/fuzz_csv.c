/*
 * libFuzzer harness: the text parsers a spreadsheet reaches first -- the
 * CSV reader, then every field through the Vietnamese text functions and
 * the date parsers, as the importer uses them.  Any crash, leak or
 * sanitizer report is a bug.
 */
#include <stddef.h>
#include <stdint.h>

#include "core/csvread.h"
#include "core/date.h"
#include "core/vi.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a = ARENA_INIT;
	struct csv_table t;
	struct buf err = BUF_INIT, out = BUF_INIT;
	if (csv_read((const char *)data, size, &a, &t, &err) == 0) {
		for (int i = 0; i < t.n; i++) {
			for (int j = 0; j < t.rows[i].n; j++) {
				const char *f = t.rows[i].fields[j];
				struct date d;
				buf_reset(&out);
				vi_fold(f, &out);
				buf_reset(&out);
				vi_clean(f, &out);
				buf_reset(&out);
				vi_collation_key(f, &out);
				date_parse_any(f, &d);
			}
		}
	}
	buf_free(&err);
	buf_free(&out);
	arena_free(&a);
	return 0;
}
