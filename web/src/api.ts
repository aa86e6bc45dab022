/*
 * api: every call to the chibo HTTP API (docs/API.md) goes through request().
 * It sends the session cookie, adds X-CSRF-Token on writes, decodes JSON and
 * turns every failure into an ApiError carrying the server's Vietnamese
 * message, code, field and per-field errors.  The CSRF token lives only in
 * memory (restored by GET /session on load).
 */

import type { Meta } from './labels';

export interface Account {
  id: number;
  username: string;
  role: string;
  org_id: number | null;
  org_code: string | null;
  org_name: string | null;
  member_id: number | null;
}

/** An account as GET /accounts lists it (docs/API.md, "Accounts"). */
export interface AccountFull extends Account {
  role_name: string | null;
  active: boolean;
  created_at: string | null;
  version: number;
}

export interface AccountCreate {
  username: string;
  password: string;
  role: string;
  org_id: number;
  member_id?: number;
}

export interface AccountChange {
  version: number;
  role?: string;
  active?: boolean;
  password?: string;
}

export interface Org {
  id: number;
  code: string;
  name: string;
  kind: string;
  kind_name?: string;
  type: string | null;
  type_name?: string | null;
  parent_id: number | null;
  path: string;
  depth: number;
  founded_on: string | null;
  dissolved_on: string | null;
  covers?: string[] | null;
  child_count?: number;
  member_count?: number;
  version: number;
  ancestors?: { id: number; code: string; name: string }[];
}

export interface OrgCreate {
  code: string;
  name: string;
  kind: string;
  type: string | null;
  parent_id: number;
  founded_on: string | null;
  covers: string[];
}

export interface Member {
  id: number;
  org_id: number;
  org_code: string;
  org_name?: string;
  full_name: string;
  surname?: string;
  middle_name?: string;
  given_name?: string;
  sex: string;
  birth_date: string | null;
  age?: number | null;
  ethnicity?: string | null;
  religion?: string | null;
  hometown?: string | null;
  residence?: string | null;
  education?: string | null;
  theory_level?: string | null;
  position?: string | null;
  card_no?: string | null;
  admitted_on: string | null;
  official_on: string | null;
  status: string;
  exempt: boolean | number;
  version: number;
}

export interface Stats {
  member_total: number;
  by_status: Record<string, number>;
  by_sex: Record<string, number>;
  by_age_band: Record<string, number>;
  grassroots_by_type: Record<string, number>;
  orgs_by_kind: Record<string, number>;
}

export interface HistoryItem {
  at: string;
  username: string | null;
  action: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** POST /imports/members answers (docs/API.md, "Members"). */
export interface ImportResult {
  imported: number;
  dry_run: boolean;
}

export interface Page<T> {
  items: T[];
  next: string | null;
}

export interface FieldError {
  field: string;
  message: string;
}

const FALLBACK_MESSAGES: Record<number, string> = {
  0: 'Không kết nối được máy chủ. Hãy kiểm tra mạng và thử lại.',
  400: 'Yêu cầu không hợp lệ.',
  401: 'Phiên làm việc đã hết hạn, hãy đăng nhập lại.',
  403: 'Tài khoản không có quyền thực hiện thao tác này.',
  404: 'Không tìm thấy dữ liệu (hoặc nằm ngoài phạm vi được giao).',
  409: 'Bản ghi đã được người khác sửa; hãy tải lại',
  413: 'Dữ liệu gửi lên quá lớn.',
  422: 'Dữ liệu không hợp lệ.',
  429: 'Thao tác quá nhiều lần, hãy thử lại sau.',
  500: 'Máy chủ gặp lỗi, hãy thử lại sau.',
};

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | null;
  readonly errors: FieldError[];
  readonly retryAfter: number | null;
  /** For an import error (code "import"): the row of the file (the header is row 1) and the column's header. */
  readonly row: number | null;
  readonly column: string | null;

  constructor(status: number, body: unknown, retryAfter: number | null) {
    const e = (body && typeof body === 'object' && 'error' in body
      ? (body as { error: Record<string, unknown> }).error
      : null) ?? {};
    const message = typeof e.message === 'string' && e.message
      ? e.message
      : FALLBACK_MESSAGES[status] ?? FALLBACK_MESSAGES[Math.floor(status / 100) * 100] ?? `Lỗi ${status}`;
    super(message);
    this.status = status;
    this.code = typeof e.code === 'string' ? e.code : '';
    this.field = typeof e.field === 'string' ? e.field : null;
    this.errors = Array.isArray(e.errors)
      ? (e.errors as FieldError[]).filter((x) => x && typeof x.message === 'string')
      : [];
    this.retryAfter = retryAfter;
    this.row = typeof e.row === 'number' && e.row > 0 ? e.row : null;
    this.column = typeof e.column === 'string' && e.column ? e.column : null;
  }

  /** Every field error, including the top-level field/message pair. */
  fieldErrors(): FieldError[] {
    const list = [...this.errors];
    if (this.field && !list.some((x) => x.field === this.field)) list.push({ field: this.field, message: this.message });
    return list;
  }
}

let csrfToken: string | null = null;
let onUnauthenticated: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when any request (other than the session ones) gets 401. */
export function setUnauthenticatedHandler(fn: () => void): void {
  onUnauthenticated = fn;
}

export const API = '/api/v1';

type Query = Record<string, string | number | null | undefined>;

export function url(path: string, query?: Query): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== null && v !== undefined && v !== '') qs.set(k, String(v));
  }
  const s = qs.toString();
  return API + path + (s ? '?' + s : '');
}

export interface RequestOptions {
  query?: Query;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as is (a file's bytes) with Content-Type application/octet-stream; instead of body. */
  raw?: Blob | ArrayBuffer;
  signal?: AbortSignal;
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (opts.raw !== undefined) headers['Content-Type'] = 'application/octet-stream';
  else if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(url(path, opts.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: opts.raw !== undefined ? opts.raw : opts.body === undefined ? undefined : JSON.stringify(opts.body),
      signal: opts.signal,
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, null, null);
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let body: unknown = null;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
  }
  if (!res.ok) {
    const ra = res.headers.get('Retry-After');
    const err = new ApiError(res.status, body, ra && /^\d+$/.test(ra) ? +ra : null);
    if (res.status === 401 && path !== '/session' && onUnauthenticated) onUnauthenticated();
    throw err;
  }
  return body as T;
}

export const isAbort = (e: unknown): boolean => e instanceof DOMException && e.name === 'AbortError';

// ---- typed endpoints -------------------------------------------------------

export interface SessionReply {
  account: Account;
  csrf_token: string;
}

export const api = {
  session: () => request<SessionReply>('GET', '/session'),
  login: (username: string, password: string) =>
    request<SessionReply>('POST', '/session', { body: { username, password } }),
  logout: () => request<void>('DELETE', '/session'),
  meta: () => request<Meta>('GET', '/meta'),

  rootOrgs: (signal?: AbortSignal) => request<Page<Org>>('GET', '/orgs', { signal }),
  searchOrgs: (q: string, signal?: AbortSignal) =>
    request<Page<Org>>('GET', '/orgs', { query: { q, limit: 20 }, signal }),
  org: (id: number | string, signal?: AbortSignal) => request<Org>('GET', `/orgs/${id}`, { signal }),
  children: (id: number, signal?: AbortSignal) => request<Page<Org>>('GET', `/orgs/${id}/children`, { signal }),
  stats: (id: number, signal?: AbortSignal) => request<Stats>('GET', `/orgs/${id}/stats`, { signal }),
  orgHistory: (id: number, signal?: AbortSignal) =>
    request<Page<HistoryItem>>('GET', `/orgs/${id}/history`, { signal }),
  createOrg: (body: OrgCreate) => request<Org>('POST', '/orgs', { body }),
  updateOrg: (id: number, body: { version: number; name?: string; parent_id?: number }) =>
    request<Org>('PATCH', `/orgs/${id}`, { body }),
  dissolveOrg: (id: number, body: { version: number; dissolved_on: string }) =>
    request<Org>('POST', `/orgs/${id}/dissolve`, { body }),

  members: (query: Query, signal?: AbortSignal) => request<Page<Member>>('GET', '/members', { query, signal }),
  member: (id: number | string, signal?: AbortSignal) => request<Member>('GET', `/members/${id}`, { signal }),
  history: (id: number | string, signal?: AbortSignal) =>
    request<Page<HistoryItem>>('GET', `/members/${id}/history`, { signal }),
  createMember: (body: Record<string, unknown>) => request<Member>('POST', '/members', { body }),
  updateMember: (id: number, body: Record<string, unknown>) => request<Member>('PATCH', `/members/${id}`, { body }),
  searchMembers: (q: string, org: number, signal?: AbortSignal) =>
    request<Page<Member>>('GET', '/members', { query: { q, org, sort: 'name', limit: 20 }, signal }),

  accounts: (signal?: AbortSignal) => request<Page<AccountFull>>('GET', '/accounts', { signal }),
  account: (id: number, signal?: AbortSignal) => request<AccountFull>('GET', `/accounts/${id}`, { signal }),
  createAccount: (body: AccountCreate) => request<AccountFull>('POST', '/accounts', { body }),
  updateAccount: (id: number, body: AccountChange) => request<AccountFull>('PATCH', `/accounts/${id}`, { body }),

  /** All or nothing: the file's bytes into the subtree of the org with this code; dryRun only checks. */
  importMembers: (org: string, file: Blob | ArrayBuffer, dryRun: boolean, signal?: AbortSignal) =>
    request<ImportResult>('POST', '/imports/members', { query: { org, dry_run: dryRun ? 1 : null }, raw: file, signal }),
  importTemplateUrl: () => url('/imports/members/template'),

  exportUrl: (org: number | string, format: 'csv' | 'xlsx' | 'json') => url('/members/export', { org, format }),
};
