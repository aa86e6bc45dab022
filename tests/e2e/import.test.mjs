// End-to-end test of "Nhập từ tệp" on the member list (web/src/pages/importer.ts)
// in a real browser against the real chibo server on a fresh database with the
// bloc demo data (POST /api/v1/imports/members, docs/API.md).
//
//   CHIBO_BIN=build/chibo node --test tests/e2e/      (make test-e2e)
//
// As an officer: the dialog (receiving org defaulting to the selected subtree,
// the rules, the template link); a CSV with a bad date in its 3rd data row is
// refused with "Dòng 4" and the column "Ngày sinh" and nothing is written; the
// XLSX fixture (title rows, Excel dates) checks as 2 members, imports, and
// the list finds them; an error answered at the import step is shown the same
// way; too large files; 375 px.  A secretary does not get the button.
// Screenshots: $CHIBO_SHOTS/import-*.png.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, SHOTS, apiClient, fold, launchBrowser, loginAs, startServer, viNumber } from './helpers.mjs';

const OFFICER = { username: 'officer1', password: 'secret-pass-1', role: 'officer', org: 'DUK' };
const SECRETARY = { username: 'bithu1', password: 'secret-pass-2', role: 'secretary', org: 'DUK' };
const XLSX = join(ROOT, 'tests/data/excel-members.xlsx');
const IMPORT_PATH = '/api/v1/imports/members';

describe('member import', { timeout: 600_000 }, () => {
  let server;
  let base;
  let browser;
  let context;
  let page;
  let client;
  let tmp;
  let rootOrg;
  /** Three live cells of the scope: A gets the bad CSV, B the XLSX, C the CSV refused at the import step. */
  let cellA;
  let cellB;
  let cellC;
  const pageErrors = [];

  const shot = (name, p = page) => p.screenshot({ path: join(SHOTS, `import-${name}.png`), fullPage: false });
  const text = async (testid) => (await page.getByTestId(testid).textContent()).trim();

  /** What the API says about an org's members: its count of current members and every record (any status). */
  async function countsOf(org) {
    const o = await client.get(`/orgs/${org.id}`);
    const ids = [];
    let cursor = '';
    for (;;) {
      const p = await client.get(`/members?org=${org.id}&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      ids.push(...p.items.map((m) => m.id));
      if (!p.next) break;
      cursor = p.next;
    }
    return { active: o.member_count, records: ids.length };
  }

  /** Picks org in the dialog's "Tổ chức nhận" search. */
  async function chooseOrg(org) {
    const input = page.getByTestId('import-field-org');
    await input.fill(org.code);
    const option = page.locator(`[data-testid="import-org-option"][data-key="${org.code}"]`);
    await option.click();
    await page.waitForFunction((name) => {
      const c = document.querySelector('[data-testid="import-org-chosen"]');
      return c && !c.hidden && c.textContent.includes(name);
    }, org.name);
  }

  async function openDialog() {
    await page.getByTestId('import-open').click();
    await page.getByTestId('import-dialog').waitFor();
  }

  async function closeDialog() {
    await page.getByTestId('import-cancel').click();
    await page.getByTestId('import-dialog').waitFor({ state: 'detached' });
  }

  before(async () => {
    server = await startServer([OFFICER, SECRETARY]);
    base = server.base;
    client = await apiClient(base, OFFICER.username, OFFICER.password);
    rootOrg = (await client.get('/orgs')).items[0];
    assert.ok(rootOrg, 'GET /orgs returned no root org');
    const cells = (await client.get('/orgs?q=CB0&limit=200')).items
      .filter((o) => o.kind === 'cell' && !o.dissolved_on && o.code.startsWith(`${rootOrg.code}.`));
    assert.ok(cells.length >= 3, `need three live cells, found ${cells.length}`);
    [cellA, cellB, cellC] = cells;
    tmp = mkdtempSync(join(tmpdir(), 'chibo-import-'));

    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (e) => pageErrors.push(e.message));

    await loginAs(page, base, OFFICER.username, OFFICER.password);
  });

  after(async () => {
    await browser?.close().catch(() => {});
    await server?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  test('an officer opens "Nhập từ tệp": org defaults to the selected subtree, rules and template shown', async () => {
    await page.goto(base + '/#/members');
    await page.getByTestId('member-row').first().waitFor();
    const button = page.getByTestId('import-open');
    assert.equal((await button.textContent()).trim(), 'Nhập từ tệp');
    await openDialog();
    assert.equal((await page.locator('[data-testid="import-dialog"] h2').textContent()).trim(), 'Nhập đảng viên từ tệp');

    // the receiving org defaults to the selected subtree (the root here)
    const chosen = page.getByTestId('import-org-chosen');
    assert.ok(await chosen.isVisible(), 'a receiving org is chosen from the start');
    assert.match(await chosen.textContent(), new RegExp(rootOrg.name));
    // the root is not a cell: the dialog says the file needs "Chi bộ"
    assert.match(await text('import-org-note'), /cột “Chi bộ”/);

    const accept = await page.getByTestId('import-field-file').getAttribute('accept');
    assert.ok(accept.split(',').includes('.xlsx') && accept.split(',').includes('.csv'), `accept="${accept}"`);

    const help = await text('import-help');
    for (const word of ['Họ và tên', 'Giới tính', 'Ngày sinh', 'Ngày vào Đảng', 'Chi bộ', 'dd/mm/yyyy', 'Tất cả hoặc không']) {
      assert.ok(help.includes(word), `the explanation mentions "${word}": ${help}`);
    }

    // "Tải tệp mẫu" is the template endpoint, downloadable with the session of the page
    const link = page.getByTestId('import-template');
    assert.equal((await link.textContent()).trim(), 'Tải tệp mẫu');
    const href = await link.getAttribute('href');
    assert.equal(href, '/api/v1/imports/members/template');
    const tpl = await page.request.get(base + href);
    assert.equal(tpl.status(), 200);
    const header = (await tpl.text()).replace(/^\uFEFF/, '').split(/\r?\n/)[0].split(',');
    for (const col of ['Họ và tên', 'Giới tính', 'Ngày sinh', 'Ngày vào Đảng', 'Chi bộ']) assert.ok(header.includes(col), `template has ${col}`);

    // step 1 is current; the import button waits for a successful check
    assert.equal(await page.locator('.import-steps li[aria-current="step"]').getAttribute('data-step'), '1');
    assert.equal(await page.getByTestId('import-submit').isVisible(), false);

    // checking without a file asks for one, and sends nothing
    let sent = 0;
    const count = (r) => { if (r.url().includes(IMPORT_PATH)) sent++; };
    page.on('request', count);
    await page.getByTestId('import-check').click();
    await page.getByTestId('import-error-file').waitFor({ state: 'visible' });
    assert.match(await text('import-error-file'), /Hãy chọn tệp/);
    page.off('request', count);
    assert.equal(sent, 0, 'no request without a file');
    await shot('dialog');
  });

  test('a CSV with a bad date in its 3rd data row: "Dòng 4", column "Ngày sinh", nothing imported', async () => {
    await chooseOrg(cellA);
    // a chi bộ needs no "Chi bộ" column
    assert.match(await text('import-org-note'), /không cần cột “Chi bộ”/);
    const file = join(tmp, 'danh-sach-loi.csv');
    const names = ['Nguyễn Thị Kiểm Thử', 'Trần Văn Nhập Tệp', 'Phạm Đức Ngày Sai'];
    writeFileSync(file, [
      'STT,Họ và tên,Giới tính,Ngày sinh,Ngày vào Đảng,Ngày chính thức',
      `1,${names[0]},Nữ,12/03/1988,19/05/2015,19/05/2016`,
      `2,${names[1]},Nam,01/10/1979,03/02/2005,03/02/2006`,
      `3,${names[2]},Nam,31/02/1990,02/09/2018,02/09/2019`,
      '',
    ].join('\r\n'));
    const before = await countsOf(cellA);

    await page.getByTestId('import-field-file').setInputFiles(file);
    assert.match(await text('import-file-info'), /danh-sach-loi\.csv/);
    const answered = page.waitForResponse((r) => r.url().includes(IMPORT_PATH) && r.request().method() === 'POST');
    await page.getByTestId('import-check').click();
    const r = await answered;
    const q = new URL(r.url()).searchParams;
    assert.equal(q.get('org'), cellA.code);
    assert.equal(q.get('dry_run'), '1');
    assert.equal(r.request().headers()['content-type'], 'application/octet-stream');
    assert.ok(r.request().postDataBuffer().equals(readFileSync(file)), 'the body is the file as it is');
    assert.equal(r.status(), 422, `dry run → ${r.status()} ${await r.text()}`);

    const box = page.getByTestId('import-result');
    await box.waitFor({ state: 'visible' });
    assert.equal(await box.getAttribute('role'), 'alert');
    assert.equal(await box.getAttribute('data-state'), 'error');
    const message = await text('import-error-message');
    assert.match(message, /^Dòng 4, cột "Ngày sinh": /);
    assert.match(message, /31\/02\/1990/);
    assert.equal(await text('import-error-row'), '4');
    assert.equal(await text('import-error-column'), 'Ngày sinh');
    assert.match(await box.textContent(), /Không có đảng viên nào được nhập/);
    assert.equal(await page.getByTestId('import-submit').isVisible(), false, 'no import after a failed check');
    await page.getByTestId('import-result').scrollIntoViewIfNeeded();
    await shot('error');

    assert.deepEqual(await countsOf(cellA), before, `members of ${cellA.code} unchanged`);
    for (const n of names) {
      assert.equal((await client.get(`/members?q=${encodeURIComponent(fold(n))}&org=${rootOrg.id}`)).items.length, 0, `${n} not imported`);
    }
  });

  test('the XLSX fixture (title rows, Excel dates): check says 2, import, list and count follow', async () => {
    await chooseOrg(cellB);
    // changing the org clears the old verdict
    assert.equal(await page.getByTestId('import-result').isVisible(), false);
    const before = await countsOf(cellB);
    const rootBefore = (await client.get(`/orgs/${rootOrg.id}`)).member_count;

    await page.getByTestId('import-field-file').setInputFiles(XLSX);
    const checked = page.waitForResponse((r) => r.url().includes(IMPORT_PATH) && r.request().method() === 'POST');
    await page.getByTestId('import-check').click();
    const c = await checked;
    assert.equal(c.status(), 200, `dry run → ${c.status()} ${await c.text()}`);
    assert.equal(new URL(c.url()).searchParams.get('dry_run'), '1');
    assert.deepEqual(await c.json(), { imported: 2, dry_run: true });
    assert.ok(c.request().postDataBuffer().equals(readFileSync(XLSX)), 'the body is the XLSX file as it is');
    await page.getByTestId('import-check-ok').waitFor();
    assert.match(await text('import-check-ok'), /^Tệp hợp lệ: 2 đảng viên sẽ được nhập/);
    const submit = page.getByTestId('import-submit');
    assert.equal((await submit.textContent()).trim(), 'Nhập 2 đảng viên');
    assert.equal(await page.locator('.import-steps li[aria-current="step"]').getAttribute('data-step'), '2');
    assert.deepEqual(await countsOf(cellB), before, 'the check writes nothing');
    await shot('check-ok');

    const imported = page.waitForResponse((r) => r.url().includes(IMPORT_PATH) && r.request().method() === 'POST');
    // after the import the list behind the dialog is fetched again
    const relisted = page.waitForResponse((r) => r.url().includes('/api/v1/members?') && r.request().method() === 'GET');
    await submit.click();
    const i = await imported;
    assert.equal(i.status(), 200, `import → ${i.status()} ${await i.text()}`);
    const iq = new URL(i.url()).searchParams;
    assert.equal(iq.get('dry_run'), null, 'the import step sends no dry_run');
    assert.equal(iq.get('org'), cellB.code);
    assert.deepEqual(await i.json(), { imported: 2, dry_run: false });
    await page.getByTestId('import-done').waitFor();
    assert.match(await text('import-done'), /^Đã nhập 2 đảng viên vào /);
    assert.equal(await submit.isVisible(), false, 'no second import from the same dialog');
    assert.deepEqual(await countsOf(cellB), { active: before.active + 2, records: before.records + 2 });
    assert.equal((await relisted).status(), 200);
    await shot('done');

    await closeDialog();
    assert.match(await text('members-flash'), /^Đã nhập 2 đảng viên vào /);
    // the subtree's count in the head follows (the root is still the selected subtree)
    await page.waitForFunction((n) => document.querySelector('[data-testid="members-total"]')?.getAttribute('data-count') === String(n), rootBefore + 2);
    assert.equal(await text('members-total'), `${viNumber(rootBefore + 2)} đảng viên đang sinh hoạt`);

    // found by a search typed without diacritics, with the Excel date shown dd/mm/yyyy
    const searched = page.waitForResponse((r) => r.url().includes('/api/v1/members?') && new URL(r.url()).searchParams.get('q') === 'le thi anh tuyet');
    await page.getByTestId('search').fill('le thi anh tuyet');
    assert.equal((await searched).status(), 200);
    await page.waitForFunction(() => {
      const rows = [...document.querySelectorAll('[data-testid="member-row"]')];
      return rows.length > 0 && rows.every((r) => r.querySelector('[data-testid="member-name"]').textContent === 'Lê Thị Ánh Tuyết');
    });
    const row = page.getByTestId('member-row').filter({ hasText: 'Lê Thị Ánh Tuyết' });
    assert.equal(await row.count(), 1);
    assert.equal((await row.locator('td[data-label="Ngày sinh"]').textContent()).trim(), '29/02/1984');
    assert.equal((await row.locator('td[data-label="Chi bộ"]').textContent()).trim(), cellB.name);
    await shot('list');

    const found = (await client.get(`/members?q=${encodeURIComponent('do duc dat')}&org=${cellB.id}`)).items;
    assert.equal(found.length, 1, 'Đỗ Đức Đạt imported into the cell');
    assert.equal(found[0].full_name, 'Đỗ Đức Đạt');
    assert.equal(found[0].birth_date, '1999-12-31');
    await page.getByTestId('search').fill('');
  });

  test('an error answered at the import step is shown the same way, and nothing is imported', async () => {
    const card = '86.420135';
    assert.equal((await client.get(`/members?q=86420135&org=${rootOrg.id}`)).items.length, 0, 'card number unused');
    const file = join(tmp, 'the-trung.csv');
    writeFileSync(file, [
      'Họ và tên;Giới tính;Ngày sinh;Ngày vào Đảng;Ngày chính thức;Số thẻ đảng viên',
      'Vũ Thị Hồng Nhung;Nữ;14/07/1991;19/05/2019;19/05/2020;',
      `Hoàng Văn Thẻ Trùng;Nam;08/08/1985;03/02/2012;03/02/2013;${card}`,
      '',
    ].join('\n'));
    // the dialog starts from the subtree chosen in the tree
    await page.goto(base + '/#/tree');
    const node = page.getByTestId('tree-node').nth(1);
    await node.waitFor();
    const code = await node.getAttribute('data-code');
    await node.click();
    await page.waitForFunction((c) => document.querySelector('[data-testid="org-code"]')?.textContent === c, code);
    const selected = (await client.get(`/orgs?q=${encodeURIComponent(code)}`)).items.find((o) => o.code === code);
    await page.getByTestId('nav-members').click();
    await page.getByTestId('member-row').first().waitFor();
    await openDialog();
    const startsFrom = await text('import-org-chosen');
    assert.ok(selected.code !== rootOrg.code && startsFrom.includes(selected.name) && startsFrom.includes(selected.code),
      `"${startsFrom}" names ${selected.name} (${selected.code})`);

    await chooseOrg(cellC);
    const before = await countsOf(cellC);
    await page.getByTestId('import-field-file').setInputFiles(file);
    await page.getByTestId('import-check').click();
    await page.getByTestId('import-check-ok').waitFor();
    assert.match(await text('import-check-ok'), /^Tệp hợp lệ: 2 đảng viên sẽ được nhập/);

    // meanwhile someone records a member with the same card number
    const other = await client.post('/members', {
      full_name: 'Lý Văn Đến Trước', sex: 'male', birth_date: '1982-04-30', admitted_on: '2010-01-01',
      official_on: '2011-01-01', status: 'official', org_id: cellA.id, card_no: card,
    }, 201);

    const imported = page.waitForResponse((r) => r.url().includes(IMPORT_PATH) && r.request().method() === 'POST');
    await page.getByTestId('import-submit').click();
    const r = await imported;
    assert.equal(r.status(), 422, `import → ${r.status()} ${await r.text()}`);
    assert.equal(new URL(r.url()).searchParams.get('dry_run'), null);
    const box = page.getByTestId('import-result');
    await page.waitForFunction(() => document.querySelector('[data-testid="import-result"]')?.getAttribute('data-state') === 'error');
    assert.equal(await box.getAttribute('role'), 'alert');
    assert.match(await text('import-error-message'), /^Dòng 3, cột "Số thẻ đảng viên": /);
    assert.equal(await text('import-error-row'), '3');
    assert.equal(await text('import-error-column'), 'Số thẻ đảng viên');
    assert.equal(await text('import-error-title'), 'Chưa nhập được tệp');
    assert.equal(await page.getByTestId('import-submit').isVisible(), false, 'a refused import must be checked again');
    assert.equal(await page.getByTestId('import-done').count(), 0);
    await shot('import-error');
    assert.deepEqual(await countsOf(cellC), before, `members of ${cellC.code} unchanged`);
    assert.equal((await client.get(`/members?q=86420135&org=${rootOrg.id}`)).items.map((m) => m.id).join(), String(other.id));
    await closeDialog();
  });

  test('too large: refused before sending (over 64 MB) and when the server answers 413', async () => {
    await openDialog();
    const big = join(tmp, 'qua-lon.csv');
    writeFileSync(big, '');
    truncateSync(big, 64 * 1024 * 1024 + 1); // sparse: takes no disk space
    let sent = 0;
    const count = (r) => { if (r.url().includes(IMPORT_PATH)) sent++; };
    page.on('request', count);
    await page.getByTestId('import-field-file').setInputFiles(big);
    await page.getByTestId('import-error-file').waitFor({ state: 'visible' });
    assert.equal(await text('import-error-file'), 'Tệp quá lớn (tối đa 64 MB)');
    await page.getByTestId('import-check').click();
    assert.equal(await text('import-error-file'), 'Tệp quá lớn (tối đa 64 MB)');
    page.off('request', count);
    assert.equal(sent, 0, 'an oversized file is not sent');

    // the server's own 413 (its limit may differ from the UI's) reads the same
    const small = join(tmp, 'nho.csv');
    writeFileSync(small, 'Họ và tên,Giới tính,Ngày sinh,Ngày vào Đảng\nMai Thị Lan,Nữ,01/01/1990,01/01/2015\n');
    await page.route(`**${IMPORT_PATH}**`, (route) => route.fulfill({
      status: 413, contentType: 'application/json; charset=utf-8',
      body: JSON.stringify({ error: { code: 'too_large', message: 'Nội dung gửi lên quá lớn' } }),
    }));
    try {
      await page.getByTestId('import-field-file').setInputFiles(small);
      await page.getByTestId('import-check').click();
      await page.getByTestId('import-error-message').waitFor();
      assert.equal(await text('import-error-message'), 'Tệp quá lớn (tối đa 64 MB)');
      assert.equal(await page.getByTestId('import-submit').isVisible(), false);
    } finally {
      await page.unroute(`**${IMPORT_PATH}**`);
    }
    await closeDialog();
  });

  test('phone width (375 px): the dialog fits and works', async () => {
    await page.setViewportSize({ width: 375, height: 740 });
    try {
      await page.goto(base + '/#/members');
      await page.getByTestId('member-row').first().waitFor();
      assert.ok(await page.getByTestId('import-open').isVisible());
      await shot('phone-members');
      await openDialog();
      const fits = await page.evaluate(() => {
        const d = document.querySelector('[data-testid="import-dialog"]');
        const r = d.getBoundingClientRect();
        return { left: r.left, right: r.right, inner: window.innerWidth, scroll: d.scrollWidth - d.clientWidth };
      });
      assert.ok(fits.left >= 0 && fits.right <= fits.inner, `dialog within the screen: ${JSON.stringify(fits)}`);
      assert.ok(fits.scroll <= 0, `dialog scrolls sideways by ${fits.scroll}px`);
      await chooseOrg(cellA);
      await page.getByTestId('import-field-file').setInputFiles(join(tmp, 'danh-sach-loi.csv'));
      await page.getByTestId('import-check').click();
      await page.getByTestId('import-error-row').waitFor();
      assert.equal(await text('import-error-row'), '4');
      assert.ok(await page.getByTestId('import-check').isVisible(), 'the actions stay on screen');
      await shot('phone-error');
      await closeDialog();
    } finally {
      await page.setViewportSize({ width: 1366, height: 768 });
    }
  });

  test('a secretary does not get "Nhập từ tệp"', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    try {
      const p = await ctx.newPage();
      p.setDefaultTimeout(15_000);
      p.on('pageerror', (e) => pageErrors.push(e.message));
      await loginAs(p, base, SECRETARY.username, SECRETARY.password);
      assert.equal((await p.getByTestId('account-role').textContent()).trim(), 'Bí thư chi bộ');
      await p.goto(base + '/#/members');
      await p.getByTestId('member-row').first().waitFor();
      // the page is drawn (the secretary may add members), but there is no import
      assert.ok(await p.getByTestId('add-member').isVisible());
      assert.equal(await p.getByTestId('import-open').count(), 0);
      await shot('secretary', p);
    } finally {
      await ctx.close();
    }
  });

  test('no script errors', () => {
    assert.deepEqual(pageErrors, []);
  });
});
