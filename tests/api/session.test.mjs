// Session, CSRF, bearer tokens, rate limiting, security headers, size limits,
// health and the OpenAPI document (docs/API.md "Session and accounts", "Other").

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
	ADMIN_PW, ADMIN_USER, looksVietnamese, show, startServer,
} from './harness.mjs';

const OFFICER = { username: 'canbo.duk', password: 'Can-bo-DUK-2025!', role: 'officer' };
const VICTIM = { username: 'nan.nhan', password: 'Nan-nhan-2025!', role: 'officer' };
const BEARER = { username: 'script.bot', password: 'Script-bot-2025!', role: 'officer' };

let srv;
before(async () => {
	srv = await startServer({
		demo: 'bloc',
		users: (orgs) => [OFFICER, VICTIM, BEARER].map((u) => ({ ...u, org: orgs[0].code })),
	});
});
after(async () => { await srv?.stop(); });

/** Raw HTTP request with node:http, tolerant of the server answering early
 * and closing while the body is still being sent (413). */
function rawRequest(url, { method = 'POST', headers = {}, body }) {
	return new Promise((resolve, reject) => {
		const u = new URL(url);
		let done = false;
		const req = http.request({ host: u.hostname, port: u.port, path: u.pathname + u.search, method, headers });
		req.on('response', (res) => {
			const chunks = [];
			res.on('data', (c) => chunks.push(c));
			res.on('end', () => { done = true; resolve({ status: res.statusCode, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }); });
			res.on('error', () => { if (!done) { done = true; resolve({ status: res.statusCode, headers: res.headers, text: '' }); } });
		});
		req.on('error', (e) => { if (!done) { done = true; reject(e); } });
		req.end(body);
	});
}

describe('login', () => {
	test('login ok: 200, HttpOnly SameSite=Strict cookie, csrf_token, account fields', async () => {
		const c = srv.client();
		const r = await c.post('/session', { username: ADMIN_USER, password: ADMIN_PW });
		assert.equal(r.status, 200, show(r));
		const cookies = r.headers.getSetCookie();
		const sess = cookies.find((s) => s.startsWith('chibo_session='));
		assert.ok(sess, `Set-Cookie chibo_session missing: ${JSON.stringify(cookies)}`);
		assert.match(sess, /;\s*HttpOnly/i);
		assert.match(sess, /;\s*SameSite=Strict/i);
		assert.match(sess, /;\s*Path=\//i);
		assert.ok(sess.split(';')[0].length > 'chibo_session='.length + 16, 'session id too short');
		assert.equal(typeof r.json.csrf_token, 'string');
		assert.ok(r.json.csrf_token.length >= 16, 'csrf token too short');
		const a = r.json.account;
		for (const k of ['id', 'username', 'role', 'org_id', 'org_code', 'org_name', 'member_id']) {
			assert.ok(k in a, `account.${k} missing: ${JSON.stringify(a)}`);
		}
		assert.equal(a.username, ADMIN_USER);
		assert.equal(a.role, 'admin');
		assert.equal(a.org_code, srv.root.code);
		assert.equal(a.org_name, srv.root.name);
		assert.equal(a.member_id, null);
		assert.ok(!('password' in a) && !('password_hash' in a), 'account leaks password data');

		// the session works and GET /session returns the same account and token
		const s = await c.get('/session');
		assert.equal(s.status, 200, show(s));
		assert.equal(s.json.account.username, ADMIN_USER);
		assert.equal(s.json.account.id, a.id);
		assert.equal(s.json.csrf_token, r.json.csrf_token);
	});

	test('wrong password -> 401 unauthenticated with a Vietnamese message, no cookie', async () => {
		const c = srv.client();
		const r = await c.post('/session', { username: OFFICER.username, password: 'sai-mat-khau' });
		assert.equal(r.status, 401, show(r));
		assert.equal(r.json.error.code, 'unauthenticated');
		assert.ok(looksVietnamese(r.json.error.message), `message not Vietnamese: ${r.json.error.message}`);
		assert.equal(r.headers.getSetCookie().filter((s) => /^chibo_session=[^;]+/.test(s) && !/max-age=0/i.test(s)).length, 0);
		assert.equal((await c.get('/session')).status, 401);
	});

	test('unknown username -> 401 (same as a wrong password)', async () => {
		const r = await srv.client().post('/session', { username: 'khong.ton.tai', password: 'x' });
		assert.equal(r.status, 401, show(r));
		assert.equal(r.json.error.code, 'unauthenticated');
	});

	test('malformed login JSON -> 400 bad_request', async () => {
		const r = await srv.client().post('/session', '{"username": ', { type: 'application/json' });
		assert.equal(r.status, 400, show(r));
		assert.equal(r.json.error.code, 'bad_request');
	});

	test('logout: DELETE /session 204, then GET /session 401 (also with the old cookie)', async () => {
		const c = await srv.login(OFFICER.username, OFFICER.password);
		const oldCookie = c.cookieHeader;
		assert.equal((await c.get('/session')).status, 200);
		const d = await c.del('/session');
		assert.equal(d.status, 204, show(d));
		const s = await c.get('/session');
		assert.equal(s.status, 401, show(s));
		assert.equal(s.json.error.code, 'unauthenticated');
		// the server forgot the session: replaying the old cookie does not work
		const replay = await srv.client().get('/session', { headers: { Cookie: oldCookie } });
		assert.equal(replay.status, 401, show(replay));
		const m = await srv.client().get('/members', { headers: { Cookie: oldCookie } });
		assert.equal(m.status, 401, show(m));
	});

	test('unauthenticated GET /members, /orgs, /audit -> 401', async () => {
		const c = srv.client();
		for (const p of ['/members', '/orgs', '/audit', '/session', '/members/export?format=csv']) {
			const r = await c.get(p);
			assert.equal(r.status, 401, `${p}: ${show(r)}`);
			assert.equal(r.json?.error?.code, 'unauthenticated', p);
		}
	});

	test('a made-up session cookie -> 401', async () => {
		const r = await srv.client().get('/members', { headers: { Cookie: 'chibo_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' } });
		assert.equal(r.status, 401, show(r));
	});
});

describe('CSRF', () => {
	let c;
	let orgRoot;
	let orgType;
	before(async () => {
		c = await srv.login(ADMIN_USER, ADMIN_PW);
		orgRoot = (await c.get('/orgs')).json.items[0];
		const meta = await c.get('/meta');
		assert.equal(meta.status, 200, show(meta));
		orgType = meta.json.org_types[0].code;
	});

	async function countChildren() {
		const r = await c.get(`/orgs/${orgRoot.id}/children`);
		assert.equal(r.status, 200);
		return r.json.items.length;
	}

	test('POST without X-CSRF-Token -> 403 forbidden, nothing created', async () => {
		const n0 = await countChildren();
		const r = await c.post('/orgs', {
			code: 'DUK.CSRF1', name: 'Đảng bộ thử CSRF', kind: 'grassroots', type: orgType,
			parent_id: orgRoot.id, founded_on: '2020-01-01',
		}, { csrf: false });
		assert.equal(r.status, 403, show(r));
		assert.equal(r.json.error.code, 'forbidden');
		assert.equal(await countChildren(), n0);
		const q = await c.get('/orgs?q=DUK.CSRF1');
		assert.equal(q.json.items.length, 0);
	});

	test('PATCH with a wrong X-CSRF-Token -> 403, nothing changed', async () => {
		const r0 = await c.get(`/orgs/${orgRoot.id}`);
		const r = await c.patch(`/orgs/${orgRoot.id}`, { version: r0.json.version, name: 'Tên giả mạo' }, { csrf: 'x'.repeat(43) });
		assert.equal(r.status, 403, show(r));
		assert.equal(r.json.error.code, 'forbidden');
		const r1 = await c.get(`/orgs/${orgRoot.id}`);
		assert.equal(r1.json.name, r0.json.name);
		assert.equal(r1.json.version, r0.json.version);
	});

	test('another session\'s CSRF token is refused -> 403', async () => {
		const other = await srv.login(OFFICER.username, OFFICER.password);
		const m = (await c.get('/members?limit=1')).json.items[0];
		const r = await c.patch(`/members/${m.id}`, { version: m.version, residence: 'CSRF chéo' }, { csrf: other.csrf });
		assert.equal(r.status, 403, show(r));
		const m1 = (await c.get(`/members/${m.id}`)).json;
		assert.equal(m1.version, m.version);
		assert.equal(m1.residence, m.residence);
	});

	test('import upload without CSRF -> 403, nothing written', async () => {
		const m = (await c.get('/members?limit=1')).json.items[0];
		const before = (await c.get(`/orgs/${m.org_id}/stats`)).json.member_total;
		const csv = 'Họ và tên,Giới tính,Ngày sinh,Ngày vào Đảng\r\nTô Văn Giả Mạo,Nam,01/01/1990,01/01/2015\r\n';
		const r = await c.post(`/imports/members?org=${encodeURIComponent(m.org_code)}`, csv, { type: 'text/csv', csrf: false });
		assert.equal(r.status, 403, show(r));
		assert.equal((await c.get(`/orgs/${m.org_id}/stats`)).json.member_total, before);
	});

	test('DELETE /session without CSRF -> 403 and the session stays', async () => {
		const o = await srv.login(OFFICER.username, OFFICER.password);
		const r = await o.del('/session', { csrf: false });
		assert.equal(r.status, 403, show(r));
		assert.equal((await o.get('/session')).status, 200);
	});
});

describe('bearer tokens', () => {
	let token;
	test('POST /tokens -> 201 {token, name}', async () => {
		const c = await srv.login(BEARER.username, BEARER.password);
		const noCsrf = await c.post('/tokens', { name: 'bao-cao-dem' }, { csrf: false });
		assert.equal(noCsrf.status, 403, `POST /tokens without CSRF on a cookie session: ${show(noCsrf)}`);
		const r = await c.post('/tokens', { name: 'bao-cao-dem' });
		assert.equal(r.status, 201, show(r));
		assert.equal(r.json.name, 'bao-cao-dem');
		assert.equal(typeof r.json.token, 'string');
		assert.ok(r.json.token.length >= 20, 'token too short');
		token = r.json.token;
	});

	test('bearer token works for GET without cookie', async () => {
		assert.ok(token, 'no token from the previous test');
		const b = srv.bearer(token);
		const s = await b.get('/session');
		// GET /session with a bearer token may answer with the account; /members must work
		const r = await b.get('/members?limit=3');
		assert.equal(r.status, 200, show(r));
		assert.equal(r.json.items.length, 3);
		if (s.status === 200) assert.equal(s.json.account.username, BEARER.username);
	});

	test('bearer token works for POST/PATCH without CSRF, audit names the account', async () => {
		const b = srv.bearer(token);
		const m = (await b.get('/members?limit=1')).json.items[0];
		const r = await b.patch(`/members/${m.id}`, { version: m.version, residence: 'Số 1, đường Bearer, Mỹ Tho' });
		assert.equal(r.status, 200, show(r));
		assert.equal(r.json.residence, 'Số 1, đường Bearer, Mỹ Tho');
		assert.equal(r.json.version, m.version + 1);
		const admin = await srv.login(ADMIN_USER, ADMIN_PW);
		const a = await admin.get('/audit?object_type=member&limit=5');
		assert.equal(a.status, 200, show(a));
		const e = a.json.items.find((x) => String(x.object_id) === String(m.id));
		assert.ok(e, 'audit entry for the bearer write');
		assert.equal(e.username, BEARER.username);
	});

	test('bearer token works for POST without CSRF (201)', async () => {
		const b = srv.bearer(token);
		const cell = (await b.get('/members?limit=1')).json.items[0].org_id;
		const r = await b.post('/members', {
			org_id: cell, full_name: 'Triệu Văn Mã Thông', sex: 'male', birth_date: '1990-01-15',
			admitted_on: '2015-01-15', official_on: '2016-01-15', status: 'official',
		});
		assert.equal(r.status, 201, show(r));
		assert.equal(r.json.full_name, 'Triệu Văn Mã Thông');
		assert.equal((await b.get(`/members/${r.json.id}`)).status, 200);
	});

	test('a wrong bearer token -> 401', async () => {
		const r = await srv.bearer('not-a-real-token-0123456789').get('/members');
		assert.equal(r.status, 401, show(r));
	});
});

describe('login rate limit', () => {
	test('5 wrong passwords, then the 6th attempt (right password) -> 429 + Retry-After', async () => {
		const c = srv.client();
		for (let i = 1; i <= 5; i++) {
			const r = await c.post('/session', { username: VICTIM.username, password: `sai-${i}` });
			assert.equal(r.status, 401, `attempt ${i}: ${show(r)}`);
		}
		const r = await c.post('/session', { username: VICTIM.username, password: VICTIM.password });
		assert.equal(r.status, 429, show(r));
		assert.equal(r.json.error.code, 'rate_limited');
		assert.ok(looksVietnamese(r.json.error.message), r.json.error.message);
		const ra = r.headers.get('retry-after');
		assert.ok(ra !== null, 'Retry-After header missing');
		assert.match(ra, /^\d+$/);
		assert.ok(Number(ra) > 0 && Number(ra) <= 15 * 60, `Retry-After ${ra}`);
		assert.equal(r.headers.getSetCookie().filter((s) => /^chibo_session=[^;]+/.test(s) && !/max-age=0/i.test(s)).length, 0);
	});

	test('the limit is per username: another account still logs in', async () => {
		const r = await srv.client().post('/session', { username: OFFICER.username, password: OFFICER.password });
		assert.equal(r.status, 200, show(r));
	});
});

describe('security headers and limits', () => {
	function checkHeaders(r, what) {
		assert.equal(r.headers.get('x-content-type-options'), 'nosniff', `${what}: X-Content-Type-Options`);
		const csp = r.headers.get('content-security-policy');
		assert.ok(csp, `${what}: Content-Security-Policy missing`);
		const xfo = r.headers.get('x-frame-options');
		assert.ok((xfo && /^(DENY|SAMEORIGIN)$/i.test(xfo)) || /frame-ancestors\s+('none'|'self')/.test(csp),
			`${what}: no X-Frame-Options and no CSP frame-ancestors (xfo=${xfo}, csp=${csp})`);
	}

	test('on JSON responses, errors and /healthz', async () => {
		const c = await srv.login(ADMIN_USER, ADMIN_PW);
		checkHeaders(await c.get('/members?limit=1'), 'GET /members');
		checkHeaders(await c.get('/session'), 'GET /session');
		checkHeaders(await srv.client().get('/members'), '401');
		checkHeaders(await c.get('/members/999999999'), '404');
		checkHeaders(await srv.client().get('/healthz'), '/healthz');
		const j = await c.get('/members?limit=1');
		assert.match(j.headers.get('content-type'), /^application\/json/);
	});

	test('body over the limit -> 413 too_large', async () => {
		const c = await srv.login(ADMIN_USER, ADMIN_PW);
		const big = JSON.stringify({ full_name: 'Nguyễn Văn Lớn', residence: 'x'.repeat(16 * 1024 * 1024) });
		const r = await rawRequest(`${srv.base}/api/v1/members`, {
			method: 'POST',
			headers: {
				'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(big),
				Cookie: c.cookieHeader, 'X-CSRF-Token': c.csrf,
			},
			body: big,
		});
		assert.equal(r.status, 413, `${r.status} ${r.text.slice(0, 300)}`);
		assert.equal(JSON.parse(r.text).error.code, 'too_large');
		// the server still answers
		assert.equal((await srv.client().get('/healthz')).status, 200);
	});

	test('unknown API path -> 404 not_found JSON', async () => {
		const c = await srv.login(ADMIN_USER, ADMIN_PW);
		const r = await c.get('/khong-co');
		assert.equal(r.status, 404, show(r));
		assert.equal(r.json.error.code, 'not_found');
	});

	test('birth_date with a garbage value -> 422 validation, not 500', async () => {
		const c = await srv.login(ADMIN_USER, ADMIN_PW);
		const m = (await c.get('/members?limit=1')).json.items[0];
		const r = await c.patch(`/members/${m.id}`, { version: m.version, birth_date: '31/02/1980x' });
		assert.equal(r.status, 422, show(r));
		assert.equal(r.json.error.code, 'validation');
		assert.equal(r.json.error.field, 'birth_date');
		assert.ok(looksVietnamese(r.json.error.message), r.json.error.message);
	});
});

describe('health and OpenAPI', () => {
	test('GET /healthz -> 200 {"status":"ok"}', async () => {
		const r = await srv.client().get('/healthz');
		assert.equal(r.status, 200, show(r));
		assert.equal(r.json.status, 'ok');
	});

	test('GET /api/v1/openapi.json has every endpoint of docs/API.md', async () => {
		const r = await srv.client().get('/api/v1/openapi.json');
		assert.equal(r.status, 200, show(r));
		assert.match(String(r.json.openapi), /^3\./);
		assert.ok(r.json.info?.title, 'info.title');
		const norm = (p) => p.replace(/^\/api\/v1(?=\/)/, '').replace(/\{[^}]+\}/g, '{}');
		const paths = new Map(Object.entries(r.json.paths || {}).map(([p, v]) => [norm(p), v]));
		const doc = fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), '../../docs/API.md'), 'utf8');
		// "`GET /orgs/{id}/children`", "`POST /session {...}`", "`GET /members?q=...`"
		const want = new Set();
		for (const m of doc.matchAll(/`(GET|POST|PATCH|PUT|DELETE) (\/[^\s`?]*)/g)) {
			let p = m[2];
			if (p === '/healthz') continue; // outside /api/v1, not part of the API document
			p = norm(p);
			if (p === '/openapi.json') continue;
			want.add(`${m[1]} ${p}`);
		}
		// the ones listed in the prose as "`GET /members/{id}`; `POST /members {...}`"
		for (const e of ['GET /members/{}', 'POST /members', 'PATCH /members/{}', 'GET /session', 'DELETE /session']) want.add(e);
		assert.ok(want.size >= 18, `parsed only ${want.size} endpoints from API.md`);
		const missing = [];
		for (const e of want) {
			const [method, p] = e.split(' ');
			const item = paths.get(p);
			if (!item || !item[method.toLowerCase()]) missing.push(e);
		}
		assert.deepEqual(missing, [], `endpoints missing from openapi.json: ${missing.join(', ')}`);
	});
});
