// Organisations: tree listing, stats consistency, create / rename / move /
// dissolve with optimistic versions, and the audit entry of each write.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
	ADMIN_PW, ADMIN_USER, auditDuring, errorFields, fold, looksVietnamese, sameId, show, startServer,
} from './harness.mjs';

let srv;
let c; // admin at the root
let meta;
let root;
let children; // grassroots orgs under the root
let A; // a grassroots party committee (has cells)
let B; // another one
let cellsA;
const sum = (o) => Object.values(o || {}).reduce((a, b) => a + b, 0);

before(async () => {
	srv = await startServer({ demo: 'bloc' });
	c = await srv.login(ADMIN_USER, ADMIN_PW);
	meta = (await c.get('/meta')).json;
});
after(async () => { await srv?.stop(); });

async function stats(id) {
	const r = await c.get(`/orgs/${id}/stats`);
	assert.equal(r.status, 200, show(r));
	return r.json;
}
async function getOrg(id) {
	const r = await c.get(`/orgs/${id}`);
	assert.equal(r.status, 200, show(r));
	return r.json;
}
async function kids(id) {
	const r = await c.get(`/orgs/${id}/children`);
	assert.equal(r.status, 200, show(r));
	return r.json.items;
}
/** Exactly one new audit entry about org `id`; returns it. */
function oneAudit(added, id, what) {
	assert.equal(added.length, 1, `${what}: expected exactly 1 audit entry, got ${JSON.stringify(added)}`);
	const e = added[0];
	assert.equal(e.object_type, 'org', what);
	assert.ok(sameId(e.object_id, id), `${what}: object_id ${e.object_id} != ${id}`);
	assert.equal(e.username, ADMIN_USER, what);
	assert.equal(typeof e.action, 'string');
	assert.ok(e.action.length > 0);
	assert.ok(Math.abs(Date.parse(e.at) - Date.now()) < 5 * 60 * 1000, `${what}: at=${e.at}`);
	return e;
}

describe('reading the tree', () => {
	test('GET /meta lists kinds, types, statuses, sexes, age bands', () => {
		const kinds = meta.org_kinds.map((k) => k.code);
		for (const k of ['cell', 'gcell', 'grassroots', 'subcommittee', 'upper']) assert.ok(kinds.includes(k), k);
		assert.deepEqual(meta.member_statuses.map((k) => k.code).sort(),
			['deceased', 'expelled', 'official', 'probationary', 'removed', 'transferred']);
		assert.deepEqual(meta.sexes.map((k) => k.code).sort(), ['female', 'male']);
		assert.deepEqual(meta.age_bands.map((k) => k.code), ['18_30', '31_40', '41_50', '51_60', '61_up']);
		assert.equal(meta.org_kinds.find((k) => k.code === 'grassroots').name, 'Đảng bộ cơ sở');
		assert.equal(meta.member_statuses.find((k) => k.code === 'probationary').name, 'Dự bị');
		assert.ok(meta.org_types.length >= 8, `org_types: ${meta.org_types.length}`);
	});

	test('GET /orgs -> the account\'s root org only', async () => {
		const r = await c.get('/orgs');
		assert.equal(r.status, 200, show(r));
		assert.equal(r.json.items.length, 1);
		root = r.json.items[0];
		assert.equal(root.code, 'DUK');
		assert.equal(root.code, srv.root.code);
		assert.equal(root.kind, 'upper');
		assert.equal(root.parent_id, null);
		assert.equal(root.depth, 0);
		assert.equal(root.dissolved_on, null);
		assert.equal(typeof root.path, 'string');
		assert.equal(root.child_count, 94);
		assert.ok(Number.isInteger(root.version));
		const g = await getOrg(root.id);
		assert.equal(g.code, 'DUK');
		assert.deepEqual(g.ancestors, []);
	});

	test('children of the root: the 94 grassroots orgs DUK.Dnn', async () => {
		children = await kids(root.id);
		assert.equal(children.length, 94);
		const codes = new Set(children.map((o) => o.code));
		assert.equal(codes.size, 94, 'codes unique');
		const typeCodes = new Set(meta.org_types.map((t) => t.code));
		for (const o of children) {
			assert.match(o.code, /^DUK\.D\d\d+$/, o.code);
			assert.ok(sameId(o.parent_id, root.id), o.code);
			assert.equal(o.depth, 1, o.code);
			assert.ok(['grassroots', 'gcell'].includes(o.kind), `${o.code} kind ${o.kind}`);
			assert.ok(typeCodes.has(o.type), `${o.code} type ${o.type}`);
			assert.ok(o.path.startsWith(root.path) && o.path !== root.path, `${o.code} path ${o.path}`);
			assert.equal(o.dissolved_on, null);
		}
		const big = children.filter((o) => o.kind === 'grassroots' && o.child_count >= 3);
		assert.ok(big.length >= 2, 'need two grassroots committees with cells');
		[A, B] = big;
		cellsA = await kids(A.id);
		assert.equal(cellsA.length, A.child_count);
		for (const x of cellsA) {
			assert.ok(sameId(x.parent_id, A.id));
			assert.ok(x.path.startsWith(A.path));
			assert.equal(x.depth, 2);
		}
	});

	test('GET /orgs/{cell} has ancestors root and A', async () => {
		const g = await getOrg(cellsA[0].id);
		assert.equal(g.code, cellsA[0].code);
		assert.deepEqual(g.ancestors.map((x) => x.code).sort(), [root.code, A.code].sort());
	});

	test('GET /orgs?q= finds an org by unaccented name and by code', async () => {
		const r = await c.get(`/orgs?q=${encodeURIComponent(fold(A.name))}`);
		assert.equal(r.status, 200, show(r));
		assert.ok(r.json.items.some((o) => sameId(o.id, A.id)), `q=${fold(A.name)}`);
		const r2 = await c.get(`/orgs?q=${encodeURIComponent(B.code)}`);
		assert.ok(r2.json.items.some((o) => sameId(o.id, B.id)));
	});

	test('GET /orgs?parent_id= lists children', async () => {
		const r = await c.get(`/orgs?parent_id=${A.id}`);
		assert.equal(r.status, 200, show(r));
		assert.deepEqual(r.json.items.map((o) => String(o.id)).sort(), cellsA.map((o) => String(o.id)).sort());
	});

	test('GET /orgs/{unknown} -> 404', async () => {
		const r = await c.get('/orgs/987654321');
		assert.equal(r.status, 404, show(r));
		assert.equal(r.json.error.code, 'not_found');
	});
});

describe('stats', () => {
	test('root: by_status sums to member_total, active split consistent, 94 grassroots by type', async () => {
		const s = await stats(root.id);
		assert.equal(sum(s.by_status), s.member_total);
		for (const k of Object.keys(s.by_status)) assert.ok(meta.member_statuses.some((x) => x.code === k), k);
		const active = (s.by_status.probationary || 0) + (s.by_status.official || 0);
		// seed 000: 7.595 current members; former members are kept on top
		assert.equal(active, 7595);
		assert.equal(s.active_total, 7595);
		assert.ok(s.member_total > active);
		assert.equal(sum(s.by_sex), active);
		assert.deepEqual(Object.keys(s.by_sex).sort(), ['female', 'male']);
		assert.equal(sum(s.by_age_band), active);
		for (const k of Object.keys(s.by_age_band)) assert.ok(meta.age_bands.some((x) => x.code === k), k);
		assert.equal(sum(s.grassroots_by_type), 94);
		assert.equal(Object.keys(s.grassroots_by_type).length, 8);
		assert.equal((s.orgs_by_kind.grassroots || 0) + (s.orgs_by_kind.gcell || 0), 94);
		// the type counts agree with the children listing
		const byType = {};
		for (const o of children) byType[o.type] = (byType[o.type] || 0) + 1;
		for (const [k, v] of Object.entries(byType)) assert.equal(s.grassroots_by_type[k], v, k);
	});

	test('children\'s subtree totals sum to the parent\'s (root and A)', async () => {
		const s = await stats(root.id);
		const parts = await Promise.all(children.map((o) => stats(o.id)));
		assert.equal(parts.reduce((a, x) => a + x.member_total, 0), s.member_total);
		for (const k of Object.keys(s.by_status)) {
			assert.equal(parts.reduce((a, x) => a + (x.by_status[k] || 0), 0), s.by_status[k], `by_status.${k}`);
		}
		assert.equal(parts.reduce((a, x) => a + sum(x.grassroots_by_type), 0), 94);
		const sa = await stats(A.id);
		const cs = await Promise.all(cellsA.map((o) => stats(o.id)));
		assert.equal(cs.reduce((a, x) => a + x.member_total, 0), sa.member_total);
		assert.equal(sum(sa.grassroots_by_type), 1);
		assert.equal(sa.grassroots_by_type[A.type], 1);
	});

	test('a cell\'s by_status matches GET /members?org=&status=', async () => {
		const cell = cellsA.find((x) => x.child_count === 0) || cellsA[0];
		const s = await stats(cell.id);
		for (const st of ['official', 'probationary']) {
			const r = await c.get(`/members?org=${cell.id}&status=${st}&limit=200`);
			assert.equal(r.status, 200, show(r));
			assert.equal(r.json.next, null);
			assert.equal(r.json.items.length, s.by_status[st] || 0, st);
		}
	});
});

describe('writes', () => {
	let made; // the created cell
	const code = () => `${A.code}.KT1`;

	test('POST /orgs -> 201, then visible under its parent', async () => {
		const { result: r, added } = await auditDuring(c, () => c.post('/orgs', {
			code: code(), name: 'Chi bộ Kiểm tra Thử nghiệm', kind: 'cell', type: null,
			parent_id: A.id, founded_on: '2024-01-15', covers: [],
		}));
		assert.equal(r.status, 201, show(r));
		made = r.json;
		assert.equal(made.code, code());
		assert.equal(made.name, 'Chi bộ Kiểm tra Thử nghiệm');
		assert.equal(made.kind, 'cell');
		assert.ok(sameId(made.parent_id, A.id));
		assert.equal(made.depth, A.depth + 1);
		assert.ok(made.path.startsWith(A.path) && made.path.length > A.path.length, made.path);
		assert.equal(made.founded_on, '2024-01-15');
		assert.equal(made.dissolved_on, null);
		assert.ok(Number.isInteger(made.version));
		const g = await getOrg(made.id);
		assert.equal(g.code, code());
		assert.equal(g.version, made.version);
		const k = await kids(A.id);
		assert.ok(k.some((o) => sameId(o.id, made.id)));
		assert.equal((await getOrg(A.id)).child_count, A.child_count + 1);
		const e = oneAudit(added, made.id, 'create');
		assert.equal(e.before ?? null, null);
		assert.equal(e.after.code, code());
		assert.equal(e.after.name, 'Chi bộ Kiểm tra Thử nghiệm');
	});

	test('duplicate code -> 409 conflict, nothing created', async () => {
		const n0 = (await kids(B.id)).length;
		const { result: r, added } = await auditDuring(c, () => c.post('/orgs', {
			code: code(), name: 'Chi bộ trùng mã', kind: 'cell', parent_id: B.id, founded_on: '2024-01-15',
		}));
		assert.equal(r.status, 409, show(r));
		assert.equal(r.json.error.code, 'conflict');
		assert.ok(looksVietnamese(r.json.error.message), r.json.error.message);
		assert.equal((await kids(B.id)).length, n0);
		assert.equal(added.length, 0);
	});

	test('invalid code -> 422 field "code"', async () => {
		for (const bad of ['duk.d01 x', 'DUK.ĐB1', '', 'A'.repeat(200)]) {
			const r = await c.post('/orgs', { code: bad, name: 'Chi bộ mã sai', kind: 'cell', parent_id: A.id, founded_on: '2024-01-15' });
			assert.equal(r.status, 422, `${JSON.stringify(bad)}: ${show(r)}`);
			assert.equal(r.json.error.code, 'validation');
			assert.ok(errorFields(r).has('code'), `${JSON.stringify(bad)}: fields ${[...errorFields(r)]}`);
			assert.ok(looksVietnamese(r.json.error.message));
		}
		const none = await c.get(`/orgs?q=${encodeURIComponent('mã sai')}`);
		assert.equal(none.json.items.length, 0);
	});

	test('a type on a cell -> 422 field "type" (only grassroots orgs have one)', async () => {
		const r = await c.post('/orgs', { code: `${A.code}.KT9`, name: 'Chi bộ Loại hình', kind: 'cell', type: 'dn_fdi', parent_id: A.id });
		assert.equal(r.status, 422, show(r));
		assert.ok(errorFields(r).has('type'));
	});

	test('GET /orgs?q=&limit= caps the answer; a limit out of range -> 400', async () => {
		const r = await c.get('/orgs?q=chi%20bo&limit=3');
		assert.equal(r.status, 200, show(r));
		assert.equal(r.json.items.length, 3);
		assert.equal((await c.get('/orgs?q=chi&limit=0')).status, 400);
	});

	test('missing name / unknown kind -> 422 with those fields', async () => {
		const r = await c.post('/orgs', { code: `${A.code}.KT9`, kind: 'cell', parent_id: A.id, founded_on: '2024-01-15' });
		assert.equal(r.status, 422, show(r));
		assert.ok(errorFields(r).has('name'), [...errorFields(r)].join());
		const r2 = await c.post('/orgs', { code: `${A.code}.KT9`, name: 'Chi bộ loại lạ', kind: 'khong-co', parent_id: A.id, founded_on: '2024-01-15' });
		assert.equal(r2.status, 422, show(r2));
		assert.ok(errorFields(r2).has('kind'), [...errorFields(r2)].join());
	});

	test('rename with version -> 200 and version+1; the same version again -> 409', async () => {
		const v = made.version;
		const { result: r, added } = await auditDuring(c, () => c.patch(`/orgs/${made.id}`, { version: v, name: 'Chi bộ Kiểm tra Đổi tên' }));
		assert.equal(r.status, 200, show(r));
		assert.equal(r.json.name, 'Chi bộ Kiểm tra Đổi tên');
		assert.equal(r.json.code, code());
		assert.equal(r.json.version, v + 1);
		const e = oneAudit(added, made.id, 'rename');
		assert.equal(e.before.name, 'Chi bộ Kiểm tra Thử nghiệm');
		assert.equal(e.after.name, 'Chi bộ Kiểm tra Đổi tên');

		const { result: s, added: added2 } = await auditDuring(c, () => c.patch(`/orgs/${made.id}`, { version: v, name: 'Tên cũ ghi đè' }));
		assert.equal(s.status, 409, show(s));
		assert.equal(s.json.error.code, 'conflict');
		assert.equal(added2.length, 0);
		const g = await getOrg(made.id);
		assert.equal(g.name, 'Chi bộ Kiểm tra Đổi tên');
		assert.equal(g.version, v + 1);
		made = g;
	});

	test('PATCH without version -> 422 or 400, nothing changed', async () => {
		const r = await c.patch(`/orgs/${made.id}`, { name: 'Không có phiên bản' });
		assert.ok([400, 422].includes(r.status), show(r));
		assert.equal((await getOrg(made.id)).name, 'Chi bộ Kiểm tra Đổi tên');
	});

	test('move a cell with members to another grassroots org: path changes, counts follow', async () => {
		const sizes = await Promise.all(cellsA.map(async (x) => [x, await stats(x.id)]));
		const [cell, sc] = sizes.filter(([, s]) => s.member_total > 0).sort((a, b) => b[1].member_total - a[1].member_total)[0];
		const sA = await stats(A.id);
		const sB = await stats(B.id);
		const sR = await stats(root.id);
		const one = (await c.get(`/members?org=${cell.id}&limit=1`)).json.items[0];
		const g0 = await getOrg(cell.id);

		const { result: r, added } = await auditDuring(c, () => c.patch(`/orgs/${cell.id}`, { version: g0.version, parent_id: B.id }));
		assert.equal(r.status, 200, show(r));
		assert.ok(sameId(r.json.parent_id, B.id));
		assert.ok(r.json.path.startsWith(B.path), r.json.path);
		assert.ok(!r.json.path.startsWith(A.path), r.json.path);
		assert.equal(r.json.version, g0.version + 1);
		assert.equal(r.json.code, cell.code);
		const e = oneAudit(added, cell.id, 'move');
		assert.ok(sameId(e.before.parent_id, A.id), JSON.stringify(e.before));
		assert.ok(sameId(e.after.parent_id, B.id), JSON.stringify(e.after));

		const g = await getOrg(cell.id);
		assert.deepEqual(g.ancestors.map((x) => x.code).sort(), [root.code, B.code].sort());
		assert.equal((await stats(A.id)).member_total, sA.member_total - sc.member_total);
		assert.equal((await stats(B.id)).member_total, sB.member_total + sc.member_total);
		assert.equal((await stats(root.id)).member_total, sR.member_total);
		assert.ok((await kids(B.id)).some((o) => sameId(o.id, cell.id)));
		assert.ok(!(await kids(A.id)).some((o) => sameId(o.id, cell.id)));
		// the members moved with it
		const m = (await c.get(`/members/${one.id}`)).json;
		assert.ok(sameId(m.org_id, cell.id));
		const inB = await c.get(`/members?org=${B.id}&q=${encodeURIComponent(one.full_name)}&limit=200`);
		assert.ok(inB.json.items.some((x) => sameId(x.id, one.id)), 'member found under B');
		const inA = await c.get(`/members?org=${A.id}&q=${encodeURIComponent(one.full_name)}&limit=200`);
		assert.ok(!inA.json.items.some((x) => sameId(x.id, one.id)), 'member no longer under A');
		// the grassroots type counts do not change (a cell has no type)
		assert.equal(sum((await stats(root.id)).grassroots_by_type), 94);
	});

	test('moving an org under its own descendant is refused (422 parent_id), nothing changed', async () => {
		const a0 = await getOrg(A.id);
		const cell = (await kids(A.id))[0];
		const r = await c.patch(`/orgs/${A.id}`, { version: a0.version, parent_id: cell.id });
		assert.equal(r.status, 422, show(r));
		assert.ok(errorFields(r).has('parent_id'), [...errorFields(r)].join());
		const a1 = await getOrg(A.id);
		assert.equal(a1.version, a0.version);
		assert.ok(sameId(a1.parent_id, root.id));
	});

	test('dissolve with a date -> 200 dissolved_on set, still listed', async () => {
		const bad = await c.post(`/orgs/${made.id}/dissolve`, { version: made.version, dissolved_on: '30/02/2025' });
		assert.equal(bad.status, 422, show(bad));
		assert.ok(errorFields(bad).has('dissolved_on'));

		const { result: r, added } = await auditDuring(c, () => c.post(`/orgs/${made.id}/dissolve`, { version: made.version, dissolved_on: '2025-06-30' }));
		assert.equal(r.status, 200, show(r));
		assert.equal(r.json.dissolved_on, '2025-06-30');
		assert.equal(r.json.version, made.version + 1);
		const e = oneAudit(added, made.id, 'dissolve');
		assert.equal(e.before.dissolved_on ?? null, null);
		assert.equal(e.after.dissolved_on, '2025-06-30');

		const k = await kids(A.id);
		const again = k.find((o) => sameId(o.id, made.id));
		assert.ok(again, 'dissolved org still in children');
		assert.equal(again.dissolved_on, '2025-06-30');
		assert.equal((await getOrg(made.id)).dissolved_on, '2025-06-30');

		const stale = await c.post(`/orgs/${made.id}/dissolve`, { version: made.version, dissolved_on: '2025-07-01' });
		assert.equal(stale.status, 409, show(stale));

		// a dissolved org is not moved anywhere
		const moved = await c.patch(`/orgs/${made.id}`, { version: r.json.version, parent_id: B.id });
		assert.equal(moved.status, 422, show(moved));
		assert.ok(errorFields(moved).has('parent_id'));
		assert.equal((await getOrg(made.id)).parent_id, A.id);
		assert.equal((await getOrg(made.id)).dissolved_on, '2025-06-30');
	});

	test('the audit lists every org write newest first', async () => {
		const r = await c.get('/audit?object_type=org&limit=50');
		assert.equal(r.status, 200, show(r));
		const mine = r.json.items.filter((e) => sameId(e.object_id, made.id));
		assert.equal(mine.length, 3, JSON.stringify(mine)); // create, rename, dissolve
		assert.equal(mine[0].after.dissolved_on, '2025-06-30');
		assert.equal(mine[2].before ?? null, null);
		for (let i = 1; i < r.json.items.length; i++) {
			assert.ok(r.json.items[i - 1].at >= r.json.items[i].at, 'newest first');
		}
		for (const e of r.json.items) assert.equal(e.object_type, 'org');
	});

	test('GET /orgs/{id}/history shows the same writes: create, rename, dissolve', async () => {
		const r = await c.get(`/orgs/${made.id}/history`);
		assert.equal(r.status, 200, show(r));
		assert.deepEqual(r.json.items.map((e) => e.action), ['dissolve', 'update', 'create']);
		assert.equal(r.json.items[0].after.dissolved_on, '2025-06-30');
		assert.equal(r.json.items[0].before.dissolved_on, null);
		assert.equal(r.json.items[2].before, null);
		assert.equal(r.json.items[2].after.code, code());
		const missing = await c.get('/orgs/999999/history');
		assert.equal(missing.status, 404, show(missing));
	});
});
