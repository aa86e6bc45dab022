/* common: what every subcommand shares -- the database and the system account. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/fmt.h"

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

int cli_begin(struct cli_ctx *x, const char *db_flag)
{
	memset(x, 0, sizeof *x);
	if (cli_open(cli_db_url(db_flag), 1, &x->db))
		return -1;
	x->c = db_acquire(x->db);
	cli_system_account(&x->who, &x->sc);
	return 0;
}

void cli_end(struct cli_ctx *x)
{
	arena_free(&x->a);
	if (x->db) {
		db_release(x->db, x->c);
		db_close(x->db);
	}
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

const char *cli_num(char out[32], long long n)
{
	struct buf b = BUF_INIT;
	fmt_int(&b, n);
	snprintf(out, 32, "%s", buf_str(&b) ? buf_str(&b) : "?");
	buf_free(&b);
	return out;
}

bool cli_wants_help(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0)
			return true;
	return false;
}
