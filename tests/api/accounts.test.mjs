// Accounts from the API: create within scope, no escalation above one's
// own role, lock and unlock, password reset ending sessions, no self-lock,
// stale versions, and an audit entry without the password.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
	ADMIN_PW, ADMIN_USER, auditDuring, errorFields, orgTree, sameId, show, startServer,
} from './harness.mjs';

let srv;
let admin; let officerA;
let A; let B; let cellA;

before(async () => {
	srv = await startServer({ demo: 'bloc' });
	admin = await srv.login(ADMIN_USER, ADMIN_PW);
	const tree = [...(await orgTree(admin)).values()];
	const withCells = tree.filter((o) => o.kind === 'grassroots' &&
		tree.some((x) => sameId(x.parent_id, o.id) && x.kind === 'cell'));
	[A, B] = withCells;
	cellA = tree.find((x) => sameId(x.parent_id, A.id) && x.kind === 'cell');
	const r = await admin.post('/accounts', { username: 'canbo.a', password: 'mat-khau-A1', role: 'officer', org_id: A.id });
	assert.equal(r.status, 201, show(r));
	officerA = await srv.login('canbo.a', 'mat-khau-A1');
});
after(async () => { await srv?.stop(); });

describe('accounts', () => {
	test('an officer creates a secretary in scope; the secretary can log in and sees only that cell', async () => {
		const { result: r, added } = await auditDuring(admin, () => officerA.post('/accounts', {
			username: 'bithu.cb', password: 'mat-khau-CB1', role: 'secretary', org_id: cellA.id,
		}));
		assert.equal(r.status, 201, show(r));
		assert.equal(r.json.role, 'secretary');
		assert.equal(r.json.org_id, cellA.id);
		assert.equal(r.json.active, true);
		const entry = added.find((e) => e.object_type === 'account' && sameId(e.object_id, r.json.id));
		assert.ok(entry, 'audited');
		assert.ok(!JSON.stringify(entry).includes('mat-khau'), 'no password in the audit');
		const sec = await srv.login('bithu.cb', 'mat-khau-CB1');
		const list = await sec.get('/members?limit=200');
		assert.equal(list.status, 200);
		assert.ok(list.json.items.length > 0);
		for (const m of list.json.items) assert.equal(m.org_id, cellA.id);
	});

	test('out of scope org -> 404; admin role from an officer -> 403; bad fields -> 422; taken username -> 409', async () => {
		let r = await officerA.post('/accounts', { username: 'x.b', password: 'mat-khau-B1', role: 'secretary', org_id: B.id });
		assert.equal(r.status, 404, show(r));
		r = await officerA.post('/accounts', { username: 'x.admin', password: 'mat-khau-X1', role: 'admin', org_id: A.id });
		assert.equal(r.status, 403, show(r));
		r = await officerA.post('/accounts', { username: 'X Y', password: 'short', role: 'boss', org_id: A.id });
		assert.equal(r.status, 422, show(r));
		assert.deepEqual([...errorFields(r)].sort(), ['password', 'role', 'username']);
		r = await officerA.post('/accounts', { username: 'bithu.cb', password: 'mat-khau-CB2', role: 'secretary', org_id: cellA.id });
		assert.equal(r.status, 409, show(r));
		r = await officerA.post('/accounts', { username: 'dv.one', password: 'mat-khau-DV1', role: 'member', org_id: cellA.id });
		assert.equal(r.status, 422, show(r));
		assert.ok(errorFields(r).has('member_id'));
	});

	test('lists are scoped: the officer of A does not see accounts outside A', async () => {
		const r = await officerA.get('/accounts');
		assert.equal(r.status, 200, show(r));
		const names = r.json.items.map((a) => a.username);
		assert.ok(names.includes('bithu.cb') && names.includes('canbo.a'));
		assert.ok(!names.includes(ADMIN_USER));
		const all = await admin.get('/accounts');
		const adminRow = all.json.items.find((a) => a.username === ADMIN_USER);
		assert.equal((await officerA.get(`/accounts/${adminRow.id}`)).status, 404);
		const sec = await srv.login('bithu.cb', 'mat-khau-CB1');
		assert.equal((await sec.get('/accounts')).status, 403);
	});

	test('lock ends the sessions and login; unlock restores; stale version -> 409', async () => {
		const sec = await srv.login('bithu.cb', 'mat-khau-CB1');
		const acc = (await officerA.get('/accounts')).json.items.find((a) => a.username === 'bithu.cb');
		let r = await officerA.patch(`/accounts/${acc.id}`, { version: acc.version, active: false });
		assert.equal(r.status, 200, show(r));
		assert.equal(r.json.active, false);
		assert.equal((await sec.get('/session')).status, 401);
		assert.equal((await srv.client().login('bithu.cb', 'mat-khau-CB1')).status, 401);
		r = await officerA.patch(`/accounts/${acc.id}`, { version: acc.version, active: true });
		assert.equal(r.status, 409, show(r));
		r = await officerA.patch(`/accounts/${acc.id}`, { version: acc.version + 1, active: true });
		assert.equal(r.status, 200, show(r));
		assert.equal((await srv.client().login('bithu.cb', 'mat-khau-CB1')).status, 200);
	});

	test('password reset: the old password stops working, the new one works, sessions end', async () => {
		const sec = await srv.login('bithu.cb', 'mat-khau-CB1');
		const acc = (await officerA.get('/accounts')).json.items.find((a) => a.username === 'bithu.cb');
		const { result: r, added } = await auditDuring(admin, () =>
			officerA.patch(`/accounts/${acc.id}`, { version: acc.version, password: 'mat-khau-moi-2' }));
		assert.equal(r.status, 200, show(r));
		assert.ok(!JSON.stringify(added).includes('mat-khau-moi'), 'no password in the audit');
		assert.equal((await sec.get('/session')).status, 401);
		assert.equal((await srv.client().login('bithu.cb', 'mat-khau-CB1')).status, 401);
		assert.equal((await srv.client().login('bithu.cb', 'mat-khau-moi-2')).status, 200);
	});

	test('typed fields: active must be a boolean, password a string of 8+ characters (not bytes)', async () => {
		const acc = (await officerA.get('/accounts')).json.items.find((a) => a.username === 'bithu.cb');
		let r = await officerA.patch(`/accounts/${acc.id}`, { version: acc.version, active: 'yes' });
		assert.equal(r.status, 422, show(r));
		assert.ok(errorFields(r).has('active'));
		r = await officerA.patch(`/accounts/${acc.id}`, { version: acc.version, password: 12345678 });
		assert.equal(r.status, 422, show(r));
		assert.ok(errorFields(r).has('password'));
		r = await officerA.post('/accounts', { username: 'vn.pass', password: 'ậậậ', role: 'secretary', org_id: cellA.id });
		assert.equal(r.status, 422, show(r)); // 3 characters in 9 bytes
		r = await officerA.post('/accounts', { username: 'vn.pass', password: 'Đảng viên ưu tú', role: 'secretary', org_id: cellA.id });
		assert.equal(r.status, 201, show(r));
		const same = (await officerA.get(`/accounts/${acc.id}`)).json;
		assert.equal(same.version, acc.version, 'refused changes wrote nothing');
		assert.equal(same.active, true);
	});

	test('a change that changes nothing writes nothing (no new version, no audit)', async () => {
		const acc = (await officerA.get('/accounts')).json.items.find((a) => a.username === 'bithu.cb');
		const { result: r, added } = await auditDuring(admin, () =>
			officerA.patch(`/accounts/${acc.id}`, { version: acc.version, active: true, role: acc.role }));
		assert.equal(r.status, 200, show(r));
		assert.equal(r.json.version, acc.version);
		assert.equal(added.length, 0);
	});

	test('no account in a dissolved org', async () => {
		const made = await admin.post('/orgs', { code: `${A.code}.GT1`, name: 'Chi bộ Giải thể', kind: 'cell', parent_id: A.id });
		assert.equal(made.status, 201, show(made));
		const gone = await admin.post(`/orgs/${made.json.id}/dissolve`, { version: made.json.version, dissolved_on: '2025-01-02' });
		assert.equal(gone.status, 200, show(gone));
		const r = await officerA.post('/accounts', { username: 'in.dissolved', password: 'abcdefgh12', role: 'secretary', org_id: made.json.id });
		assert.equal(r.status, 422, show(r));
		assert.ok(errorFields(r).has('org_id'));
	});

	test('nobody locks or demotes themselves; an officer cannot edit an admin', async () => {
		const me = (await officerA.get('/accounts')).json.items.find((a) => a.username === 'canbo.a');
		let r = await officerA.patch(`/accounts/${me.id}`, { version: me.version, active: false });
		assert.equal(r.status, 403, show(r));
		r = await officerA.patch(`/accounts/${me.id}`, { version: me.version, role: 'secretary' });
		assert.equal(r.status, 403, show(r));
		const all = await admin.get('/accounts');
		const adminRow = all.json.items.find((a) => a.username === ADMIN_USER);
		const admin2 = await admin.post('/accounts', { username: 'qt.a', password: 'mat-khau-QT1', role: 'admin', org_id: A.id });
		assert.equal(admin2.status, 201, show(admin2));
		r = await officerA.patch(`/accounts/${admin2.json.id}`, { version: admin2.json.version, active: false });
		assert.equal(r.status, 403, show(r));
		assert.ok(adminRow);
	});
});
