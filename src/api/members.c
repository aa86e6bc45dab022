/*
 * members: the member registry -- list (search, filters, Vietnamese name
 * order, cursor pages), read, create, update with version, history.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "api/api.h"
#include "api/routes.h"
#include "core/jsonw.h"
#include "core/vi.h"
#include "domain/member.h"

enum { LIST_DEFAULT = 50, LIST_MAX = 200 };

/* ---- list ---- */

/* Cursor "HEXKEY.ID": the last row's sort key and id. */
static const char *cursor_make(struct req *r, const struct member_row *m)
{
	char *hex = arena_alloc(&r->arena, m->name_key_len * 2 + 1);
	sodium_bin2hex(hex, m->name_key_len * 2 + 1, m->name_key, m->name_key_len);
	return arena_printf(&r->arena, "%s.%lld", hex, m->m.id);
}

static bool cursor_parse(struct req *r, const char *s, struct member_filter *f)
{
	const char *dot = strchr(s, '.');
	if (!dot || dot == s || (size_t)(dot - s) % 2)
		return false;
	size_t n = (size_t)(dot - s) / 2, len;
	unsigned char *key = arena_alloc(&r->arena, n + 1);
	if (sodium_hex2bin(key, n, s, (size_t)(dot - s), NULL, &len, NULL) || len != n)
		return false;
	char *end;
	long long id = strtoll(dot + 1, &end, 10);
	if (*end || id <= 0)
		return false;
	f->after_key = key;
	f->after_key_len = n;
	f->after_id = id;
	return true;
}

/* Age band code -> years of birth (ages by year of birth, see age_bands). */
static bool age_band_years(const char *code, struct date today, struct member_filter *f)
{
	const struct age_band *b = age_band_find(code);
	if (!b)
		return false;
	f->born_to = today.y - b->lo;
	f->born_from = b->hi ? today.y - b->hi : 0;
	return true;
}

/* An ?org= value: an org id or code, within the scope. */
static bool org_param(struct req *r, const char *v, struct org_row *o)
{
	char *end;
	long long id = strtoll(v, &end, 10);
	int rc = *v && !*end ? store_org_get(r->db, &r->arena, &r->scope, id, o)
			     : store_org_by_code(r->db, &r->arena, &r->scope, v, o);
	return api_store_ok(r, rc, "tổ chức");
}

void api_members_list(struct req *r)
{
	struct member_filter f = {.limit = LIST_DEFAULT};
	struct date today = date_today();
	const char *v;
	struct org_row org;
	const char *kind = r->account.org_kind;
	if ((v = req_query(r, "org")) && *v) {
		if (!org_param(r, v, &org))
			return;
		f.org_path = org.o.path;
		kind = org.o.kind;
	}
	f.small_subtree = kind && strcmp(kind, KIND_UPPER) && strcmp(kind, KIND_CENTRAL);
	if ((v = req_query(r, "status")) && *v) {
		if (!member_status_valid(v)) {
			api_fail(r, 400, "bad_request", "status", "Trạng thái không hợp lệ");
			return;
		}
		f.status = v;
	}
	if ((v = req_query(r, "sex")) && *v) {
		if (!member_sex_valid(v)) {
			api_fail(r, 400, "bad_request", "sex", "Giới tính không hợp lệ");
			return;
		}
		f.sex = v;
	}
	if ((v = req_query(r, "age_band")) && *v && !age_band_years(v, today, &f)) {
		api_fail(r, 400, "bad_request", "age_band", "Độ tuổi không hợp lệ");
		return;
	}
	if ((v = req_query(r, "sort")) && *v && strcmp(v, "name") != 0) {
		api_fail(r, 400, "bad_request", "sort", "Chỉ hỗ trợ sắp xếp theo tên (sort=name)");
		return;
	}
	if ((v = req_query(r, "limit")) && *v) {
		char *end;
		long n = strtol(v, &end, 10);
		if (*end || n < 1 || n > LIST_MAX) {
			api_fail(r, 400, "bad_request", "limit", "Số dòng mỗi trang phải từ 1 đến %d", LIST_MAX);
			return;
		}
		f.limit = (int)n;
	}
	if ((v = req_query(r, "cursor")) && *v && !cursor_parse(r, v, &f)) {
		api_fail(r, 400, "bad_request", "cursor", "Con trỏ trang không hợp lệ");
		return;
	}
	if ((v = req_query(r, "q")) && *v) {
		struct buf q = BUF_INIT;
		if (vi_fold(v, &q)) {
			buf_free(&q);
			api_fail(r, 400, "bad_request", "q", "Từ khóa tìm kiếm không hợp lệ");
			return;
		}
		f.q_fold = arena_strdup(&r->arena, buf_str(&q));
		buf_free(&q);
	}
	/* One row more than asked tells whether a next page exists. */
	f.limit++;
	struct member_row *items;
	int n;
	if (!api_store_ok(r, store_member_list(r->db, &r->arena, &r->scope, &f, &items, &n), "đảng viên"))
		return;
	bool more = n == f.limit;
	if (more)
		n--;
	struct buf out = BUF_INIT;
	buf_puts(&out, "{\"items\":[");
	for (int i = 0; i < n; i++) {
		if (i)
			buf_putc(&out, ',');
		member_json_write(&out, &items[i], today);
	}
	buf_puts(&out, "],\"next\":");
	jsonw_str(&out, more ? cursor_make(r, &items[n - 1]) : NULL);
	buf_putc(&out, '}');
	api_json_text(r, 200, &out);
	buf_free(&out);
}

/* ---- one member ---- */

static bool load_member(struct req *r, struct member_row *m)
{
	long long id = req_param_id(r, 0);
	if (!id) {
		api_fail(r, 404, "not_found", NULL, "Không tìm thấy đảng viên");
		return false;
	}
	return api_store_ok(r, store_member_get(r->db, &r->arena, &r->scope, id, m), "đảng viên");
}

void api_members_get(struct req *r)
{
	struct member_row m;
	if (load_member(r, &m))
		api_json(r, 200, member_to_json(&m, date_today()));
}

/* ---- create and update ---- */

static const struct {
	const char *name;
	size_t off;
} text_fields[] = {
	{"ethnicity", offsetof(struct member, ethnicity)},
	{"religion", offsetof(struct member, religion)},
	{"hometown", offsetof(struct member, hometown)},
	{"residence", offsetof(struct member, residence)},
	{"education", offsetof(struct member, education)},
	{"theory_level", offsetof(struct member, theory_level)},
	{"position", offsetof(struct member, position)},
	{"sex", offsetof(struct member, sex)},
	{"status", offsetof(struct member, status)},
};

static const struct {
	const char *name;
	size_t off;
} date_fields[] = {
	{"birth_date", offsetof(struct member, birth_date)},
	{"admitted_on", offsetof(struct member, admitted_on)},
	{"official_on", offsetof(struct member, official_on)},
};

/* Sets the name parts from full_name, or full_name from the parts. */
static bool apply_name(struct req *r, json_t *b, struct member *m)
{
	bool full = json_object_get(b, "full_name") != NULL;
	bool parts = json_object_get(b, "surname") || json_object_get(b, "given_name") ||
		     json_object_get(b, "middle_name");
	if (!full && !parts)
		return true;
	struct buf s = BUF_INIT, mid = BUF_INIT, g = BUF_INIT, f = BUF_INIT;
	if (full) {
		const char *v = json_str_field(r, b, "full_name", false);
		if (r->status >= 400)
			return false;
		m->full_name = v ? v : "";
	} else {
		const char *sv = json_str_field(r, b, "surname", false);
		const char *mv = json_str_field(r, b, "middle_name", false);
		const char *gv = json_str_field(r, b, "given_name", false);
		if (r->status >= 400)
			return false;
		buf_printf(&f, "%s %s %s", sv ? sv : m->surname ? m->surname : "",
			   mv ? mv : "", gv ? gv : m->given_name ? m->given_name : "");
		struct buf clean = BUF_INIT;
		vi_clean(buf_str(&f), &clean);
		m->full_name = arena_strdup(&r->arena, buf_str(&clean));
		buf_free(&clean);
	}
	m->surname = m->middle_name = m->given_name = "";
	if (*m->full_name && vi_split_name(m->full_name, &s, &mid, &g) == 0) {
		m->surname = arena_strdup(&r->arena, buf_str(&s));
		m->middle_name = arena_strdup(&r->arena, buf_str(&mid));
		m->given_name = arena_strdup(&r->arena, buf_str(&g));
	}
	buf_free(&s);
	buf_free(&mid);
	buf_free(&g);
	buf_free(&f);
	return true;
}

/* Overlays the fields present in b onto m; answers 422 on a malformed
 * value, except dates, whose errors go to fe so that check_member reports
 * them together with every other rule. */
static bool apply_body(struct req *r, json_t *b, struct member *m, struct field_errors *fe)
{
	if (!apply_name(r, b, m))
		return false;
	for (size_t i = 0; i < sizeof text_fields / sizeof text_fields[0]; i++) {
		if (!json_object_get(b, text_fields[i].name))
			continue;
		const char *v = json_str_field(r, b, text_fields[i].name, false);
		if (r->status >= 400)
			return false;
		*(const char **)((char *)m + text_fields[i].off) = v && *v ? v : NULL;
	}
	for (size_t i = 0; i < sizeof date_fields / sizeof date_fields[0]; i++)
		if (json_object_get(b, date_fields[i].name))
			json_date_into(b, date_fields[i].name,
				       (struct date *)((char *)m + date_fields[i].off), fe);
	json_t *v;
	if ((v = json_object_get(b, "card_no"))) {
		if (!json_is_null(v) && !json_is_string(v)) {
			api_fail(r, 422, "validation", "card_no", "%s phải là chuỗi ký tự", field_label("card_no"));
			return false;
		}
		const char *s = json_string_value(v);
		m->card_no = s && *s ? arena_strdup(&r->arena, s) : NULL;
	}
	if ((v = json_object_get(b, "exempt")))
		m->exempt = json_is_true(v);
	if ((v = json_object_get(b, "org_id"))) {
		if (!json_is_integer(v)) {
			api_fail(r, 422, "validation", "org_id", "Chi bộ không hợp lệ");
			return false;
		}
		m->org_id = json_integer_value(v);
	}
	return true;
}

/* Every rule of the record, the card number's uniqueness and the target
 * cell (in scope, a cell that holds members, not dissolved). */
static bool has_field(const struct field_errors *fe, const char *field)
{
	for (int i = 0; i < fe->n; i++)
		if (strcmp(fe->e[i].field, field) == 0)
			return true;
	return false;
}

static bool check_member(struct req *r, struct member *m, struct org_row *org,
			 const struct field_errors *input)
{
	struct field_errors fe = *input, rules = {0};
	char card[9];
	if (m->card_no) {
		if (member_card_no_normalize(m->card_no, card) == 0)
			m->card_no = arena_strdup(&r->arena, card);
	}
	/* A date that did not parse is reported once, as unparseable, not
	 * again as missing. */
	member_validate(m, &member_rules_default, date_today(), &rules);
	for (int i = 0; i < rules.n; i++)
		if (!has_field(input, rules.e[i].field))
			field_errors_add(&fe, rules.e[i].field, "%s", rules.e[i].message);
	if (m->org_id > 0) {
		int rc = store_org_get(r->db, &r->arena, &r->scope, m->org_id, org);
		if (rc == STORE_ERROR) {
			api_internal(r, "kiểm tra chi bộ");
			return false;
		}
		if (rc != STORE_OK) {
			/* Like any reference outside the scope: not found, never a hint. */
			api_fail(r, 404, "not_found", "org_id", "Không tìm thấy chi bộ trong phạm vi quản lý");
			return false;
		}
		if (strcmp(org->o.kind, KIND_CELL) && strcmp(org->o.kind, KIND_GRASSROOTS_CELL))
			field_errors_add(&fe, "org_id", "Đảng viên phải sinh hoạt ở một chi bộ");
		else if (!date_is_null(org->o.dissolved_on))
			field_errors_add(&fe, "org_id", "Chi bộ đã giải thể");
	}
	if (fe.n) {
		api_fail_fields(r, &fe);
		return false;
	}
	/* A duplicate is a conflict with another record, not a bad value. */
	if (m->card_no && store_member_card_taken(r->db, m->card_no, m->id)) {
		api_fail(r, 409, "conflict", "card_no", "Số thẻ đảng viên %s đã có trong hệ thống",
			 m->card_no);
		return false;
	}
	return true;
}

void api_members_create(struct req *r)
{
	json_t *b = req_json_body(r);
	if (!b)
		return;
	struct member m = {.status = MEMBER_PROBATIONARY};
	struct org_row org;
	struct field_errors fe = {0};
	if (json_object_get(b, "official_on") && !json_is_null(json_object_get(b, "official_on")))
		m.status = MEMBER_OFFICIAL;
	if (!apply_body(r, b, &m, &fe) || !check_member(r, &m, &org, &fe))
		return;
	int rc = store_member_insert(r->db, &m, true);
	if (rc == STORE_CONFLICT) {
		api_fail(r, 409, "conflict", "card_no", "Số thẻ đảng viên đã có trong hệ thống");
		return;
	}
	struct member_row created;
	if (!api_store_ok(r, rc, "đảng viên") ||
	    !api_store_ok(r, store_member_get(r->db, &r->arena, &r->scope, m.id, &created), "đảng viên"))
		return;
	struct date today = date_today();
	api_audit(r, "create", "member", m.id, created.org_path, NULL, member_to_json(&created, today));
	api_json(r, 201, member_to_json(&created, today));
}

void api_members_update(struct req *r)
{
	json_t *b = req_json_body(r);
	struct member_row cur;
	if (!b || !load_member(r, &cur))
		return;
	if (!api_version_ok(r, b, cur.m.version, "Hồ sơ"))
		return;
	struct member m = cur.m;
	struct org_row org;
	struct field_errors fe = {0};
	if (!apply_body(r, b, &m, &fe) || !check_member(r, &m, &org, &fe))
		return;
	int rc = store_member_update(r->db, &r->scope, &m);
	struct member_row after;
	if (!api_store_ok(r, rc, "Hồ sơ đảng viên") ||
	    !api_store_ok(r, store_member_get(r->db, &r->arena, &r->scope, m.id, &after), "đảng viên"))
		return;
	struct date today = date_today();
	api_audit(r, "update", "member", m.id, after.org_path, member_to_json(&cur, today),
		  member_to_json(&after, today));
	api_json(r, 200, member_to_json(&after, today));
}

/* ---- history ---- */

void api_members_history(struct req *r)
{
	struct member_row m;
	if (load_member(r, &m))
		api_history(r, "member", m.m.id);
}

/* ---- export ---- */

void api_members_export(struct req *r)
{
	const char *format = req_query(r, "format");
	const char *v = req_query(r, "org");
	if (!format || !*format)
		format = "csv";
	if (!members_export_content_type(format)) {
		api_fail(r, 400, "bad_request", "format", "Định dạng xuất phải là csv, xlsx hoặc json");
		return;
	}
	struct org_row org;
	if (v && *v ? !org_param(r, v, &org)
		    : !api_store_ok(r, store_org_get(r->db, &r->arena, &r->scope, r->scope.org_id, &org),
				    "tổ chức"))
		return;
	struct buf out = BUF_INIT, err = BUF_INIT;
	if (members_export(r->db, &r->scope, &org, format, &out, &err)) {
		buf_free(&out);
		buf_free(&err);
		api_internal(r, "xuất danh sách");
		return;
	}
	char *data = arena_alloc(&r->arena, out.len + 1);
	if (out.len)
		memcpy(data, out.p, out.len);
	api_raw(r, 200, members_export_content_type(format), data, out.len,
		arena_printf(&r->arena, "dang-vien-%s.%s", org.o.code, format));
	buf_free(&out);
	buf_free(&err);
}
