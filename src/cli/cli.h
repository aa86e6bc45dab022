/*
 * cli: the subcommands of the chibo program (DESIGN.md §3).  Each command
 * parses its own options, prints Vietnamese --help, and returns the exit
 * status: 0 success, 1 failure (message on stderr), 2 usage error.
 */
#ifndef CHIBO_CLI_H
#define CHIBO_CLI_H

#include <stdbool.h>

#include "api/api.h"

int cmd_init(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_org(int argc, char **argv);

/* What a command that works on the database holds: the database, one
 * connection, an arena, and the system account and scope it acts as. */
struct cli_ctx {
	struct db *db;
	struct dbconn *c;
	struct arena a;
	struct account who;
	struct scope sc;
};
/* Opens (and migrates) the database named by --db or the environment;
 * prints the error and returns -1. */
int cli_begin(struct cli_ctx *x, const char *db_flag);
void cli_end(struct cli_ctx *x);

/* The database URL: --db, else $CHIBO_DB, else sqlite:data/chibo.db. */
const char *cli_db_url(const char *flag);
/* Opens and migrates the database; prints the error and returns -1. */
int cli_open(const char *url, int pool, struct db **out);
/* The account the CLI acts as (audited as "cli"), scoped to everything. */
void cli_system_account(struct account *a, struct scope *sc);
/* Prints msg to stderr prefixed with "chibo: " and returns 1. */
int cli_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* n in Vietnamese form ("7.595") written into out. */
const char *cli_num(char out[32], long long n);
/* True when argv holds -h or --help. */
bool cli_wants_help(int argc, char **argv);

#endif
