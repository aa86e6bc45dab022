/* common: what every subcommand shares -- the database and the system account. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

const char *cli_db_url(const char *flag)
{
	if (flag && *flag)
		return flag;
	const char *env = getenv("CHIBO_DB");
	return env && *env ? env : "sqlite:data/chibo.db";
}

int cli_fail(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("chibo: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	return 1;
}

int cli_open(const char *url, int pool, struct db **out)
{
	struct buf err = BUF_INIT;
	if (db_open(url, pool, out, &err) || store_migrate(*out, &err)) {
		cli_fail("%s", buf_str(&err) ? buf_str(&err) : "không mở được cơ sở dữ liệu");
		buf_free(&err);
		if (*out)
			db_close(*out);
		*out = NULL;
		return -1;
	}
	buf_free(&err);
	return 0;
}

void cli_system_account(struct account *a, struct scope *sc)
{
	memset(a, 0, sizeof *a);
	a->username = "cli";
	a->role = "admin";
	a->org_path = "/";
	sc->org_id = 0;
	sc->path = "/";
	sc->member_id = 0;
}

bool cli_wants_help(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0)
			return true;
	return false;
}
