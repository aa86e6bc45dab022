/*
 * main: chibo is one program -- server, command line and report maker.
 * This file only dispatches to the subcommands in cli/.
 */
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

static const char usage[] =
	"chibo — quản lý công tác xây dựng Đảng\n"
	"\n"
	"Cách dùng: chibo LỆNH [TÙY CHỌN]\n"
	"\n"
	"Lệnh:\n"
	"  init            tạo hoặc nâng cấp cơ sở dữ liệu, nạp dữ liệu mẫu (--demo)\n"
	"  serve           chạy máy chủ web và API\n"
	"  user add        thêm tài khoản (mật khẩu đọc từ đầu vào chuẩn)\n"
	"  org list        liệt kê tổ chức đảng\n"
	"  import members  nhập đảng viên từ tệp CSV (tất cả hoặc không)\n"
	"  export members  xuất danh sách đảng viên (csv, xlsx, json)\n"
	"\n"
	"Mỗi lệnh có --help. Cơ sở dữ liệu: --db URL hoặc biến môi trường CHIBO_DB\n"
	"(mặc định sqlite:data/chibo.db).\n";

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "C.UTF-8");
	if (argc < 2 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		fputs(usage, argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	static const struct {
		const char *name;
		int (*fn)(int, char **);
	} cmds[] = {
		{"init", cmd_init}, {"serve", cmd_serve}, {"user", cmd_user},
		{"org", cmd_org}, {"import", cmd_import}, {"export", cmd_export},
	};
	for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
		if (strcmp(argv[1], cmds[i].name) == 0)
			return cmds[i].fn(argc - 1, argv + 1);
	fprintf(stderr, "chibo: lệnh không tồn tại: %s\n\n%s", argv[1], usage);
	return 2;
}
