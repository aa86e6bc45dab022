/*
 * account: who may hold which account (pure rules, shared by the API and
 * the CLI).
 */
#ifndef CHIBO_DOMAIN_ACCOUNT_H
#define CHIBO_DOMAIN_ACCOUNT_H

#include <stdbool.h>

#include "domain/errors.h"

enum { PASSWORD_MIN = 8, PASSWORD_MAX = 200 };

/* 3-64 bytes of a-z, 0-9, '.', '_', '-'. */
bool account_username_valid(const char *username);
bool account_role_valid(const char *role);
const char *account_role_label(const char *role); /* "Cán bộ tổ chức", ... */
/* Whether an account with role `granter` may create or edit an account
 * with role `role`: admins any; officers any but admin (no one raises
 * an account above their own); others none. */
bool account_role_may_grant(const char *granter, const char *role);
/* Checks a new account's fields; member_id is required for role member.
 * password may be NULL when not being set. */
int account_validate(const char *username, const char *role, const char *password,
		     long long member_id, struct field_errors *out);

#endif
