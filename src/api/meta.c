/* meta: reference lists the UI needs (kinds, types, statuses) and /healthz. */
#include "api/api.h"
#include "api/routes.h"
#include "domain/member.h"

static json_t *code_names(const char **codes, const char **names, int n)
{
	json_t *a = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:s, s:s}", "code", codes[i], "name", names[i]));
	return a;
}

void api_meta_get(struct req *r)
{
	const char **kc, **kn, **tc, **tn;
	int nk, nt;
	if (store_org_kinds(r->db, &r->arena, &kc, &kn, &nk) ||
	    store_org_types(r->db, &r->arena, &tc, &tn, &nt)) {
		api_internal(r, "danh mục");
		return;
	}
	const char *sn[6];
	for (int i = 0; i < 6; i++)
		sn[i] = member_status_label(member_statuses[i]);
	const char *sexes[2] = {"male", "female"};
	const char *band_codes[AGE_BANDS], *band_names[AGE_BANDS];
	for (int i = 0; i < AGE_BANDS; i++) {
		band_codes[i] = age_bands[i].code;
		band_names[i] = age_bands[i].name;
	}
	const char *sex_names[2] = {member_sex_label("male"), member_sex_label("female")};
	api_json(r, 200, json_pack("{s:o, s:o, s:o, s:o, s:o}",
		"org_kinds", code_names(kc, kn, nk),
		"org_types", code_names(tc, tn, nt),
		"member_statuses", code_names((const char **)member_statuses, sn, 6),
		"sexes", code_names(sexes, sex_names, 2),
		"age_bands", code_names(band_codes, band_names, AGE_BANDS)));
}

void api_health(struct req *r)
{
	struct dbstmt *st = db_query(r->db, "SELECT 1", "");
	int rc = db_step(st);
	db_done(st);
	if (rc != DB_ROW) {
		api_fail(r, 503, "unavailable", NULL, "Cơ sở dữ liệu không trả lời");
		return;
	}
	api_json(r, 200, json_pack("{s:s}", "status", "ok"));
}
