/* serve: runs the web server on the database. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "http/server.h"

static const char help[] =
	"Cách dùng: chibo serve [--db URL] [--listen ĐỊA_CHỈ:CỔNG] [--threads N]\n"
	"                       [--web THƯ_MỤC] [--secure-cookies]\n"
	"\n"
	"Chạy máy chủ web và API (mặc định http://127.0.0.1:8080, 4 luồng).\n"
	"  --web             thư mục giao diện đã dựng (mặc định web/dist)\n"
	"  --secure-cookies  đặt cờ Secure cho cookie (khi chạy sau HTTPS)\n"
	"Dừng bằng Ctrl+C hoặc SIGTERM.\n";

int cmd_serve(int argc, char **argv)
{
	static const struct option opts[] = {
		{"db", required_argument, 0, 'd'}, {"listen", required_argument, 0, 'l'},
		{"threads", required_argument, 0, 't'}, {"web", required_argument, 0, 'w'},
		{"secure-cookies", no_argument, 0, 's'}, {"help", no_argument, 0, 'h'},
		{0, 0, 0, 0},
	};
	const char *db_flag = NULL;
	struct server_options so = {.listen = "127.0.0.1:8080", .threads = 4};
	struct app app = {
		.web_root = "web/dist",
		.body_limit = 1 << 20,
		.upload_limit = 64 << 20,
		.session_hours = 12,
	};
	int ch;
	while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (ch) {
		case 'd': db_flag = optarg; break;
		case 'l': so.listen = optarg; break;
		case 't':
			so.threads = atoi(optarg);
			if (so.threads < 1 || so.threads > 256)
				return cli_fail("--threads phải từ 1 đến 256");
			break;
		case 'w': app.web_root = optarg; break;
		case 's': app.secure_cookies = true; break;
		case 'h': fputs(help, stdout); return 0;
		default: fputs(help, stderr); return 2;
		}
	}
	/* One connection per server thread, plus one spare. */
	if (cli_open(cli_db_url(db_flag), so.threads + 1, &app.db))
		return 1;
	struct buf err = BUF_INIT;
	int rc = server_run(&app, &so, &err);
	if (rc)
		cli_fail("%s", buf_str(&err) ? buf_str(&err) : "lỗi máy chủ");
	buf_free(&err);
	db_close(app.db);
	return rc ? 1 : 0;
}
