/*
 * errors: field-level validation errors in Vietnamese, collected by the
 * pure domain rules and turned into {"error":{...,"field":...}} by the api.
 */
#ifndef CHIBO_ERRORS_H
#define CHIBO_ERRORS_H

enum { FIELD_ERRORS_MAX = 24 };

struct field_error {
	const char *field;   /* JSON field name, e.g. "birth_date" (static string) */
	char message[240];   /* Vietnamese, NFC, e.g. "Ngày sinh không hợp lệ" */
};

struct field_errors {
	int n;
	struct field_error e[FIELD_ERRORS_MAX];
};

/* Appends one error (silently drops past FIELD_ERRORS_MAX). */
void field_errors_add(struct field_errors *fe, const char *field,
		      const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
