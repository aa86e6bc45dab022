/* import / export members: the CLI side of api/member_io.c. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static const char import_help[] =
	"Cách dùng: chibo import members [--db URL] --org MÃ [--dry-run] TỆP\n"
	"\n"
	"Nhập đảng viên vào cây con của tổ chức MÃ. Tệp Excel (.xlsx, trang tính đầu tiên)\n"
	"hoặc CSV UTF-8 (có hoặc không BOM),\n"
	"có dòng tiêu đề tiếng Việt (Họ và tên, Giới tính, Ngày sinh, Ngày vào Đảng, ...;\n"
	"không phân biệt hoa thường, dấu và khoảng trắng), ngày dạng dd/mm/yyyy.\n"
	"Tất cả hoặc không: một dòng sai thì không ghi gì và báo dòng, cột, lý do.\n"
	"  --dry-run  chỉ kiểm tra, không ghi\n";

static const char export_help[] =
	"Cách dùng: chibo export members [--db URL] --org MÃ [--format csv|xlsx|json] [-o TỆP]\n"
	"\n"
	"Xuất đảng viên của cây con tổ chức MÃ (mặc định csv ra đầu ra chuẩn).\n"
	"Tệp xuất dùng đúng tiêu đề của tệp nhập, nên có thể nhập lại.\n";

static bool subcommand_is_members(int argc, char **argv, const char *help)
{
	if (argc >= 2 && strcmp(argv[1], "members") == 0)
		return true;
	fputs(help, cli_wants_help(argc, argv) ? stdout : stderr);
	return false;
}

int cmd_import(int argc, char **argv)
{
	if (!subcommand_is_members(argc, argv, import_help))
		return cli_wants_help(argc, argv) ? 0 : 2;
	static const struct option opts[] = {
		{"db", required_argument, 0, 'd'}, {"org", required_argument, 0, 'o'},
		{"dry-run", no_argument, 0, 'n'}, {"help", no_argument, 0, 'h'}, {0, 0, 0, 0},
	};
	const char *db_flag = NULL, *code = NULL;
	bool dry = false;
	int ch;
	optind = 1;
	while ((ch = getopt_long(argc - 1, argv + 1, "h", opts, NULL)) != -1) {
		switch (ch) {
		case 'd': db_flag = optarg; break;
		case 'o': code = optarg; break;
		case 'n': dry = true; break;
		case 'h': fputs(import_help, stdout); return 0;
		default: fputs(import_help, stderr); return 2;
		}
	}
	if (!code)
		return cli_fail("thiếu --org MÃ (tổ chức nhận đảng viên)");
	if (optind != argc - 2)
		return cli_fail("cần đúng một tệp (CSV hoặc XLSX) để nhập");
	const char *path = argv[optind + 1];
	struct buf data = BUF_INIT;
	if (buf_read_file(&data, path)) {
		buf_free(&data);
		return cli_fail("không đọc được tệp %s", path);
	}
	struct cli_ctx x;
	if (cli_begin(&x, db_flag)) {
		buf_free(&data);
		return 1;
	}
	struct import_result res;
	int rc = members_import(x.c, &x.a, &x.who, &x.sc, code, data.p ? data.p : "", data.len,
				    dry, &res);
	if (rc == -2)
		rc = cli_fail("lỗi cơ sở dữ liệu: %s", db_errmsg(x.c));
	else if (rc < 0)
		rc = cli_fail("%s; không có dòng nào được ghi", res.message);
	else {
		char n[32];
		fprintf(stderr, dry ? "Tệp hợp lệ: %s đảng viên sẽ được nhập (chưa ghi gì)\n"
				    : "Đã nhập %s đảng viên\n", cli_num(n, res.imported));
	}
	buf_free(&data);
	cli_end(&x);
	return rc ? 1 : 0;
}

int cmd_export(int argc, char **argv)
{
	if (!subcommand_is_members(argc, argv, export_help))
		return cli_wants_help(argc, argv) ? 0 : 2;
	static const struct option opts[] = {
		{"db", required_argument, 0, 'd'}, {"org", required_argument, 0, 'g'},
		{"format", required_argument, 0, 'f'}, {"output", required_argument, 0, 'o'},
		{"help", no_argument, 0, 'h'}, {0, 0, 0, 0},
	};
	const char *db_flag = NULL, *code = NULL, *format = "csv", *out_path = NULL;
	int ch;
	optind = 1;
	while ((ch = getopt_long(argc - 1, argv + 1, "ho:", opts, NULL)) != -1) {
		switch (ch) {
		case 'd': db_flag = optarg; break;
		case 'g': code = optarg; break;
		case 'f': format = optarg; break;
		case 'o': out_path = optarg; break;
		case 'h': fputs(export_help, stdout); return 0;
		default: fputs(export_help, stderr); return 2;
		}
	}
	if (!code)
		return cli_fail("thiếu --org MÃ");
	if (!members_export_content_type(format))
		return cli_fail("--format phải là csv, xlsx hoặc json");
	struct cli_ctx x;
	if (cli_begin(&x, db_flag))
		return 1;
	struct org_row org;
	struct buf out = BUF_INIT, err = BUF_INIT;
	int rc = 0;
	if (store_org_by_code(x.c, &x.a, &x.sc, code, &org) != STORE_OK)
		rc = cli_fail("không tìm thấy tổ chức %s", code);
	else if (members_export(x.c, &x.sc, &org, format, &out, &err))
		rc = cli_fail("%s", buf_str(&err) ? buf_str(&err) : "lỗi khi xuất");
	if (rc == 0) {
		FILE *f = out_path ? fopen(out_path, "wb") : stdout;
		if (!f || fwrite(out.p ? out.p : "", 1, out.len, f) != out.len)
			rc = cli_fail("không ghi được %s", out_path ? out_path : "đầu ra chuẩn");
		if (f && f != stdout && fclose(f))
			rc = cli_fail("không ghi được %s", out_path);
	}
	buf_free(&out);
	buf_free(&err);
	cli_end(&x);
	return rc ? 1 : 0;
}
