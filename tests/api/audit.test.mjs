// Audit log: exactly one entry per write with who/when/what/before/after,
// none for refused writes, readable by admin/officer within scope only, and
// append-only (no API to change it; the database refuses UPDATE/DELETE).

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
	ADMIN_PW, ADMIN_USER, auditDuring, auditHead, listAll, orgTree, sameId, show, startServer, yearsAgo,
} from './harness.mjs';

const PW = 'Mat-khau-Nhat-ky-2025!';
let srv;
let admin;
let tree;
let A; let B; let C; let BC;
let memB; // a member of B
const u = {};
const dmy = (iso) => iso.split('-').reverse().join('/');

before(async () => {
	srv = await startServer({ demo: 'bloc' });
	admin = await srv.login(ADMIN_USER, ADMIN_PW);
	tree = await orgTree(admin);
	const orgs = [...tree.values()];
	const withCells = orgs.filter((o) => o.kind === 'grassroots' &&
		orgs.filter((x) => sameId(x.parent_id, o.id) && x.kind === 'cell').length >= 2);
	[A, B] = withCells;
	C = orgs.find((x) => sameId(x.parent_id, A.id) && x.kind === 'cell');
	BC = orgs.find((x) => sameId(x.parent_id, B.id) && x.kind === 'cell');
	memB = (await admin.get(`/members?org=${B.id}&limit=1`)).json.items[0];
	for (const [username, role, org] of [['officer.a', 'officer', A], ['officer.b', 'officer', B],
		['secretary.c', 'secretary', C], ['inspector.a', 'inspector', A]]) {
		srv.addUser({ username, password: PW, role, org: org.code });
		u[username] = await srv.login(username, PW);
	}
});
after(async () => { await srv?.stop(); });

async function refresh() { tree = await orgTree(admin); }
const inSub = (orgId, top) => String(tree.get(String(orgId))?.path || '').startsWith(top.path);
// Where an entry belongs: docs/API.md names org_id; fall back to org_path so
// that the scope checks still run when only the path is sent (the field
// itself is checked in 'entries carry the documented fields').
const entryPath = (e) => (e.org_id !== undefined ? tree.get(String(e.org_id))?.path : e.org_path) || '';
const entryIn = (e, top) => entryPath(e).startsWith(top.path);

/** Checks the one entry a write produced and returns it. */
function one(added, { username, type, id, what }) {
	assert.equal(added.length, 1, `${what}: expected 1 audit entry, got ${added.length}: ${JSON.stringify(added)}`);
	const e = added[0];
	for (const k of ['id', 'at', 'username', 'action', 'object_type', 'object_id', 'before', 'after']) {
		assert.ok(k in e, `${what}: entry lacks ${k}`);
	}
	assert.equal(e.username, username, what);
	assert.equal(e.object_type, type, what);
	assert.ok(sameId(e.object_id, id), `${what}: object_id ${e.object_id} != ${id}`);
	assert.match(e.at, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/, `${what}: at ${e.at}`);
	assert.ok(Math.abs(Date.parse(e.at) - Date.now()) < 5 * 60 * 1000, `${what}: at ${e.at} not now`);
	assert.ok(typeof e.action === 'string' && e.action.length > 0, what);
	return e;
}

const entries = {}; // what -> entry
let movedId = null; // the org moved from A to B: its entries' scope depends on when they were written
const moved = (e) => e.object_type === 'org' && sameId(e.object_id, movedId);

describe('one entry per write', () => {
	let org; let member;

	test('org create', async () => {
		const { result: r, added } = await auditDuring(admin, () => u['officer.a'].post('/orgs',
			{ code: `${A.code}.NK1`, name: 'Chi bộ Nhật ký', kind: 'cell', parent_id: A.id, founded_on: '2024-03-01' }));
		assert.equal(r.status, 201, show(r));
		org = r.json;
		const e = one(added, { username: 'officer.a', type: 'org', id: org.id, what: 'org create' });
		assert.equal(e.before, null);
		assert.equal(e.after.code, `${A.code}.NK1`);
		assert.equal(e.after.name, 'Chi bộ Nhật ký');
		await refresh();
		assert.ok(entryIn(e, A), `entry org ${e.org_id ?? e.org_path} in A`);
		entries.orgCreate = e;
	});

	test('org rename', async () => {
		const { result: r, added } = await auditDuring(admin, () => u['officer.a'].patch(`/orgs/${org.id}`, { version: org.version, name: 'Chi bộ Nhật ký Mới' }));
		assert.equal(r.status, 200, show(r));
		const v = org.version;
		org = r.json;
		const e = one(added, { username: 'officer.a', type: 'org', id: org.id, what: 'org rename' });
		assert.equal(e.before.name, 'Chi bộ Nhật ký');
		assert.equal(e.after.name, 'Chi bộ Nhật ký Mới');
		assert.equal(e.before.version, v);
		assert.equal(e.after.version, v + 1);
		entries.orgRename = e;
	});

	test('org move', async () => {
		const { result: r, added } = await auditDuring(admin, () => admin.patch(`/orgs/${org.id}`, { version: org.version, parent_id: B.id }));
		assert.equal(r.status, 200, show(r));
		org = r.json;
		movedId = org.id;
		await refresh();
		const e = one(added, { username: ADMIN_USER, type: 'org', id: org.id, what: 'org move' });
		assert.ok(sameId(e.before.parent_id, A.id));
		assert.ok(sameId(e.after.parent_id, B.id));
		assert.notEqual(e.before.path, e.after.path);
	});

	test('org dissolve', async () => {
		const { result: r, added } = await auditDuring(admin, () => admin.post(`/orgs/${org.id}/dissolve`, { version: org.version, dissolved_on: '2025-08-01' }));
		assert.equal(r.status, 200, show(r));
		const e = one(added, { username: ADMIN_USER, type: 'org', id: org.id, what: 'org dissolve' });
		assert.equal(e.before.dissolved_on, null);
		assert.equal(e.after.dissolved_on, '2025-08-01');
		entries.orgDissolveB = e;
	});

	test('member create', async () => {
		const { result: r, added } = await auditDuring(admin, () => u['secretary.c'].post('/members', {
			org_id: C.id, full_name: 'Bế Văn Nhật Ký', sex: 'male', birth_date: '1991-07-07',
			admitted_on: yearsAgo(0, -30), status: 'probationary',
		}));
		assert.equal(r.status, 201, show(r));
		member = r.json;
		const e = one(added, { username: 'secretary.c', type: 'member', id: member.id, what: 'member create' });
		assert.equal(e.before, null);
		assert.equal(e.after.full_name, 'Bế Văn Nhật Ký');
		assert.equal(e.after.birth_date, '1991-07-07');
		assert.equal(entryPath(e), C.path, `member entry org ${e.org_id ?? e.org_path} is the member's org`);
		entries.memberCreate = e;
	});

	test('member update', async () => {
		const { result: r, added } = await auditDuring(admin, () => u['secretary.c'].patch(`/members/${member.id}`, { version: member.version, residence: 'Tổ 7, phường 2' }));
		assert.equal(r.status, 200, show(r));
		const old = member;
		member = r.json;
		const e = one(added, { username: 'secretary.c', type: 'member', id: member.id, what: 'member update' });
		assert.equal(e.before.residence ?? null, old.residence ?? null);
		assert.equal(e.after.residence, 'Tổ 7, phường 2');
		assert.equal(e.after.full_name, 'Bế Văn Nhật Ký', 'after is the whole record');
	});

	test('a member write in B by admin (for the scope checks)', async () => {
		const m = (await admin.get(`/members?org=${BC.id}&limit=1`)).json.items[0];
		const { result: r, added } = await auditDuring(admin, () => admin.patch(`/members/${m.id}`, { version: m.version, position: 'Ủy viên' }));
		assert.equal(r.status, 200, show(r));
		entries.memberB = one(added, { username: ADMIN_USER, type: 'member', id: m.id, what: 'member update in B' });
	});

	test('import: entries for the import, all by the importer', async () => {
		const csv = `Họ và tên,Giới tính,Ngày sinh,Ngày vào Đảng\r\nKim Văn Một,Nam,01/01/1990,${dmy(yearsAgo(0, -20))}\r\nKim Thị Hai,Nữ,02/02/1991,${dmy(yearsAgo(0, -20))}\r\n`;
		const { result: r, added } = await auditDuring(admin, () => u['officer.a'].post(`/imports/members?org=${encodeURIComponent(C.code)}`, csv, { type: 'text/csv' }));
		assert.equal(r.status, 200, show(r));
		assert.equal(r.json.imported, 2);
		// one entry for the import, or one per imported member
		assert.ok(added.length === 1 || added.length === 2, `import entries: ${added.length}`);
		for (const e of added) {
			assert.equal(e.username, 'officer.a');
			assert.ok(entryIn(e, A), `import entry org ${e.org_id ?? e.org_path}`);
		}
	});

	test('refused writes add nothing (409, 422, 403, 404, CSRF)', async () => {
		const stale = (await admin.get(`/members/${member.id}`)).json.version - 1;
		const tries = [
			() => u['secretary.c'].patch(`/members/${member.id}`, { version: stale, residence: 'cũ' }),
			() => u['secretary.c'].post('/members', { org_id: C.id, full_name: 'Bế Văn Sai', sex: 'male', birth_date: yearsAgo(-1), admitted_on: yearsAgo(0, -30), status: 'probationary' }),
			() => u['inspector.a'].patch(`/members/${member.id}`, { version: member.version, residence: 'x' }),
			() => u['officer.a'].patch(`/members/${memB.id}`, { version: memB.version, residence: 'x' }),
			() => u['officer.a'].post('/orgs', { code: `${A.code}.NK1`, name: 'Trùng', kind: 'cell', parent_id: A.id, founded_on: '2024-03-01' }),
			() => u['secretary.c'].patch(`/members/${member.id}`, { version: member.version, residence: 'y' }, { csrf: false }),
			() => u['officer.a'].post(`/imports/members?org=${encodeURIComponent(C.code)}`, 'Họ và tên,Giới tính,Ngày sinh,Ngày vào Đảng\r\nKim Văn Ba,Nam,99/01/1990,01/01/2020\r\n', { type: 'text/csv' }),
		];
		for (const [i, f] of tries.entries()) {
			const { result: r, added } = await auditDuring(admin, f);
			assert.ok(r.status >= 400 && r.status < 500, `try ${i}: ${show(r)}`);
			assert.deepEqual(added, [], `try ${i} (${r.status}) added audit entries`);
		}
	});

	test('reads add nothing', async () => {
		const { added } = await auditDuring(admin, async () => {
			await u['officer.a'].get('/members?limit=5');
			await u['officer.a'].get(`/orgs/${A.id}/stats`);
			await u['officer.a'].get(`/members/export?org=${C.id}&format=csv`);
		});
		assert.deepEqual(added, []);
	});
});

describe('reading the audit', () => {
	test('entries carry the documented fields {id, at, username, action, object_type, object_id, org_id, before, after}', async () => {
		const items = await auditHead(admin, '', 50);
		assert.ok(items.length > 0);
		for (const e of items) {
			for (const k of ['id', 'at', 'username', 'action', 'object_type', 'object_id', 'org_id', 'before', 'after']) {
				assert.ok(k in e, `entry ${e.id} lacks ${k}: keys ${Object.keys(e)}`);
			}
		}
		const m = items.find((e) => e.object_type === 'member' && e.after);
		assert.ok(sameId(m.org_id, m.after.org_id), 'a member entry\'s org_id is the member\'s org');
	});

	test('newest first, cursor pages without gaps or repeats', async () => {
		const all = (await listAll(admin, '/audit', { limit: 200 })).items;
		const paged = (await listAll(admin, '/audit', { limit: 3 })).items;
		assert.deepEqual(paged.map((e) => e.id), all.map((e) => e.id));
		assert.equal(new Set(all.map((e) => String(e.id))).size, all.length);
		for (let i = 1; i < all.length; i++) assert.ok(all[i - 1].at >= all[i].at, `entry ${i} out of order`);
		assert.ok(all.length >= 9);
	});

	test('filters: object_type and org subtree', async () => {
		const m = (await listAll(admin, '/audit?object_type=member')).items;
		assert.ok(m.length >= 3);
		for (const e of m) assert.equal(e.object_type, 'member');
		const o = (await listAll(admin, '/audit?object_type=org')).items;
		assert.ok(o.length >= 4);
		for (const e of o) assert.equal(e.object_type, 'org');
		const inC = (await listAll(admin, `/audit?org=${C.id}`)).items;
		assert.ok(inC.some((e) => sameId(e.id, entries.memberCreate?.id)));
		for (const e of inC) assert.ok(entryIn(e, C), `?org=C gave entry of org ${e.org_id ?? e.org_path}`);
	});

	test('officer of A sees A\'s entries, not B\'s; officer of B the reverse', async () => {
		const a = (await listAll(u['officer.a'], '/audit')).items;
		const ids = new Set(a.map((e) => String(e.id)));
		assert.ok(ids.has(String(entries.memberCreate?.id)));
		assert.ok(!ids.has(String(entries.memberB?.id)), 'officer.a sees a B entry');
		for (const e of a.filter((x) => !moved(x))) assert.ok(entryIn(e, A), `officer.a sees entry ${e.id} (org ${e.org_id ?? e.org_path})`);
		const b = (await listAll(u['officer.b'], '/audit')).items;
		const bids = new Set(b.map((e) => String(e.id)));
		assert.ok(bids.has(String(entries.memberB?.id)));
		assert.ok(!bids.has(String(entries.memberCreate?.id)));
		for (const e of b.filter((x) => !moved(x))) assert.ok(entryIn(e, B), `officer.b sees entry ${e.id} (org ${e.org_id ?? e.org_path})`);
		const r = await u['officer.a'].get(`/audit?org=${B.id}`);
		assert.equal(r.status, 404, show(r));
	});

	test('secretary and inspector get 403', async () => {
		for (const k of ['secretary.c', 'inspector.a']) {
			const r = await u[k].get('/audit');
			assert.equal(r.status, 403, `${k}: ${show(r)}`);
			assert.equal(r.json.error.code, 'forbidden');
		}
	});
});

describe('append-only', () => {
	test('there is no API to change or delete entries', async () => {
		const [e] = await auditHead(admin, '', 1);
		for (const [m, p] of [['PATCH', `/audit/${e.id}`], ['PUT', `/audit/${e.id}`], ['DELETE', `/audit/${e.id}`],
			['DELETE', '/audit'], ['POST', '/audit'], ['PATCH', '/audit']]) {
			const r = await admin.req(m, p, { body: m === 'DELETE' ? undefined : { username: 'ke-gian', after: null } });
			assert.ok([404, 405].includes(r.status), `${m} ${p}: ${show(r)}`);
		}
		const [e2] = await auditHead(admin, '', 1);
		assert.deepEqual(e2, e);
	});

	test('the database refuses UPDATE and DELETE on the audit table', (t) => {
		const probe = spawnSync('sqlite3', ['-version'], { encoding: 'utf8' });
		if (probe.error) { t.skip('sqlite3 CLI not installed'); return; }
		const q = (sql) => spawnSync('sqlite3', ['-bail', '-cmd', '.timeout 5000', srv.dbPath, sql], { encoding: 'utf8' });
		const tables = q("SELECT name FROM sqlite_master WHERE type='table' AND name LIKE '%audit%';").stdout.trim().split('\n');
		const table = tables.includes('audit') ? 'audit' : tables[0];
		assert.ok(table, 'an audit table exists');
		const count = () => q(`SELECT count(*) || ':' || max(id) FROM ${table};`).stdout.trim();
		const n0 = count();
		const up = q(`UPDATE ${table} SET username = 'ke-gian' WHERE id = (SELECT max(id) FROM ${table});`);
		assert.notEqual(up.status, 0, `UPDATE succeeded: ${up.stdout}${up.stderr}`);
		const del = q(`DELETE FROM ${table};`);
		assert.notEqual(del.status, 0, `DELETE succeeded: ${del.stdout}${del.stderr}`);
		assert.equal(count(), n0);
		assert.equal(q(`SELECT count(*) FROM ${table} WHERE username = 'ke-gian';`).stdout.trim(), '0');
	});
});
