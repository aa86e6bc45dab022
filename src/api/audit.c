/* audit: reading the append-only log of writes, within the account's scope. */
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/routes.h"

enum { AUDIT_DEFAULT = 50, AUDIT_MAX = 200 };

static json_t *parsed_or_null(const char *text)
{
	return text ? json_loads(text, 0, NULL) : json_null();
}

/* The org owning an entry is the last id of its path ("/1/23/" -> 23). */
static json_t *path_org_id(const char *path)
{
	size_t n = strlen(path);
	if (n < 2)
		return json_null();
	const char *p = path + n - 1;
	while (p > path && p[-1] != '/')
		p--;
	long long id = strtoll(p, NULL, 10);
	return id > 0 ? json_integer(id) : json_null();
}

void api_audit_list(struct req *r)
{
	const char *v, *org_path = NULL, *object_type = req_query(r, "object_type");
	long long before = 0, object_id = 0;
	int limit = AUDIT_DEFAULT;
	char *end;
	if ((v = req_query(r, "org")) && *v) {
		struct org_row o;
		long long id = strtoll(v, &end, 10);
		int rc = !*end ? store_org_get(r->db, &r->arena, &r->scope, id, &o)
			       : store_org_by_code(r->db, &r->arena, &r->scope, v, &o);
		if (!api_store_ok(r, rc, "tổ chức"))
			return;
		org_path = o.o.path;
	}
	if ((v = req_query(r, "object_id")) && *v) {
		object_id = strtoll(v, &end, 10);
		if (*end || object_id <= 0) {
			api_fail(r, 400, "bad_request", "object_id", "Mã đối tượng không hợp lệ");
			return;
		}
	}
	if ((v = req_query(r, "limit")) && *v) {
		limit = (int)strtol(v, &end, 10);
		if (*end || limit < 1 || limit > AUDIT_MAX) {
			api_fail(r, 400, "bad_request", "limit", "Số dòng mỗi trang phải từ 1 đến %d", AUDIT_MAX);
			return;
		}
	}
	if ((v = req_query(r, "cursor")) && *v) {
		before = strtoll(v, &end, 10);
		if (*end || before <= 0) {
			api_fail(r, 400, "bad_request", "cursor", "Con trỏ trang không hợp lệ");
			return;
		}
	}
	struct audit_entry *e;
	int n;
	if (!api_store_ok(r, store_audit_list(r->db, &r->arena, &r->scope, org_path,
					      object_type && *object_type ? object_type : NULL,
					      object_id, before, limit + 1, &e, &n), "nhật ký"))
		return;
	bool more = n > limit;
	if (more)
		n = limit;
	json_t *items = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(items, json_pack("{s:I, s:s, s:s, s:s, s:s, s:o, s:o, s:s, s:o, s:o}",
			"id", (json_int_t)e[i].id, "at", e[i].at, "username", e[i].username,
			"action", e[i].action, "object_type", e[i].object_type,
			"object_id", e[i].object_id ? json_integer(e[i].object_id) : json_null(),
			"org_id", path_org_id(e[i].org_path), "org_path", e[i].org_path,
			"before", parsed_or_null(e[i].before), "after", parsed_or_null(e[i].after)));
	api_json(r, 200, json_pack("{s:o, s:o}", "items", items,
		"next", more ? json_string(arena_printf(&r->arena, "%lld", e[n - 1].id)) : json_null()));
}
