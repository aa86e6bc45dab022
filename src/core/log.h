/*
 * log: one line per event on stderr ("2026-11-23T05:06:07Z error ..."), so
 * journald and `make run` show the same thing.
 */
#ifndef CHIBO_LOG_H
#define CHIBO_LOG_H

void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
