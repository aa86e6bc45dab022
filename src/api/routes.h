/*
 * routes: the one table of every HTTP route.  Adding an endpoint is one
 * line here plus its handler in the resource's file; api_dispatch does
 * every shared check from the flags and api_openapi publishes the table.
 *
 * ROUTE(method, path, handler, flags, summary)
 *   path segments "{id}" match one segment; the first matching line wins.
 *   flags: who may call (R_PUBLIC or a set of roles), R_TX wraps the
 *   handler in one transaction committed only if it answers < 400,
 *   R_UPLOAD allows the larger upload body limit.  (Login is not R_TX: a
 *   failed attempt must be recorded although it answers 401.)
 */
#ifndef CHIBO_ROUTES_H
#define CHIBO_ROUTES_H

enum {
	ROLE_ADMIN = 1 << 0,
	ROLE_OFFICER = 1 << 1,
	ROLE_SECRETARY = 1 << 2,
	ROLE_INSPECTOR = 1 << 3,
	ROLE_MEMBER = 1 << 4,

	R_PUBLIC = 0,
	R_ALL = ROLE_ADMIN | ROLE_OFFICER | ROLE_SECRETARY | ROLE_INSPECTOR | ROLE_MEMBER,
	R_STAFF = ROLE_ADMIN | ROLE_OFFICER | ROLE_SECRETARY | ROLE_INSPECTOR,
	R_EDIT = ROLE_ADMIN | ROLE_OFFICER | ROLE_SECRETARY,
	R_MANAGE = ROLE_ADMIN | ROLE_OFFICER,
	R_ROLES = R_ALL,

	R_TX = 1 << 8,
	R_UPLOAD = 1 << 9,
};

#define ROUTES(X) \
	X("GET", "/healthz", api_health, R_PUBLIC, "Kiểm tra máy chủ và cơ sở dữ liệu") \
	X("GET", "/api/v1/openapi.json", api_openapi_get, R_PUBLIC, "Tài liệu OpenAPI") \
	X("POST", "/api/v1/session", api_session_create, R_PUBLIC, "Đăng nhập") \
	X("GET", "/api/v1/session", api_session_get, R_ALL, "Phiên đăng nhập hiện tại") \
	X("DELETE", "/api/v1/session", api_session_delete, R_ALL | R_TX, "Đăng xuất") \
	X("POST", "/api/v1/tokens", api_tokens_create, R_ALL | R_TX, "Tạo mã truy cập cho tập lệnh") \
	X("GET", "/api/v1/accounts", api_accounts_list, R_MANAGE, "Danh sách tài khoản trong phạm vi") \
	X("POST", "/api/v1/accounts", api_accounts_create, R_MANAGE | R_TX, "Tạo tài khoản") \
	X("GET", "/api/v1/accounts/{id}", api_accounts_get, R_MANAGE, "Thông tin tài khoản") \
	X("PATCH", "/api/v1/accounts/{id}", api_accounts_update, R_MANAGE | R_TX, "Đổi vai trò, khóa/mở khóa, đặt lại mật khẩu") \
	X("GET", "/api/v1/meta", api_meta_get, R_ALL, "Danh mục: loại tổ chức, loại hình, trạng thái") \
	X("GET", "/api/v1/orgs", api_orgs_list, R_STAFF, "Tổ chức gốc trong phạm vi, tìm kiếm, hoặc con của một tổ chức") \
	X("POST", "/api/v1/orgs", api_orgs_create, R_MANAGE | R_TX, "Thành lập tổ chức đảng") \
	X("GET", "/api/v1/orgs/{id}", api_orgs_get, R_STAFF, "Thông tin tổ chức đảng") \
	X("PATCH", "/api/v1/orgs/{id}", api_orgs_update, R_MANAGE | R_TX, "Đổi tên, chuyển cấp trên, sửa tổ chức") \
	X("GET", "/api/v1/orgs/{id}/children", api_orgs_children, R_STAFF, "Tổ chức trực thuộc") \
	X("GET", "/api/v1/orgs/{id}/stats", api_orgs_stats, R_STAFF, "Số liệu đảng viên và tổ chức của cây con") \
	X("GET", "/api/v1/orgs/{id}/history", api_orgs_history, R_STAFF, "Lịch sử thay đổi tổ chức") \
	X("POST", "/api/v1/orgs/{id}/dissolve", api_orgs_dissolve, R_MANAGE | R_TX, "Giải thể tổ chức (có ngày)") \
	X("GET", "/api/v1/members", api_members_list, R_ALL, "Danh sách đảng viên: tìm kiếm, lọc, phân trang") \
	X("POST", "/api/v1/members", api_members_create, R_EDIT | R_TX, "Thêm đảng viên") \
	X("GET", "/api/v1/members/export", api_members_export, R_STAFF, "Xuất danh sách đảng viên (CSV, XLSX, JSON)") \
	X("GET", "/api/v1/members/{id}", api_members_get, R_ALL, "Hồ sơ đảng viên") \
	X("PATCH", "/api/v1/members/{id}", api_members_update, R_EDIT | R_TX, "Sửa hồ sơ đảng viên (kèm version)") \
	X("GET", "/api/v1/members/{id}/history", api_members_history, R_ALL, "Lịch sử thay đổi hồ sơ") \
	X("POST", "/api/v1/imports/members", api_imports_members, R_MANAGE | R_TX | R_UPLOAD, "Nhập đảng viên từ tệp CSV (tất cả hoặc không)") \
	X("GET", "/api/v1/imports/members/template", api_imports_template, R_STAFF, "Tệp mẫu để nhập đảng viên") \
	X("GET", "/api/v1/audit", api_audit_list, R_MANAGE, "Nhật ký ghi")

struct req;
#define DECLARE_HANDLER(m, p, h, f, s) void h(struct req *r);
ROUTES(DECLARE_HANDLER)
#undef DECLARE_HANDLER

#endif
