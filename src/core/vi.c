/*
 * vi: Vietnamese text through ICU; see vi.h.
 *
 * ICU works in UTF-16, so every entry point converts the UTF-8 input once,
 * runs the ICU steps on UTF-16 scratch arrays and converts back into the
 * caller's buf.  Input is checked with vi_utf8_valid first, so stray control
 * bytes are refused here rather than stored.  On failure the caller's buf is
 * cut back to where it was, which is what "nothing useful was appended"
 * promises.
 */
#include "core/vi.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/ucol.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

bool vi_utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	while (i < n) {
		unsigned c = p[i];
		if (c < 0x80) {
			if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
				return false;
			i++;
			continue;
		}
		/* Bounds of the second byte exclude overlong forms, UTF-16
		 * surrogates and code points above U+10FFFF (RFC 3629). */
		size_t len;
		unsigned lo = 0x80, hi = 0xBF;
		if (c >= 0xC2 && c <= 0xDF) {
			len = 2;
		} else if (c >= 0xE0 && c <= 0xEF) {
			len = 3;
			if (c == 0xE0)
				lo = 0xA0;
			else if (c == 0xED)
				hi = 0x9F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			len = 4;
			if (c == 0xF0)
				lo = 0x90;
			else if (c == 0xF4)
				hi = 0x8F;
		} else {
			return false;
		}
		if (n - i < len || p[i + 1] < lo || p[i + 1] > hi)
			return false;
		for (size_t k = 2; k < len; k++)
			if (p[i + k] < 0x80 || p[i + k] > 0xBF)
				return false;
		i += len;
	}
	return true;
}

/* UTF-8 in -> malloc'ed UTF-16.  A UTF-8 string never has fewer bytes than
 * its UTF-16 code units, so strlen(in) units always suffice.  The length
 * cap keeps what later steps derive from it (NFD, UTF-8 out) in int32_t. */
static UChar *to_u16(const char *in, int32_t *len)
{
	size_t n = strlen(in);
	if (n > INT32_MAX / 4 || !vi_utf8_valid(in, n))
		return NULL;
	UChar *u = malloc((n + 1) * sizeof *u);
	if (!u)
		return NULL;
	UErrorCode e = U_ZERO_ERROR;
	u_strFromUTF8(u, (int32_t)n + 1, len, in, (int32_t)n, &e);
	if (U_FAILURE(e)) {
		free(u);
		return NULL;
	}
	return u;
}

/* Appends UTF-16 as UTF-8; at most 3 bytes per code unit. */
static int put_u16(struct buf *out, const UChar *u, int32_t n)
{
	if (buf_reserve(out, (size_t)n * 3))
		return -1;
	UErrorCode e = U_ZERO_ERROR;
	int32_t len;
	size_t room = out->cap - out->len;
	u_strToUTF8(out->p + out->len,
		    room > INT32_MAX ? INT32_MAX : (int32_t)room, &len, u, n, &e);
	if (U_FAILURE(e))
		return -1;
	out->len += (size_t)len;
	out->p[out->len] = '\0';
	return 0;
}

/* The ICU string transforms share one shape except for argument order;
 * these adapters let apply() size the output buffer once for all of them. */
typedef int32_t u16_op(const void *ctx, const UChar *src, int32_t n,
		       UChar *dst, int32_t cap, UErrorCode *e);

static int32_t op_normalize(const void *ctx, const UChar *src, int32_t n,
			    UChar *dst, int32_t cap, UErrorCode *e)
{
	return unorm2_normalize(ctx, src, n, dst, cap, e);
}

static int32_t op_lower(const void *ctx, const UChar *src, int32_t n,
			UChar *dst, int32_t cap, UErrorCode *e)
{
	(void)ctx;
	return u_strToLower(dst, cap, src, n, "vi", e);
}

static int32_t op_upper(const void *ctx, const UChar *src, int32_t n,
			UChar *dst, int32_t cap, UErrorCode *e)
{
	(void)ctx;
	return u_strToUpper(dst, cap, src, n, "vi", e);
}

/* Runs op over src into a new malloc'ed array and frees src, so callers
 * can chain steps as u = apply(..., u, &n).  Guesses a capacity that fits
 * Vietnamese (NFD at most triples a syllable) and retries once with the
 * exact size ICU reports. */
static UChar *apply(u16_op *op, const void *ctx, UChar *src, int32_t *n)
{
	if (!src)
		return NULL;
	int64_t guess = (int64_t)*n * 3 + 8;
	int32_t cap = guess > INT32_MAX ? INT32_MAX : (int32_t)guess;
	for (int attempt = 0; attempt < 2; attempt++) {
		UChar *dst = malloc((size_t)cap * sizeof *dst);
		if (!dst)
			break;
		UErrorCode e = U_ZERO_ERROR;
		int32_t len = op(ctx, src, *n, dst, cap, &e);
		if (U_SUCCESS(e)) {
			free(src);
			*n = len;
			return dst;
		}
		free(dst);
		if (e != U_BUFFER_OVERFLOW_ERROR)
			break;
		cap = len + 1;
	}
	free(src);
	return NULL;
}

static const UNormalizer2 *norm(bool compose)
{
	UErrorCode e = U_ZERO_ERROR;
	const UNormalizer2 *nm = compose ? unorm2_getNFCInstance(&e)
					 : unorm2_getNFDInstance(&e);
	return U_SUCCESS(e) ? nm : NULL;
}

/* In place: collapses runs of white space (Unicode White_Space, so the
 * NBSP that Excel exports counts too) to one ASCII space and trims both
 * ends; for the search form (fold) also drops gc=Mn and maps đ/Đ to d.
 * Output is never longer than input, so writing behind the read position
 * is safe. */
static void squeeze(UChar *u, int32_t *n, bool fold)
{
	int32_t r = 0, w = 0;
	bool space = false;
	while (r < *n) {
		UChar32 c;
		U16_NEXT(u, r, *n, c);
		if (u_isUWhiteSpace(c)) {
			space = w > 0;
			continue;
		}
		if (fold) {
			if (u_charType(c) == U_NON_SPACING_MARK)
				continue;
			if (c == 0x0110 || c == 0x0111)
				c = 'd';
		}
		if (space)
			u[w++] = ' ';
		space = false;
		U16_APPEND_UNSAFE(u, w, c);
	}
	*n = w;
}

/* Cuts out back to mark after a failure (see the header comment). */
static int undo(struct buf *out, size_t mark)
{
	if (out->p && !out->err) {
		out->len = mark;
		out->p[mark] = '\0';
	}
	return -1;
}

/* Common tail: emits u, which is NULL when an earlier step failed. */
static int finish(struct buf *out, size_t mark, UChar *u, int32_t n)
{
	int rc = u ? put_u16(out, u, n) : -1;
	free(u);
	return rc ? undo(out, mark) : 0;
}

int vi_nfc(const char *in, struct buf *out)
{
	size_t mark = out->len;
	const UNormalizer2 *nfc = norm(true);
	int32_t n = 0;
	UChar *u = nfc ? to_u16(in, &n) : NULL;
	u = apply(op_normalize, nfc, u, &n);
	return finish(out, mark, u, n);
}

int vi_clean(const char *in, struct buf *out)
{
	size_t mark = out->len;
	const UNormalizer2 *nfc = norm(true);
	int32_t n = 0;
	UChar *u = nfc ? to_u16(in, &n) : NULL;
	u = apply(op_normalize, nfc, u, &n);
	if (u)
		squeeze(u, &n, false);
	return finish(out, mark, u, n);
}

int vi_fold(const char *in, struct buf *out)
{
	size_t mark = out->len;
	const UNormalizer2 *nfd = norm(false);
	int32_t n = 0;
	UChar *u = nfd ? to_u16(in, &n) : NULL;
	u = apply(op_normalize, nfd, u, &n);
	if (u)
		squeeze(u, &n, true);
	/* Lower-casing last: NFD has already split İ into I + U+0307, so
	 * lower-casing cannot bring a combining mark back. */
	u = apply(op_lower, NULL, u, &n);
	return finish(out, mark, u, n);
}

int vi_upper(const char *in, struct buf *out)
{
	size_t mark = out->len;
	int32_t n = 0;
	UChar *u = to_u16(in, &n);
	u = apply(op_upper, NULL, u, &n);
	return finish(out, mark, u, n);
}

/* One collator per thread, opened on first use and closed when the thread
 * exits: opening costs far more than a sort key, and ICU collators must
 * not be shared between threads.  A pthread key rather than _Thread_local
 * so that worker threads that come and go do not leak theirs. */
static pthread_key_t coll_key;
static pthread_once_t coll_once = PTHREAD_ONCE_INIT;
static int coll_key_err;

static void coll_close(void *c)
{
	ucol_close(c);
}

static void coll_key_init(void)
{
	coll_key_err = pthread_key_create(&coll_key, coll_close);
}

static UCollator *collator(void)
{
	if (pthread_once(&coll_once, coll_key_init) || coll_key_err)
		return NULL;
	UCollator *c = pthread_getspecific(coll_key);
	if (c)
		return c;
	UErrorCode e = U_ZERO_ERROR;
	/* The "vi" tailoring switches normalisation on by itself, so
	 * decomposed names (pasted from Word, typed on macOS) get the same
	 * key as precomposed ones; test_vi checks that. */
	c = ucol_open("vi", &e);
	if (U_FAILURE(e) || pthread_setspecific(coll_key, c)) {
		ucol_close(c);
		return NULL;
	}
	return c;
}

/* Appends the sort key of in, without ICU's terminating 0 byte. */
static int sort_key(UCollator *c, const char *in, struct buf *out)
{
	int32_t n;
	UChar *u = to_u16(in, &n);
	if (!u)
		return -1;
	size_t want = (size_t)n * 4 + 16;
	int32_t len;
	for (;;) {
		if (buf_reserve(out, want)) {
			free(u);
			return -1;
		}
		size_t room = out->cap - out->len - 1;
		len = ucol_getSortKey(c, u, n, (uint8_t *)out->p + out->len,
				      room > INT32_MAX ? INT32_MAX : (int32_t)room);
		if ((size_t)len <= room)
			break;
		want = (size_t)len;
	}
	free(u);
	if (len == 0)
		return -1;
	out->len += (size_t)len - 1; /* ICU already wrote the NUL */
	return 0;
}

int vi_collation_key(const char *in, struct buf *out)
{
	size_t mark = out->len;
	UCollator *c = collator();
	return c && !sort_key(c, in, out) ? 0 : undo(out, mark);
}

/* The part keys joined by 0x01 rather than ucol_mergeSortkeys: a merged
 * key compares the letters of all parts before any tone, so "Trần Văn Anh"
 * would sort after "Nguyễn Thị Ánh", interleaving two different given
 * names.  Vietnamese lists (by Tên, then Họ đệm, the way dictionaries go
 * syllable by syllable) keep every Anh before every Ánh.  0x01 is ICU's
 * level separator: no weight byte is that low (0x02 does occur inside
 * primary weights), so equal parts move on to the next part and a
 * finished part sorts before any longer one. */
int vi_name_key(const char *surname, const char *middle, const char *given,
		struct buf *out)
{
	size_t mark = out->len;
	UCollator *c = collator();
	if (!c || sort_key(c, given, out))
		return undo(out, mark);
	buf_putc(out, 0x01);
	if (sort_key(c, middle, out))
		return undo(out, mark);
	buf_putc(out, 0x01);
	if (sort_key(c, surname, out))
		return undo(out, mark);
	return 0;
}

int vi_split_name(const char *full, struct buf *surname, struct buf *middle,
		  struct buf *given)
{
	size_t n = strlen(full);
	if (n >= INT32_MAX || !vi_utf8_valid(full, n))
		return -1;
	/* Byte spans of the first word, the second word's start, the last
	 * word, and the end of the word before the last (where the middle
	 * name stops); whitespace runs are tolerated though full should be
	 * clean already. */
	int32_t first_start = 0, first_end = 0, second_start = 0, prev_end = 0;
	int32_t last_start = 0, last_end = 0;
	int words = 0;
	bool letters = false, in_word = false;
	int32_t i = 0, len = (int32_t)n;
	while (i <= len) {
		int32_t at = i;
		UChar32 c = ' '; /* the end of the string closes a word too */
		if (i < len)
			U8_NEXT(full, i, len, c);
		else
			i++;
		if (u_isUWhiteSpace(c)) {
			if (in_word) {
				if (words == 1)
					first_end = at;
				prev_end = last_end;
				last_end = at;
			}
			in_word = false;
			continue;
		}
		letters = letters || u_isalpha(c);
		if (!in_word) {
			if (++words == 1)
				first_start = at;
			else if (words == 2)
				second_start = at;
			last_start = at;
		}
		in_word = true;
	}
	if (!letters)
		return -1;
	/* A one-word name is a given name only. */
	size_t sur_len = 0, mid_len = 0;
	if (words > 1) {
		sur_len = (size_t)(first_end - first_start);
		if (prev_end > second_start)
			mid_len = (size_t)(prev_end - second_start);
	}
	buf_append(surname, full + first_start, sur_len);
	buf_append(middle, full + second_start, mid_len);
	buf_append(given, full + last_start, (size_t)(last_end - last_start));
	return 0;
}
