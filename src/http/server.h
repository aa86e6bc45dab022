/*
 * server: the HTTP front on libmicrohttpd (thread pool).  Turns each
 * request into a struct req for api_dispatch, serves the built web UI from
 * app->web_root (unknown paths fall back to index.html for the SPA), and
 * puts the security headers on every answer.
 */
#ifndef CHIBO_SERVER_H
#define CHIBO_SERVER_H

#include "api/api.h"

struct server_options {
	const char *listen; /* "127.0.0.1:8080" or "[::1]:8080" */
	int threads;
};

/* Serves until SIGINT or SIGTERM; returns 0, or -1 with a message in err. */
int server_run(struct app *app, const struct server_options *opt, struct buf *err);

#endif
