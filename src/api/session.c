/*
 * session: logging in and out.  A failed login is recorded in the database
 * (not in memory) so the limit holds across several servers; five failures
 * for a username, or twenty from one address, in 15 minutes answer 429.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "api/api.h"
#include "api/auth.h"
#include "api/routes.h"

enum { LOGIN_WINDOW_S = 15 * 60, LOGIN_MAX_PER_USER = 5, LOGIN_MAX_PER_ADDRESS = 20 };

static void iso_at(time_t t, char out[32])
{
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static json_t *session_body(const struct req *r, const char *csrf)
{
	return json_pack("{s:o, s:o}", "account", account_to_json(&r->account),
			 "csrf_token", json_str_or_null(csrf));
}

void api_session_create(struct req *r)
{
	json_t *b = req_json_body(r);
	if (!b)
		return;
	const char *username = json_string_value(json_object_get(b, "username"));
	const char *password = json_string_value(json_object_get(b, "password"));
	if (!username || !*username) {
		api_fail(r, 422, "validation", "username", "Hãy nhập tên đăng nhập");
		return;
	}
	if (!password || !*password) {
		api_fail(r, 422, "validation", "password", "Hãy nhập mật khẩu");
		return;
	}
	char now[32], since[32];
	time_t t = time(NULL);
	iso_at(t, now);
	iso_at(t - LOGIN_WINDOW_S, since);
	long long by_user = 0, by_addr = 0;
	if (store_login_failures(r->db, username, r->client_addr, since, &by_user, &by_addr)) {
		api_internal(r, "đếm lần đăng nhập sai");
		return;
	}
	if (by_user >= LOGIN_MAX_PER_USER || by_addr >= LOGIN_MAX_PER_ADDRESS) {
		api_header(r, "Retry-After", "900");
		api_fail(r, 429, "rate_limited", NULL,
			 "Đăng nhập sai quá nhiều lần; hãy thử lại sau 15 phút");
		return;
	}
	int rc = store_account_by_username(r->db, &r->arena, username, &r->account);
	if (rc == STORE_ERROR) {
		api_internal(r, "tìm tài khoản");
		return;
	}
	/* Verify against a dummy hash when the user does not exist, so the
	 * answer takes as long either way and names cannot be probed. */
	bool ok = auth_password_verify(rc == STORE_OK ? r->account.password_hash
						      : auth_dummy_hash(), password);
	if (rc != STORE_OK || !ok) {
		store_login_failure_add(r->db, username, r->client_addr, now, since);
		api_fail(r, 401, "unauthenticated", NULL, "Tên đăng nhập hoặc mật khẩu không đúng");
		return;
	}
	char token[65], csrf[65], hash[65], expires[32];
	api_random_hex(token, 32);
	api_random_hex(csrf, 32);
	api_secret_hash(token, hash);
	iso_at(t + (time_t)r->app->session_hours * 3600, expires);
	db_begin(r->db);
	store_login_failures_clear(r->db, username);
	store_session_insert(r->db, hash, r->account.id, csrf, now, expires);
	api_audit(r, "login", "session", r->account.id, r->account.org_path, NULL, NULL);
	if (db_commit(r->db)) {
		api_internal(r, "tạo phiên");
		return;
	}
	char *cookie = arena_printf(&r->arena,
		"chibo_session=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%d%s", token,
		r->app->session_hours * 3600, r->app->secure_cookies ? "; Secure" : "");
	api_header(r, "Set-Cookie", cookie);
	r->authed = true;
	api_json(r, 200, session_body(r, csrf));
}

void api_session_get(struct req *r)
{
	api_json(r, 200, session_body(r, r->via_cookie ? r->csrf : NULL));
}

void api_session_delete(struct req *r)
{
	if (r->session_hash)
		store_session_delete(r->db, r->session_hash);
	api_audit(r, "logout", "session", r->account.id, r->account.org_path, NULL, NULL);
	api_header(r, "Set-Cookie", "chibo_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
	api_raw(r, 204, NULL, NULL, 0, NULL);
}

void api_tokens_create(struct req *r)
{
	json_t *b = req_json_body(r);
	if (!b)
		return;
	const char *name = json_str_field(r, b, "name", true);
	if (!name)
		return;
	if (!*name || strlen(name) > 100) {
		api_fail(r, 422, "validation", "name", "Tên mã truy cập phải có từ 1 đến 100 ký tự");
		return;
	}
	char secret[65], hash[65];
	api_random_hex(secret, 32);
	char *token = arena_printf(&r->arena, "chibo_%s", secret);
	api_secret_hash(token, hash);
	long long id = 0;
	if (!api_store_ok(r, store_token_insert(r->db, r->account.id, name, hash, &id), "mã truy cập"))
		return;
	api_audit(r, "create", "token", id, r->account.org_path, NULL,
		  json_pack("{s:s}", "name", name));
	api_json(r, 201, json_pack("{s:I, s:s, s:s}", "id", (json_int_t)id, "name", name,
				   "token", token));
}
