/*
 * accounts: managing accounts from the web -- list, create, change role,
 * lock/unlock, reset a password.  Nobody grants a role above their own
 * (domain/account.c), and nobody locks or demotes themselves.
 */
#include <string.h>

#include "api/api.h"
#include "api/auth.h"
#include "api/routes.h"
#include "domain/account.h"

static json_t *account_full(const struct account *a)
{
	json_t *j = account_to_json(a);
	json_object_set_new(j, "role_name", json_str_or_null(account_role_label(a->role)));
	json_object_set_new(j, "active", json_boolean(a->active));
	json_object_set_new(j, "created_at", json_str_or_null(a->created_at));
	json_object_set_new(j, "version", json_integer(a->version));
	return j;
}

void api_accounts_list(struct req *r)
{
	struct account *items;
	int n;
	if (!api_store_ok(r, store_account_list(r->db, &r->arena, &r->scope, &items, &n), "tài khoản"))
		return;
	json_t *a = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(a, account_full(&items[i]));
	api_json(r, 200, json_pack("{s:o, s:n}", "items", a, "next"));
}

static bool load_account(struct req *r, struct account *a)
{
	long long id = req_param_id(r, 0);
	if (!id) {
		api_fail(r, 404, "not_found", NULL, "Không tìm thấy tài khoản");
		return false;
	}
	return api_store_ok(r, store_account_get(r->db, &r->arena, &r->scope, id, a), "tài khoản");
}

void api_accounts_get(struct req *r)
{
	struct account a;
	if (load_account(r, &a))
		api_json(r, 200, account_full(&a));
}

static bool may_grant_or_fail(struct req *r, const char *role)
{
	if (account_role_may_grant(r->account.role, role))
		return true;
	api_fail(r, 403, "forbidden", "role", "Không được cấp hoặc sửa tài khoản có vai trò %s",
		 account_role_label(role) ? account_role_label(role) : role);
	return false;
}

void api_accounts_create(struct req *r)
{
	json_t *b = req_json_body(r);
	if (!b)
		return;
	const char *username = json_string_value(json_object_get(b, "username"));
	const char *password = json_string_value(json_object_get(b, "password"));
	const char *role = json_string_value(json_object_get(b, "role"));
	json_t *org_id = json_object_get(b, "org_id"), *member_id = json_object_get(b, "member_id");
	long long mid = json_is_integer(member_id) ? json_integer_value(member_id) : 0;
	struct field_errors fe = {0};
	account_validate(username, role, password ? password : "", mid, &fe);
	if (!json_is_integer(org_id))
		field_errors_add(&fe, "org_id", "Hãy chọn tổ chức (phạm vi của tài khoản)");
	if (fe.n) {
		api_fail_fields(r, &fe);
		return;
	}
	if (!may_grant_or_fail(r, role))
		return;
	struct org_row org;
	if (!api_store_ok(r, store_org_get(r->db, &r->arena, &r->scope, json_integer_value(org_id), &org),
			  "tổ chức"))
		return;
	if (!date_is_null(org.o.dissolved_on)) {
		api_fail(r, 422, "validation", "org_id", "Tổ chức %s đã giải thể", org.o.name);
		return;
	}
	if (mid) {
		/* A member account sees only its own record, which must lie in
		 * the account's org. */
		struct scope in_org = {.org_id = org.o.id, .path = org.o.path};
		struct member_row m;
		int rc = store_member_get(r->db, &r->arena, &in_org, mid, &m);
		if (rc != STORE_OK) {
			if (rc == STORE_ERROR)
				api_internal(r, "tìm đảng viên");
			else
				api_fail(r, 422, "validation", "member_id",
					 "Không có đảng viên này trong %s", org.o.name);
			return;
		}
	}
	char hash[128];
	if (auth_password_hash(password, hash)) {
		api_internal(r, "băm mật khẩu");
		return;
	}
	long long id = 0;
	int rc = store_account_insert(r->db, username, hash, role, org.o.id, mid, &id);
	if (rc == STORE_CONFLICT) {
		api_fail(r, 409, "conflict", "username", "Tên đăng nhập %s đã được dùng", username);
		return;
	}
	struct account made;
	if (!api_store_ok(r, rc, "tài khoản") ||
	    !api_store_ok(r, store_account_get(r->db, &r->arena, &r->scope, id, &made), "tài khoản"))
		return;
	api_audit(r, "create", "account", id, org.o.path, NULL, account_full(&made));
	api_json(r, 201, account_full(&made));
}

void api_accounts_update(struct req *r)
{
	json_t *b = req_json_body(r);
	struct account cur;
	if (!b || !load_account(r, &cur))
		return;
	if (!api_version_ok(r, b, cur.version, "Tài khoản"))
		return;
	struct account a = cur;
	json_t *role = json_object_get(b, "role"), *active = json_object_get(b, "active");
	json_t *pw = json_object_get(b, "password");
	const char *password = json_string_value(pw);
	struct field_errors fe = {0};
	if (active && !json_is_boolean(active))
		field_errors_add(&fe, "active", "Trạng thái phải là true (hoạt động) hoặc false (khóa)");
	if (pw && !json_is_string(pw))
		field_errors_add(&fe, "password", "Mật khẩu phải là chuỗi ký tự");
	if (role)
		a.role = json_string_value(role);
	if (active)
		a.active = json_is_true(active);
	account_validate(a.username, a.role, password, a.member_id, &fe);
	if (fe.n) {
		api_fail_fields(r, &fe);
		return;
	}
	if (!may_grant_or_fail(r, cur.role) || !may_grant_or_fail(r, a.role))
		return;
	if (!password && a.active == cur.active && strcmp(a.role, cur.role) == 0) {
		api_json(r, 200, account_full(&cur)); /* nothing to change, nothing to record */
		return;
	}
	if (a.id == r->account.id && (!a.active || strcmp(a.role, cur.role) != 0)) {
		api_fail(r, 403, "forbidden", NULL, "Không thể tự khóa hoặc đổi vai trò tài khoản của mình");
		return;
	}
	char hash[128];
	if (password && auth_password_hash(password, hash)) {
		api_internal(r, "băm mật khẩu");
		return;
	}
	if (!api_store_ok(r, store_account_update(r->db, &r->scope, &a, password ? hash : NULL), "Tài khoản"))
		return;
	struct account after;
	if (!api_store_ok(r, store_account_get(r->db, &r->arena, &r->scope, a.id, &after), "tài khoản"))
		return;
	json_t *after_json = account_full(&after);
	if (password) /* the audit says that it changed, never what to */
		json_object_set_new(after_json, "password_changed", json_true());
	api_audit(r, "update", "account", a.id, after.org_path, account_full(&cur), after_json);
	api_json(r, 200, account_full(&after));
}
