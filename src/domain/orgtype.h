/*
 * orgtype: the default list of grassroots organisation types (loại hình
 * tổ chức cơ sở đảng).  Seed 000 counts eight; the database keeps them in
 * org_type (data, so a province can rename or add types), and this list is
 * what a new database and the demo generator start from.
 */
#ifndef CHIBO_ORGTYPE_H
#define CHIBO_ORGTYPE_H

enum org_type_id {
	ORG_TYPE_CO_QUAN_DANG,
	ORG_TYPE_CO_QUAN_NHA_NUOC,
	ORG_TYPE_MAT_TRAN_DOAN_THE,
	ORG_TYPE_SU_NGHIEP,
	ORG_TYPE_DN_NHA_NUOC,
	ORG_TYPE_DN_CO_PHAN,
	ORG_TYPE_DN_NGOAI_NHA_NUOC,
	ORG_TYPE_DN_FDI,
	ORG_TYPE_COUNT
};

struct org_type {
	const char *code; /* org_type.code, e.g. "co_quan_dang" */
	const char *name; /* "Cơ quan Đảng" */
	int sort;         /* display order */
};

/* i in [0, ORG_TYPE_COUNT); the row for the enum value i. */
const struct org_type *org_type_at(int i);
/* The default type with this code, or NULL. */
const struct org_type *org_type_find(const char *code);

#endif
