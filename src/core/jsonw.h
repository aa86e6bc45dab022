/*
 * jsonw: JSON text written straight into a buf, for long lists of records
 * where building a jansson tree per row costs more than the query itself
 * (jansson still parses every request and builds the small answers).
 * The caller writes the structure in order; these write the pieces.
 * Strings must be valid UTF-8 (all stored text is, being checked on entry).
 */
#ifndef CHIBO_JSONW_H
#define CHIBO_JSONW_H

#include "core/buf.h"

/* "text" with JSON escapes; NULL writes null. */
void jsonw_str(struct buf *b, const char *s);
/* ,"key": -- the comma unless first. */
void jsonw_key(struct buf *b, const char *key, int first);
void jsonw_int(struct buf *b, long long v);

#endif
