// Shared harness for the API tests: a real chibo server on a free port with a
// fresh SQLite database (demo data), plus a small HTTP client that keeps the
// session cookie and CSRF token.
//
//   const srv = await startServer({ demo: 'bloc', users: (orgs) => [...] });
//   const admin = await srv.login('admin', ADMIN_PW);
//   const r = await admin.get('/members?limit=5');   // -> {status, headers, json, text, body}
//   await srv.stop();
//
// Paths given to the client are relative to /api/v1 unless they start with
// "/api/" or "/healthz" (or are absolute URLs).

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const CHIBO_BIN = process.env.CHIBO_BIN || '/work/main/build/chibo';
export const ADMIN_USER = 'admin';
export const ADMIN_PW = 'Quan-tri-vien-2025!';

// ---------------------------------------------------------------- processes

/** Runs the chibo CLI synchronously. Returns {code, stdout, stderr}. */
export function cli(args, { input, timeout = 120000 } = {}) {
	const r = spawnSync(CHIBO_BIN, args, {
		input: input ?? '',
		encoding: 'utf8',
		timeout,
		maxBuffer: 256 * 1024 * 1024,
	});
	if (r.error) throw r.error;
	return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/** Like cli() but throws (with stderr) unless the exit code is 0. */
export function cliOk(args, opts) {
	const r = cli(args, opts);
	if (r.code !== 0) {
		throw new Error(`chibo ${args.join(' ')} -> exit ${r.code} ${r.signal ?? ''}\n` +
			`stdout: ${r.stdout.slice(0, 2000)}\nstderr: ${r.stderr.slice(0, 4000)}`);
	}
	return r;
}

/** A free TCP port on 127.0.0.1 (listen on 0, read the port, close). */
export function freePort() {
	return new Promise((resolve, reject) => {
		const s = net.createServer();
		s.unref();
		s.on('error', reject);
		s.listen(0, '127.0.0.1', () => {
			const { port } = s.address();
			s.close(() => resolve(port));
		});
	});
}

/** `chibo init --db URL --demo DEMO` into a new file in dir. Returns the URL. */
export function initDb(dir, name = 't.db', demo = 'bloc') {
	const db = `sqlite:${path.join(dir, name)}`;
	const args = ['init', '--db', db];
	if (demo) args.push('--demo', String(demo));
	cliOk(args);
	return db;
}

/** `chibo org list --db URL --depth N` parsed: [{code, name, kind}]. */
export function orgList(db, depth = 2) {
	const r = cliOk(['org', 'list', '--db', db, '--depth', String(depth)]);
	return r.stdout.split('\n').filter((l) => l.trim() !== '').map((l) => {
		const [code, name, kind] = l.split('\t');
		return { code, name, kind };
	});
}

/** `printf 'PASSWORD\n' | chibo user add ...` (password on stdin). */
export function addUser(db, { username, password, role, org, extra = [] }) {
	cliOk(['user', 'add', '--db', db, '--username', username, '--role', role,
		'--org', org, ...extra], { input: `${password}\n` });
}

// ---------------------------------------------------------------- server

/**
 * Starts a server on a fresh database.
 *   demo:  value for `init --demo` (default 'bloc'; null for none)
 *   users: array of {username,password,role,org} or a function
 *          (orgs from `org list --depth 2`) -> array; created before serving.
 *          An admin account ADMIN_USER/ADMIN_PW at the root is always created.
 */
export async function startServer({ demo = 'bloc', users = [], threads = 4 } = {}) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chibo-api-'));
	const dbPath = path.join(dir, 't.db');
	let child = null;
	const stderrChunks = [];
	let stderrLen = 0;
	const cleanup = () => {
		if (!process.env.CHIBO_KEEP_TMP) fs.rmSync(dir, { recursive: true, force: true });
	};
	try {
		const db = initDb(dir, 't.db', demo);
		const orgs = orgList(db, 2);
		if (orgs.length === 0) throw new Error('org list printed nothing');
		const root = orgs[0];
		addUser(db, { username: ADMIN_USER, password: ADMIN_PW, role: 'admin', org: root.code });
		const list = typeof users === 'function' ? await users(orgs, db) : users;
		for (const u of list) addUser(db, u);

		const port = await freePort();
		const base = `http://127.0.0.1:${port}`;
		child = spawn(CHIBO_BIN, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`,
			'--threads', String(threads)], { stdio: ['ignore', 'ignore', 'pipe'] });
		let exited = null;
		child.on('exit', (code, signal) => { exited = { code, signal }; });
		child.stderr.on('data', (d) => {
			stderrChunks.push(d);
			stderrLen += d.length;
			while (stderrLen > 64 * 1024 && stderrChunks.length > 1) stderrLen -= stderrChunks.shift().length;
		});
		const serverStderr = () => Buffer.concat(stderrChunks).toString('utf8');

		const deadline = Date.now() + 20000;
		for (;;) {
			if (exited) throw new Error(`chibo serve exited (${JSON.stringify(exited)}) before /healthz answered.\nstderr:\n${serverStderr()}`);
			try {
				const r = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(1000) });
				await r.arrayBuffer();
				if (r.status === 200) break;
			} catch { /* not listening yet */ }
			if (Date.now() > deadline) throw new Error(`chibo serve: /healthz not 200 within 20 s.\nstderr:\n${serverStderr()}`);
			await sleep(100);
		}

		const srv = {
			base, dir, db, dbPath, orgs, root,
			get stderr() { return serverStderr(); },
			get exited() { return exited; },
			client: () => new Client(base),
			bearer: (token) => new Client(base, { bearer: token }),
			async login(username, password) {
				const c = new Client(base);
				const r = await c.login(username, password);
				if (r.status !== 200) throw new Error(`login ${username} -> ${r.status} ${r.text}`);
				return c;
			},
			addUser: (u) => addUser(db, u),
			async stop() {
				if (child && !exited) {
					child.kill('SIGTERM');
					const t0 = Date.now();
					while (!exited && Date.now() - t0 < 3000) await sleep(50);
					if (!exited) {
						child.kill('SIGKILL');
						while (!exited && Date.now() - t0 < 6000) await sleep(50);
					}
				}
				cleanup();
				// A clean stop exits 0; anything else (a sanitizer report, a
				// leak found at exit, a crash) fails the suite that owned it.
				if (exited && (exited.code !== 0 || exited.signal))
					throw new Error(`chibo serve stopped badly (${JSON.stringify(exited)}).\nstderr:\n${serverStderr()}`);
			},
		};
		return srv;
	} catch (e) {
		if (child) { try { child.kill('SIGKILL'); } catch { /* gone */ } }
		cleanup();
		throw e;
	}
}

export function sleep(ms) { return new Promise((r) => setTimeout(r, ms)); }

// ---------------------------------------------------------------- client

export class Client {
	constructor(base, { bearer = null } = {}) {
		this.base = base;
		this.bearer = bearer;
		this.cookies = new Map();
		this.csrf = null;
		this.account = null;
	}

	url(p) {
		if (/^https?:/.test(p)) return p;
		if (p.startsWith('/api/') || p.startsWith('/healthz')) return this.base + p;
		return `${this.base}/api/v1${p}`;
	}

	get cookieHeader() {
		return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
	}

	/**
	 * opts: body (object -> JSON; string/Buffer -> raw), type (content type for
	 * raw bodies), headers, csrf (false: do not send X-CSRF-Token; a string:
	 * send that token instead).
	 */
	async req(method, p, opts = {}) {
		const headers = { ...(opts.headers || {}) };
		if (this.cookies.size) headers.Cookie = this.cookieHeader;
		if (this.bearer) headers.Authorization = `Bearer ${this.bearer}`;
		const write = !['GET', 'HEAD'].includes(method);
		if (write && opts.csrf !== false) {
			const tok = typeof opts.csrf === 'string' ? opts.csrf : this.csrf;
			if (tok) headers['X-CSRF-Token'] = tok;
		}
		let body;
		if (opts.body !== undefined) {
			if (typeof opts.body === 'string' || Buffer.isBuffer(opts.body)) {
				body = opts.body;
				headers['Content-Type'] = opts.type || 'application/octet-stream';
			} else {
				body = JSON.stringify(opts.body);
				headers['Content-Type'] = 'application/json';
			}
		}
		const r = await fetch(this.url(p), { method, headers, body, redirect: 'manual' });
		const buf = Buffer.from(await r.arrayBuffer());
		this.takeCookies(r.headers);
		const text = buf.toString('utf8');
		let json;
		if ((r.headers.get('content-type') || '').includes('json') || /^\s*[{[]/.test(text)) {
			try { json = JSON.parse(text); } catch { json = undefined; }
		}
		return { status: r.status, headers: r.headers, json, text, body: buf };
	}

	takeCookies(h) {
		for (const sc of h.getSetCookie ? h.getSetCookie() : []) {
			const [nv, ...attrs] = sc.split(';');
			const eq = nv.indexOf('=');
			const name = nv.slice(0, eq).trim();
			const value = nv.slice(eq + 1).trim();
			const a = attrs.map((x) => x.trim().toLowerCase());
			const expired = value === '' || a.includes('max-age=0') ||
				a.some((x) => x.startsWith('expires=') && Date.parse(x.slice(8)) < Date.now());
			if (expired) this.cookies.delete(name); else this.cookies.set(name, value);
		}
	}

	get(p, o) { return this.req('GET', p, o); }
	post(p, body, o = {}) { return this.req('POST', p, { ...o, body }); }
	patch(p, body, o = {}) { return this.req('PATCH', p, { ...o, body }); }
	put(p, body, o = {}) { return this.req('PUT', p, { ...o, body }); }
	del(p, o) { return this.req('DELETE', p, o); }

	async login(username, password) {
		const r = await this.post('/session', { username, password });
		if (r.status === 200 && r.json) {
			this.csrf = r.json.csrf_token;
			this.account = r.json.account;
		}
		return r;
	}
}

// ---------------------------------------------------------------- helpers

/** Asserts-free description of a response for failure messages. */
export function show(r) {
	return `${r.status} ${r.text.slice(0, 600)}`;
}

/** Walks a cursor-paginated list. Returns {items, pages}. Throws on non-200. */
export async function listAll(client, p, { limit = 200, maxPages = 1000 } = {}) {
	const items = [];
	let cursor = null;
	let pages = 0;
	for (;;) {
		const sep = p.includes('?') ? '&' : '?';
		const url = `${p}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
		const r = await client.get(url);
		if (r.status !== 200) throw new Error(`GET ${url} -> ${show(r)}`);
		items.push(...r.json.items);
		pages++;
		cursor = r.json.next;
		if (!cursor || pages >= maxPages) break;
	}
	return { items, pages };
}

/**
 * The whole org tree visible to client, from its root: Map id -> org, via
 * GET /orgs then /orgs/{id}/children recursively.
 */
export async function orgTree(client) {
	const r = await client.get('/orgs');
	if (r.status !== 200) throw new Error(`GET /orgs -> ${show(r)}`);
	const byId = new Map();
	let level = r.json.items;
	while (level.length) {
		const next = [];
		for (const o of level) byId.set(String(o.id), o);
		await Promise.all(level.filter((o) => o.child_count !== 0).map(async (o) => {
			const c = await client.get(`/orgs/${o.id}/children`);
			if (c.status !== 200) throw new Error(`GET /orgs/${o.id}/children -> ${show(c)}`);
			next.push(...c.json.items);
		}));
		level = next;
	}
	return byId;
}

/** Lower-case, accents removed, đ -> d (what an unaccented search types). */
export function fold(s) {
	return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd')
		.replace(/Đ/g, 'D').toLowerCase();
}

/**
 * "Now" as a Date whose UTC fields are the wall clock in Vietnam (UTC+7, no
 * daylight saving): the server's "today" is Vietnam's, whatever the zone
 * of the machine running the tests.
 */
export function vnNow() {
	return new Date(Date.now() + 7 * 3600 * 1000);
}
/** This year in Vietnam. */
export function vnYear() {
	return vnNow().getUTCFullYear();
}

/** Whole years between ISO date `birth` and today in Vietnam. */
export function ageOn(birth, today = vnNow()) {
	const [y, m, d] = birth.split('-').map(Number);
	let a = today.getUTCFullYear() - y;
	const tm = today.getUTCMonth() + 1;
	if (tm < m || (tm === m && today.getUTCDate() < d)) a--;
	return a;
}

/** ISO date of a vnNow()-style Date. */
export function isoDate(dt) {
	const p = (n) => String(n).padStart(2, '0');
	return `${dt.getUTCFullYear()}-${p(dt.getUTCMonth() + 1)}-${p(dt.getUTCDate())}`;
}
/** Today in Vietnam shifted by years and days, as an ISO date. */
export function yearsAgo(years, days = 0) {
	const t = vnNow();
	t.setUTCFullYear(t.getUTCFullYear() - years);
	t.setUTCDate(t.getUTCDate() + days);
	return isoDate(t);
}

/** All fields of the error body as a set (error.field and errors[].field). */
export function errorFields(r) {
	const e = r.json?.error || {};
	const s = new Set();
	if (e.field) s.add(e.field);
	for (const x of e.errors || []) if (x.field) s.add(x.field);
	return s;
}

/** True when s contains a Vietnamese letter outside ASCII (a Vietnamese message). */
export function looksVietnamese(s) {
	return typeof s === 'string' && /[À-ỹĐđ]/u.test(s);
}

/** Newest-first audit entries visible to client (first `limit`). */
export async function auditHead(client, query = '', limit = 200) {
	const r = await client.get(`/audit?limit=${limit}${query ? `&${query}` : ''}`);
	if (r.status !== 200) throw new Error(`GET /audit -> ${show(r)}`);
	return r.json.items;
}

/** Runs fn and returns the audit entries that appeared meanwhile. */
export async function auditDuring(client, fn) {
	const before = new Set((await auditHead(client)).map((e) => String(e.id)));
	const result = await fn();
	const after = await auditHead(client);
	return { result, added: after.filter((e) => !before.has(String(e.id))) };
}

/** A random 8-digit party card number starting with 9 (unlikely in demo data). */
export function randomCard() {
	return `9${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
}

export const sameId = (a, b) => String(a) === String(b);
