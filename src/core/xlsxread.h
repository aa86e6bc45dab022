/*
 * xlsxread: the first worksheet of an XLSX workbook as rows of text, the
 * same shape the CSV reader gives, so one importer serves both.
 *
 * Read with libzip (the package) and expat (its XML).  Cells come back as
 * the text Excel shows for strings; numbers as their plain decimal form
 * ("43497" for a date cell -- the importer turns serial numbers in date
 * columns into dates; "44012345" for a card number Excel stored as a
 * number).  Rows are numbered as Excel numbers them.
 */
#ifndef CHIBO_XLSXREAD_H
#define CHIBO_XLSXREAD_H

#include <stdbool.h>
#include <stddef.h>

#include "core/csvread.h"

/* True when data starts like a ZIP archive (an XLSX file). */
bool xlsx_sniff(const char *data, size_t len);

/* 0 ok; -1 with a Vietnamese message in err. */
int xlsx_read(const char *data, size_t len, struct arena *a, struct csv_table *out,
	      struct buf *err);

#endif
