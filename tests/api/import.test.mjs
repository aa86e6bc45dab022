// Import and export of members: CSV quirks (BOM, CRLF, quotes, dd/mm/yyyy,
// loose header names), dry runs, all-or-nothing with row/column errors, the
// CLI import/export, XLSX export and the template.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
	ADMIN_PW, ADMIN_USER, auditDuring, auditHead, cli, fold, initDb, listAll, looksVietnamese, orgList,
	orgTree, randomCard, sameId, show, startServer, yearsAgo,
} from './harness.mjs';

const BOM = '\uFEFF';
const HEADERS = ['Họ và tên', 'Giới tính', 'Ngày sinh', 'Dân tộc', 'Tôn giáo', 'Quê quán', 'Nơi ở hiện nay',
	'Số thẻ đảng viên', 'Ngày vào Đảng', 'Ngày chính thức', 'Chi bộ', 'Trình độ chuyên môn',
	'Lý luận chính trị', 'Chức vụ'];

let srv;
let c;
let A; let B; let C1; let C2;
let db2; // a separate database for the CLI tests

const dmy = (iso) => iso.split('-').reverse().join('/');
const recent = yearsAgo(0, -100); // admitted 100 days ago: probationary

/** Minimal RFC 4180 parser (quotes, doubled quotes, CRLF). */
function parseCsv(text) {
	const rows = [];
	let row = []; let f = ''; let q = false;
	text = text.replace(/^\uFEFF/, '');
	for (let i = 0; i < text.length; i++) {
		const ch = text[i];
		if (q) {
			if (ch === '"' && text[i + 1] === '"') { f += '"'; i++; } else if (ch === '"') q = false; else f += ch;
		} else if (ch === '"') q = true;
		else if (ch === ',') { row.push(f); f = ''; } else if (ch === '\n' || ch === '\r') {
			if (ch === '\r' && text[i + 1] === '\n') i++;
			row.push(f); f = ''; rows.push(row); row = [];
		} else f += ch;
	}
	if (f !== '' || row.length) { row.push(f); rows.push(row); }
	return rows.filter((r) => r.length > 1 || r[0] !== '');
}

async function total(org) {
	const r = await c.get(`/orgs/${org.id}/stats`);
	assert.equal(r.status, 200, show(r));
	return r.json.member_total;
}
async function findByName(name, org) {
	const r = await c.get(`/members?q=${encodeURIComponent(fold(name))}&org=${org.id}&limit=200`);
	assert.equal(r.status, 200, show(r));
	return r.json.items.filter((m) => m.full_name === name);
}
const importCsv = (org, body, dry = false) =>
	c.post(`/imports/members?org=${encodeURIComponent(org.code)}${dry ? '&dry_run=1' : ''}`, body, { type: 'text/csv; charset=utf-8' });

before(async () => {
	srv = await startServer({ demo: 'bloc' });
	c = await srv.login(ADMIN_USER, ADMIN_PW);
	const tree = [...(await orgTree(c)).values()];
	const withCells = tree.filter((o) => o.kind === 'grassroots' &&
		tree.filter((x) => sameId(x.parent_id, o.id) && x.kind === 'cell').length >= 2);
	[A, B] = withCells;
	[C1, C2] = tree.filter((x) => sameId(x.parent_id, A.id) && x.kind === 'cell');
	db2 = initDb(srv.dir, 'cli.db', 'bloc');
});
after(async () => { await srv?.stop(); });

describe('API import', () => {
	const card1 = randomCard(); const card2 = randomCard();
	// Header in another order, without diacritics, odd case and spacing.
	const header = ['NGÀY SINH', 'ho va ten', '  Gioi   Tinh ', 'Nơi ở hiện nay', 'so the dang vien',
		'ngay vao dang', 'NGAY CHINH THUC', 'dan toc', 'Tôn Giáo', 'que quan', 'TRÌNH ĐỘ CHUYÊN MÔN',
		'ly luan chinh tri', 'Chức  vụ'].join(',');
	const good = BOM + [
		header,
		`05/03/1980,Hồ Thị Thu Nguyệt,Nữ,"Số 12, đường 30/4, phường 1, Mỹ Tho",${card1},02/09/2005,02/09/2006,Kinh,Không,"Cái Bè, Tiền Giang",Đại học,Cao cấp,Phó trưởng phòng`,
		`17/11/1975,"Tăng Văn Khởi",Nam,"Ấp Bình Hòa, xã Bình Đức",${card2},19/05/2000,19/05/2001,Kinh,Phật giáo,Châu Thành,Thạc sĩ,Trung cấp,"Bí thư ""Chi đoàn"" khối"`,
		`28/02/1995,Ông Thị Diễm Kiều,Nữ,Phường 5,,${dmy(recent)},,Kinh,Không,Gò Công,Cao đẳng,Sơ cấp,Nhân viên`,
	].join('\r\n') + '\r\n';

	test('UTF-8 BOM, CRLF, quoted fields, loose headers -> 200 imported 3, findable', async () => {
		const n0 = await total(C1);
		const { result: r, added } = await auditDuring(c, () => importCsv(C1, good));
		assert.equal(r.status, 200, show(r));
		assert.deepEqual(r.json, { imported: 3, dry_run: false });
		assert.equal(await total(C1), n0 + 3);
		assert.ok(added.length >= 1, 'the import is audited');
		for (const e of added) assert.equal(e.username, ADMIN_USER);

		const [h] = await findByName('Hồ Thị Thu Nguyệt', C1);
		assert.ok(h, 'Hồ Thị Thu Nguyệt imported');
		assert.equal(h.birth_date, '1980-03-05');
		assert.equal(h.sex, 'female');
		assert.equal(h.residence, 'Số 12, đường 30/4, phường 1, Mỹ Tho');
		assert.equal(h.card_no, card1);
		assert.equal(h.admitted_on, '2005-09-02');
		assert.equal(h.official_on, '2006-09-02');
		assert.equal(h.status, 'official');
		assert.equal(h.hometown, 'Cái Bè, Tiền Giang');
		assert.equal(h.theory_level, 'Cao cấp');
		assert.equal(h.surname, 'Hồ');
		assert.equal(h.given_name, 'Nguyệt');
		assert.ok(sameId(h.org_id, C1.id));
		const [t] = await findByName('Tăng Văn Khởi', C1);
		assert.ok(t, 'Tăng Văn Khởi imported');
		assert.equal(t.position, 'Bí thư "Chi đoàn" khối');
		assert.equal(t.sex, 'male');
		assert.equal(t.religion, 'Phật giáo');
		const [o] = await findByName('Ông Thị Diễm Kiều', C1);
		assert.ok(o, 'Ông Thị Diễm Kiều imported');
		assert.equal(o.status, 'probationary');
		assert.equal(o.card_no, null);
		assert.equal(o.official_on, null);
		assert.equal(o.admitted_on, recent);
		// findable by card number too
		const byCard = await c.get(`/members?q=${card2}`);
		assert.deepEqual(byCard.json.items.map((m) => m.full_name), ['Tăng Văn Khởi']);
	});

	test('importing the same cards again -> 422/409, nothing written', async () => {
		const n0 = await total(C1);
		const r = await importCsv(C1, good.replace('Hồ Thị Thu Nguyệt', 'Hồ Thị Thu Trùng'));
		assert.ok([409, 422].includes(r.status), show(r));
		assert.equal(await total(C1), n0);
		assert.deepEqual(await findByName('Hồ Thị Thu Trùng', C1), []);
	});

	test('"Chi bộ" column by code and by exact name routes rows into cells of the org', async () => {
		const n1 = await total(C1); const n2 = await total(C2);
		const csv = [
			'Họ và tên,Giới tính,Ngày sinh,Ngày vào Đảng,Chi bộ',
			`Lò Văn Pản,Nam,01/01/1990,${dmy(recent)},${C2.code}`,
			`"Quàng Thị Mai",Nữ,02/02/1991,${dmy(recent)},"${C2.name.replace(/"/g, '""')}"`,
			`Vi Văn Định,Nam,03/03/1992,${dmy(recent)},${C1.code}`,
		].join('\r\n');
		const r = await importCsv(A, csv);
		assert.equal(r.status, 200, show(r));
		assert.equal(r.json.imported, 3);
		assert.equal(await total(C2), n2 + 2);
		assert.equal(await total(C1), n1 + 1);
		assert.equal((await findByName('Quàng Thị Mai', C2)).length, 1);
		assert.equal((await findByName('Vi Văn Định', C1)).length, 1);
	});

	test('dry_run=1 validates but writes nothing', async () => {
		const n0 = await total(C1);
		const head = await auditHead(c);
		const csv = BOM + [
			'Họ và tên,Giới tính,Ngày sinh,Ngày vào Đảng,Ngày chính thức,Số thẻ đảng viên',
			`Khúc Thừa Dụ,Nam,12/12/1970,01/06/1998,01/06/1999,${randomCard()}`,
			`Mạc Thị Bưởi,Nữ,13/01/1985,${dmy(recent)},,`,
		].join('\r\n');
		const r = await importCsv(C1, csv, true);
		assert.equal(r.status, 200, show(r));
		assert.deepEqual(r.json, { imported: 2, dry_run: true });
		assert.equal(await total(C1), n0);
		assert.deepEqual(await findByName('Khúc Thừa Dụ', C1), []);
		assert.deepEqual((await auditHead(c)).map((e) => e.id), head.map((e) => e.id));
		// a dry run reports errors the same way
		const bad = await importCsv(C1, csv.replace('13/01/1985', '13/13/1985'), true);
		assert.equal(bad.status, 422, show(bad));
		assert.equal(bad.json.error.row, 3);
	});

	test('3rd data row with a bad date -> 422 import row 4 column "Ngày sinh", nothing written', async () => {
		const n0 = await total(C1);
		const head = await auditHead(c);
		const csv = BOM + [
			'Họ và tên,Giới tính,Ngày sinh,Ngày vào Đảng',
			`Đinh Văn Một,Nam,01/01/1980,${dmy(recent)}`,
			`Đinh Văn Hai,Nam,02/01/1980,${dmy(recent)}`,
			`Đinh Văn Ba,Nam,31/02/1980,${dmy(recent)}`,
			`Đinh Văn Bốn,Nam,04/01/1980,${dmy(recent)}`,
		].join('\r\n') + '\r\n';
		const r = await importCsv(C1, csv);
		assert.equal(r.status, 422, show(r));
		assert.equal(r.json.error.code, 'import');
		assert.equal(r.json.error.row, 4, 'row counts the header as row 1 (spreadsheet row)');
		assert.equal(r.json.error.column, 'Ngày sinh');
		assert.ok(looksVietnamese(r.json.error.message), r.json.error.message);
		assert.equal(await total(C1), n0);
		for (const n of ['Đinh Văn Một', 'Đinh Văn Hai', 'Đinh Văn Ba', 'Đinh Văn Bốn']) assert.deepEqual(await findByName(n, C1), [], n);
		assert.deepEqual((await auditHead(c)).map((e) => e.id), head.map((e) => e.id), 'no audit entries added');
	});

	test('a rule broken in a row (admitted at 17) -> 422 with its row and column', async () => {
		const csv = [
			'Họ và tên,Giới tính,Ngày sinh,Ngày vào Đảng',
			`Đinh Thị Năm,Nữ,01/01/1980,${dmy(recent)}`,
			'Đinh Thị Sáu,Nữ,01/01/2000,01/06/2017',
		].join('\n');
		const r = await importCsv(C1, csv);
		assert.equal(r.status, 422, show(r));
		assert.equal(r.json.error.code, 'import');
		assert.equal(r.json.error.row, 3);
		assert.equal(r.json.error.column, 'Ngày vào Đảng');
		assert.deepEqual(await findByName('Đinh Thị Năm', C1), []);
	});

	test('header errors name the header row and the column: missing, repeated', async () => {
		const before = await total(C1);
		let r = await importCsv(C1, 'DANH SÁCH ĐẢNG VIÊN\r\nHọ và tên,Giới tính,Ngày vào Đảng\r\nLê Văn A,Nam,01/01/2010\r\n');
		assert.equal(r.status, 422, show(r));
		assert.equal(r.json.error.row, 2); // the header sits below the title line
		assert.equal(r.json.error.column, 'Ngày sinh');
		assert.match(r.json.error.message, /^Dòng tiêu đề 2: thiếu cột bắt buộc "Ngày sinh"/);
		r = await importCsv(C1, 'Họ và tên,Giới tính,Ngày sinh,Ngày vào Đảng,ho va ten\r\n');
		assert.equal(r.status, 422, show(r));
		assert.equal(r.json.error.row, 1);
		assert.match(r.json.error.message, /bị lặp lại/);
		assert.equal(await total(C1), before);
	});

	test('unknown "Chi bộ" -> 422 import, column "Chi bộ", nothing written', async () => {
		const n0 = await total(A);
		const csv = [
			'Họ và tên,Giới tính,Ngày sinh,Ngày vào Đảng,Chi bộ',
			`Đoàn Văn Có,Nam,01/01/1990,${dmy(recent)},${C1.code}`,
			`Đoàn Văn Lạc,Nam,01/01/1990,${dmy(recent)},Chi bộ Không Tồn Tại`,
		].join('\r\n');
		const r = await importCsv(A, csv);
		assert.equal(r.status, 422, show(r));
		assert.equal(r.json.error.code, 'import');
		assert.equal(r.json.error.row, 3);
		assert.equal(r.json.error.column, 'Chi bộ');
		assert.ok(looksVietnamese(r.json.error.message));
		assert.equal(await total(A), n0);
		// a cell of another grassroots org is "unknown" here too
		const r2 = await importCsv(A, csv.replace('Chi bộ Không Tồn Tại', B.code));
		assert.equal(r2.status, 422, show(r2));
		assert.equal(r2.json.error.column, 'Chi bộ');
		assert.equal(await total(A), n0);
		assert.deepEqual(await findByName('Đoàn Văn Có', C1), []);
	});

	test('a file without a name column -> 422 import', async () => {
		const r = await importCsv(C1, 'Giới tính,Ngày sinh\r\nNam,01/01/1980\r\n');
		assert.equal(r.status, 422, show(r));
		assert.equal(r.json.error.code, 'import');
		assert.ok(looksVietnamese(r.json.error.message));
	});

	test('UTF-16LE with BOM is accepted', async () => {
		const text = `Họ và tên,Giới tính,Ngày sinh,Ngày vào Đảng\r\nÂu Thị Ngọc Ánh,Nữ,09/09/1990,${dmy(recent)}\r\n`;
		const buf = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
		const r = await importCsv(C1, buf);
		assert.equal(r.status, 200, show(r));
		assert.equal(r.json.imported, 1);
		const [m] = await findByName('Âu Thị Ngọc Ánh', C1);
		assert.ok(m);
		assert.equal(m.birth_date, '1990-09-09');
	});

	test('unknown org -> 404; missing org -> 400/404/422', async () => {
		const r = await c.post('/imports/members?org=KHONG.CO', good, { type: 'text/csv' });
		assert.equal(r.status, 404, show(r));
		const r2 = await c.post('/imports/members', good, { type: 'text/csv' });
		assert.ok([400, 404, 422].includes(r2.status), show(r2));
	});
});

describe('export and template', () => {
	test('GET /members/export?format=xlsx -> a zip (PK) with the XLSX content type', async () => {
		const r = await c.get(`/members/export?org=${C1.id}&format=xlsx`);
		assert.equal(r.status, 200, show(r));
		assert.equal(r.body.subarray(0, 2).toString('latin1'), 'PK');
		assert.match(r.headers.get('content-type'), /^application\/vnd\.openxmlformats-officedocument\.spreadsheetml\.sheet/);
		assert.match(r.headers.get('content-disposition') || '', /attachment/);
		assert.match(r.headers.get('content-disposition') || '', /\.xlsx/);
		assert.ok(r.body.includes(Buffer.from('xl/worksheets/')), 'has a worksheet');
	});

	test('GET /members/export?format=csv has the Vietnamese header and one row per member', async () => {
		const r = await c.get(`/members/export?org=${C1.id}&format=csv`);
		assert.equal(r.status, 200, show(r));
		assert.match(r.headers.get('content-type'), /^text\/csv/);
		const rows = parseCsv(r.text);
		for (const h of HEADERS) assert.ok(rows[0].includes(h), `export header lacks ${h}: ${rows[0]}`);
		const members = (await listAll(c, `/members?org=${C1.id}`)).items;
		assert.equal(rows.length - 1, members.length);
		const name = rows[0].indexOf('Họ và tên');
		assert.ok(rows.slice(1).some((x) => x[name] === 'Hồ Thị Thu Nguyệt'));
		const bd = rows[0].indexOf('Ngày sinh');
		const row = rows.slice(1).find((x) => x[name] === 'Hồ Thị Thu Nguyệt');
		assert.equal(row[bd], '05/03/1980', 'dates as dd/mm/yyyy');
	});

	test('GET /imports/members/template has the Vietnamese header', async () => {
		const r = await c.get('/imports/members/template');
		assert.equal(r.status, 200, show(r));
		assert.match(r.headers.get('content-type'), /^text\/csv/);
		const rows = parseCsv(r.text);
		for (const h of HEADERS) assert.ok(rows[0].includes(h), `template lacks ${h}: ${rows[0]}`);
	});

	test('unknown export format -> 400', async () => {
		const r = await c.get(`/members/export?org=${C1.id}&format=doc`);
		assert.ok([400, 422].includes(r.status), show(r));
	});
});

describe('CLI import/export (separate database)', () => {
	const file = (name, text) => {
		const p = path.join(srv.dir, name);
		fs.writeFileSync(p, text);
		return p;
	};
	function exportJson(db, code) {
		const r = cli(['export', 'members', '--db', db, '--org', code, '--format', 'json']);
		assert.equal(r.code, 0, r.stderr);
		const j = JSON.parse(r.stdout);
		return Array.isArray(j) ? j : j.items;
	}
	const cliCsv = (rows) => BOM + ['Họ và tên,Giới tính,Ngày sinh,Ngày vào Đảng,Chi bộ', ...rows].join('\r\n') + '\r\n';

	test('the CLI database has the same demo codes', () => {
		const codes = orgList(db2, 2).map((o) => o.code);
		assert.ok(codes.includes(A.code), `${A.code} in cli.db`);
	});

	test('chibo import members: good file -> exit 0, rows written', () => {
		const before = exportJson(db2, A.code).length;
		const f = file('cli-good.csv', cliCsv([
			`Hà Văn Dòng Lệnh,Nam,01/01/1985,${dmy(recent)},${C1.code}`,
			`"Hà Thị Dòng Lệnh",Nữ,02/02/1986,${dmy(recent)},${C2.code}`,
		]));
		const r = cli(['import', 'members', '--db', db2, '--org', A.code, f]);
		assert.equal(r.code, 0, `exit ${r.code}: ${r.stderr}`);
		const after = exportJson(db2, A.code);
		assert.equal(after.length, before + 2);
		assert.ok(after.some((m) => (m.full_name ?? m['Họ và tên']) === 'Hà Thị Dòng Lệnh'));
	});

	test('--dry-run -> exit 0, nothing written', () => {
		const before = exportJson(db2, A.code).length;
		const f = file('cli-dry.csv', cliCsv([`Hà Văn Thử Khô,Nam,01/01/1985,${dmy(recent)},${C1.code}`]));
		const r = cli(['import', 'members', '--db', db2, '--org', A.code, '--dry-run', f]);
		assert.equal(r.code, 0, `exit ${r.code}: ${r.stderr}`);
		assert.equal(exportJson(db2, A.code).length, before);
	});

	test('bad row -> non-zero exit, Vietnamese error naming row and column, nothing written', () => {
		const before = exportJson(db2, A.code).length;
		const f = file('cli-bad.csv', cliCsv([
			`Hà Văn Một,Nam,01/01/1985,${dmy(recent)},${C1.code}`,
			`Hà Văn Hai,Nam,02/01/1985,${dmy(recent)},${C1.code}`,
			`Hà Văn Ba,Nam,32/01/1985,${dmy(recent)},${C1.code}`,
		]));
		for (const extra of [[], ['--dry-run']]) {
			const r = cli(['import', 'members', '--db', db2, '--org', A.code, ...extra, f]);
			assert.notEqual(r.code, 0, `${extra}: should fail`);
			assert.ok(looksVietnamese(r.stderr), `stderr not Vietnamese: ${r.stderr}`);
			assert.match(r.stderr, /\b4\b/, `row 4 in: ${r.stderr}`);
			assert.match(r.stderr, /Ngày sinh/, `column in: ${r.stderr}`);
			assert.equal(exportJson(db2, A.code).length, before);
		}
	});

	test('unknown org / missing file -> non-zero exit with a Vietnamese message', () => {
		const f = file('cli-one.csv', cliCsv([`Hà Văn Lẻ,Nam,01/01/1985,${dmy(recent)},`]));
		const r = cli(['import', 'members', '--db', db2, '--org', 'KHONG.CO', f]);
		assert.notEqual(r.code, 0);
		assert.ok(looksVietnamese(r.stderr), r.stderr);
		const r2 = cli(['import', 'members', '--db', db2, '--org', A.code, path.join(srv.dir, 'khong-co.csv')]);
		assert.notEqual(r2.code, 0);
		assert.ok(looksVietnamese(r2.stderr), r2.stderr);
	});

	test('import --help and export --help exit 0', () => {
		assert.equal(cli(['import', 'members', '--help']).code, 0);
		assert.equal(cli(['export', 'members', '--help']).code, 0);
	});
});

describe('round trip', () => {
	// The CSV export of cell X (CLI), unchanged, is imported into another
	// database that has a cell with the same code: every field comes back.
	// Card numbers are unique, so an unchanged export can never be imported
	// into another org of the same database (the members already exist there);
	// that attempt must be refused as a whole.
	const NAME = 'Chi bộ Khứ Hồi Thử Nghiệm';
	let X;
	let exported;
	const cardV = randomCard(); const cardD = randomCard();
	const people = [
		['Lương Thế Vinh', 'Nam', '1985-08-17', '2010-05-19', '2011-05-19', 'Số 3, đường Nguyễn Huệ', cardV],
		['Nguyễn Thị Định', 'Nữ', '1990-03-08', '2014-02-03', '2015-02-03', 'Ấp 4, xã Tân Phú', cardD],
		['Đồng Văn Mới', 'Nam', '1999-12-31', recent, '', 'Phường 6, "khu B"', ''],
	];
	const pick = (m) => [m.full_name, m.surname, m.middle_name, m.given_name, m.sex, m.birth_date, m.admitted_on,
		m.official_on, m.residence, m.ethnicity, m.status, m.card_no, m.hometown, m.religion, m.education,
		m.theory_level, m.position, m.org_code];

	test('export csv (CLI) of a cell re-imports unchanged into another database', async () => {
		const r0 = await c.post('/orgs', { code: `${A.code}.KH1`, name: NAME, kind: 'cell', parent_id: A.id, founded_on: '2024-01-01' });
		assert.equal(r0.status, 201, show(r0));
		X = r0.json;
		const q = (v) => `"${v.replace(/"/g, '""')}"`;
		const csv = ['Họ và tên,Giới tính,Ngày sinh,Ngày vào Đảng,Ngày chính thức,Nơi ở hiện nay,Dân tộc,Số thẻ đảng viên,Quê quán,Chức vụ',
			...people.map(([n, s, b, a, o, res, card]) => `${n},${s},${dmy(b)},${dmy(a)},${o ? dmy(o) : ''},${q(res)},Kinh,${card},"Tân Phước, Tiền Giang",Đảng viên`)].join('\r\n');
		const imp = await importCsv(X, csv);
		assert.equal(imp.status, 200, show(imp));
		assert.equal(imp.json.imported, 3);

		const ex = cli(['export', 'members', '--db', srv.db, '--org', X.code, '--format', 'csv']);
		assert.equal(ex.code, 0, ex.stderr);
		exported = ex.stdout;
		const rows = parseCsv(exported);
		for (const h of HEADERS) assert.ok(rows[0].includes(h), `CLI export header lacks ${h}`);
		assert.equal(rows.length, 4);
		const xs = (await listAll(c, `/members?org=${X.id}`)).items.map(pick);
		assert.deepEqual(xs.map((x) => x[0]).sort(), people.map((p) => p[0]).sort());

		const srv2 = await startServer({ demo: 'bloc' });
		try {
			const c2 = await srv2.login(ADMIN_USER, ADMIN_PW);
			const a2 = (await c2.get(`/orgs?q=${encodeURIComponent(A.code)}`)).json.items.find((o) => o.code === A.code);
			assert.ok(a2, `${A.code} in the second database`);
			const y = await c2.post('/orgs', { code: X.code, name: NAME, kind: 'cell', parent_id: a2.id, founded_on: '2024-01-01' });
			assert.equal(y.status, 201, show(y));
			const back = await c2.post(`/imports/members?org=${encodeURIComponent(A.code)}`, exported, { type: 'text/csv' });
			assert.equal(back.status, 200, show(back));
			assert.equal(back.json.imported, 3);
			const ys = (await listAll(c2, `/members?org=${y.json.id}`)).items.map(pick);
			assert.deepEqual(ys, xs);
			// and the export of the copy is the same file
			const ex2 = cli(['export', 'members', '--db', srv2.db, '--org', X.code, '--format', 'csv']);
			assert.equal(ex2.code, 0, ex2.stderr);
			assert.equal(ex2.stdout, exported);
		} finally {
			await srv2.stop();
		}
	});

	test('the same export into another org of the same database is refused as a whole', async () => {
		assert.ok(exported, 'needs the previous test');
		const r = await c.post('/orgs', { code: `${B.code}.KH2`, name: NAME, kind: 'cell', parent_id: B.id, founded_on: '2024-01-01' });
		assert.equal(r.status, 201, show(r));
		const Y = r.json;
		const back = await importCsv(Y, exported);
		assert.ok([409, 422].includes(back.status), show(back));
		assert.equal(await total(Y), 0);
		assert.equal(await total(X), 3);
	});

	test('export json/xlsx of the CLI', async () => {
		const j = cli(['export', 'members', '--db', srv.db, '--org', X.code, '--format', 'json']);
		assert.equal(j.code, 0, j.stderr);
		const parsed = JSON.parse(j.stdout);
		const items = Array.isArray(parsed) ? parsed : parsed.items;
		assert.equal(items.length, 3);
		assert.deepEqual(items.map((m) => m.full_name).sort(), people.map((p) => p[0]).sort());
		const x = cli(['export', 'members', '--db', srv.db, '--org', X.code, '--format', 'xlsx']);
		assert.equal(x.code, 0, x.stderr);
		assert.ok(x.stdout.startsWith('PK'), 'xlsx on stdout starts with PK');
	});
});

describe('XLSX import', () => {
	// tests/data/excel-members.xlsx (made by tests/data/excel-members.c with
	// libxlsxwriter): two merged title rows above the header, an STT column,
	// real Excel date cells, a card number typed as a number.
	const xlsx = fs.readFileSync(new URL('../data/excel-members.xlsx', import.meta.url));

	test('an officer\'s sheet imports: header found below the titles, dates and numbers read', async () => {
		const before = await total(C2);
		const dry = await c.post(`/imports/members?org=${encodeURIComponent(C2.code)}&dry_run=1`, xlsx);
		assert.equal(dry.status, 200, show(dry));
		assert.equal(dry.json.imported, 2);
		assert.equal(await total(C2), before, 'dry run wrote nothing');
		const r = await c.post(`/imports/members?org=${encodeURIComponent(C2.code)}`, xlsx);
		assert.equal(r.status, 200, show(r));
		assert.equal(r.json.imported, 2);
		const [tuyet] = await findByName('Lê Thị Ánh Tuyết', C2);
		assert.ok(tuyet, 'found by name');
		assert.equal(tuyet.birth_date, '1984-02-29');
		assert.equal(tuyet.admitted_on, '2008-05-19');
		assert.equal(tuyet.official_on, '2009-05-19');
		assert.equal(tuyet.status, 'official');
		assert.equal(tuyet.card_no, '40123457');
		assert.equal(tuyet.position, 'Phó Bí thư chi bộ');
		const [dat] = await findByName('Đỗ Đức Đạt', C2);
		assert.equal(dat.birth_date, '1999-12-31');
		assert.equal(dat.status, 'probationary');
		assert.equal(dat.card_no, null);
	});

	test('a broken XLSX is refused with a Vietnamese message and writes nothing', async () => {
		const before = await total(C2);
		const broken = Buffer.concat([xlsx.subarray(0, 200), Buffer.from('hỏng')]);
		const r = await c.post(`/imports/members?org=${encodeURIComponent(C2.code)}`, broken);
		assert.equal(r.status, 422, show(r));
		assert.match(r.json.error.message, /XLSX/);
		assert.equal(await total(C2), before);
	});
});
