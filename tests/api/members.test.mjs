// Members: cursor pagination and Vietnamese order, filters, accent-insensitive
// search, get/create/update with validation and versions, history and audit.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
	ADMIN_PW, ADMIN_USER, ageOn, vnYear, auditDuring, errorFields, fold, listAll, looksVietnamese, orgTree,
	randomCard, sameId, show, startServer, yearsAgo,
} from './harness.mjs';

let srv;
let c;
let tree; // Map id -> org
let root;
let A; // grassroots committee
let cellA; // one of its cells
let all; // every member from an unfiltered walk
const coll = new Intl.Collator('vi');
const byName = (a, b) => coll.compare(a.given_name, b.given_name) ||
	coll.compare(a.middle_name || '', b.middle_name || '') || coll.compare(a.surname, b.surname);

before(async () => {
	srv = await startServer({ demo: 'bloc' });
	c = await srv.login(ADMIN_USER, ADMIN_PW);
	tree = await orgTree(c);
	root = [...tree.values()].find((o) => o.parent_id === null);
	A = [...tree.values()].find((o) => o.kind === 'grassroots' && o.child_count >= 3);
	cellA = [...tree.values()].find((o) => sameId(o.parent_id, A.id) && o.kind === 'cell');
	all = (await listAll(c, '/members')).items;
});
after(async () => { await srv?.stop(); });

const inSubtree = (orgId, top) => tree.get(String(orgId))?.path.startsWith(top.path);
async function stats(id) {
	const r = await c.get(`/orgs/${id}/stats`);
	assert.equal(r.status, 200, show(r));
	return r.json;
}
const ids = (items) => items.map((m) => String(m.id));

describe('list and pagination', () => {
	test('default page is 50 items with a next cursor; member shape', async () => {
		const r = await c.get('/members');
		assert.equal(r.status, 200, show(r));
		assert.equal(r.json.items.length, 50);
		assert.equal(typeof r.json.next, 'string');
		const m = r.json.items[0];
		for (const k of ['id', 'org_id', 'org_code', 'org_name', 'full_name', 'surname', 'middle_name',
			'given_name', 'sex', 'birth_date', 'age', 'ethnicity', 'religion', 'hometown', 'residence',
			'education', 'theory_level', 'position', 'card_no', 'admitted_on', 'official_on', 'status',
			'exempt', 'version']) {
			assert.ok(k in m, `member.${k} missing: ${JSON.stringify(m)}`);
		}
		assert.match(m.birth_date, /^\d{4}-\d{2}-\d{2}$/);
		assert.equal(m.org_code, tree.get(String(m.org_id)).code);
	});

	test('whole walk: no duplicates, names in Vietnamese order (given, middle, surname)', async () => {
		assert.ok(all.length > 7000, `walked ${all.length}`);
		assert.equal(new Set(ids(all)).size, all.length, 'duplicate ids across pages');
		for (let i = 1; i < all.length; i++) {
			const a = all[i - 1];
			const b = all[i];
			assert.ok(coll.compare(a.given_name, b.given_name) <= 0,
				`item ${i}: given name "${a.given_name}" (${a.full_name}) before "${b.given_name}" (${b.full_name})`);
		}
		for (let i = 1; i < all.length; i++) {
			assert.ok(byName(all[i - 1], all[i]) <= 0,
				`item ${i}: "${all[i - 1].full_name}" before "${all[i].full_name}" (given, middle, surname)`);
		}
		// the full name is the parts joined
		for (const m of all.slice(0, 500)) {
			assert.equal(m.full_name, [m.surname, m.middle_name, m.given_name].filter(Boolean).join(' '));
			assert.equal(m.full_name, m.full_name.normalize('NFC'));
		}
	});

	test('small pages and big pages give the same sequence (no gaps, no repeats)', async () => {
		const small = (await listAll(c, `/members?org=${A.id}`, { limit: 7 })).items;
		const big = (await listAll(c, `/members?org=${A.id}`, { limit: 200 })).items;
		assert.ok(big.length > 14);
		assert.deepEqual(ids(small), ids(big));
		assert.equal(new Set(ids(small)).size, small.length);
		const fromAll = all.filter((m) => inSubtree(m.org_id, A));
		assert.deepEqual(ids(big), ids(fromAll), 'the subtree list is the whole list filtered');
	});

	test('per-status counts equal the stats (no member lost by paging)', async () => {
		const s = await stats(root.id);
		for (const [st, n] of Object.entries(s.by_status)) {
			const items = (await listAll(c, `/members?status=${st}`)).items;
			assert.equal(items.length, n, `status=${st}`);
			for (const m of items) assert.equal(m.status, st);
		}
	});

	test('bad limit / cursor -> 400 bad_request', async () => {
		for (const q of ['limit=0', 'limit=abc', 'limit=-5', 'cursor=%%%not-a-cursor']) {
			const r = await c.get(`/members?${q}`);
			assert.equal(r.status, 400, `${q}: ${show(r)}`);
			assert.equal(r.json.error.code, 'bad_request');
		}
		const r = await c.get('/members?limit=201');
		assert.ok(r.status === 400 || (r.status === 200 && r.json.items.length <= 200), show(r));
		const bad = await c.get('/members?status=khong-co');
		assert.ok([400, 422].includes(bad.status), `unknown status: ${show(bad)}`);
	});
});

describe('filters', () => {
	test('status, sex (active split equals stats.by_sex)', async () => {
		const s = await stats(root.id);
		let female = 0;
		for (const st of ['official', 'probationary']) {
			const items = (await listAll(c, `/members?sex=female&status=${st}`)).items;
			for (const m of items) { assert.equal(m.sex, 'female'); assert.equal(m.status, st); }
			female += items.length;
		}
		assert.equal(female, s.by_sex.female);
		const males = (await listAll(c, `/members?sex=male&org=${A.code}`)).items;
		assert.ok(males.length > 0);
		for (const m of males) assert.equal(m.sex, 'male');
		assert.equal(males.length, all.filter((m) => m.sex === 'male' && inSubtree(m.org_id, A)).length);
	});

	// Bands go by year of birth (age = this year - birth year), as party
	// statistics count ages; the exact age is the member's `age` field.
	test('age_band: every item\'s age by year of birth is inside the band; active counts equal stats', async () => {
		const s = await stats(root.id);
		const bands = { '18_30': [18, 30], '31_40': [31, 40], '41_50': [41, 50], '51_60': [51, 60], '61_up': [61, 200] };
		for (const [band, [lo, hi]] of Object.entries(bands)) {
			let active = 0;
			for (const st of ['official', 'probationary']) {
				const items = (await listAll(c, `/members?age_band=${band}&status=${st}`)).items;
				for (const m of items) {
					const byYear = vnYear() - Number(m.birth_date.slice(0, 4));
					assert.ok(byYear >= lo && byYear <= hi, `${band}: ${m.full_name} born ${m.birth_date}`);
					assert.equal(m.age, ageOn(m.birth_date), `${m.full_name} age field`);
				}
				active += items.length;
			}
			assert.equal(active, s.by_age_band[band] || 0, `band ${band}`);
		}
	});

	test('org subtree by id and by code: every item is inside, none missing', async () => {
		const byCode = (await listAll(c, `/members?org=${encodeURIComponent(A.code)}`)).items;
		const byId = (await listAll(c, `/members?org=${A.id}`)).items;
		assert.deepEqual(ids(byCode), ids(byId));
		for (const m of byCode) assert.ok(inSubtree(m.org_id, A), `${m.full_name} org ${m.org_code} outside ${A.code}`);
		const cell = (await listAll(c, `/members?org=${cellA.id}`)).items;
		for (const m of cell) assert.ok(sameId(m.org_id, cellA.id) || inSubtree(m.org_id, cellA));
		assert.equal(cell.length, all.filter((m) => inSubtree(m.org_id, cellA)).length);
		const combined = (await listAll(c, `/members?org=${A.id}&sex=female&status=official`)).items;
		assert.equal(combined.length, all.filter((m) => inSubtree(m.org_id, A) && m.sex === 'female' && m.status === 'official').length);
	});

	test('unknown org -> 404', async () => {
		const r = await c.get('/members?org=KHONG.CO.MA');
		assert.equal(r.status, 404, show(r));
	});
});

describe('search', () => {
	// The members of `all` matched by q: every query word equals (or, if the
	// server matches prefixes, starts) a folded name word.
	function expected(q, prefix) {
		const words = fold(q).split(/\s+/).filter(Boolean);
		return all.filter((m) => {
			const nw = fold(m.full_name).split(/\s+/);
			return words.every((w) => nw.some((x) => (prefix ? x.startsWith(w) : x === w)));
		}).map((m) => String(m.id)).sort();
	}
	async function search(q, extra = '') {
		return (await listAll(c, `/members?q=${encodeURIComponent(q)}${extra}`)).items;
	}
	function sameAsExpected(got, q) {
		const g = ids(got).sort();
		const exact = expected(q, false);
		const prefix = expected(q, true);
		assert.ok(JSON.stringify(g) === JSON.stringify(exact) || JSON.stringify(g) === JSON.stringify(prefix),
			`q=${q}: got ${g.length} ids, expected ${exact.length} (whole words) or ${prefix.length} (prefixes)`);
	}

	test('an unaccented full name finds the member', async () => {
		const m = all.find((x) => /[À-ỹĐđ]/u.test(x.full_name) && x.full_name.split(' ').length >= 3);
		const q = fold(m.full_name);
		assert.notEqual(q, m.full_name);
		const got = await search(q);
		assert.ok(got.some((x) => sameId(x.id, m.id)), `q=${q} did not find ${m.full_name}`);
		sameAsExpected(got, q);
		for (let i = 1; i < got.length; i++) assert.ok(byName(got[i - 1], got[i]) <= 0, 'search results sorted by name');
	});

	test('"nguyen van" style: surname + middle name, unaccented', async () => {
		const m = all.find((x) => fold(x.surname) === 'nguyen' && fold(x.middle_name || '') === 'van') ||
			all.find((x) => x.middle_name && /[À-ỹĐđ]/u.test(x.surname + x.middle_name));
		const q = fold(`${m.surname} ${m.middle_name}`);
		const got = await search(q);
		assert.ok(got.length > 1);
		assert.ok(got.some((x) => sameId(x.id, m.id)));
		sameAsExpected(got, q);
	});

	test('"dang" finds the Đặng surnames', async () => {
		const dang = all.filter((x) => x.surname === 'Đặng');
		assert.ok(dang.length > 0, 'demo data has Đặng surnames');
		const got = await search('dang');
		const gotIds = new Set(ids(got));
		for (const m of dang) assert.ok(gotIds.has(String(m.id)), `q=dang missed ${m.full_name}`);
		sameAsExpected(got, 'dang');
		const upper = await search('ĐẶNG');
		assert.deepEqual(ids(upper).sort(), ids(got).sort(), 'case and accents do not matter');
	});

	test('an NFD-encoded query finds NFC data', async () => {
		const m = all.find((x) => x.full_name.normalize('NFD') !== x.full_name);
		const nfd = m.full_name.normalize('NFD');
		const got = await search(nfd);
		assert.ok(got.some((x) => sameId(x.id, m.id)), `NFD query did not find ${m.full_name}`);
		const nfc = await search(m.full_name);
		assert.deepEqual(ids(got), ids(nfc));
	});

	test('card number search', async () => {
		const m = all.find((x) => x.card_no);
		const got = await search(m.card_no);
		assert.equal(got.length, 1, `q=${m.card_no}: ${got.length} results`);
		assert.ok(sameId(got[0].id, m.id));
		assert.equal(got[0].card_no, m.card_no);
	});

	test('search with org filter stays inside the subtree', async () => {
		const got = await search('van', `&org=${A.id}`);
		assert.ok(got.length > 0);
		for (const m of got) assert.ok(inSubtree(m.org_id, A), `${m.full_name} outside ${A.code}`);
		const byId = new Map(all.map((m) => [String(m.id), m]));
		const exp = (prefix) => JSON.stringify(expected('van', prefix).filter((id) => inSubtree(byId.get(id).org_id, A)));
		const g = JSON.stringify(ids(got).sort());
		assert.ok(g === exp(false) || g === exp(true), 'q=van&org=A is the subtree part of q=van');
	});

	test('a name nobody has -> empty list', async () => {
		const r = await c.get(`/members?q=${encodeURIComponent('Xyzzyqwerty')}`);
		assert.equal(r.status, 200, show(r));
		assert.deepEqual(r.json.items, []);
		assert.equal(r.json.next, null);
	});
});

describe('get, create, update', () => {
	let made;
	const card = randomCard();
	const valid = () => ({
		org_id: cellA.id, full_name: 'Nguyễn Thị Minh Khai', sex: 'female', birth_date: '1990-05-12',
		ethnicity: 'Kinh', religion: 'Không', hometown: 'Châu Thành, Tiền Giang',
		residence: 'Số 5, đường Lê Lợi, phường 1, Mỹ Tho', education: 'Đại học', theory_level: 'Trung cấp',
		position: 'Chuyên viên', card_no: card, admitted_on: '2015-03-02', official_on: '2016-03-02',
		status: 'official', exempt: false,
	});

	test('GET /members/{id} equals the list item; unknown id -> 404', async () => {
		const m = all[123];
		const r = await c.get(`/members/${m.id}`);
		assert.equal(r.status, 200, show(r));
		for (const k of Object.keys(m)) assert.deepEqual(r.json[k], m[k], k);
		assert.equal(r.json.age, ageOn(m.birth_date));
		const nf = await c.get('/members/987654321');
		assert.equal(nf.status, 404, show(nf));
		assert.equal(nf.json.error.code, 'not_found');
		const bad = await c.get('/members/abc');
		assert.ok([400, 404].includes(bad.status), show(bad));
	});

	test('POST /members valid -> 201 with names split and cleaned (NFC, spaces)', async () => {
		const n0 = (await stats(cellA.id)).member_total;
		const body = { ...valid(), full_name: '  Nguyễn   Thị Minh  Khai '.normalize('NFD') };
		const { result: r, added } = await auditDuring(c, () => c.post('/members', body));
		assert.equal(r.status, 201, show(r));
		made = r.json;
		assert.equal(made.full_name, 'Nguyễn Thị Minh Khai');
		assert.equal(made.surname, 'Nguyễn');
		assert.equal(made.middle_name, 'Thị Minh');
		assert.equal(made.given_name, 'Khai');
		assert.ok(sameId(made.org_id, cellA.id));
		assert.equal(made.org_code, cellA.code);
		assert.equal(made.birth_date, '1990-05-12');
		assert.equal(made.card_no, card);
		assert.equal(made.status, 'official');
		assert.equal(made.residence, 'Số 5, đường Lê Lợi, phường 1, Mỹ Tho');
		assert.equal(made.age, ageOn('1990-05-12'));
		assert.ok(Number.isInteger(made.version));
		assert.equal((await stats(cellA.id)).member_total, n0 + 1);
		const g = await c.get(`/members/${made.id}`);
		assert.equal(g.status, 200);
		assert.equal(g.json.full_name, 'Nguyễn Thị Minh Khai');
		const found = await c.get(`/members?q=${encodeURIComponent('nguyen thi minh khai')}`);
		assert.ok(found.json.items.some((x) => sameId(x.id, made.id)));
		assert.equal(added.length, 1, JSON.stringify(added));
		assert.equal(added[0].object_type, 'member');
		assert.ok(sameId(added[0].object_id, made.id));
		assert.equal(added[0].before ?? null, null);
		assert.equal(added[0].after.full_name, 'Nguyễn Thị Minh Khai');
	});

	test('duplicate card number -> 409 conflict', async () => {
		const r = await c.post('/members', { ...valid(), full_name: 'Lê Văn Trùng Thẻ' });
		assert.equal(r.status, 409, show(r));
		assert.equal(r.json.error.code, 'conflict');
	});

	const invalid = [
		['birth_date in the future', { birth_date: yearsAgo(-1) }, 'birth_date'],
		['admitted at age 17', { birth_date: '2000-01-10', admitted_on: '2017-06-01', official_on: '2018-06-01' }, 'admitted_on'],
		['official_on earlier than admitted_on + 12 months', { admitted_on: '2015-03-02', official_on: '2015-12-01' }, 'official_on'],
		['probationary with card_no', { status: 'probationary', admitted_on: yearsAgo(0, -60), official_on: null, card_no: randomCard() }, 'card_no'],
		['missing full_name', { full_name: undefined }, 'full_name'],
		['empty full_name', { full_name: '   ' }, 'full_name'],
		['bad sex', { sex: 'khac' }, 'sex'],
		['bad status', { status: 'vip' }, 'status'],
		['bad birth_date', { birth_date: '1990-02-30' }, 'birth_date'],
		['bad card number', { card_no: '12AB' }, 'card_no'],
	];
	for (const [what, patch, field] of invalid) {
		test(`POST invalid (${what}) -> 422 field ${field}, nothing written`, async () => {
			const n0 = (await stats(cellA.id)).member_total;
			const body = { ...valid(), card_no: randomCard(), ...patch };
			if (patch.full_name === undefined && 'full_name' in patch) delete body.full_name;
			const { result: r, added } = await auditDuring(c, () => c.post('/members', body));
			assert.equal(r.status, 422, show(r));
			assert.equal(r.json.error.code, 'validation');
			assert.ok(errorFields(r).has(field), `fields: ${[...errorFields(r)].join(', ')}`);
			assert.ok(looksVietnamese(r.json.error.message), r.json.error.message);
			for (const e of r.json.error.errors || []) assert.ok(looksVietnamese(e.message), e.message);
			assert.equal((await stats(cellA.id)).member_total, n0);
			assert.equal(added.length, 0);
		});
	}

	test('several errors at once are all reported', async () => {
		const body = { ...valid(), card_no: randomCard(), birth_date: yearsAgo(-1), sex: 'khac' };
		delete body.full_name;
		const r = await c.post('/members', body);
		assert.equal(r.status, 422, show(r));
		const f = errorFields(r);
		for (const k of ['birth_date', 'sex', 'full_name']) assert.ok(f.has(k), `${k} in ${[...f]}`);
	});

	test('POST into an unknown org -> 404 or 422, nothing written', async () => {
		const r = await c.post('/members', { ...valid(), card_no: randomCard(), org_id: 987654321 });
		assert.ok([404, 422].includes(r.status), show(r));
	});

	test('PATCH with version -> 200; the same version again -> 409', async () => {
		const v = made.version;
		const { result: r, added } = await auditDuring(c, () => c.patch(`/members/${made.id}`,
			{ version: v, residence: 'Số 9, đường Hùng Vương, Mỹ Tho', position: 'Bí thư chi bộ' }));
		assert.equal(r.status, 200, show(r));
		assert.equal(r.json.version, v + 1);
		assert.equal(r.json.residence, 'Số 9, đường Hùng Vương, Mỹ Tho');
		assert.equal(r.json.position, 'Bí thư chi bộ');
		assert.equal(r.json.full_name, 'Nguyễn Thị Minh Khai');
		assert.equal(r.json.card_no, card);
		assert.equal(added.length, 1);
		assert.equal(added[0].before.residence, 'Số 5, đường Lê Lợi, phường 1, Mỹ Tho');
		assert.equal(added[0].after.residence, 'Số 9, đường Hùng Vương, Mỹ Tho');

		const { result: s, added: a2 } = await auditDuring(c, () => c.patch(`/members/${made.id}`, { version: v, residence: 'Ghi đè cũ' }));
		assert.equal(s.status, 409, show(s));
		assert.equal(s.json.error.code, 'conflict');
		assert.ok(looksVietnamese(s.json.error.message));
		assert.equal(a2.length, 0);
		const g = (await c.get(`/members/${made.id}`)).json;
		assert.equal(g.residence, 'Số 9, đường Hùng Vương, Mỹ Tho');
		assert.equal(g.version, v + 1);
		made = g;
	});

	test('PATCH that breaks a rule -> 422, unchanged', async () => {
		const r = await c.patch(`/members/${made.id}`, { version: made.version, official_on: '2015-04-01' });
		assert.equal(r.status, 422, show(r));
		assert.ok(errorFields(r).has('official_on'));
		const g = (await c.get(`/members/${made.id}`)).json;
		assert.equal(g.official_on, '2016-03-02');
		assert.equal(g.version, made.version);
	});

	test('PATCH full_name re-splits the name parts', async () => {
		const r = await c.patch(`/members/${made.id}`, { version: made.version, full_name: 'Trần Thị Bích Ngọc' });
		assert.equal(r.status, 200, show(r));
		assert.equal(r.json.surname, 'Trần');
		assert.equal(r.json.middle_name, 'Thị Bích');
		assert.equal(r.json.given_name, 'Ngọc');
		made = r.json;
	});

	test('history shows each change with before/after, newest first', async () => {
		const r = await c.get(`/members/${made.id}/history`);
		assert.equal(r.status, 200, show(r));
		const h = r.json.items;
		assert.equal(h.length, 3, JSON.stringify(h)); // create, update residence, rename
		assert.equal(h[0].before.full_name, 'Nguyễn Thị Minh Khai');
		assert.equal(h[0].after.full_name, 'Trần Thị Bích Ngọc');
		assert.equal(h[1].before.residence, 'Số 5, đường Lê Lợi, phường 1, Mỹ Tho');
		assert.equal(h[1].after.residence, 'Số 9, đường Hùng Vương, Mỹ Tho');
		assert.equal(h[2].before ?? null, null);
		for (const e of h) {
			assert.equal(e.username, ADMIN_USER);
			assert.equal(typeof e.action, 'string');
			assert.ok(Math.abs(Date.parse(e.at) - Date.now()) < 5 * 60 * 1000, e.at);
		}
		assert.ok(h[0].at >= h[1].at && h[1].at >= h[2].at);
	});

	test('the audit has the update with before/after', async () => {
		const r = await c.get('/audit?object_type=member&limit=20');
		assert.equal(r.status, 200, show(r));
		const mine = r.json.items.filter((e) => sameId(e.object_id, made.id));
		assert.equal(mine.length, 3);
		const upd = mine.find((e) => e.after?.residence === 'Số 9, đường Hùng Vương, Mỹ Tho' && e.before?.residence !== e.after.residence);
		assert.ok(upd, JSON.stringify(mine));
		assert.equal(upd.username, ADMIN_USER);
		// docs: org_id (audit.test.mjs checks the field itself); the path identifies the org too
		const where = upd.org_id !== undefined ? tree.get(String(upd.org_id))?.path : upd.org_path;
		assert.equal(where, cellA.path, `entry org ${upd.org_id ?? upd.org_path}`);
	});
});
