/*
 * init: creates or upgrades the database and, on request, loads the
 * deterministic demo organisation.  A new database gets the default
 * grassroots types and a root org, so it is usable at once.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "domain/demo.h"
#include "domain/orgtype.h"

static const char help[] =
	"Cách dùng: chibo init [--db URL] [--demo bloc|province|national|N]\n"
	"                      [--root-code MÃ] [--root-name TÊN]\n"
	"\n"
	"Tạo cơ sở dữ liệu (hoặc nâng cấp lược đồ nếu đã có).\n"
	"  --demo bloc      nạp Đảng bộ Khối mẫu: 94 tổ chức cơ sở đảng, 7.595 đảng viên\n"
	"  --demo province  nạp một tỉnh mẫu khoảng 60.000 đảng viên\n"
	"  --demo national  nạp toàn quốc mẫu khoảng 6.000.000 đảng viên\n"
	"  --demo N         nạp N đảng viên (cây tổ chức co giãn theo N)\n"
	"  --root-code, --root-name  tổ chức gốc khi không nạp dữ liệu mẫu\n"
	"                   (mặc định ROOT, \"Đảng bộ\")\n"
	"Dữ liệu mẫu chỉ được nạp vào cơ sở dữ liệu chưa có tổ chức nào.\n";

/* Generator ids are 1, 2, 3... in emission order; the database assigns
 * its own, so ids are mapped as orgs arrive. */
struct loader {
	struct dbconn *c;
	struct arena a;
	long long *ids;
	size_t nids, cap;
	long long members;
	time_t started;
};

static long long mapped(struct loader *l, long long gen_id)
{
	return gen_id > 0 && (size_t)gen_id <= l->nids ? l->ids[gen_id - 1] : 0;
}

static int load_org(void *ctx, const struct org *o, const char *const *covers)
{
	struct loader *l = ctx;
	struct org copy = *o;
	copy.parent_id = mapped(l, o->parent_id);
	if (store_org_insert(l->c, &l->a, &copy, covers) != STORE_OK)
		return -1;
	if (l->nids == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 1024;
		long long *ids = realloc(l->ids, sizeof *ids * l->cap);
		if (!ids)
			return -1;
		l->ids = ids;
	}
	l->ids[l->nids++] = copy.id;
	arena_free(&l->a);
	return 0;
}

static int load_member(void *ctx, const struct member *m)
{
	struct loader *l = ctx;
	struct member copy = *m;
	copy.org_id = mapped(l, m->org_id);
	if (store_member_insert(l->c, &copy, false) != STORE_OK)
		return -1;
	char n[32];
	if (++l->members % 500000 == 0)
		fprintf(stderr, "  %s đảng viên (%ld giây)\n", cli_num(n, l->members),
			(long)(time(NULL) - l->started));
	return 0;
}

static long long demo_size(const char *arg)
{
	if (strcmp(arg, "bloc") == 0)
		return 7595;
	if (strcmp(arg, "province") == 0)
		return 60137; /* seed 002's province */
	if (strcmp(arg, "national") == 0)
		return 6000000;
	char *end;
	long long n = strtoll(arg, &end, 10);
	return *end || n < 1 || n > 20000000 ? -1 : n;
}

static long long org_count(struct dbconn *c)
{
	struct dbstmt *st = db_query(c, "SELECT count(*) FROM org", "");
	long long n = db_step(st) == DB_ROW ? db_col_int(st, 0) : -1;
	db_done(st);
	return n;
}

static void seed_types(struct dbconn *c)
{
	struct arena a = ARENA_INIT;
	const char **codes, **names;
	int n = 0;
	store_org_types(c, &a, &codes, &names, &n);
	for (int i = 0; n == 0 && i < ORG_TYPE_COUNT; i++)
		store_org_type_insert(c, org_type_at(i)->code, org_type_at(i)->name, org_type_at(i)->sort);
	arena_free(&a);
}

static void audit_init(struct dbconn *c, const char *what)
{
	struct account who;
	struct scope sc;
	cli_system_account(&who, &sc);
	struct audit_entry e = {.username = who.username, .action = what, .object_type = "database",
				.org_path = "/"};
	store_audit_append(c, &e);
}

int cmd_init(int argc, char **argv)
{
	static const struct option opts[] = {
		{"db", required_argument, 0, 'd'}, {"demo", required_argument, 0, 'm'},
		{"root-code", required_argument, 0, 'c'}, {"root-name", required_argument, 0, 'n'},
		{"help", no_argument, 0, 'h'}, {0, 0, 0, 0},
	};
	const char *db_flag = NULL, *demo = NULL, *root_code = "ROOT", *root_name = "Đảng bộ";
	int ch;
	while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (ch) {
		case 'd': db_flag = optarg; break;
		case 'm': demo = optarg; break;
		case 'c': root_code = optarg; break;
		case 'n': root_name = optarg; break;
		case 'h': fputs(help, stdout); return 0;
		default: fputs(help, stderr); return 2;
		}
	}
	long long n = demo ? demo_size(demo) : 0;
	if (n < 0)
		return cli_fail("--demo phải là bloc, province, national hoặc một số đảng viên (1..20.000.000)");
	struct db *db;
	if (cli_open(cli_db_url(db_flag), 1, &db))
		return 1;
	struct dbconn *c = db_acquire(db);
	int rc = 0;
	long long existing = org_count(c);
	db_begin(c);
	seed_types(c);
	struct loader l = {.c = c, .started = time(NULL)};
	if (existing == 0 && demo) {
		struct demo_sink sink = {.ctx = &l, .org = load_org, .member = load_member};
		rc = demo_generate(n, date_today(), &sink);
		if (rc == 0)
			rc = store_tally_rebuild(c);
		audit_init(c, "demo");
	} else if (existing == 0) {
		struct org root = {.code = root_code, .name = root_name, .kind = KIND_UPPER};
		rc = store_org_insert(c, &l.a, &root, NULL);
		audit_init(c, "init");
	} else if (demo) {
		char num[32];
		fprintf(stderr, "chibo: cơ sở dữ liệu đã có %s tổ chức; không nạp dữ liệu mẫu\n",
			cli_num(num, existing));
	}
	if (rc || db_commit(c)) {
		rc = cli_fail("không khởi tạo được cơ sở dữ liệu: %s", db_errmsg(c));
		db_rollback(c);
	} else if (existing == 0) {
		char no[32], nm[32];
		fprintf(stderr, "Đã tạo cơ sở dữ liệu: %s tổ chức, %s hồ sơ đảng viên (%ld giây)\n",
			cli_num(no, l.nids ? (long long)l.nids : 1), cli_num(nm, l.members),
			(long)(time(NULL) - l.started));
	}
	free(l.ids);
	arena_free(&l.a);
	db_release(db, c);
	db_close(db);
	return rc ? 1 : 0;
}
