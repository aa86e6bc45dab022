/*
 * model: the records that move between store, domain and api.
 *
 * Plain structs, no behaviour.  String fields are borrowed: whoever fills a
 * struct owns the memory (a request arena, a static table, a parser's
 * buffers) and it must outlive the struct's use.  NULL and "" both mean
 * "not given" for optional text.  Dates are zero (date_is_null) when absent.
 */
#ifndef CHIBO_MODEL_H
#define CHIBO_MODEL_H

#include "core/date.h"

/* Member status codes as stored and sent in JSON. */
#define MEMBER_PROBATIONARY "probationary" /* dự bị */
#define MEMBER_OFFICIAL "official"         /* chính thức */
#define MEMBER_TRANSFERRED "transferred"   /* đã chuyển sinh hoạt đi */
#define MEMBER_DECEASED "deceased"         /* từ trần */
#define MEMBER_REMOVED "removed"           /* xóa tên */
#define MEMBER_EXPELLED "expelled"         /* khai trừ */

/* Org kinds (rows of org_kind; data, these are the seeded codes). */
#define KIND_CENTRAL "central"         /* Trung ương (root of a national tree) */
#define KIND_UPPER "upper"             /* đảng bộ cấp trên cơ sở */
#define KIND_GRASSROOTS "grassroots"   /* đảng bộ cơ sở */
#define KIND_GRASSROOTS_CELL "gcell"   /* chi bộ cơ sở */
#define KIND_SUBCOMMITTEE "subcommittee" /* đảng bộ bộ phận */
#define KIND_CELL "cell"               /* chi bộ trực thuộc */

struct org {
	long long id;
	long long parent_id; /* 0 for a root */
	const char *code;    /* "DUK.CB012" */
	const char *name;
	const char *kind;    /* org_kind.code */
	const char *type;    /* org_type.code or NULL */
	const char *path;    /* "/1/23/" materialised ids, root first */
	int depth;           /* root = 0 */
	struct date founded_on;
	struct date dissolved_on;
	long long version;
};

struct member {
	long long id;
	long long org_id;
	const char *org_code;
	const char *full_name; /* NFC, cleaned */
	const char *surname;   /* họ */
	const char *middle_name; /* chữ đệm, may be "" */
	const char *given_name;  /* tên */
	const char *sex;         /* "male" | "female" */
	struct date birth_date;
	const char *ethnicity;   /* dân tộc */
	const char *religion;    /* tôn giáo */
	const char *hometown;    /* quê quán */
	const char *residence;   /* nơi ở hiện nay */
	const char *education;   /* trình độ chuyên môn */
	const char *theory_level; /* lý luận chính trị */
	const char *position;    /* chức vụ */
	const char *card_no;     /* số thẻ đảng viên, 8 digits, or NULL */
	struct date admitted_on; /* ngày vào Đảng */
	struct date official_on; /* ngày chính thức */
	const char *status;      /* MEMBER_* */
	int exempt;              /* miễn công tác và sinh hoạt */
	long long version;
};

#endif
