/* org: rules of the organisation tree; see org.h. */
#include "domain/org.h"

#include <string.h>

#include "core/date.h"

bool org_code_valid(const char *code)
{
	size_t n = code ? strlen(code) : 0;
	if (n < 2 || n > 40)
		return false;
	bool part_empty = true;
	for (const char *p = code; *p; p++) {
		if (*p == '.') {
			if (part_empty)
				return false;
			part_empty = true;
		} else if ((*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')) {
			part_empty = false;
		} else {
			return false;
		}
	}
	return !part_empty;
}

/* Which kinds may hang under which.  "upper" covers every level above the
 * grassroots (province, commune/ward committee, bloc), so a tree may have
 * any number of upper tiers, as the 2025 reform and earlier data need. */
static const struct {
	const char *kind;
	const char *parents; /* space-separated kinds; "" = may be a root */
} kind_parents[] = {
	{KIND_CENTRAL, ""},
	{KIND_UPPER, " central upper "},
	{KIND_GRASSROOTS, " central upper "},
	{KIND_GRASSROOTS_CELL, " central upper "},
	{KIND_SUBCOMMITTEE, " grassroots "},
	{KIND_CELL, " grassroots subcommittee "},
};

bool org_kind_allowed_under(const char *kind, const char *parent_kind)
{
	for (size_t i = 0; i < sizeof kind_parents / sizeof kind_parents[0]; i++) {
		if (strcmp(kind_parents[i].kind, kind) != 0)
			continue;
		if (!parent_kind)
			return strcmp(kind, KIND_CENTRAL) == 0 || strcmp(kind, KIND_UPPER) == 0;
		char needle[40];
		size_t n = strlen(parent_kind);
		if (n + 3 > sizeof needle)
			return false;
		needle[0] = ' ';
		memcpy(needle + 1, parent_kind, n);
		needle[n + 1] = ' ';
		needle[n + 2] = '\0';
		return strstr(kind_parents[i].parents, needle) != NULL;
	}
	return false;
}

bool org_move_allowed(const char *org_path, const char *new_parent_path)
{
	return strncmp(new_parent_path, org_path, strlen(org_path)) != 0;
}

int org_validate(const struct org *o, const struct org *parent, struct date today,
		 struct field_errors *out)
{
	if (!org_code_valid(o->code))
		field_errors_add(out, "code",
			"Mã tổ chức phải gồm chữ in hoa không dấu và số, các phần cách nhau bằng dấu chấm (ví dụ DUK.CB01), từ 2 đến 40 ký tự");
	size_t nlen = o->name ? strlen(o->name) : 0;
	if (nlen == 0)
		field_errors_add(out, "name", "Tên tổ chức không được để trống");
	else if (nlen > 300)
		field_errors_add(out, "name", "Tên tổ chức quá dài (tối đa 300 byte)");
	if (!o->kind || !org_kind_allowed_under(o->kind, parent ? parent->kind : NULL))
		field_errors_add(out, "kind", "Loại tổ chức này không thể trực thuộc tổ chức cấp trên đã chọn");
	bool grassroots = o->kind && (strcmp(o->kind, KIND_GRASSROOTS) == 0 ||
				      strcmp(o->kind, KIND_GRASSROOTS_CELL) == 0);
	if (o->type && *o->type && !grassroots)
		field_errors_add(out, "type", "Chỉ tổ chức cơ sở đảng mới có loại hình");
	if (parent && !date_is_null(parent->dissolved_on))
		field_errors_add(out, "parent_id", "Tổ chức cấp trên đã giải thể");
	if (!date_is_null(o->founded_on) && date_cmp(o->founded_on, today) > 0)
		field_errors_add(out, "founded_on", "Ngày thành lập không được sau ngày hôm nay");
	return out->n;
}

int org_dissolve_check(const struct org *o, struct date on, struct date today,
		       long long active_members, long long active_children,
		       struct field_errors *out)
{
	if (date_is_null(on))
		field_errors_add(out, "dissolved_on", "Hãy nhập ngày giải thể");
	else if (date_cmp(on, today) > 0)
		field_errors_add(out, "dissolved_on", "Ngày giải thể không được sau ngày hôm nay");
	else if (!date_is_null(o->founded_on) && date_cmp(on, o->founded_on) < 0)
		field_errors_add(out, "dissolved_on", "Ngày giải thể không được trước ngày thành lập");
	if (!date_is_null(o->dissolved_on))
		field_errors_add(out, "dissolved_on", "Tổ chức đã giải thể từ trước");
	if (active_children > 0)
		field_errors_add(out, "dissolved_on",
			"Còn %lld tổ chức trực thuộc đang hoạt động; hãy giải thể hoặc chuyển chúng trước", active_children);
	if (active_members > 0)
		field_errors_add(out, "dissolved_on",
			"Còn %lld đảng viên đang sinh hoạt; hãy chuyển sinh hoạt đảng trước khi giải thể", active_members);
	return out->n;
}
