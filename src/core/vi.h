/*
 * vi: Vietnamese text through ICU -- NFC normalisation, accent folding for
 * search, and "vi" collation keys for sorting names.
 *
 * All functions take NUL-terminated UTF-8 and append to a struct buf.  They
 * return 0 on success and -1 when the input is not valid UTF-8 (or ICU
 * fails); on -1 nothing useful was appended.  They are thread-safe: each
 * thread lazily opens its own collator (ICU collators are not shareable).
 */
#ifndef CHIBO_VI_H
#define CHIBO_VI_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"

/* True when s[0..n) is well-formed UTF-8 without NUL bytes or C0 controls
 * other than tab, LF and CR. */
bool vi_utf8_valid(const char *s, size_t n);

/* Appends the NFC form of in. */
int vi_nfc(const char *in, struct buf *out);

/* Appends the search form of in: NFD-decomposed, combining marks removed,
 * đ/Đ -> d, lower-cased, runs of whitespace collapsed to one space,
 * trimmed.  NFC and NFD inputs give the same result.
 * "Nguyễn Văn  Đặng" -> "nguyen van dang". */
int vi_fold(const char *in, struct buf *out);

/* Appends NFC of in with surrounding whitespace trimmed and inner runs of
 * whitespace collapsed: the canonical stored form of a name or text field. */
int vi_clean(const char *in, struct buf *out);

/* Appends the ICU "vi" sort key of in (bytes, no trailing NUL; the key
 * itself never contains 0x00). Keys compare with memcmp. */
int vi_collation_key(const char *in, struct buf *out);

/* Appends the sort key for a person's name in Vietnamese order: given
 * name first, then middle name, then surname, each part compared in full
 * (tones included) before the next, so "An" < "Anh" < "Ánh" whatever
 * follows.  Any part may be "".  Like vi_collation_key, no 0x00 bytes. */
int vi_name_key(const char *surname, const char *middle, const char *given,
		struct buf *out);

/* Splits a full name (already cleaned) into surname (first word), given
 * name (last word) and middle name (everything between, may be "").
 * Each part is appended NUL-terminated to its own buf.  A one-word name
 * is a given name only.  Returns -1 when full has no letters. */
int vi_split_name(const char *full, struct buf *surname, struct buf *middle,
		  struct buf *given);

/* Upper-cases in (Vietnamese aware: "đảng ủy" -> "ĐẢNG ỦY"). */
int vi_upper(const char *in, struct buf *out);

#endif
