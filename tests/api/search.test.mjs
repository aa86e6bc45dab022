// Search on a tree large enough that a common word ("nguyen") matches more
// members than the full-text index is used for, so the list is found by
// walking the name index instead.  Both ways must give the same members:
// here the answer is checked against the CLI export of the same database.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
	ADMIN_PW, ADMIN_USER, cliOk, fold, listAll, show, startServer,
} from './harness.mjs';

let srv;
let c;

before(async () => {
	srv = await startServer({ demo: 15000 });
	c = await srv.login(ADMIN_USER, ADMIN_PW);
});
after(async () => { await srv?.stop(); });

/** Members of the export whose name has a word starting with every word of q. */
function expected(q) {
	const root = srv.root.code;
	const json = cliOk(['export', 'members', '--db', srv.db, '--org', root, '--format', 'json']).stdout;
	const words = fold(q).split(' ');
	return JSON.parse(json).items.filter((m) => {
		const name = fold(m.full_name).split(' ');
		return words.every((w) => name.some((n) => n.startsWith(w)));
	});
}

for (const q of ['nguyen', 'Nguyễn Thị', 'tran van h']) {
	test(`q=${q}: the same members as the export, in Vietnamese name order`, async () => {
		const got = (await listAll(c, `/members?q=${encodeURIComponent(q)}`)).items;
		const want = expected(q);
		assert.ok(want.length > 0);
		assert.equal(got.length, want.length, `${q}: ${got.length} found, ${want.length} expected`);
		assert.deepEqual(new Set(got.map((m) => m.id)), new Set(want.map((m) => m.id)));
		for (let i = 1; i < got.length; i++) {
			const a = got[i - 1]; const b = got[i];
			const cmp = a.given_name.localeCompare(b.given_name, 'vi');
			assert.ok(cmp <= 0, `${a.full_name} before ${b.full_name}`);
		}
	});
}

test('the common word really is past the index threshold (> 5.000 matches)', () => {
	assert.ok(expected('nguyen').length > 5000, show({ status: 0, text: 'demo too small for the test' }));
});
