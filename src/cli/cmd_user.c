/* user: adds an account; the password is read from standard input. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/auth.h"
#include "cli/cli.h"
#include "domain/account.h"

static const char help[] =
	"Cách dùng: printf 'MẬT_KHẨU\\n' | chibo user add [--db URL] --username TÊN\n"
	"                 --role admin|officer|secretary|inspector|member --org MÃ\n"
	"                 [--member-id ID]\n"
	"\n"
	"Thêm tài khoản phạm vi cây con của tổ chức MÃ. Mật khẩu (ít nhất 8 ký tự)\n"
	"đọc từ dòng đầu của đầu vào chuẩn. Vai trò member cần --member-id.\n";

int cmd_user(int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "add") != 0) {
		bool h = cli_wants_help(argc, argv);
		fputs(help, h ? stdout : stderr);
		return h ? 0 : 2;
	}
	static const struct option opts[] = {
		{"db", required_argument, 0, 'd'}, {"username", required_argument, 0, 'u'},
		{"role", required_argument, 0, 'r'}, {"org", required_argument, 0, 'o'},
		{"member-id", required_argument, 0, 'm'}, {"help", no_argument, 0, 'h'},
		{0, 0, 0, 0},
	};
	const char *db_flag = NULL, *username = NULL, *role = NULL, *code = NULL;
	long long member_id = 0;
	int ch;
	optind = 1;
	while ((ch = getopt_long(argc - 1, argv + 1, "h", opts, NULL)) != -1) {
		switch (ch) {
		case 'd': db_flag = optarg; break;
		case 'u': username = optarg; break;
		case 'r': role = optarg; break;
		case 'o': code = optarg; break;
		case 'm': member_id = atoll(optarg); break;
		case 'h': fputs(help, stdout); return 0;
		default: fputs(help, stderr); return 2;
		}
	}
	if (!code)
		return cli_fail("thiếu --org MÃ (tổ chức gốc của phạm vi tài khoản)");
	char password[512];
	if (!fgets(password, sizeof password, stdin))
		return cli_fail("không đọc được mật khẩu từ đầu vào chuẩn");
	password[strcspn(password, "\r\n")] = '\0';
	struct field_errors fe = {0};
	if (account_validate(username, role, password, member_id, &fe))
		return cli_fail("%s", fe.e[0].message);
	char hash[128];
	if (auth_password_hash(password, hash))
		return cli_fail("không băm được mật khẩu (thiếu bộ nhớ?)");

	struct cli_ctx x;
	if (cli_begin(&x, db_flag))
		return 1;
	struct dbconn *c = x.c;
	struct org_row org;
	int rc = 0;
	long long id = 0;
	db_begin(c);
	if (store_org_by_code(c, &x.a, &x.sc, code, &org) != STORE_OK) {
		rc = cli_fail("không tìm thấy tổ chức %s", code);
	} else {
		int s = store_account_insert(c, username, hash, role, org.o.id, member_id, &id);
		if (s == STORE_CONFLICT)
			rc = cli_fail("tài khoản %s đã có (hoặc đảng viên %lld không tồn tại)", username, member_id);
		else if (s != STORE_OK)
			rc = cli_fail("%s", db_errmsg(c));
	}
	if (rc == 0) {
		json_t *j = json_pack("{s:s, s:s, s:s}", "org", org.o.code, "role", role,
				      "username", username);
		char *after = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);
		json_decref(j);
		struct audit_entry e = {.username = x.who.username, .action = "create",
					.object_type = "account", .object_id = id,
					.org_path = org.o.path, .after = after};
		store_audit_append(c, &e);
		free(after);
		if (db_commit(c))
			rc = cli_fail("%s", db_errmsg(c));
		else
			fprintf(stderr, "Đã thêm tài khoản %s (%s, phạm vi %s)\n", username, role, org.o.name);
	}
	db_rollback(c);
	cli_end(&x);
	return rc ? 1 : 0;
}
