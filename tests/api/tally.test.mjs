// Subtree counts (org_tally) stay equal to the members they count through
// every kind of write: create, status change, sex/birth-year change, move
// of a member to another cell, CSV import, and moving a whole cell under
// another grassroots org.  Each step compares GET /orgs/{id}/stats with a
// count made by listing the members themselves.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
	ADMIN_PW, ADMIN_USER, listAll, vnYear, orgTree, randomCard, sameId, show, startServer, yearsAgo,
} from './harness.mjs';

let srv;
let c;
let root; let A; let B; let cellA; let cellA2;

const ACTIVE = ['probationary', 'official'];

async function stats(org) {
	const r = await c.get(`/orgs/${org.id}/stats`);
	assert.equal(r.status, 200, show(r));
	return r.json;
}

/** What the stats of org must say, counted from its member list. */
async function counted(org) {
	const items = (await listAll(c, `/members?org=${org.id}`)).items;
	const year = vnYear();
	const out = { member_total: items.length, active_total: 0, by_status: {}, by_sex: {}, by_age_band: {} };
	for (const m of items) {
		out.by_status[m.status] = (out.by_status[m.status] || 0) + 1;
		if (!ACTIVE.includes(m.status)) continue;
		out.active_total++;
		out.by_sex[m.sex] = (out.by_sex[m.sex] || 0) + 1;
		const age = year - Number(m.birth_date.slice(0, 4));
		const band = age <= 30 ? '18_30' : age <= 40 ? '31_40' : age <= 50 ? '41_50' : age <= 60 ? '51_60' : '61_up';
		out.by_age_band[band] = (out.by_age_band[band] || 0) + 1;
	}
	return out;
}

const nonZero = (o) => Object.fromEntries(Object.entries(o || {}).filter(([, v]) => v !== 0));

async function assertConsistent(org) {
	const [s, want] = await Promise.all([stats(org), counted(org)]);
	assert.equal(s.member_total, want.member_total, `${org.code} member_total`);
	assert.equal(s.active_total, want.active_total, `${org.code} active_total`);
	assert.deepEqual(nonZero(s.by_status), want.by_status, `${org.code} by_status`);
	assert.deepEqual(nonZero(s.by_sex), want.by_sex, `${org.code} by_sex`);
	assert.deepEqual(nonZero(s.by_age_band), want.by_age_band, `${org.code} by_age_band`);
}

before(async () => {
	srv = await startServer({ demo: 'bloc' });
	c = await srv.login(ADMIN_USER, ADMIN_PW);
	const tree = [...(await orgTree(c)).values()];
	root = tree.find((o) => o.parent_id === null);
	const withCells = tree.filter((o) => o.kind === 'grassroots' &&
		tree.filter((x) => sameId(x.parent_id, o.id) && x.kind === 'cell').length >= 2);
	[A, B] = withCells;
	[cellA, cellA2] = tree.filter((x) => sameId(x.parent_id, A.id) && x.kind === 'cell');
});
after(async () => { await srv?.stop(); });

describe('subtree counts follow every write', () => {
	let m;

	test('the demo starts consistent (cell, grassroots org, root)', async () => {
		for (const o of [cellA, A, B]) await assertConsistent(o);
		assert.equal((await stats(root)).active_total, 7595);
	});

	test('create: +1 in the cell, its org and the root', async () => {
		const before = await stats(root);
		const r = await c.post('/members', {
			full_name: 'Đỗ Thị Thu Hà', sex: 'female', birth_date: '1996-03-08',
			admitted_on: yearsAgo(3), official_on: yearsAgo(2), card_no: randomCard(), org_id: cellA.id,
		});
		assert.equal(r.status, 201, show(r));
		m = r.json;
		assert.equal((await stats(root)).active_total, before.active_total + 1);
		for (const o of [cellA, A]) await assertConsistent(o);
	});

	test('status official -> removed, sex and birth year changed: counts move', async () => {
		const before = await stats(root);
		const r = await c.patch(`/members/${m.id}`, { version: m.version, status: 'removed', sex: 'male', birth_date: '1980-01-02', full_name: 'Đỗ Văn Hà' });
		assert.equal(r.status, 200, show(r));
		m = r.json;
		const after = await stats(root);
		assert.equal(after.active_total, before.active_total - 1);
		assert.equal(after.by_status.removed, (before.by_status.removed || 0) + 1);
		await assertConsistent(cellA);
	});

	test('member moved to a cell of another grassroots org: both sides follow', async () => {
		const cellB = (await c.get(`/orgs/${B.id}/children`)).json.items.find((x) => x.kind === 'cell');
		const r = await c.patch(`/members/${m.id}`, { version: m.version, org_id: cellB.id, status: 'official' });
		assert.equal(r.status, 200, show(r));
		for (const o of [cellA, A, cellB, B]) await assertConsistent(o);
	});

	test('CSV import adds its rows to every level', async () => {
		const before = await stats(root);
		const csv = 'Họ và tên,Giới tính,Ngày sinh,Ngày vào Đảng,Ngày chính thức,Số thẻ đảng viên\r\n' +
			`Lê Văn Tám,Nam,01/02/1990,01/02/2015,01/02/2016,${randomCard()}\r\n` +
			`Trần Thị Bình,Nữ,03/04/2001,05/06/2024,05/06/2025,${randomCard()}\r\n`;
		const r = await c.post(`/imports/members?org=${encodeURIComponent(cellA2.code)}`, csv, { type: 'text/csv' });
		assert.equal(r.status, 200, show(r));
		assert.equal((await stats(root)).active_total, before.active_total + 2);
		for (const o of [cellA2, A]) await assertConsistent(o);
	});

	test('a cell moved under another grassroots org takes its counts along', async () => {
		const cur = (await c.get(`/orgs/${cellA2.id}`)).json;
		const [sA, sB, sRoot, sCell] = await Promise.all([stats(A), stats(B), stats(root), stats(cur)]);
		const r = await c.patch(`/orgs/${cur.id}`, { version: cur.version, parent_id: B.id });
		assert.equal(r.status, 200, show(r));
		const [tA, tB, tRoot] = await Promise.all([stats(A), stats(B), stats(root)]);
		assert.equal(tA.active_total, sA.active_total - sCell.active_total);
		assert.equal(tB.active_total, sB.active_total + sCell.active_total);
		assert.equal(tRoot.active_total, sRoot.active_total);
		for (const o of [A, B, cur]) await assertConsistent(o);
	});
});
