/* auth: sessions, bearer tokens, CSRF and passwords; see auth.h. */
#include "api/auth.h"

#include <pthread.h>
#include <sodium.h>
#include <string.h>

void api_secret_hash(const char *secret, char out[65])
{
	unsigned char h[32];
	crypto_generichash(h, sizeof h, (const unsigned char *)secret, strlen(secret), NULL, 0);
	sodium_bin2hex(out, 65, h, sizeof h);
}

void api_random_hex(char *out, size_t bytes)
{
	unsigned char raw[64];
	if (bytes > sizeof raw)
		bytes = sizeof raw;
	randombytes_buf(raw, bytes);
	sodium_bin2hex(out, bytes * 2 + 1, raw, bytes);
}

void api_account_scope(const struct account *a, struct scope *out)
{
	out->org_id = a->org_id;
	out->path = a->org_path;
	out->member_id = strcmp(a->role, "member") == 0 ? (a->member_id ? a->member_id : -1) : 0;
}

/* The value of one cookie in a Cookie header, copied to the arena. */
static const char *cookie_value(struct req *r, const char *name)
{
	const char *h = req_header(r, "Cookie");
	size_t n = strlen(name);
	for (const char *p = h; p && *p;) {
		while (*p == ' ' || *p == ';')
			p++;
		const char *end = strchr(p, ';');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		if (len > n && strncmp(p, name, n) == 0 && p[n] == '=')
			return arena_strndup(&r->arena, p + n + 1, len - n - 1);
		p = end;
	}
	return NULL;
}

bool api_authenticate(struct req *r)
{
	char hash[65], now[32];
	const char *authz = req_header(r, "Authorization");
	int rc = STORE_NOT_FOUND;
	if (authz && strncmp(authz, "Bearer ", 7) == 0) {
		api_secret_hash(authz + 7, hash);
		rc = store_account_by_token(r->db, &r->arena, hash, &r->account);
	} else {
		const char *token = cookie_value(r, "chibo_session");
		if (token) {
			store_now(now);
			api_secret_hash(token, hash);
			rc = store_account_by_session(r->db, &r->arena, hash, now, &r->account, &r->csrf);
			r->via_cookie = rc == STORE_OK;
			r->session_hash = arena_strdup(&r->arena, hash);
		}
	}
	if (rc == STORE_ERROR) {
		api_internal(r, "xác thực");
		return false;
	}
	if (rc != STORE_OK) {
		api_fail(r, 401, "unauthenticated", NULL, "Chưa đăng nhập hoặc phiên đã hết hạn");
		return false;
	}
	r->authed = true;
	api_account_scope(&r->account, &r->scope);
	return true;
}

bool api_csrf_ok(const struct req *r)
{
	const char *sent = req_header(r, "X-CSRF-Token");
	if (!sent || !r->csrf || strlen(sent) != strlen(r->csrf))
		return false;
	return sodium_memcmp(sent, r->csrf, strlen(sent)) == 0;
}

int auth_password_hash(const char *password, char out[128])
{
	_Static_assert(crypto_pwhash_STRBYTES <= 128, "hash buffer");
	return crypto_pwhash_str(out, password, strlen(password),
				 crypto_pwhash_OPSLIMIT_INTERACTIVE,
				 crypto_pwhash_MEMLIMIT_INTERACTIVE);
}

bool auth_password_verify(const char *hash, const char *password)
{
	return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

static char dummy_hash[128];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void make_dummy_hash(void)
{
	char pw[33];
	api_random_hex(pw, 16);
	auth_password_hash(pw, dummy_hash);
}

const char *auth_dummy_hash(void)
{
	pthread_once(&dummy_once, make_dummy_hash);
	return dummy_hash;
}
