/*
 * csvread: a whole CSV file into rows of fields, through libcsv.
 *
 * Accepts what spreadsheets write: an optional UTF-8 BOM, CRLF or LF,
 * quoted fields with commas, quotes and newlines inside, and ';' as the
 * separator (Excel in the Vietnamese locale) -- chosen by counting the
 * header line.  Fields are NUL-terminated strings in the arena.
 */
#ifndef CHIBO_CSVREAD_H
#define CHIBO_CSVREAD_H

#include <stddef.h>

#include "core/arena.h"
#include "core/buf.h"

struct csv_row {
	const char **fields;
	int n;
	int line; /* 1-based record number as a spreadsheet shows it */
};

struct csv_table {
	struct csv_row *rows;
	int n;
};

/* Appends a row (the table's rows array grows in the arena; *cap is its
 * capacity, 0 at first).  Shared by the CSV and XLSX readers. */
void csv_table_add(struct csv_table *t, int *cap, struct arena *a, struct csv_row row);

/* 0 ok; -1 with a Vietnamese message in err (bad quoting, not UTF-8). */
int csv_read(const char *data, size_t len, struct arena *a, struct csv_table *out,
	     struct buf *err);

/* Appends one field quoted as RFC 4180 requires (only when needed). */
void csv_write_field(struct buf *out, const char *s);

#endif
