/*
 * member: the member registry.  Names are stored cleaned (NFC) with two
 * derived columns written here and nowhere else: name_key, the ICU "vi"
 * sort key (given, middle, surname), and search, the folded words with
 * spaces around them so "LIKE '% tok%'" is a word-prefix match that
 * ignores diacritics.
 */
#include "store/store.h"

#include <stdio.h>
#include <string.h>

#include "core/vi.h"

#define MEMBER_COLUMNS \
	"m.id, m.org_id, o.code, o.name, o.path, m.full_name, m.surname, m.middle_name, " \
	"m.given_name, m.sex, m.birth_date, m.ethnicity, m.religion, m.hometown, " \
	"m.residence, m.education, m.theory_level, m.position, m.card_no, m.admitted_on, " \
	"m.official_on, m.status, m.exempt, m.version, m.name_key "
#define MEMBER_FROM " FROM member m JOIN org o ON o.id = m.org_id "
#define MEMBER_SCOPE "o.path >= ? AND o.path < ? AND (? = 0 OR m.id = ?) "

static void read_member(struct dbstmt *st, struct arena *a, struct member_row *r)
{
	memset(r, 0, sizeof *r);
	struct member *m = &r->m;
	m->id = db_col_int(st, 0);
	m->org_id = db_col_int(st, 1);
	m->org_code = arena_strdup(a, db_col_text(st, 2));
	r->org_name = arena_strdup(a, db_col_text(st, 3));
	r->org_path = arena_strdup(a, db_col_text(st, 4));
	m->full_name = arena_strdup(a, db_col_text(st, 5));
	m->surname = arena_strdup(a, db_col_text(st, 6));
	m->middle_name = arena_strdup(a, db_col_text(st, 7));
	m->given_name = arena_strdup(a, db_col_text(st, 8));
	m->sex = arena_strdup(a, db_col_text(st, 9));
	m->birth_date = db_col_date(st, 10);
	m->ethnicity = arena_strdup(a, db_col_text(st, 11));
	m->religion = arena_strdup(a, db_col_text(st, 12));
	m->hometown = arena_strdup(a, db_col_text(st, 13));
	m->residence = arena_strdup(a, db_col_text(st, 14));
	m->education = arena_strdup(a, db_col_text(st, 15));
	m->theory_level = arena_strdup(a, db_col_text(st, 16));
	m->position = arena_strdup(a, db_col_text(st, 17));
	m->card_no = arena_strdup(a, db_col_text(st, 18));
	m->admitted_on = db_col_date(st, 19);
	m->official_on = db_col_date(st, 20);
	m->status = arena_strdup(a, db_col_text(st, 21));
	m->exempt = (int)db_col_int(st, 22);
	m->version = db_col_int(st, 23);
	size_t n;
	const void *k = db_col_blob(st, 24, &n);
	void *kc = arena_alloc(a, n + 1);
	if (n)
		memcpy(kc, k, n);
	r->name_key = kc;
	r->name_key_len = n;
}

int store_member_get(struct dbconn *c, struct arena *a, const struct scope *sc,
		     long long id, struct member_row *out)
{
	char end[256];
	scope_path_end(sc->path, end, sizeof end);
	struct dbstmt *st = db_query(c, "SELECT " MEMBER_COLUMNS MEMBER_FROM
		"WHERE m.id = ? AND " MEMBER_SCOPE, "ittii", id, sc->path, end,
		sc->member_id, sc->member_id);
	int rc = db_step(st);
	if (rc == DB_ROW)
		read_member(st, a, out);
	db_done(st);
	return rc == DB_ROW ? STORE_OK : rc == DB_DONE ? STORE_NOT_FOUND : STORE_ERROR;
}

enum { FTS_SELECTIVE = 5000 };

/* The full-text query for the words of q: each word as a prefix
 * ("nguyen"* "van"*), only letters and digits kept.  Empty when no word. */
static const char *fts_query(struct arena *a, const char *q)
{
	struct buf b = BUF_INIT;
	bool in_word = false;
	for (const char *p = q;; p++) {
		bool alnum = *p && ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9'));
		if (alnum && !in_word)
			buf_puts(&b, b.len ? " \"" : "\"");
		if (!alnum && in_word)
			buf_puts(&b, "\"*");
		if (alnum)
			buf_putc(&b, *p);
		in_word = alnum;
		if (!*p)
			break;
	}
	const char *out = arena_strdup(a, buf_str(&b) ? buf_str(&b) : "");
	buf_free(&b);
	return out;
}

/* Whether the full-text index narrows q to few members: then the list is
 * read from its matches; a common word ("nguyen") is faster found by
 * walking the name index and testing each row. */
static bool fts_selective(struct dbconn *c, const char *match)
{
	if (!*match || strcmp(db_conn_dialect(c), "sqlite") != 0)
		return false;
	struct dbstmt *st = db_query(c,
		"SELECT count(*) FROM (SELECT rowid FROM member_fts WHERE member_fts MATCH ? LIMIT ?)",
		"ti", match, (long long)FTS_SELECTIVE + 1);
	long long n = db_step(st) == DB_ROW ? db_col_int(st, 0) : FTS_SELECTIVE + 1;
	db_done(st);
	return n <= FTS_SELECTIVE;
}

/* Appends " AND m.search LIKE ?" per word of q and returns the patterns. */
static int search_words(struct arena *a, const char *q, struct buf *sql,
			const char **pats, int max)
{
	int n = 0;
	const char *p = q;
	while (*p && n < max) {
		while (*p == ' ')
			p++;
		const char *w = p;
		while (*p && *p != ' ')
			p++;
		if (p == w)
			break;
		struct buf pat = BUF_INIT;
		buf_puts(&pat, "% ");
		for (const char *s = w; s < p; s++)
			if (*s != '%' && *s != '_' && *s != '\\')
				buf_putc(&pat, *s);
		buf_putc(&pat, '%');
		pats[n++] = arena_strdup(a, buf_str(&pat));
		buf_free(&pat);
		buf_puts(sql, " AND m.search LIKE ?");
	}
	return n;
}

int store_member_list(struct dbconn *c, struct arena *a, const struct scope *sc,
		      const struct member_filter *f, struct member_row **items, int *n)
{
	char end[256], sub_end[256];
	scope_path_end(sc->path, end, sizeof end);
	struct buf sql = BUF_INIT;
	/* CROSS JOIN makes SQLite walk members in name order (the index)
	 * and stop after `limit`; PostgreSQL plans it as an inner join. */
	if (f->small_subtree)
		buf_puts(&sql, "SELECT " MEMBER_COLUMNS MEMBER_FROM "WHERE " MEMBER_SCOPE);
	else
		buf_puts(&sql, "SELECT " MEMBER_COLUMNS " FROM member m CROSS JOIN org o "
			 "WHERE o.id = m.org_id AND " MEMBER_SCOPE);
	if (f->org_path)
		buf_puts(&sql, " AND o.path >= ? AND o.path < ?");
	if (f->status)
		buf_puts(&sql, " AND m.status = ?");
	if (f->sex)
		buf_puts(&sql, " AND m.sex = ?");
	if (f->born_from)
		buf_puts(&sql, " AND m.birth_date >= ?");
	if (f->born_to)
		buf_puts(&sql, " AND m.birth_date <= ?");
	const char *pats[8];
	int npats = f->q_fold ? search_words(a, f->q_fold, &sql, pats, 8) : 0;
	/* The LIKE tests above define the match; the index only finds the
	 * candidates faster. */
	const char *match = f->q_fold ? fts_query(a, f->q_fold) : "";
	bool use_fts = npats && fts_selective(c, match);
	if (use_fts)
		buf_puts(&sql, " AND m.id IN (SELECT rowid FROM member_fts WHERE member_fts MATCH ?)");
	if (f->after_key)
		buf_puts(&sql, " AND (m.name_key > ? OR (m.name_key = ? AND m.id > ?))");
	buf_puts(&sql, " ORDER BY m.name_key, m.id LIMIT ?");
	if (sql.err) {
		buf_free(&sql);
		return STORE_ERROR;
	}

	struct dbstmt *st = db_query_dyn(c, buf_str(&sql), "ttii", sc->path, end,
					 sc->member_id, sc->member_id);
	int i = 5;
	if (f->org_path) {
		scope_path_end(f->org_path, sub_end, sizeof sub_end);
		db_bind_text(st, i++, f->org_path);
		db_bind_text(st, i++, sub_end);
	}
	if (f->status)
		db_bind_text(st, i++, f->status);
	if (f->sex)
		db_bind_text(st, i++, f->sex);
	if (f->born_from)
		db_bind_date(st, i++, (struct date){f->born_from, 1, 1});
	if (f->born_to)
		db_bind_date(st, i++, (struct date){f->born_to, 12, 31});
	for (int k = 0; k < npats; k++)
		db_bind_text(st, i++, pats[k]);
	if (use_fts)
		db_bind_text(st, i++, match);
	if (f->after_key) {
		db_bind_blob(st, i++, f->after_key, f->after_key_len);
		db_bind_blob(st, i++, f->after_key, f->after_key_len);
		db_bind_int(st, i++, f->after_id);
	}
	db_bind_int(st, i, f->limit);

	struct member_row *v = arena_alloc(a, sizeof *v * (size_t)(f->limit > 0 ? f->limit : 1));
	int k = 0;
	while (k < f->limit && db_step(st) == DB_ROW)
		read_member(st, a, &v[k++]);
	db_done(st);
	buf_free(&sql);
	*items = v;
	*n = k;
	return db_failed(c) ? STORE_ERROR : STORE_OK;
}

int store_member_each(struct dbconn *c, const struct scope *sc, const char *org_path,
		      int (*fn)(void *ctx, const struct member_row *r), void *ctx)
{
	char end[256], sub_end[256];
	scope_path_end(sc->path, end, sizeof end);
	scope_path_end(org_path, sub_end, sizeof sub_end);
	struct dbstmt *st = db_query(c, "SELECT " MEMBER_COLUMNS MEMBER_FROM
		"WHERE " MEMBER_SCOPE " AND o.path >= ? AND o.path < ? ORDER BY m.name_key, m.id",
		"ttiitt", sc->path, end, sc->member_id, sc->member_id, org_path, sub_end);
	int rc = 0;
	while (rc == 0 && db_step(st) == DB_ROW) {
		/* Each row's strings go to a scratch arena so an export of
		 * millions of rows runs in constant memory. */
		struct arena row = ARENA_INIT;
		struct member_row r;
		read_member(st, &row, &r);
		rc = fn(ctx, &r);
		arena_free(&row);
	}
	db_done(st);
	return db_failed(c) ? STORE_ERROR : rc;
}

/* The derived columns: sort key and search words. */
static int derive(const struct member *m, struct buf *key, struct buf *search)
{
	if (vi_name_key(m->surname, m->middle_name ? m->middle_name : "", m->given_name, key))
		return -1;
	buf_putc(search, ' ');
	if (vi_fold(m->full_name, search))
		return -1;
	buf_putc(search, ' ');
	if (m->card_no && *m->card_no) {
		buf_puts(search, m->card_no);
		buf_putc(search, ' ');
	}
	return key->err || search->err ? -1 : 0;
}

static const char *opt(const char *s)
{
	return s && *s ? s : NULL;
}

/* The org's path, for the tally of its subtree counts. */
static const char *org_path_of(struct dbconn *c, long long org_id, char out[256])
{
	struct dbstmt *st = db_query(c, "SELECT path FROM org WHERE id = ?", "i", org_id);
	out[0] = '\0';
	if (db_step(st) == DB_ROW)
		snprintf(out, 256, "%s", db_col_text(st, 0));
	db_done(st);
	return out;
}

int store_member_insert(struct dbconn *c, struct member *m, bool tally)
{
	struct buf key = BUF_INIT, search = BUF_INIT;
	if (derive(m, &key, &search)) {
		buf_free(&key);
		buf_free(&search);
		db_fail(c, "không tính được khóa sắp xếp tên");
		return STORE_ERROR;
	}
	char now[32];
	store_now(now);
	struct dbstmt *st = db_query(c,
		"INSERT INTO member (org_id, full_name, surname, middle_name, given_name, name_key, "
		"search, sex, birth_date, ethnicity, religion, hometown, residence, education, "
		"theory_level, position, card_no, admitted_on, official_on, status, exempt, version, "
		"created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
		"?, ?, ?, 1, ?, ?) RETURNING id",
		"ittttbttd" "tttttttt" "ddtitt",
		m->org_id, m->full_name, m->surname, m->middle_name ? m->middle_name : "",
		m->given_name, key.p, key.len, buf_str(&search), m->sex, m->birth_date,
		opt(m->ethnicity), opt(m->religion), opt(m->hometown), opt(m->residence),
		opt(m->education), opt(m->theory_level), opt(m->position), opt(m->card_no),
		m->admitted_on, m->official_on, m->status, (long long)m->exempt, now, now);
	if (db_step(st) == DB_ROW) {
		m->id = db_col_int(st, 0);
		m->version = 1;
	}
	db_done(st);
	buf_free(&key);
	buf_free(&search);
	char path[256];
	if (tally && !db_failed(c))
		store_tally_add(c, org_path_of(c, m->org_id, path), m->status, m->sex,
				m->birth_date.y, 1);
	if (db_failed(c))
		return db_failure(c) == DBF_CONSTRAINT ? STORE_CONFLICT : STORE_ERROR;
	return STORE_OK;
}

int store_member_update(struct dbconn *c, const struct scope *sc, struct member *m)
{
	struct buf key = BUF_INIT, search = BUF_INIT;
	if (derive(m, &key, &search)) {
		buf_free(&key);
		buf_free(&search);
		db_fail(c, "không tính được khóa sắp xếp tên");
		return STORE_ERROR;
	}
	char now[32], end[256], old_path[256], new_path[256];
	store_now(now);
	scope_path_end(sc->path, end, sizeof end);
	/* What the counts knew of this member before the change. */
	struct dbstmt *st = db_query(c, "SELECT org_id, status, sex, birth_date FROM member WHERE id = ?",
				     "i", m->id);
	long long old_org = 0;
	char old_status[16] = "", old_sex[8] = "";
	struct date old_birth = {0, 0, 0};
	if (db_step(st) == DB_ROW) {
		old_org = db_col_int(st, 0);
		snprintf(old_status, sizeof old_status, "%s", db_col_text(st, 1));
		snprintf(old_sex, sizeof old_sex, "%s", db_col_text(st, 2));
		old_birth = db_col_date(st, 3);
	}
	db_done(st);
	/* The scope test is in the UPDATE itself: a stale read elsewhere can
	 * never let a write land outside the account's subtree. */
	long long n = db_exec(c,
		"UPDATE member SET org_id = ?, full_name = ?, surname = ?, middle_name = ?, "
		"given_name = ?, name_key = ?, search = ?, sex = ?, birth_date = ?, ethnicity = ?, "
		"religion = ?, hometown = ?, residence = ?, education = ?, theory_level = ?, "
		"position = ?, card_no = ?, admitted_on = ?, official_on = ?, status = ?, exempt = ?, "
		"version = version + 1, updated_at = ? "
		"WHERE id = ? AND version = ? AND org_id IN "
		"(SELECT id FROM org WHERE path >= ? AND path < ?)",
		"ittttbttd" "tttttttt" "ddtit" "iitt",
		m->org_id, m->full_name, m->surname, m->middle_name ? m->middle_name : "",
		m->given_name, key.p, key.len, buf_str(&search), m->sex, m->birth_date,
		opt(m->ethnicity), opt(m->religion), opt(m->hometown), opt(m->residence),
		opt(m->education), opt(m->theory_level), opt(m->position), opt(m->card_no),
		m->admitted_on, m->official_on, m->status, (long long)m->exempt, now,
		m->id, m->version, sc->path, end);
	buf_free(&key);
	buf_free(&search);
	if (n < 0)
		return db_failure(c) == DBF_CONSTRAINT ? STORE_CONFLICT : STORE_ERROR;
	if (n == 0)
		return STORE_CONFLICT;
	m->version++;
	if (old_org != m->org_id || strcmp(old_status, m->status) || strcmp(old_sex, m->sex) ||
	    old_birth.y != m->birth_date.y) {
		store_tally_add(c, org_path_of(c, old_org, old_path), old_status, old_sex, old_birth.y, -1);
		store_tally_add(c, org_path_of(c, m->org_id, new_path), m->status, m->sex,
				m->birth_date.y, 1);
	}
	return db_failed(c) ? STORE_ERROR : STORE_OK;
}

bool store_member_card_taken(struct dbconn *c, const char *card_no, long long except_id)
{
	struct dbstmt *st = db_query(c,
		"SELECT 1 FROM member WHERE card_no = ? AND id <> ?", "ti", card_no, except_id);
	bool taken = db_step(st) == DB_ROW;
	db_done(st);
	return taken;
}
