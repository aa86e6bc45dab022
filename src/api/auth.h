/*
 * auth: who is asking.  Cookie sessions (with a CSRF token for writes) for
 * the browser, bearer tokens for scripts; both resolved through the store
 * by the hash of the secret.
 */
#ifndef CHIBO_AUTH_H
#define CHIBO_AUTH_H

#include <stdbool.h>

#include "api/api.h"

/* Resolves the account of r (cookie or bearer) and its scope; answers 401
 * and returns false when there is none. */
bool api_authenticate(struct req *r);
/* True when the request's X-CSRF-Token equals its session's token. */
bool api_csrf_ok(const struct req *r);
/* Builds the scope of an account (its org subtree, or its own record for
 * the member role). */
void api_account_scope(const struct account *a, struct scope *out);

/* argon2id (libsodium) password hashing; 0 ok, -1 out of memory. */
int auth_password_hash(const char *password, char out[128]);
bool auth_password_verify(const char *hash, const char *password);
/* A valid hash of a random password, verified against when a username does
 * not exist so both answers take the same time. */
const char *auth_dummy_hash(void);

#endif
