/* org: lists the organisation tree (CODE, name, kind; tab-separated). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static const char help[] =
	"Cách dùng: chibo org list [--db URL] [--depth N] [--org MÃ]\n"
	"\n"
	"In mỗi tổ chức một dòng: MÃ<TAB>TÊN<TAB>LOẠI<TAB>SỐ ĐẢNG VIÊN.\n"
	"  --depth N  chỉ in N cấp đầu (1 = tổ chức gốc)\n"
	"  --org MÃ   chỉ in cây con của tổ chức này\n";

static int print_org(void *ctx, const struct org_row *o)
{
	(void)ctx;
	printf("%s\t%s\t%s\t%lld\n", o->o.code, o->o.name, o->o.kind, o->member_count);
	return 0;
}

int cmd_org(int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "list") != 0) {
		if (cli_wants_help(argc, argv)) {
			fputs(help, stdout);
			return 0;
		}
		fputs(help, stderr);
		return 2;
	}
	static const struct option opts[] = {
		{"db", required_argument, 0, 'd'}, {"depth", required_argument, 0, 'n'},
		{"org", required_argument, 0, 'o'}, {"help", no_argument, 0, 'h'}, {0, 0, 0, 0},
	};
	const char *db_flag = NULL, *code = NULL;
	int depth = -1, ch;
	optind = 1;
	while ((ch = getopt_long(argc - 1, argv + 1, "h", opts, NULL)) != -1) {
		switch (ch) {
		case 'd': db_flag = optarg; break;
		case 'n': depth = atoi(optarg); break;
		case 'o': code = optarg; break;
		case 'h': fputs(help, stdout); return 0;
		default: fputs(help, stderr); return 2;
		}
	}
	struct cli_ctx x;
	if (cli_begin(&x, db_flag))
		return 1;
	int rc = 0;
	struct org_row root;
	if (code) {
		rc = store_org_by_code(x.c, &x.a, &x.sc, code, &root);
		if (rc == STORE_OK) {
			x.sc.path = root.o.path;
			if (depth > 0)
				depth += root.o.depth;
		} else {
			rc = cli_fail("không tìm thấy tổ chức %s", code);
		}
	}
	if (rc == 0 && store_org_each(x.c, &x.a, &x.sc, depth, print_org, NULL) != 0)
		rc = cli_fail("%s", db_errmsg(x.c));
	cli_end(&x);
	return rc ? 1 : 0;
}
