/* orgtype: the default grassroots organisation types; see orgtype.h. */
#include "domain/orgtype.h"

#include <stddef.h>
#include <string.h>

static const struct org_type types[ORG_TYPE_COUNT] = {
	[ORG_TYPE_CO_QUAN_DANG] = {"co_quan_dang", "Cơ quan Đảng", 1},
	[ORG_TYPE_CO_QUAN_NHA_NUOC] = {"co_quan_nha_nuoc",
				       "Cơ quan nhà nước", 2},
	[ORG_TYPE_MAT_TRAN_DOAN_THE] = {"mat_tran_doan_the",
					"Mặt trận Tổ quốc và các đoàn thể", 3},
	[ORG_TYPE_SU_NGHIEP] = {"su_nghiep", "Đơn vị sự nghiệp công lập", 4},
	[ORG_TYPE_DN_NHA_NUOC] = {"dn_nha_nuoc", "Doanh nghiệp nhà nước", 5},
	[ORG_TYPE_DN_CO_PHAN] = {"dn_co_phan",
				 "Doanh nghiệp cổ phần có vốn nhà nước", 6},
	[ORG_TYPE_DN_NGOAI_NHA_NUOC] = {"dn_ngoai_nha_nuoc",
					"Doanh nghiệp ngoài nhà nước", 7},
	[ORG_TYPE_DN_FDI] = {"dn_fdi",
			     "Doanh nghiệp có vốn đầu tư nước ngoài", 8},
};

const struct org_type *org_type_at(int i)
{
	return i >= 0 && i < ORG_TYPE_COUNT ? &types[i] : NULL;
}

const struct org_type *org_type_find(const char *code)
{
	for (int i = 0; code && i < ORG_TYPE_COUNT; i++)
		if (strcmp(types[i].code, code) == 0)
			return &types[i];
	return NULL;
}
