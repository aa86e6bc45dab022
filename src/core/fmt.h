/*
 * fmt: numbers as Vietnamese officials write them.
 *
 * Thousands separated by '.', decimals by ',': 7.595 and 92,52%.
 * Percentages are computed from integers and rounded half-up to two
 * decimals at the very end (8/107 -> "7,48%"; 99/107 -> "92,52%").
 */
#ifndef CHIBO_FMT_H
#define CHIBO_FMT_H

#include <stddef.h>

#include "core/buf.h"

void fmt_int(struct buf *out, long long v);                   /* 7595 -> "7.595" */
/* num/den as a percentage with two decimals and '%', e.g. "92,52%";
 * den == 0 gives "—". */
void fmt_percent(struct buf *out, long long num, long long den);
/* num/den*100 in hundredths of a percent, rounded half-up (9252 for 99/107);
 * -1 when den == 0.  The one rounding rule used by every report. */
long long percent_hundredths(long long num, long long den);
/* Money in đồng: 1250000 -> "1.250.000 đ". */
void fmt_money(struct buf *out, long long dong);

#endif
