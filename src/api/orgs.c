/*
 * orgs: the organisation tree -- browse, search, counts, and the dated
 * changes (create, rename, move, dissolve).  Nothing is ever deleted.
 */
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/routes.h"
#include "core/vi.h"
#include "domain/member.h"
#include "domain/org.h"

static json_t *org_list(struct org_row *items, int n)
{
	json_t *a = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(a, org_to_json(&items[i]));
	return json_pack("{s:o, s:n}", "items", a, "next");
}

/* Loads org id within scope, or answers 404 (also for a malformed id). */
static bool load_org_id(struct req *r, long long id, struct org_row *o)
{
	if (id <= 0) {
		api_fail(r, 404, "not_found", NULL, "Không tìm thấy tổ chức");
		return false;
	}
	return api_store_ok(r, store_org_get(r->db, &r->arena, &r->scope, id, o), "tổ chức");
}

/* The org named by the path's {id}. */
static bool load_org(struct req *r, struct org_row *o)
{
	return load_org_id(r, req_param_id(r, 0), o);
}

void api_orgs_list(struct req *r)
{
	struct org_row *items = NULL;
	int n = 0, rc;
	const char *q = req_query(r, "q"), *parent = req_query(r, "parent_id");
	if (q && *q) {
		struct buf f = BUF_INIT;
		if (vi_fold(q, &f)) {
			buf_free(&f);
			api_fail(r, 400, "bad_request", "q", "Từ khóa tìm kiếm không hợp lệ");
			return;
		}
		const char *lim = req_query(r, "limit");
		long limit = lim && *lim ? strtol(lim, NULL, 10) : 50;
		if (limit < 1 || limit > 200) {
			buf_free(&f);
			api_fail(r, 400, "bad_request", "limit", "Số dòng phải từ 1 đến 200");
			return;
		}
		rc = store_org_search(r->db, &r->arena, &r->scope, buf_str(&f), (int)limit, &items, &n);
		buf_free(&f);
	} else if (parent) {
		char *end;
		long long id = strtoll(parent, &end, 10);
		struct org_row p;
		if (!load_org_id(r, *end ? 0 : id, &p))
			return;
		rc = store_org_children(r->db, &r->arena, &r->scope, p.o.id, &items, &n);
	} else {
		items = arena_alloc(&r->arena, sizeof *items);
		rc = store_org_get(r->db, &r->arena, &r->scope, r->scope.org_id, items);
		n = rc == STORE_OK;
	}
	if (api_store_ok(r, rc, "tổ chức"))
		api_json(r, 200, org_list(items, n));
}

void api_orgs_get(struct req *r)
{
	struct org_row o, *anc;
	int n;
	if (!load_org(r, &o))
		return;
	if (!api_store_ok(r, store_org_ancestors(r->db, &r->arena, &r->scope, &o.o, &anc, &n), "tổ chức"))
		return;
	json_t *j = org_to_json(&o), *a = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:I, s:s, s:s}", "id", (json_int_t)anc[i].o.id,
						   "code", anc[i].o.code, "name", anc[i].o.name));
	json_object_set_new(j, "ancestors", a);
	api_json(r, 200, j);
}

void api_orgs_children(struct req *r)
{
	struct org_row o, *items;
	int n;
	if (!load_org(r, &o))
		return;
	if (api_store_ok(r, store_org_children(r->db, &r->arena, &r->scope, o.o.id, &items, &n), "tổ chức"))
		api_json(r, 200, org_list(items, n));
}

void api_orgs_history(struct req *r)
{
	struct org_row o;
	if (load_org(r, &o))
		api_history(r, "org", o.o.id);
}

static json_t *counts_object(const char *const *keys, const long long *counts, int n)
{
	json_t *o = json_object();
	for (int i = 0; i < n; i++)
		json_object_set_new(o, keys[i], json_integer(counts[i]));
	return o;
}

void api_orgs_stats(struct req *r)
{
	struct org_row o;
	struct org_stats s;
	if (!load_org(r, &o))
		return;
	if (!api_store_ok(r, store_org_stats(r->db, &r->arena, &o.o, &s), "số liệu"))
		return;
	static const char *const sexes[2] = {"male", "female"};
	const char *band_codes[AGE_BANDS];
	long long bands[AGE_BANDS] = {0};
	int year = date_today().y;
	for (int i = 0; i < AGE_BANDS; i++)
		band_codes[i] = age_bands[i].code;
	for (int i = 0; i < s.nyears; i++) {
		int b = age_band_of_year(s.birth_years[i], year);
		if (b >= 0)
			bands[b] += s.year_counts[i];
	}
	api_json(r, 200, json_pack("{s:I, s:I, s:I, s:o, s:o, s:o, s:o, s:o}",
		"org_id", (json_int_t)o.o.id,
		"member_total", (json_int_t)s.member_total,
		"active_total", (json_int_t)(s.by_status[0] + s.by_status[1]),
		"by_status", counts_object(member_statuses, s.by_status, 6),
		"by_sex", counts_object(sexes, s.active_by_sex, 2),
		"by_age_band", counts_object(band_codes, bands, AGE_BANDS),
		"grassroots_by_type", counts_object(s.type_codes, s.type_counts, s.ntypes),
		"orgs_by_kind", counts_object(s.kind_codes, s.kind_counts, s.nkinds)));
}

/* Reads "covers" (a list of unit names) when present; *given tells. */
static bool read_covers(struct req *r, json_t *b, const char ***out, bool *given)
{
	json_t *v = json_object_get(b, "covers");
	*given = v && !json_is_null(v);
	*out = NULL;
	if (!*given)
		return true;
	if (!json_is_array(v) || json_array_size(v) > 50) {
		api_fail(r, 422, "validation", "covers", "Danh sách đơn vị của chi bộ ghép không hợp lệ");
		return false;
	}
	const char **list = arena_alloc(&r->arena, sizeof *list * (json_array_size(v) + 1));
	size_t i, k = 0;
	json_t *item;
	json_array_foreach(v, i, item) {
		struct buf b2 = BUF_INIT;
		if (!json_is_string(item) || vi_clean(json_string_value(item), &b2) || !b2.len) {
			buf_free(&b2);
			api_fail(r, 422, "validation", "covers", "Tên đơn vị thứ %zu của chi bộ ghép không hợp lệ", i + 1);
			return false;
		}
		list[k++] = arena_strdup(&r->arena, buf_str(&b2));
		buf_free(&b2);
	}
	*out = list;
	return true;
}

static bool fail_fields(struct req *r, struct field_errors *fe)
{
	if (!fe->n)
		return false;
	api_fail_fields(r, fe);
	return true;
}

void api_orgs_create(struct req *r)
{
	json_t *b = req_json_body(r);
	if (!b)
		return;
	struct org o = {0};
	struct org_row parent;
	const char **covers;
	bool has_covers;
	json_t *pid = json_object_get(b, "parent_id");
	if (!json_is_integer(pid)) {
		api_fail(r, 422, "validation", "parent_id", "Hãy chọn tổ chức cấp trên");
		return;
	}
	o.parent_id = json_integer_value(pid);
	if (!api_store_ok(r, store_org_get(r->db, &r->arena, &r->scope, o.parent_id, &parent),
			  "tổ chức cấp trên"))
		return;
	if (!json_is_string(json_object_get(b, "code")) && !json_is_null(json_object_get(b, "code"))) {
		api_fail(r, 422, "validation", "code", "Mã tổ chức phải là chuỗi ký tự");
		return;
	}
	o.code = json_string_value(json_object_get(b, "code"));
	o.name = json_str_field(r, b, "name", false);
	o.kind = json_string_value(json_object_get(b, "kind"));
	o.type = json_string_value(json_object_get(b, "type"));
	if (r->status >= 400 || !json_date_field(r, b, "founded_on", &o.founded_on) ||
	    !read_covers(r, b, &covers, &has_covers))
		return;
	struct field_errors fe = {0};
	org_validate(&o, &parent.o, date_today(), &fe);
	if (o.kind && !store_org_kind_exists(r->db, o.kind) && !fe.n)
		field_errors_add(&fe, "kind", "Loại tổ chức không có trong danh mục");
	if (o.type && !store_org_type_exists(r->db, o.type))
		field_errors_add(&fe, "type", "Loại hình tổ chức cơ sở đảng không có trong danh mục");
	if (fail_fields(r, &fe))
		return;
	int rc = store_org_insert(r->db, &r->arena, &o, covers);
	if (rc == STORE_CONFLICT) {
		api_fail(r, 409, "conflict", "code", "Mã tổ chức %s đã được dùng", o.code);
		return;
	}
	struct org_row created;
	if (!api_store_ok(r, rc, "tổ chức") ||
	    !api_store_ok(r, store_org_get(r->db, &r->arena, &r->scope, o.id, &created), "tổ chức"))
		return;
	api_audit(r, "create", "org", o.id, o.path, NULL, org_to_json(&created));
	api_json(r, 201, org_to_json(&created));
}

/* Loads the org to change and checks the version sent with the change. */
static bool load_for_change(struct req *r, json_t *b, struct org_row *o)
{
	if (!load_org(r, o))
		return false;
	if (!api_version_ok(r, b, o->o.version, "Tổ chức"))
		return false;
	if (o->o.id == r->scope.org_id) {
		api_fail(r, 403, "forbidden", NULL,
			 "Không thể sửa, chuyển hoặc giải thể tổ chức gốc của tài khoản mình");
		return false;
	}
	return true;
}

static bool save_org(struct req *r, struct org_row *before, struct org *o,
		     const char **covers, bool has_covers, const char *action)
{
	json_t *before_json = org_to_json(before);
	int rc = store_org_update(r->db, &r->arena, &r->scope, o, covers, has_covers);
	struct org_row after;
	if (!api_store_ok(r, rc, "tổ chức") ||
	    !api_store_ok(r, store_org_get(r->db, &r->arena, &r->scope, o->id, &after), "tổ chức")) {
		json_decref(before_json);
		return false;
	}
	api_audit(r, action, "org", o->id, after.o.path, before_json, org_to_json(&after));
	api_json(r, 200, org_to_json(&after));
	return true;
}

void api_orgs_update(struct req *r)
{
	json_t *b = req_json_body(r);
	struct org_row cur, parent;
	if (!b || !load_for_change(r, b, &cur))
		return;
	struct org o = cur.o;
	const char *action = "update";
	if (json_object_get(b, "name"))
		o.name = json_str_field(r, b, "name", true);
	if (json_object_get(b, "type"))
		o.type = json_string_value(json_object_get(b, "type"));
	if (json_object_get(b, "founded_on") && !json_date_field(r, b, "founded_on", &o.founded_on))
		return;
	const char **covers;
	bool has_covers;
	if (r->status >= 400 || !read_covers(r, b, &covers, &has_covers))
		return;
	json_t *pid = json_object_get(b, "parent_id");
	if (pid && !json_is_integer(pid)) {
		api_fail(r, 422, "validation", "parent_id", "Tổ chức cấp trên không hợp lệ");
		return;
	}
	o.parent_id = pid ? json_integer_value(pid) : cur.o.parent_id;
	if (!api_store_ok(r, store_org_get(r->db, &r->arena, &r->scope, o.parent_id, &parent),
			  "tổ chức cấp trên"))
		return;
	struct field_errors fe = {0};
	if (o.parent_id != cur.o.parent_id) {
		action = "move";
		if (!date_is_null(cur.o.dissolved_on))
			field_errors_add(&fe, "parent_id", "Tổ chức đã giải thể; không thể chuyển cấp trên");
		else if (!org_move_allowed(cur.o.path, parent.o.path))
			field_errors_add(&fe, "parent_id",
				"Không thể chuyển tổ chức vào dưới chính nó hoặc tổ chức trực thuộc nó");
	}
	org_validate(&o, &parent.o, date_today(), &fe);
	if (o.type && !store_org_type_exists(r->db, o.type))
		field_errors_add(&fe, "type", "Loại hình tổ chức cơ sở đảng không có trong danh mục");
	if (!fail_fields(r, &fe))
		save_org(r, &cur, &o, covers, has_covers, action);
}

void api_orgs_dissolve(struct req *r)
{
	json_t *b = req_json_body(r);
	struct org_row cur;
	if (!b || !load_for_change(r, b, &cur))
		return;
	struct date on;
	if (!json_date_field(r, b, "dissolved_on", &on))
		return;
	struct org_row *kids;
	int nk;
	if (!api_store_ok(r, store_org_children(r->db, &r->arena, &r->scope, cur.o.id, &kids, &nk), "tổ chức"))
		return;
	long long active_children = 0;
	for (int i = 0; i < nk; i++)
		active_children += date_is_null(kids[i].o.dissolved_on);
	struct field_errors fe = {0};
	if (org_dissolve_check(&cur.o, on, date_today(), cur.member_count, active_children, &fe)) {
		api_fail_fields(r, &fe);
		return;
	}
	struct org o = cur.o;
	o.dissolved_on = on;
	save_org(r, &cur, &o, NULL, false, "dissolve");
}
