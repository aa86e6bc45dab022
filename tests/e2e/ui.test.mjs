// End-to-end test of the web UI in a real browser (Debian's Chromium driven
// by playwright-core) against the real chibo server on a fresh database with
// the bloc demo data.
//
//   CHIBO_BIN=build/chibo node --test tests/e2e/      (make test-e2e)
//
// Needs web/dist (make web).  Screenshots go to $CHIBO_SHOTS (default
// /tmp/chibo-shots): desktop 1366×768 dashboard, member list, member detail,
// form errors, and phone width (375 px).  Start-up is shared with the other
// e2e files (helpers.mjs).

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { SHOTS, apiClient, fold, launchBrowser, pad2, startServer, viDate, viNumber } from './helpers.mjs';

const USER = 'officer1';
const PASS = 'secret-pass-1';

describe('web UI', { timeout: 600_000 }, () => {
  let server;
  let base;
  let browser;
  let page;
  let client;
  const pageErrors = [];
  /** A member with diacritics in the name, chosen through the API. */
  let target;
  let rootOrg;

  const apiPatch = (path, body) => client.patch(path, body);
  const apiGet = (path) => client.get(path);

  const shot = (name) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: false });

  before(async () => {
    server = await startServer([{ username: USER, password: PASS, role: 'officer', org: 'DUK' }]);
    base = server.base;

    // Log in through the API to choose test data the way a tester would.
    client = await apiClient(base, USER, PASS);
    rootOrg = (await apiGet('/orgs')).items[0];
    assert.ok(rootOrg, 'GET /orgs returned no root org');
    const list = await apiGet(`/members?org=${rootOrg.id}&status=official&limit=200`);
    // a name with marks beyond plain letters (and preferably "đ"), so folding matters
    const accented = list.items.filter((m) => fold(m.full_name) !== m.full_name.toLowerCase());
    target = accented.find((m) => /đ/i.test(m.full_name)) ?? accented[0];
    assert.ok(target, 'no member with a diacritic-bearing name in the first 200');

    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });

  after(async () => {
    await browser?.close().catch(() => {});
    await server?.stop();
  });

  test('login: wrong password shows the API message, then signs in', async () => {
    await page.goto(base + '/');
    await page.getByTestId('login-username').fill(USER);
    await page.getByTestId('login-password').fill('wrong-password');
    await page.getByTestId('login-submit').click();
    const err = page.getByTestId('login-error');
    await err.waitFor({ state: 'visible' });
    const text = (await err.textContent()).trim();
    assert.ok(text.length > 0 && /[^\x00-\x7f]/.test(text), `login error should be Vietnamese, got "${text}"`);

    await page.getByTestId('login-password').fill(PASS);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('logout').waitFor();
    assert.equal((await page.getByTestId('account-username').textContent()).trim(), USER);
    assert.equal((await page.getByTestId('account-role').textContent()).trim(), 'Cán bộ tổ chức');
  });

  test('dashboard shows the subtree figures in Vietnamese format', async () => {
    await page.goto(base + '/#/dashboard');
    const stats = await apiGet(`/orgs/${rootOrg.id}/stats`);
    const total = page.getByTestId('stat-total');
    await total.waitFor();
    const active = (stats.by_status.official ?? 0) + (stats.by_status.probationary ?? 0);
    assert.match(await total.textContent(), new RegExp(`^Tổng số đảng viên${viNumber(active).replaceAll('.', '\\.')}`));
    await page.locator('canvas').first().waitFor();
    assert.equal(await page.locator('canvas').count(), 2, 'two charts (by status, by age band)');
    await page.waitForTimeout(300); // let chart.js paint
    await shot('desktop-dashboard');
  });

  test('search without diacritics finds the member and opens the record', async () => {
    await page.goto(base + '/#/members');
    await page.getByTestId('member-row').first().waitFor();
    await shot('desktop-members');
    // cursor paging: "Xem thêm" appends the next page
    assert.equal(await page.getByTestId('member-row').count(), 50);
    await page.getByTestId('load-more').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="member-row"]').length === 100);
    const q = fold(target.full_name);
    const searched = page.waitForResponse((r) => r.url().includes('/api/v1/members?') && new URL(r.url()).searchParams.get('q') === q);
    await page.getByTestId('search').fill(q);
    assert.equal((await searched).status(), 200);
    // wait until the list shows only matches (the unfiltered first page may hold the target too)
    await page.waitForFunction((words) => {
      const f = (s) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
      const names = [...document.querySelectorAll('[data-testid="member-name"]')].map((e) => f(e.textContent));
      return names.length > 0 && names.every((n) => words.every((w) => n.includes(w)));
    }, q.split(' '));
    const row = page.locator(`[data-testid="member-row"][data-id="${target.id}"]`);
    await row.waitFor();
    assert.equal((await row.getByTestId('member-name').textContent()).trim(), target.full_name.normalize('NFC'));

    await row.click();
    await page.waitForURL(new RegExp(`#/members/${target.id}$`));
    const title = page.getByTestId('member-name');
    await title.waitFor();
    assert.equal((await title.textContent()).trim(), target.full_name);
    assert.equal((await page.getByTestId('detail-birth_date').textContent()).startsWith(viDate(target.birth_date)), true);
  });

  test('edit Chức vụ: saved, shown, and recorded in the history', async () => {
    const newPosition = `Phó Bí thư chi bộ (kiểm thử ${Date.now() % 100000})`;
    await page.getByTestId('edit-button').click();
    const pos = page.getByTestId('field-position');
    await pos.waitFor();
    await pos.fill(newPosition);
    await page.getByTestId('save-button').click();
    await page.waitForURL(new RegExp(`#/members/${target.id}$`));
    const shown = page.getByTestId('detail-position');
    await shown.waitFor();
    await page.waitForFunction((v) => document.querySelector('[data-testid="detail-position"]')?.textContent?.trim() === v, newPosition);
    const entry = page.getByTestId('history-item').filter({ hasText: newPosition }).first();
    await entry.waitFor();
    const cell = entry.locator('tr[data-field="position"] .diff-after');
    assert.equal((await cell.textContent()).trim(), newPosition);
    assert.match(await entry.textContent(), new RegExp(USER));
    await page.screenshot({ path: join(SHOTS, 'desktop-member-detail.png'), fullPage: true });

    const hist = await apiGet(`/members/${target.id}/history`);
    assert.ok(hist.items.some((h) => h.after && h.after.position === newPosition), 'history API has the change');
  });

  test('impossible and future dates show Vietnamese errors under the field', async () => {
    await page.getByTestId('edit-button').click();
    const bd = page.getByTestId('field-birth_date');
    await bd.waitFor();
    const err = page.getByTestId('error-birth_date');

    // parsed in the browser: 31/02/2020 does not exist
    await bd.fill('31/02/2020');
    await page.getByTestId('save-button').click();
    await err.waitFor({ state: 'visible' });
    assert.match(await err.textContent(), /không tồn tại|không hợp lệ/);
    await shot('desktop-form-error');

    // a well-formed date in the future: the server refuses it (422) and the UI puts it under the field
    const d = new Date();
    const future = `${pad2(d.getDate())}/${pad2(d.getMonth() + 1)}/${d.getFullYear() + 1}`;
    await bd.fill(future);
    const resp = page.waitForResponse((r) => r.url().includes(`/api/v1/members/${target.id}`) && r.request().method() === 'PATCH');
    await page.getByTestId('save-button').click();
    const r = await resp;
    assert.equal(r.status(), 422, `PATCH with a future birth date → ${r.status()} ${await r.text()}`);
    await page.waitForFunction(() => {
      const e = document.querySelector('[data-testid="error-birth_date"]');
      return e && !e.hidden && e.textContent.trim().length > 0;
    });
    const text = (await err.textContent()).trim();
    assert.ok(/[^\x00-\x7f]/.test(text), `field error should be Vietnamese, got "${text}"`);
    assert.match(page.url(), /\/edit$/, 'stays on the form');
    const m = await apiGet(`/members/${target.id}`);
    assert.equal(m.birth_date, target.birth_date, 'birth date unchanged');
  });

  test('a stale version says someone else saved, and reload brings the new data', async () => {
    await page.goto(`${base}/#/members/${target.id}/edit`);
    const pos = page.getByTestId('field-position');
    await pos.waitFor();
    // someone else saves first
    const current = await apiGet(`/members/${target.id}`);
    const theirs = `Chi ủy viên (người khác sửa ${Date.now() % 100000})`;
    await apiPatch(`/members/${target.id}`, { version: current.version, position: theirs });

    await pos.fill('Bí thư chi bộ');
    await page.getByTestId('save-button').click();
    const conflict = page.getByTestId('conflict');
    await conflict.waitFor();
    assert.equal((await conflict.textContent()).trim(), 'Bản ghi đã được người khác sửa; hãy tải lại');
    await page.getByTestId('reload-button').click();
    await page.waitForFunction((v) => document.querySelector('[data-testid="field-position"]')?.value === v, theirs);
    // and now the save goes through
    await page.getByTestId('field-position').fill('Bí thư chi bộ');
    await page.getByTestId('save-button').click();
    await page.waitForURL(new RegExp(`#/members/${target.id}$`));
    await page.waitForFunction(() => document.querySelector('[data-testid="detail-position"]')?.textContent?.trim() === 'Bí thư chi bộ');
  });

  test('add a member: dates typed dd/mm/yyyy, cell chosen by search', async () => {
    await page.goto(base + '/#/members');
    await page.getByTestId('add-member').click();
    await page.getByTestId('field-full_name').waitFor();
    const cell = (await apiGet(`/members?org=${rootOrg.id}&limit=1`)).items[0];
    const name = 'Đặng Thị Thanh Hương';
    await page.getByTestId('field-full_name').fill(name);
    await page.getByTestId('field-sex').selectOption('female');
    await page.getByTestId('field-birth_date').fill('2/9/1990');
    await page.getByTestId('field-admitted_on').fill('19/05/2020');
    await page.getByTestId('field-official_on').fill('19/05/2021');
    await page.getByTestId('field-status').selectOption('official');
    await page.getByTestId('field-org_id').fill(cell.org_code);
    await page.locator('.combo .result').filter({ hasText: cell.org_code }).first().click();
    const created = page.waitForResponse((r) => r.url().endsWith('/api/v1/members') && r.request().method() === 'POST');
    await page.getByTestId('save-button').click();
    const r = await created;
    const body = await r.json();
    assert.equal(r.status(), 201, `POST /members → ${r.status()} ${JSON.stringify(body)}`);
    assert.equal(body.birth_date, '1990-09-02');
    assert.equal(body.admitted_on, '2020-05-19');
    assert.equal(body.org_id, cell.org_id);
    await page.waitForURL(new RegExp(`#/members/${body.id}$`));
    assert.equal((await page.getByTestId('member-name').textContent()).trim(), name);
    assert.equal((await page.getByTestId('detail-admitted_on').textContent()).trim(), '19/05/2020');
  });

  test('choosing an org in the tree narrows the member list', async () => {
    await page.goto(base + '/#/tree');
    const node = page.getByTestId('tree-node').nth(1);
    await node.waitFor();
    const code = await node.getAttribute('data-code');
    await node.click();
    await page.waitForFunction((c) => document.querySelector('[data-testid="org-code"]')?.textContent === c, code);
    const org = (await apiGet(`/orgs?q=${encodeURIComponent(code)}`)).items.find((o) => o.code === code);
    assert.ok(org, `org ${code} found by ?q=`);
    const listed = page.waitForResponse((r) => r.url().includes('/api/v1/members?') && new URL(r.url()).searchParams.get('org') === String(org.id));
    await page.getByTestId('nav-members').click();
    assert.equal((await listed).status(), 200);
    await page.getByTestId('member-row').first().waitFor();
    assert.equal((await page.getByTestId('scope-name').textContent()).trim(), org.name);
  });

  test('phone width (375 px) shows the member list as cards', async () => {
    await page.setViewportSize({ width: 375, height: 740 });
    await page.goto(base + '/#/members');
    await page.getByTestId('member-row').first().waitFor();
    assert.ok(await page.getByTestId('member-row').first().isVisible());
    assert.equal(await page.locator('.members-table thead').isVisible(), false, 'table header hidden on phones');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page scrolls sideways by ${overflow}px at 375 px`);
    assert.equal(await page.getByTestId('nav-members').isVisible(), false, 'nav collapsed behind the menu button');
    await page.getByTestId('nav-toggle').click();
    assert.ok(await page.getByTestId('nav-members').isVisible());
    await page.getByTestId('nav-toggle').click();
    await shot('phone-members');
    await page.goto(base + '/#/dashboard');
    await page.getByTestId('stat-total').waitFor();
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(SHOTS, 'phone-dashboard.png'), fullPage: true });
    await page.setViewportSize({ width: 1366, height: 768 });
  });

  test('logout returns to the login page; no script errors', async () => {
    await page.getByTestId('logout').click();
    await page.getByTestId('login-username').waitFor();
    const s = await page.evaluate(() => fetch('/api/v1/session').then((r) => r.status));
    assert.equal(s, 401);
    assert.deepEqual(pageErrors, []);
  });
});
