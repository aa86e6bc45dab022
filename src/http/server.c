/* server: libmicrohttpd glue; see server.h. */
#include "http/server.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/log.h"

struct conn_state {
	struct req r;
	struct buf body;
	size_t limit; /* body bytes this route accepts */
	bool too_large;
};

static void add_security_headers(struct MHD_Response *resp)
{
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(resp, "Content-Security-Policy",
		"default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
		"frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
}

static enum MHD_Result queue(struct MHD_Connection *c, int status, struct MHD_Response *resp)
{
	add_security_headers(resp);
	enum MHD_Result rc = MHD_queue_response(c, (unsigned)status, resp);
	MHD_destroy_response(resp);
	return rc;
}

static enum MHD_Result queue_error(struct MHD_Connection *c, int status, const char *code,
				   const char *message)
{
	json_t *j = json_pack("{s:{s:s, s:s}}", "error", "code", code, "message", message);
	char *s = json_dumps(j, JSON_COMPACT);
	json_decref(j);
	struct MHD_Response *resp = MHD_create_response_from_buffer(strlen(s), s, MHD_RESPMEM_MUST_FREE);
	MHD_add_response_header(resp, "Content-Type", "application/json; charset=utf-8");
	return queue(c, status, resp);
}

/* ---- static files ---- */

static const char *mime_type(const char *path)
{
	static const struct { const char *ext, *type; } types[] = {
		{".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
		{".css", "text/css; charset=utf-8"}, {".svg", "image/svg+xml"},
		{".png", "image/png"}, {".ico", "image/x-icon"}, {".json", "application/json"},
		{".woff2", "font/woff2"}, {".txt", "text/plain; charset=utf-8"},
	};
	const char *dot = strrchr(path, '.');
	for (size_t i = 0; dot && i < sizeof types / sizeof types[0]; i++)
		if (strcmp(dot, types[i].ext) == 0)
			return types[i].type;
	return "application/octet-stream";
}

static bool safe_path(const char *p)
{
	return p[0] == '/' && !strstr(p, "..") && !strstr(p, "//") && !strchr(p, '\\');
}

static enum MHD_Result serve_static(struct MHD_Connection *c, struct app *app, const char *url)
{
	char path[4096];
	bool index = strcmp(url, "/") == 0 || !safe_path(url);
	snprintf(path, sizeof path, "%s%s", app->web_root, index ? "/index.html" : url);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	if (fd >= 0 && (fstat(fd, &st) || !S_ISREG(st.st_mode))) {
		close(fd);
		fd = -1;
	}
	if (fd < 0 && !index) {
		/* SPA routes (#/… or /members/…) all load the app shell. */
		index = true;
		snprintf(path, sizeof path, "%s/index.html", app->web_root);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd >= 0 && fstat(fd, &st)) {
			close(fd);
			fd = -1;
		}
	}
	if (fd < 0)
		return queue_error(c, 404, "not_found",
				   "Không tìm thấy giao diện web; hãy chạy `make web` để dựng giao diện");
	struct MHD_Response *resp = MHD_create_response_from_fd((uint64_t)st.st_size, fd);
	MHD_add_response_header(resp, "Content-Type", mime_type(path));
	/* Vite names assets by content hash, so they may be cached forever;
	 * the shell must be revalidated to pick up a new build. */
	MHD_add_response_header(resp, "Cache-Control",
		strncmp(url, "/assets/", 8) == 0 && !index ? "public, max-age=31536000, immutable" : "no-cache");
	return queue(c, 200, resp);
}

static bool is_api_path(const char *url)
{
	return strncmp(url, "/api/", 5) == 0 || strcmp(url, "/healthz") == 0;
}

/* ---- API ---- */

struct collect {
	struct req *r;
	struct kv *items;
	int n, cap;
};

static enum MHD_Result collect_kv(void *cls, enum MHD_ValueKind kind, const char *key,
				  const char *value)
{
	(void)kind;
	struct collect *c = cls;
	c->items = arena_grow(&c->r->arena, c->items, c->n, &c->cap, sizeof *c->items);
	c->items[c->n++] = (struct kv){arena_strdup(&c->r->arena, key),
				       arena_strdup(&c->r->arena, value ? value : "")};
	return MHD_YES;
}

static void client_address(struct MHD_Connection *c, struct req *r)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	char host[INET6_ADDRSTRLEN] = "?";
	if (ci && ci->client_addr) {
		const struct sockaddr *sa = ci->client_addr;
		if (sa->sa_family == AF_INET)
			inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, host, sizeof host);
		else if (sa->sa_family == AF_INET6)
			inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, host, sizeof host);
	}
	r->client_addr = arena_strdup(&r->arena, host);
}

static enum MHD_Result serve_api(struct MHD_Connection *c, struct conn_state *s)
{
	struct req *r = &s->r;
	struct collect q = {.r = r}, h = {.r = r};
	MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, collect_kv, &q);
	MHD_get_connection_values(c, MHD_HEADER_KIND, collect_kv, &h);
	r->query = q.items;
	r->nquery = q.n;
	r->headers = h.items;
	r->nheaders = h.n;
	r->body = s->body.p;
	r->body_len = s->body.len;
	client_address(c, r);
	api_dispatch(r);

	struct MHD_Response *resp;
	if (r->json) {
		char *text = json_dumps(r->json, JSON_COMPACT);
		if (!text)
			return queue_error(c, 500, "internal", "Lỗi hệ thống");
		resp = MHD_create_response_from_buffer(strlen(text), text, MHD_RESPMEM_MUST_FREE);
		MHD_add_response_header(resp, "Content-Type", "application/json; charset=utf-8");
	} else {
		resp = MHD_create_response_from_buffer(r->raw_len, (void *)(r->raw ? r->raw : ""),
						       MHD_RESPMEM_MUST_COPY);
		if (r->content_type)
			MHD_add_response_header(resp, "Content-Type", r->content_type);
		if (r->download_name) {
			char *cd = arena_printf(&r->arena, "attachment; filename=\"%s\"", r->download_name);
			MHD_add_response_header(resp, "Content-Disposition", cd);
		}
	}
	MHD_add_response_header(resp, "Cache-Control", "no-store");
	for (int i = 0; i < r->nresp_headers; i++)
		MHD_add_response_header(resp, r->resp_headers[i].key, r->resp_headers[i].value);
	if (r->status >= 500)
		log_error("%s %s -> %d", r->method, r->path, r->status);
	return queue(c, r->status ? r->status : 200, resp);
}


static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
				  const char *method, const char *version,
				  const char *upload_data, size_t *upload_size, void **con_cls)
{
	(void)version;
	struct app *app = cls;
	struct conn_state *s = *con_cls;
	if (!s) {
		s = calloc(1, sizeof *s);
		if (!s)
			return MHD_NO;
		s->r.app = app;
		s->r.method = arena_strdup(&s->r.arena, method);
		s->r.path = arena_strdup(&s->r.arena, url);
		*con_cls = s;
		s->limit = is_api_path(url) ? api_body_limit(app, method, url) : 0;
		const char *len = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
		if (len && strtoull(len, NULL, 10) > s->limit)
			s->too_large = true;
		return MHD_YES;
	}
	if (*upload_size) {
		if (s->body.len + *upload_size > s->limit)
			s->too_large = true;
		if (!s->too_large)
			buf_append(&s->body, upload_data, *upload_size);
		*upload_size = 0;
		return MHD_YES;
	}
	if (s->too_large)
		return queue_error(c, 413, "too_large", "Nội dung gửi lên quá lớn");
	if (s->body.err)
		return queue_error(c, 500, "internal", "Hết bộ nhớ");
	if (is_api_path(url))
		return serve_api(c, s);
	if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0)
		return queue_error(c, 405, "method_not_allowed", "Phương thức không được hỗ trợ");
	return serve_static(c, app, url);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	(void)cls;
	(void)c;
	(void)toe;
	struct conn_state *s = *con_cls;
	if (!s)
		return;
	json_decref(s->r.json);
	json_decref(s->r.body_json);
	arena_free(&s->r.arena);
	buf_free(&s->body);
	free(s);
	*con_cls = NULL;
}

static int parse_listen(const char *listen, struct sockaddr_storage *ss, struct buf *err)
{
	memset(ss, 0, sizeof *ss);
	const char *colon = strrchr(listen, ':');
	if (!colon) {
		buf_printf(err, "địa chỉ lắng nghe không hợp lệ: %s (cần HOST:CỔNG)", listen);
		return -1;
	}
	char host[256];
	size_t hl = (size_t)(colon - listen);
	if (hl >= sizeof host) {
		buf_puts(err, "địa chỉ lắng nghe quá dài");
		return -1;
	}
	memcpy(host, listen, hl);
	host[hl] = '\0';
	char *end;
	long port = strtol(colon + 1, &end, 10);
	if (*end || port < 1 || port > 65535) {
		buf_printf(err, "cổng không hợp lệ: %s", colon + 1);
		return -1;
	}
	if (host[0] == '[' && hl > 2 && host[hl - 1] == ']') {
		host[hl - 1] = '\0';
		struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)ss;
		a6->sin6_family = AF_INET6;
		a6->sin6_port = htons((uint16_t)port);
		if (inet_pton(AF_INET6, host + 1, &a6->sin6_addr) == 1)
			return 0;
	} else {
		struct sockaddr_in *a4 = (struct sockaddr_in *)ss;
		a4->sin_family = AF_INET;
		a4->sin_port = htons((uint16_t)port);
		if (strcmp(host, "localhost") == 0)
			strcpy(host, "127.0.0.1");
		if (inet_pton(AF_INET, host, &a4->sin_addr) == 1)
			return 0;
	}
	buf_printf(err, "địa chỉ IP không hợp lệ: %s", host);
	return -1;
}

int server_run(struct app *app, const struct server_options *opt, struct buf *err)
{
	struct sockaddr_storage ss;
	if (parse_listen(opt->listen, &ss, err))
		return -1;
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_TURBO;
	if (ss.ss_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	/* Blocked before the pool starts, so every MHD thread inherits the
	 * mask and only sigwait below sees the signal. */
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
	struct MHD_Daemon *d = MHD_start_daemon(flags, 0, NULL, NULL, on_request, app,
		MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
		MHD_OPTION_THREAD_POOL_SIZE, (unsigned)(opt->threads > 0 ? opt->threads : 4),
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, app,
		MHD_OPTION_CONNECTION_TIMEOUT, 60u,
		MHD_OPTION_CONNECTION_LIMIT, 1000u,
		MHD_OPTION_END);
	if (!d) {
		buf_printf(err, "không mở được cổng %s: %s", opt->listen, strerror(errno));
		return -1;
	}
	log_info("chibo đang phục vụ tại http://%s (%d luồng)", opt->listen, opt->threads);
	int sig = 0;
	sigwait(&set, &sig);
	log_info("nhận tín hiệu %d, dừng máy chủ", sig);
	MHD_stop_daemon(d);
	return 0;
}
