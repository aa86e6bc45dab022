/* account: rules for accounts; see account.h. */
#include "domain/account.h"

#include <string.h>

static const struct {
	const char *code, *label;
} roles[] = {
	{"admin", "Quản trị hệ thống"},
	{"officer", "Cán bộ tổ chức"},
	{"secretary", "Bí thư chi bộ"},
	{"inspector", "Ủy viên kiểm tra"},
	{"member", "Đảng viên"},
};

/* Characters, not bytes: "ậậậ" is three characters in nine bytes. */
static size_t utf8_chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

bool account_username_valid(const char *u)
{
	size_t n = u ? strlen(u) : 0;
	if (n < 3 || n > 64)
		return false;
	for (; *u; u++)
		if (!((*u >= 'a' && *u <= 'z') || (*u >= '0' && *u <= '9') || strchr("._-", *u)))
			return false;
	return true;
}

const char *account_role_label(const char *role)
{
	for (size_t i = 0; role && i < sizeof roles / sizeof roles[0]; i++)
		if (strcmp(roles[i].code, role) == 0)
			return roles[i].label;
	return NULL;
}

bool account_role_valid(const char *role)
{
	return account_role_label(role) != NULL;
}

bool account_role_may_grant(const char *granter, const char *role)
{
	if (!granter || !account_role_valid(role))
		return false;
	if (strcmp(granter, "admin") == 0)
		return true;
	return strcmp(granter, "officer") == 0 && strcmp(role, "admin") != 0;
}

int account_validate(const char *username, const char *role, const char *password,
		     long long member_id, struct field_errors *out)
{
	if (!account_username_valid(username))
		field_errors_add(out, "username",
			"Tên đăng nhập phải có từ 3 đến 64 ký tự: chữ thường không dấu, số, dấu chấm, gạch ngang, gạch dưới");
	if (!account_role_valid(role))
		field_errors_add(out, "role",
			"Vai trò phải là admin, officer, secretary, inspector hoặc member");
	if (password && (utf8_chars(password) < PASSWORD_MIN || utf8_chars(password) > PASSWORD_MAX))
		field_errors_add(out, "password", "Mật khẩu phải có từ %d đến %d ký tự",
				 PASSWORD_MIN, PASSWORD_MAX);
	if (role && strcmp(role, "member") == 0 && member_id <= 0)
		field_errors_add(out, "member_id", "Tài khoản đảng viên phải gắn với một hồ sơ đảng viên");
	return out->n;
}
