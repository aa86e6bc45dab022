/*
 * org: rules of the organisation tree (DESIGN.md §4 Organisations).
 * Pure functions; kinds are data, so the allowed parent kinds are a table
 * here rather than a fixed number of tiers.
 */
#ifndef CHIBO_DOMAIN_ORG_H
#define CHIBO_DOMAIN_ORG_H

#include <stdbool.h>

#include "domain/errors.h"
#include "store/model.h"

/* Upper-case ASCII letters and digits in dot-separated parts, 2-40 bytes:
 * "DUK", "DUK.D01.CB02". */
bool org_code_valid(const char *code);

/* True when a kind may sit directly under parent_kind (NULL = a root). */
bool org_kind_allowed_under(const char *kind, const char *parent_kind);

/* True when the org at org_path may move under the org at new_parent_path:
 * not under itself nor one of its descendants. */
bool org_move_allowed(const char *org_path, const char *new_parent_path);

/* Checks a new or changed org against its parent (NULL for a root);
 * today bounds the dates.  Returns out->n. */
int org_validate(const struct org *o, const struct org *parent, struct date today,
		 struct field_errors *out);

/* Checks a dissolution: the date is given, not before founding, not in
 * the future, and nothing active is left under the org. */
int org_dissolve_check(const struct org *o, struct date on, struct date today,
		       long long active_members, long long active_children,
		       struct field_errors *out);

#endif
