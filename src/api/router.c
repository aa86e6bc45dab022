/*
 * router: matches a request against the route table (routes.h), does the
 * checks every route shares -- login, role, CSRF, body limit, transaction
 * -- and calls the handler.  Also publishes the table as OpenAPI.
 */
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "api/auth.h"
#include "api/routes.h"

struct route {
	const char *method;
	const char *path;
	void (*handler)(struct req *r);
	const char *name;
	int flags;
	const char *summary;
};

#define ROUTE_ENTRY(m, p, h, f, s) {m, p, h, #h, f, s},
static const struct route routes[] = {ROUTES(ROUTE_ENTRY)};
#undef ROUTE_ENTRY

/* Matches path against pattern, collecting {id} segments. */
static bool path_match(const char *pattern, const char *path, struct req *r)
{
	int n = 0;
	const char *p = pattern, *s = path;
	while (*p && *s) {
		if (*p == '{') {
			const char *seg = s;
			while (*s && *s != '/')
				s++;
			if (s == seg || n == 4)
				return false;
			r->params[n++] = arena_strndup(&r->arena, seg, (size_t)(s - seg));
			while (*p && *p != '}')
				p++;
			if (*p)
				p++;
		} else if (*p++ != *s++) {
			return false;
		}
	}
	if (*p || *s)
		return false;
	r->nparams = n;
	return true;
}

static int role_bit(const char *role)
{
	static const char *const names[] = {"admin", "officer", "secretary", "inspector", "member"};
	for (int i = 0; i < 5; i++)
		if (strcmp(role, names[i]) == 0)
			return 1 << i;
	return 0;
}

static bool is_write(const char *method)
{
	return strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0;
}

static void run(struct req *r, const struct route *rt)
{
	if ((rt->flags & R_ROLES) && !api_authenticate(r))
		return;
	if ((rt->flags & R_ROLES) && !(rt->flags & role_bit(r->account.role))) {
		api_fail(r, 403, "forbidden", NULL, "Tài khoản không có quyền thực hiện thao tác này");
		return;
	}
	if (r->authed && r->via_cookie && is_write(r->method) && !api_csrf_ok(r)) {
		api_fail(r, 403, "forbidden", NULL,
			 "Thiếu hoặc sai mã chống giả mạo (X-CSRF-Token); hãy tải lại trang");
		return;
	}
	if (!(rt->flags & R_TX)) {
		rt->handler(r);
		return;
	}
	db_begin(r->db);
	rt->handler(r);
	if (r->status >= 400 || db_failed(r->db)) {
		if (db_failed(r->db) && r->status < 400)
			api_internal(r, rt->path);
		db_rollback(r->db);
	} else if (db_commit(r->db)) {
		if (db_failure(r->db) == DBF_BUSY)
			api_fail(r, 503, "busy", NULL, "Cơ sở dữ liệu đang bận; hãy thử lại");
		else
			api_internal(r, rt->path);
	}
}

size_t api_body_limit(const struct app *app, const char *method, const char *path)
{
	struct req probe = {0};
	for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++) {
		if (strcmp(routes[i].method, method) != 0 || !path_match(routes[i].path, path, &probe))
			continue;
		arena_free(&probe.arena);
		return routes[i].flags & R_UPLOAD ? app->upload_limit : app->body_limit;
	}
	arena_free(&probe.arena);
	return app->body_limit;
}

void api_dispatch(struct req *r)
{
	bool path_known = false;
	for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++) {
		if (!path_match(routes[i].path, r->path, r))
			continue;
		path_known = true;
		/* HEAD is GET without the body (libmicrohttpd drops it). */
		const char *m = strcmp(r->method, "HEAD") == 0 ? "GET" : r->method;
		if (strcmp(routes[i].method, m) != 0)
			continue;
		r->db = db_acquire(r->app->db);
		run(r, &routes[i]);
		db_release(r->app->db, r->db);
		r->db = NULL;
		return;
	}
	if (path_known)
		api_fail(r, 405, "method_not_allowed", NULL, "Phương thức không được hỗ trợ");
	else
		api_fail(r, 404, "not_found", NULL, "Không tìm thấy");
}

/* ---- OpenAPI ---- */

static json_t *openapi_operation(const struct route *rt)
{
	json_t *op = json_pack("{s:s, s:s}", "summary", rt->summary,
			       "operationId", rt->name);
	json_t *params = json_array();
	for (const char *p = strchr(rt->path, '{'); p; p = strchr(p + 1, '{'))
		json_array_append_new(params, json_pack("{s:s, s:s, s:b, s:{s:s}}",
			"name", "id", "in", "path", "required", 1, "schema", "type", "integer"));
	json_object_set_new(op, "parameters", params);
	json_t *resp = json_pack("{s:{s:s}}", "200", "description", "Thành công");
	if (rt->flags & R_ROLES) {
		json_object_set_new(resp, "401", json_pack("{s:s}", "description", "Chưa đăng nhập"));
		json_object_set_new(resp, "403", json_pack("{s:s}", "description", "Không có quyền"));
	}
	json_object_set_new(op, "responses", resp);
	if (!(rt->flags & R_ROLES))
		json_object_set_new(op, "security", json_array());
	return op;
}

json_t *api_openapi(void)
{
	json_t *paths = json_object();
	for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++) {
		const struct route *rt = &routes[i];
		json_t *item = json_object_get(paths, rt->path);
		if (!item) {
			item = json_object();
			json_object_set_new(paths, rt->path, item);
		}
		char method[8];
		size_t k = 0;
		for (; rt->method[k] && k < sizeof method - 1; k++)
			method[k] = (char)(rt->method[k] | 0x20);
		method[k] = '\0';
		json_object_set_new(item, method, openapi_operation(rt));
	}
	return json_pack("{s:s, s:{s:s, s:s, s:s}, s:o, s:{s:{s:{s:s, s:s, s:s}, s:{s:s, s:s}}}, s:[{s:[]}, {s:[]}]}",
		"openapi", "3.0.3",
		"info", "title", "chibo API", "version", "1",
		"description", "API quản lý công tác xây dựng Đảng. Xem docs/API.md.",
		"paths", paths,
		"components", "securitySchemes",
		"cookie", "type", "apiKey", "in", "cookie", "name", "chibo_session",
		"bearer", "type", "http", "scheme", "bearer",
		"security", "cookie", "bearer");
}

void api_openapi_get(struct req *r)
{
	api_json(r, 200, api_openapi());
}
