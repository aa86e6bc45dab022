/*
 * Unit tests for core/vi: folding, NFC, cleaning, name splitting and the
 * Vietnamese collation order that member lists rely on.
 *
 * Decomposed (NFD) inputs and the exact NFC bytes are spelled as escapes,
 * so an editor that normalises this file cannot make the tests vacuous.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <pthread.h>

#include "core/vi.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* Combining marks as UTF-8. */
#define GRAVE "\xcc\x80"
#define ACUTE "\xcc\x81"
#define CIRC "\xcc\x82"
#define TILDE "\xcc\x83"
#define BREVE "\xcc\x86"
#define HOOK "\xcc\x89"
#define HORN "\xcc\x9b"
#define DOT "\xcc\xa3"

struct pair {
	const char *in, *want;
};

/* Runs f over a table and compares the output exactly. */
static void check_table(int (*f)(const char *, struct buf *),
			const struct pair *t, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct buf b = BUF_INIT;
		assert_int_equal(f(t[i].in, &b), 0);
		assert_non_null(buf_str(&b));
		assert_string_equal(buf_str(&b), t[i].want);
		buf_free(&b);
	}
}

static void test_fold(void **state)
{
	(void)state;
	static const struct pair t[] = {
		{"Nguyễn Văn An", "nguyen van an"},
		{"Đặng", "dang"},
		{"đảng", "dang"},
		{"ĐẢNG ỦY", "dang uy"},
		{"Nguyễn Văn  Đặng", "nguyen van dang"},
		{"  Nguyễn \t Văn\r\nAn  ", "nguyen van an"},
		{"Chi\xc2\xa0" "bộ", "chi bo"}, /* NBSP from Excel */
		{"Họ và tên", "ho va ten"},
		{"Ngày vào Đảng", "ngay vao dang"},
		{"TRƯỜNG ĐẠI HỌC", "truong dai hoc"},
		{"Thủy", "thuy"},
		{"Thuỷ", "thuy"},
		{"Quỳnh Ưng Ơn Ông Âu Ă", "quynh ung on ong au a"},
		{"DUK.CB012", "duk.cb012"},
		{"İstanbul", "istanbul"}, /* lower-casing must not add U+0307 */
		{"", ""},
		{" \t\n ", ""},
		/* The same words decomposed, some marks out of canonical
		 * order, must fold exactly like the precomposed ones. */
		{"Nguye" CIRC TILDE "n Va" BREVE "n An", "nguyen van an"},
		{"\xc4\x90" "a" DOT BREVE "ng", "dang"},
		{"\xc4\x90" "a" BREVE DOT "ng", "dang"},
		{"Tru" HORN "o" HORN GRAVE "ng", "truong"},
		{"Thu" HOOK "y", "thuy"},
		{"E" CIRC ACUTE "N", "en"},
	};
	check_table(vi_fold, t, N(t));
}

static void test_nfc(void **state)
{
	(void)state;
	static const struct pair t[] = {
		{"Nguye" CIRC TILDE "n", "Nguy\xe1\xbb\x85n"},
		{"Va" BREVE "n", "V\xc4\x83n"},
		{"\xc4\x90" "a" DOT BREVE "ng", "\xc4\x90\xe1\xba\xb7ng"},
		{"\xc4\x90" "a" BREVE DOT "ng", "\xc4\x90\xe1\xba\xb7ng"},
		{"Tru" HORN "o" HORN GRAVE "ng", "Tr\xc6\xb0\xe1\xbb\x9dng"},
		{"Thu" HOOK "y", "Th\xe1\xbb\xa7y"},
		/* Already NFC: unchanged, spacing kept (that is vi_clean). */
		{"Tr\xc6\xb0\xe1\xbb\x9dng  A", "Tr\xc6\xb0\xe1\xbb\x9dng  A"},
		{"", ""},
	};
	check_table(vi_nfc, t, N(t));
}

static void test_clean(void **state)
{
	(void)state;
	static const struct pair t[] = {
		{"  Nguyễn   Văn\tAn  ", "Nguyễn Văn An"},
		{"Nguye" CIRC TILDE "n\xc2\xa0\xc2\xa0Va" BREVE "n",
		 "Nguy\xe1\xbb\x85n V\xc4\x83n"},
		{"\n\nĐảng ủy\r\n", "Đảng ủy"},
		{"  ", ""},
		{"", ""},
	};
	check_table(vi_clean, t, N(t));
}

static void test_upper(void **state)
{
	(void)state;
	static const struct pair t[] = {
		{"đảng ủy", "ĐẢNG ỦY"},
		{"nguyễn văn an", "NGUYỄN VĂN AN"},
		{"ư ơ ô ă â đ ệ", "Ư Ơ Ô Ă Â Đ Ệ"},
		{"", ""},
	};
	check_table(vi_upper, t, N(t));
}

static void test_utf8_valid(void **state)
{
	(void)state;
	static const struct {
		const char *s;
		size_t n;
		bool ok;
	} t[] = {
		{"", 0, true},
		{"abc", 3, true},
		{"a\tb\nc\r", 6, true},
		{"\x7f", 1, true},
		{"Đảng", 6, true},
		{"\xed\x9f\xbf", 3, true},      /* U+D7FF */
		{"\xef\xbf\xbf", 3, true},      /* U+FFFF */
		{"\xf0\x9f\x98\x80", 4, true},  /* U+1F600 */
		{"\xf4\x8f\xbf\xbf", 4, true},  /* U+10FFFF */
		{"a\0b", 3, false},             /* embedded NUL */
		{"\x01", 1, false},
		{"\x1b[0m", 4, false},
		{"\x80", 1, false},             /* lone continuation */
		{"\xc0\xaf", 2, false},         /* overlong '/' */
		{"\xc1\xbf", 2, false},
		{"\xe0\x80\xaf", 3, false},     /* overlong */
		{"\xed\xa0\x80", 3, false},     /* surrogate D800 */
		{"\xf0\x80\x80\xaf", 4, false}, /* overlong */
		{"\xf4\x90\x80\x80", 4, false}, /* above U+10FFFF */
		{"\xf5\x80\x80\x80", 4, false},
		{"\xe1\xba", 2, false},         /* truncated */
		{"\xe1\xba\x41", 3, false},     /* bad continuation */
		{"\xff", 1, false},
	};
	for (size_t i = 0; i < N(t); i++)
		assert_int_equal(vi_utf8_valid(t[i].s, t[i].n), t[i].ok);
}

/* Every function refuses bad input and leaves the buffer as it was. */
static void test_invalid_input(void **state)
{
	(void)state;
	static int (*const fns[])(const char *, struct buf *) = {
		vi_nfc, vi_fold, vi_clean, vi_upper, vi_collation_key,
	};
	static const char *const bad[] = {
		"\xff", "Nguy\xe1\xbb", "a\x01", "\xc0\xaf", "\xed\xa0\x80",
	};
	for (size_t f = 0; f < N(fns); f++) {
		for (size_t i = 0; i < N(bad); i++) {
			struct buf b = BUF_INIT;
			buf_puts(&b, "keep");
			assert_int_equal(fns[f](bad[i], &b), -1);
			assert_string_equal(buf_str(&b), "keep");
			buf_free(&b);
		}
	}
	struct buf b = BUF_INIT;
	buf_puts(&b, "keep");
	assert_int_equal(vi_name_key("Lê", "\xff", "An", &b), -1);
	assert_string_equal(buf_str(&b), "keep");
	buf_free(&b);
}

/* Output is appended, not overwritten. */
static void test_appends(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	buf_puts(&b, "x:");
	assert_int_equal(vi_fold("Đảng", &b), 0);
	assert_int_equal(vi_clean(" Chi  bộ ", &b), 0);
	assert_string_equal(buf_str(&b), "x:dangChi bộ");
	buf_free(&b);
}

static void test_split_name(void **state)
{
	(void)state;
	static const struct {
		const char *full, *surname, *middle, *given;
	} t[] = {
		{"An", "", "", "An"},
		{"Nguyễn An", "Nguyễn", "", "An"},
		{"Nguyễn Văn An", "Nguyễn", "Văn", "An"},
		{"Nguyễn Thị Minh Khai", "Nguyễn", "Thị Minh", "Khai"},
		{"Tôn Nữ Thị Ngọc Hà", "Tôn", "Nữ Thị Ngọc", "Hà"},
		{" Lê  Văn  Tám ", "Lê", "Văn", "Tám"},
		{"Hoàng Văn 2", "Hoàng", "Văn", "2"},
	};
	for (size_t i = 0; i < N(t); i++) {
		struct buf s = BUF_INIT, m = BUF_INIT, g = BUF_INIT;
		assert_int_equal(vi_split_name(t[i].full, &s, &m, &g), 0);
		assert_string_equal(buf_str(&s), t[i].surname);
		assert_string_equal(buf_str(&m), t[i].middle);
		assert_string_equal(buf_str(&g), t[i].given);
		buf_free(&s);
		buf_free(&m);
		buf_free(&g);
	}
	static const char *const bad[] = {"", "   ", "123 456", "- .", "\xff"};
	for (size_t i = 0; i < N(bad); i++) {
		struct buf s = BUF_INIT, m = BUF_INIT, g = BUF_INIT;
		assert_int_equal(vi_split_name(bad[i], &s, &m, &g), -1);
		assert_int_equal(s.len + m.len + g.len, 0);
		buf_free(&s);
		buf_free(&m);
		buf_free(&g);
	}
}

static int key_cmp(const struct buf *a, const struct buf *b)
{
	size_t n = a->len < b->len ? a->len : b->len;
	int c = memcmp(a->p, b->p, n);
	return c ? c : (a->len > b->len) - (a->len < b->len);
}

/* Each row must sort strictly before the next under vi_collation_key.
 * Vietnamese letters a < ă < â, d < đ, e < ê, o < ô < ơ, u < ư are
 * primary (they decide before anything later in the word); tones are
 * secondary, in the dictionary order ngang, huyền, hỏi, ngã, sắc, nặng. */
static void test_collation_order(void **state)
{
	(void)state;
	static const char *const order[] = {
		"a", "à", "ả", "ã", "á", "ạ", "ă", "ằ", "ặ", "â", "ấ", "b",
		"d", "dz", "đ", "đa", "e", "é", "ê", "ế", "g",
		"ha", "hà", "hả", "hã", "há", "hạ", "hac", "hạch", "hăm",
		"o", "ò", "ô", "ồ", "ơ", "ờ", "p",
		"tu", "tú", "tuân", "tư", "từ", "tươi", "u", "ư", "v", "y",
	};
	struct buf prev = BUF_INIT, cur = BUF_INIT;
	for (size_t i = 0; i < N(order); i++) {
		buf_reset(&cur);
		assert_int_equal(vi_collation_key(order[i], &cur), 0);
		assert_null(memchr(cur.p, 0, cur.len));
		if (i > 0 && key_cmp(&prev, &cur) >= 0)
			fail_msg("\"%s\" should sort before \"%s\"",
				 order[i - 1], order[i]);
		struct buf t = prev;
		prev = cur;
		cur = t;
	}
	buf_free(&prev);
	buf_free(&cur);
}

/* NFC and NFD spellings are the same name and must give the same key. */
static void test_collation_nfd(void **state)
{
	(void)state;
	static const struct pair t[] = {
		{"Nguy\xe1\xbb\x85n", "Nguye" CIRC TILDE "n"},
		{"\xc4\x90\xe1\xba\xb7ng", "\xc4\x90" "a" BREVE DOT "ng"},
		{"Tr\xc6\xb0\xe1\xbb\x9dng", "Tru" HORN "o" HORN GRAVE "ng"},
	};
	for (size_t i = 0; i < N(t); i++) {
		struct buf a = BUF_INIT, b = BUF_INIT;
		assert_int_equal(vi_collation_key(t[i].in, &a), 0);
		assert_int_equal(vi_collation_key(t[i].want, &b), 0);
		assert_int_equal(a.len, b.len);
		assert_memory_equal(a.p, b.p, a.len);
		buf_reset(&a);
		buf_reset(&b);
		assert_int_equal(vi_name_key("Lê", "Văn", t[i].in, &a), 0);
		assert_int_equal(vi_name_key("Lê", "Văn", t[i].want, &b), 0);
		assert_int_equal(a.len, b.len);
		assert_memory_equal(a.p, b.p, a.len);
		buf_free(&a);
		buf_free(&b);
	}
}

struct name {
	const char *surname, *middle, *given;
};

/* Member-list order: by given name, then middle name, then surname, each
 * compared in full (tones included) before the next. */
static const struct name names[] = {
	{"Nguyễn", "", "An"},       /* no middle name first */
	{"Trần", "Thị", "An"},
	{"Lê", "Văn", "An"},
	{"Nguyễn", "Văn", "An"},    /* same given and middle: surname */
	{"Phạm", "Văn", "Anh"},     /* An < Anh: prefix */
	{"Hoàng", "Thị", "Ánh"},    /* Anh < Ánh even though Thị < Văn */
	{"Vũ", "Đức", "Ân"},        /* a < â */
	{"Nguyễn", "Xuân", "Bách"},
	{"Trần", "Quốc", "Bảo"},
	{"Hoàng", "Văn", "Bắc"},    /* a < ă decides before c < o */
	{"Bùi", "Thị", "Bình"},
	{"Ngô", "Thị", "Chi"},
	{"Đặng", "Thị", "Dung"},
	{"Dương", "Văn", "Dũng"},
	{"Lê", "Khánh", "Duy"},
	{"Phan", "Tiến", "Đạt"},    /* d < đ */
	{"Lý", "Minh", "Đức"},
	{"Hồ", "Thu", "Hà"},
	{"Lê", "Thu", "Hà"},
	{"Mai", "Văn", "Hải"},
	{"Đinh", "Thị", "Hạnh"},
	{"Cao", "Thị", "Hằng"},     /* Hạnh < Hằng: a < ă beats the tone */
	{"Trịnh", "Văn", "Hoa"},
	{"Đỗ", "Thị", "Hòa"},       /* tone of the given name beats Thị < Văn */
	{"Võ", "Thị", "Hồng"},      /* o < ô */
	{"Tạ", "Văn", "Hợp"},       /* ô < ơ */
	{"Lâm", "Thị", "Oanh"},
	{"Kiều", "Anh", "Tú"},
	{"Đào", "Minh", "Tuấn"},
	{"Quách", "Văn", "Tư"},     /* u < ư */
	{"Trương", "Xuân", "Tường"},
	{"Kiều", "Văn", "Út"},
	{"Lưu", "Thị", "Uyên"},
	{"Huỳnh", "Văn", "Ưng"},
	{"Phan", "Thị", "Yến"},
};

struct keyed {
	size_t idx;
	struct buf key;
};

static int keyed_cmp(const void *a, const void *b)
{
	return key_cmp(&((const struct keyed *)a)->key,
		       &((const struct keyed *)b)->key);
}

static void test_name_order(void **state)
{
	(void)state;
	enum { NN = N(names) };
	struct keyed k[NN];
	/* Feed the names reversed and rotated, so sorting has work to do. */
	for (size_t i = 0; i < NN; i++) {
		size_t j = (2 * NN - 1 - i - NN / 2) % NN;
		k[i].idx = j;
		k[i].key = (struct buf)BUF_INIT;
		assert_int_equal(vi_name_key(names[j].surname, names[j].middle,
					     names[j].given, &k[i].key),
				 0);
		assert_null(memchr(k[i].key.p, 0, k[i].key.len));
	}
	qsort(k, NN, sizeof k[0], keyed_cmp);
	for (size_t i = 0; i < NN; i++) {
		const struct name *got = &names[k[i].idx], *want = &names[i];
		if (k[i].idx != i)
			fail_msg("position %zu: got %s %s %s, want %s %s %s", i,
				 got->surname, got->middle, got->given,
				 want->surname, want->middle, want->given);
		if (i > 0 && key_cmp(&k[i - 1].key, &k[i].key) == 0)
			fail_msg("keys tie at %zu", i);
	}
	for (size_t i = 0; i < NN; i++)
		buf_free(&k[i].key);
}

/* Collators are per thread: keys built concurrently must match. */
enum { THREADS = 4, ROUNDS = 50 };

static void *name_key_worker(void *arg)
{
	const struct buf *want = arg;
	for (int r = 0; r < ROUNDS; r++) {
		for (size_t i = 0; i < N(names); i++) {
			struct buf b = BUF_INIT;
			if (vi_name_key(names[i].surname, names[i].middle,
					names[i].given, &b) ||
			    key_cmp(&b, &want[i]) != 0) {
				buf_free(&b);
				return "mismatch";
			}
			buf_free(&b);
		}
	}
	return NULL;
}

static void test_name_key_threads(void **state)
{
	(void)state;
	struct buf want[N(names)];
	for (size_t i = 0; i < N(names); i++) {
		want[i] = (struct buf)BUF_INIT;
		assert_int_equal(vi_name_key(names[i].surname, names[i].middle,
					     names[i].given, &want[i]),
				 0);
	}
	pthread_t th[THREADS];
	for (int i = 0; i < THREADS; i++)
		assert_int_equal(pthread_create(&th[i], NULL, name_key_worker,
						want),
				 0);
	for (int i = 0; i < THREADS; i++) {
		void *res;
		assert_int_equal(pthread_join(th[i], &res), 0);
		assert_null(res);
	}
	for (size_t i = 0; i < N(names); i++)
		buf_free(&want[i]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fold),
		cmocka_unit_test(test_nfc),
		cmocka_unit_test(test_clean),
		cmocka_unit_test(test_upper),
		cmocka_unit_test(test_utf8_valid),
		cmocka_unit_test(test_invalid_input),
		cmocka_unit_test(test_appends),
		cmocka_unit_test(test_split_name),
		cmocka_unit_test(test_collation_order),
		cmocka_unit_test(test_collation_nfd),
		cmocka_unit_test(test_name_order),
		cmocka_unit_test(test_name_key_threads),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
