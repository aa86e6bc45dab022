/*
 * api: helpers every handler uses -- request access, the JSON answer and
 * error shapes, audit entries, and the JSON forms of shared records.
 */
#include "api/api.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/jsonw.h"
#include "core/log.h"
#include "core/vi.h"
#include "domain/member.h"

const char *req_query(const struct req *r, const char *name)
{
	for (int i = 0; i < r->nquery; i++)
		if (strcmp(r->query[i].key, name) == 0)
			return r->query[i].value;
	return NULL;
}

const char *req_header(const struct req *r, const char *name)
{
	for (int i = 0; i < r->nheaders; i++)
		if (strcasecmp(r->headers[i].key, name) == 0)
			return r->headers[i].value;
	return NULL;
}

long long req_param_id(const struct req *r, int i)
{
	if (i >= r->nparams)
		return 0;
	char *end;
	long long v = strtoll(r->params[i], &end, 10);
	return *end || v <= 0 ? 0 : v;
}

json_t *req_json_body(struct req *r)
{
	json_error_t e;
	json_t *o = json_loadb(r->body ? r->body : "", r->body_len, JSON_REJECT_DUPLICATES, &e);
	if (!o || !json_is_object(o)) {
		json_decref(o);
		api_fail(r, 400, "bad_request", NULL, "Dữ liệu gửi lên không phải JSON hợp lệ");
		return NULL;
	}
	json_decref(r->body_json);
	r->body_json = o; /* owned by the request, freed with it */
	return o;
}

void api_json(struct req *r, int status, json_t *body)
{
	json_decref(r->json);
	r->status = status;
	r->json = body;
	r->raw = NULL;
}

void api_raw(struct req *r, int status, const char *content_type, const char *data,
	     size_t len, const char *download_name)
{
	json_decref(r->json);
	r->json = NULL;
	r->status = status;
	r->content_type = content_type;
	r->raw = data;
	r->raw_len = len;
	r->download_name = download_name;
}

static json_t *error_body(const char *code, const char *field, const char *message)
{
	json_t *e = json_pack("{s:s, s:s}", "code", code, "message", message);
	if (field)
		json_object_set_new(e, "field", json_string(field));
	return json_pack("{s:o}", "error", e);
}

void api_fail(struct req *r, int status, const char *code, const char *field,
	      const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	api_json(r, status, error_body(code, field, msg));
}

void api_fail_fields(struct req *r, const struct field_errors *fe)
{
	json_t *body = error_body("validation", fe->e[0].field, fe->e[0].message);
	json_t *list = json_array();
	for (int i = 0; i < fe->n; i++)
		json_array_append_new(list, json_pack("{s:s, s:s}", "field", fe->e[i].field,
						      "message", fe->e[i].message));
	json_object_set_new(json_object_get(body, "error"), "errors", list);
	api_json(r, 422, body);
}

void api_internal(struct req *r, const char *where)
{
	log_error("lỗi nội bộ tại %s %s (%s): %s", r->method, r->path, where,
		  r->db ? db_errmsg(r->db) : "");
	api_fail(r, 500, "internal", NULL, "Lỗi hệ thống; đã ghi nhật ký để xử lý");
}

bool api_version_ok(struct req *r, json_t *body, long long current, const char *what)
{
	json_t *v = json_object_get(body, "version");
	if (!json_is_integer(v)) {
		api_fail(r, 422, "validation", "version", "Thiếu số phiên bản (version) của bản ghi");
		return false;
	}
	if (json_integer_value(v) != current) {
		api_fail(r, 409, "conflict", "version",
			 "%s đã được người khác sửa; hãy tải lại rồi sửa tiếp", what);
		return false;
	}
	return true;
}

bool api_store_ok(struct req *r, int rc, const char *what)
{
	switch (rc) {
	case STORE_OK:
		return true;
	case STORE_NOT_FOUND:
		api_fail(r, 404, "not_found", NULL, "Không tìm thấy %s", what);
		return false;
	case STORE_CONFLICT:
		api_fail(r, 409, "conflict", "version",
			 "%s đã được người khác sửa (hoặc trùng mã); hãy tải lại rồi sửa tiếp", what);
		return false;
	default:
		api_internal(r, what);
		return false;
	}
}

void api_header(struct req *r, const char *name, const char *value)
{
	if (r->nresp_headers < (int)(sizeof r->resp_headers / sizeof r->resp_headers[0]))
		r->resp_headers[r->nresp_headers++] = (struct kv){name, value};
}

static char *dump_or_null(json_t *j)
{
	if (!j)
		return NULL;
	char *s = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(j);
	return s;
}

void api_audit(struct req *r, const char *action, const char *object_type,
	       long long object_id, const char *org_path, json_t *before, json_t *after)
{
	char *b = dump_or_null(before), *a = dump_or_null(after);
	struct audit_entry e = {
		.account_id = r->account.id,
		.username = r->account.username ? r->account.username : "?",
		.action = action,
		.object_type = object_type,
		.object_id = object_id,
		.org_path = org_path ? org_path : "/",
		.before = b,
		.after = a,
	};
	store_audit_append(r->db, &e);
	free(b);
	free(a);
}

/* ---- typed JSON fields ---- */

const char *field_label(const char *field)
{
	static const struct kv labels[] = {
		{"full_name", "Họ và tên"}, {"surname", "Họ"}, {"middle_name", "Chữ đệm"},
		{"given_name", "Tên"}, {"sex", "Giới tính"}, {"birth_date", "Ngày sinh"},
		{"ethnicity", "Dân tộc"}, {"religion", "Tôn giáo"}, {"hometown", "Quê quán"},
		{"residence", "Nơi ở hiện nay"}, {"education", "Trình độ chuyên môn"},
		{"theory_level", "Lý luận chính trị"}, {"position", "Chức vụ"},
		{"card_no", "Số thẻ đảng viên"}, {"admitted_on", "Ngày vào Đảng"},
		{"official_on", "Ngày chính thức"}, {"status", "Trạng thái"}, {"org_id", "Chi bộ"},
		{"code", "Mã tổ chức"}, {"name", "Tên"}, {"kind", "Loại tổ chức"},
		{"type", "Loại hình"}, {"parent_id", "Tổ chức cấp trên"},
		{"founded_on", "Ngày thành lập"}, {"dissolved_on", "Ngày giải thể"},
		{"covers", "Đơn vị của chi bộ ghép"}, {"version", "Phiên bản"},
	};
	for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
		if (strcmp(labels[i].key, field) == 0)
			return labels[i].value;
	return field;
}

const char *json_str_field(struct req *r, json_t *o, const char *field, bool required)
{
	json_t *v = json_object_get(o, field);
	if (!v || json_is_null(v)) {
		if (required)
			api_fail(r, 422, "validation", field, "Thiếu %s", field_label(field));
		return NULL;
	}
	if (!json_is_string(v)) {
		api_fail(r, 422, "validation", field, "%s phải là chuỗi ký tự", field_label(field));
		return NULL;
	}
	struct buf b = BUF_INIT;
	const char *s = json_string_value(v);
	const char *out = NULL;
	if (vi_clean(s, &b) == 0)
		out = arena_strdup(&r->arena, buf_str(&b));
	else
		api_fail(r, 422, "validation", field, "%s chứa ký tự không hợp lệ", field_label(field));
	buf_free(&b);
	return out;
}

bool json_date_into(json_t *o, const char *field, struct date *out, struct field_errors *fe)
{
	*out = (struct date){0, 0, 0};
	json_t *v = json_object_get(o, field);
	if (!v || json_is_null(v) || (json_is_string(v) && !*json_string_value(v)))
		return true;
	if (!json_is_string(v) || date_parse_iso(json_string_value(v), out) != 0) {
		*out = (struct date){0, 0, 0};
		field_errors_add(fe, field, "%s không hợp lệ (cần một ngày có thật, dạng YYYY-MM-DD)",
				 field_label(field));
		return false;
	}
	return true;
}

bool json_date_field(struct req *r, json_t *o, const char *field, struct date *out)
{
	struct field_errors fe = {0};
	if (json_date_into(o, field, out, &fe))
		return true;
	api_fail_fields(r, &fe);
	return false;
}

/* ---- shared JSON shapes ---- */

json_t *json_date(struct date d)
{
	if (date_is_null(d))
		return json_null();
	char iso[11];
	date_format_iso(d, iso);
	return json_string(iso);
}

json_t *json_str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

json_t *org_to_json(const struct org_row *o)
{
	json_t *covers = json_array();
	for (int i = 0; o->covers && o->covers[i]; i++)
		json_array_append_new(covers, json_string(o->covers[i]));
	return json_pack("{s:I, s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:s, s:i, s:o, s:o, s:o, s:I, s:I, s:I}",
		"id", (json_int_t)o->o.id,
		"code", o->o.code,
		"name", o->o.name,
		"kind", o->o.kind,
		"kind_name", json_str_or_null(o->kind_name),
		"type", json_str_or_null(o->o.type),
		"type_name", json_str_or_null(o->type_name),
		"parent_id", o->o.parent_id ? json_integer(o->o.parent_id) : json_null(),
		"path", o->o.path,
		"depth", o->o.depth,
		"founded_on", json_date(o->o.founded_on),
		"dissolved_on", json_date(o->o.dissolved_on),
		"covers", covers,
		"child_count", (json_int_t)o->child_count,
		"member_count", (json_int_t)o->member_count,
		"version", (json_int_t)o->o.version);
}

static void put_str(struct buf *b, const char *key, const char *v)
{
	jsonw_key(b, key, 0);
	jsonw_str(b, v);
}

static void put_int(struct buf *b, const char *key, long long v)
{
	jsonw_key(b, key, 0);
	jsonw_int(b, v);
}

static void put_date(struct buf *b, const char *key, struct date d)
{
	char iso[11];
	date_format_iso(d, iso);
	put_str(b, key, date_is_null(d) ? NULL : iso);
}

void member_json_write(struct buf *b, const struct member_row *row, struct date today)
{
	const struct member *m = &row->m;
	buf_putc(b, '{');
	jsonw_key(b, "id", 1);
	jsonw_int(b, m->id);
	put_int(b, "org_id", m->org_id);
	put_str(b, "org_code", m->org_code ? m->org_code : "");
	put_str(b, "org_name", row->org_name);
	put_str(b, "full_name", m->full_name);
	put_str(b, "surname", m->surname);
	put_str(b, "middle_name", m->middle_name ? m->middle_name : "");
	put_str(b, "given_name", m->given_name);
	put_str(b, "sex", m->sex);
	put_date(b, "birth_date", m->birth_date);
	put_int(b, "age", date_years_between(m->birth_date, today));
	put_str(b, "ethnicity", m->ethnicity);
	put_str(b, "religion", m->religion);
	put_str(b, "hometown", m->hometown);
	put_str(b, "residence", m->residence);
	put_str(b, "education", m->education);
	put_str(b, "theory_level", m->theory_level);
	put_str(b, "position", m->position);
	put_str(b, "card_no", m->card_no);
	put_date(b, "admitted_on", m->admitted_on);
	put_date(b, "official_on", m->official_on);
	put_str(b, "status", m->status);
	put_str(b, "status_name", member_status_label(m->status));
	jsonw_key(b, "exempt", 0);
	buf_puts(b, m->exempt ? "true" : "false");
	put_int(b, "version", m->version);
	buf_putc(b, '}');
}

json_t *member_to_json(const struct member_row *row, struct date today)
{
	/* One writer for the record's JSON; single records (and the audit)
	 * take it back as a tree. */
	struct buf b = BUF_INIT;
	member_json_write(&b, row, today);
	json_t *j = b.err ? NULL : json_loadb(b.p, b.len, 0, NULL);
	buf_free(&b);
	return j ? j : json_object();
}

void api_json_text(struct req *r, int status, const struct buf *text)
{
	if (text->err) {
		api_internal(r, "hết bộ nhớ khi tạo JSON");
		return;
	}
	api_raw(r, status, "application/json; charset=utf-8",
		arena_strndup(&r->arena, text->p ? text->p : "", text->len), text->len, NULL);
}

json_t *account_to_json(const struct account *a)
{
	return json_pack("{s:I, s:s, s:s, s:I, s:s, s:s, s:o}",
		"id", (json_int_t)a->id,
		"username", a->username,
		"role", a->role,
		"org_id", (json_int_t)a->org_id,
		"org_code", a->org_code,
		"org_name", a->org_name,
		"member_id", a->member_id ? json_integer(a->member_id) : json_null());
}

void api_history(struct req *r, const char *object_type, long long id)
{
	/* The caller has shown the object is visible, so its whole history
	 * is: entries written while it lived elsewhere are read with the root
	 * scope. */
	struct scope all = {.org_id = 0, .path = "/", .member_id = 0};
	struct audit_entry *e;
	int n;
	if (!api_store_ok(r, store_audit_list(r->db, &r->arena, &all, NULL, object_type, id, 0,
					      500, &e, &n), "lịch sử"))
		return;
	json_t *a = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:I, s:s, s:s, s:s, s:o, s:o}",
			"id", (json_int_t)e[i].id, "at", e[i].at, "username", e[i].username,
			"action", e[i].action,
			"before", e[i].before ? json_loads(e[i].before, 0, NULL) : json_null(),
			"after", e[i].after ? json_loads(e[i].after, 0, NULL) : json_null()));
	api_json(r, 200, json_pack("{s:o, s:n}", "items", a, "next"));
}
