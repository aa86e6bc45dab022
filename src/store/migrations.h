/* The schema migrations compiled into the binary (build/gen/migrations.c). */
#ifndef CHIBO_MIGRATIONS_H
#define CHIBO_MIGRATIONS_H

struct migration {
	int version;      /* from the file name: 001_init.sql -> 1 */
	const char *name; /* "001_init" */
	const char *dialect; /* "" for every backend, or "sqlite" / "postgres"
			      * for files named 001_init.sqlite.sql */
	const char *sql;  /* statements separated by ';' at line ends */
};

extern const struct migration migrations[];
extern const int migration_count;

#endif
