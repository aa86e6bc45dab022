// End-to-end test of the accounts page ("Tài khoản"): an officer creates a
// secretary account for a cell with a generated password and sees it in the
// list; the secretary signs in (same browser) without the "Tài khoản" menu
// and sees only the cell's members; the officer locks the account (sign-in
// then fails and the open session ends), unlocks it, resets the password
// (the old one stops working, the new one works); field errors, a taken
// username, a stale version, a member account tied to a member record, the
// filter box, what an officer may not do (own account, admin accounts, the
// admin role) and the phone layout.  Real server, real Chromium, fresh bloc
// demo database.
//
//   CHIBO_BIN=build/chibo node --test tests/e2e/accounts.test.mjs
//
// The browser runs in UTC on purpose: "Ngày tạo" must be the Vietnam date.
// Screenshots go to $CHIBO_SHOTS (default /tmp/chibo-shots), accounts-*.png.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { SHOTS, apiClient, fold, launchBrowser, loginAs, pad2, startServer, viNumber } from './helpers.mjs';

const OFFICER = { username: 'canbo1', password: 'secret-pass-1', role: 'officer', org: 'DUK' };
const ADMIN = { username: 'quantri1', password: 'secret-pass-3', role: 'admin', org: 'DUK' };
const BAD_LOGIN = 'Tên đăng nhập hoặc mật khẩu không đúng';
const CONFLICT = 'Tài khoản đã được người khác sửa; hãy tải lại';

/** An instant from the API → its date in Vietnam (UTC+7) as dd/mm/yyyy. */
function vnDate(at) {
  const d = new Date(new Date(at).getTime() + 7 * 3600 * 1000);
  return `${pad2(d.getUTCDate())}/${pad2(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

describe('accounts page', { timeout: 600_000 }, () => {
  let server;
  let base;
  let browser;
  let page;
  /** A second browser context where the secretary signs in while the officer works. */
  let other;
  let otherPage;
  let api;
  const pageErrors = [];
  let root;
  /** A cell with members (all on one page of the member list), and its members. */
  let cell;
  let cellMembers;
  const secretary = { username: '', password: '', id: 0 };

  const shot = (name, p = page) => p.screenshot({ path: join(SHOTS, `accounts-${name}.png`) });
  const row = (username, p = page) => p.locator(`[data-testid="account-row"][data-username="${username}"]`);
  const text = async (loc) => (await loc.textContent()).trim();
  const accountByName = async (username) => (await api.get('/accounts')).items.find((a) => a.username === username);

  async function login(p, username, password) {
    await p.goto(base + '/#/login');
    await p.getByTestId('login-username').fill(username);
    await p.getByTestId('login-password').fill(password);
    await p.getByTestId('login-submit').click();
  }
  async function loginOk(p, username, password) {
    await loginAs(p, base, username, password);
    assert.equal(await text(p.getByTestId('account-username')), username);
  }
  /** Signing in fails with the server's Vietnamese message. */
  async function loginRefused(p, username, password) {
    const resp = p.waitForResponse((r) => r.url().endsWith('/api/v1/session') && r.request().method() === 'POST');
    await login(p, username, password);
    assert.equal((await resp).status(), 401);
    const err = p.getByTestId('login-error');
    await err.waitFor();
    assert.equal(await text(err), BAD_LOGIN);
    assert.equal(await p.getByTestId('logout').isVisible(), false, 'not signed in');
  }
  async function logout(p) {
    await p.getByTestId('logout').click();
    await p.getByTestId('login-username').waitFor();
  }
  async function openAccounts() {
    await page.goto(base + '/#/accounts');
    await page.getByTestId('account-table').waitFor();
    await row(OFFICER.username).waitFor();
  }
  /** Chooses org in the create dialog's org search. */
  async function pickOrg(dlg, org) {
    const search = page.waitForResponse((r) => r.url().includes('/api/v1/orgs?') && new URL(r.url()).searchParams.get('q') === org.code);
    await dlg.getByTestId('account-field-org_id').fill(org.code);
    assert.equal((await search).status(), 200);
    await dlg.locator(`[data-testid="account-org-pick-option"][data-key="${org.code}"]`).click();
    assert.equal(await text(dlg.getByTestId('account-org-pick-chosen')), `Tổ chức: ${org.name} (Chi bộ trực thuộc · ${org.code})`);
  }

  before(async () => {
    server = await startServer([OFFICER, ADMIN]);
    base = server.base;
    api = await apiClient(base, OFFICER.username, OFFICER.password);
    root = (await api.get('/orgs')).items[0];
    const grassroots = (await api.get(`/orgs/${root.id}/children`)).items.filter((o) => o.kind === 'grassroots' && !o.dissolved_on);
    for (const g of grassroots) {
      cell = (await api.get(`/orgs/${g.id}/children`)).items
        .find((o) => o.kind === 'cell' && !o.dissolved_on && o.member_count >= 3 && o.member_count <= 40);
      if (cell) break;
    }
    assert.ok(cell, 'the demo needs a cell with 3 to 40 members');
    cellMembers = (await api.get(`/members?org=${cell.id}&limit=200`)).items;
    assert.ok(cellMembers.length >= cell.member_count && cellMembers.length <= 50, 'all on one page of the member list');
    secretary.username = `bithu.${cell.code.toLowerCase()}`;

    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN', timezoneId: 'UTC' });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (e) => pageErrors.push(e.message));
    other = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    otherPage = await other.newPage();
    otherPage.setDefaultTimeout(15_000);
    otherPage.on('pageerror', (e) => pageErrors.push(e.message));
    await loginOk(page, OFFICER.username, OFFICER.password);
  });

  after(async () => {
    await browser?.close().catch(() => {});
    await server?.stop();
  });

  test('an officer has the "Tài khoản" menu; the list shows the scope with Vietnamese names and dates', async () => {
    const nav = page.getByTestId('nav-accounts');
    assert.equal(await text(nav), 'Tài khoản');
    await nav.click();
    await page.getByTestId('account-table').waitFor();
    assert.equal(await text(page.locator('h1')), 'Tài khoản');
    assert.equal(await page.title(), 'Tài khoản · chibo — Quản lý công tác xây dựng Đảng');
    assert.equal(await nav.getAttribute('aria-current'), 'page');
    assert.equal(await page.getByTestId('scope').isVisible(), false, 'the subtree bar does not apply to accounts');
    assert.deepEqual(
      (await page.locator('[data-testid="account-table"] thead th').allTextContents()).map((s) => s.trim()),
      ['Tên đăng nhập', 'Vai trò', 'Tổ chức', 'Trạng thái', 'Ngày tạo', 'Thao tác'],
    );
    const all = (await api.get('/accounts')).items;
    assert.deepEqual(
      await page.locator('[data-testid="account-row"]').evaluateAll((rs) => rs.map((r) => r.dataset.username)),
      all.map((a) => a.username),
    );
    assert.equal(await text(page.getByTestId('account-count')), `${all.length} tài khoản`);

    const me = all.find((a) => a.username === OFFICER.username);
    const mine = row(OFFICER.username);
    assert.equal(await text(mine.getByTestId('account-role')), 'Cán bộ tổ chức');
    assert.equal(await text(mine.getByTestId('account-org-name')), root.name);
    assert.equal(await text(mine.getByTestId('account-org-code')), root.code);
    assert.equal(await text(mine.getByTestId('account-status')), 'Đang hoạt động');
    assert.equal(await text(mine.getByTestId('account-created')), vnDate(me.created_at), 'Vietnam date, not the browser zone (UTC)');
    assert.equal(await text(mine.getByTestId('account-self')), 'Tài khoản của bạn');
    // nobody locks or demotes themselves: those buttons are not offered on one's own row
    assert.equal(await mine.getByTestId('account-lock').count(), 0, 'no lock button on the own row');
    assert.equal(await mine.getByTestId('account-role-change').count(), 0, 'no role change on the own row');
    assert.equal(await text(mine.getByTestId('account-password')), 'Đặt lại mật khẩu');

    // an officer may not touch an admin account
    const adm = row(ADMIN.username);
    assert.equal(await text(adm.getByTestId('account-role')), 'Quản trị hệ thống');
    assert.equal(await adm.locator('button').count(), 0, 'no actions on an admin account for an officer');
    assert.equal(await text(adm.getByTestId('account-no-actions')), 'Chỉ quản trị hệ thống sửa được');
    assert.equal(await mine.evaluate((el) => getComputedStyle(el).display), 'table-row');
    await shot('list');
  });

  test('"Ngày tạo" is the day in Vietnam, also late in the UTC day (browser in UTC)', async () => {
    // the list as the server sends it, with one creation time at 18:30 UTC = 01:30 next day in Vietnam
    await page.route('**/api/v1/accounts', async (route) => {
      const res = await route.fetch();
      const json = await res.json();
      for (const a of json.items) if (a.username === OFFICER.username) a.created_at = '2025-03-04T18:30:00Z';
      await route.fulfill({ response: res, json });
    });
    try {
      await page.reload();
      await row(OFFICER.username).waitFor();
      assert.equal(await text(row(OFFICER.username).getByTestId('account-created')), '05/03/2025');
    } finally {
      await page.unroute('**/api/v1/accounts');
    }
    await page.reload();
    await row(OFFICER.username).waitFor();
  });

  test('create a secretary account for a cell with a generated password; it is in the list', async () => {
    await page.getByTestId('account-add').click();
    const dlg = page.getByTestId('account-dialog-create');
    await dlg.waitFor();
    // an officer is not offered "Quản trị hệ thống"
    const roles = await dlg.getByTestId('account-field-role').locator('option').evaluateAll((os) => os.filter((o) => o.value).map((o) => [o.value, o.textContent]));
    assert.deepEqual(roles, [['officer', 'Cán bộ tổ chức'], ['secretary', 'Bí thư chi bộ'], ['inspector', 'Ủy viên kiểm tra'], ['member', 'Đảng viên']]);

    await dlg.getByTestId('account-field-username').fill(secretary.username.toUpperCase());
    assert.equal(await dlg.getByTestId('account-field-username').inputValue(), secretary.username, 'lower-cased as typed');
    const pw = dlg.getByTestId('account-field-password');
    assert.equal(await pw.getAttribute('type'), 'password');
    await dlg.getByTestId('account-generate').click();
    const first = await pw.inputValue();
    assert.match(first, /^[A-HJ-NP-Za-km-z2-9]{14}$/, `a random 14-character password, got "${first}"`);
    assert.equal(await pw.getAttribute('type'), 'text', 'the generated password is shown');
    assert.equal(await text(dlg.getByTestId('account-generated-value')), first, 'and spelled out to hand over');
    await dlg.getByTestId('account-generate').click();
    secretary.password = await pw.inputValue();
    assert.notEqual(secretary.password, first, 'a new one each time');
    assert.equal(secretary.password.length, 14);
    assert.equal(await text(dlg.getByTestId('account-generated-value')), secretary.password);

    await dlg.getByTestId('account-field-role').selectOption('secretary');
    assert.match(await text(dlg.getByTestId('account-role-hint')), /^Xem và sửa hồ sơ đảng viên/);
    assert.equal(await dlg.getByTestId('account-field-member_id').isVisible(), false, 'no member picker for a secretary');
    await pickOrg(dlg, cell);
    await shot('create-dialog');

    const created = page.waitForResponse((r) => r.url().endsWith('/api/v1/accounts') && r.request().method() === 'POST');
    await dlg.getByTestId('account-submit').click();
    const r = await created;
    const body = await r.json();
    assert.equal(r.status(), 201, `POST /accounts → ${r.status()} ${JSON.stringify(body)}`);
    assert.deepEqual(r.request().postDataJSON(), { username: secretary.username, password: secretary.password, role: 'secretary', org_id: cell.id });
    secretary.id = body.id;

    // the dialog now shows what to hand over
    await dlg.getByTestId('account-result').waitFor();
    assert.equal(await text(dlg.getByTestId('account-result-username')), secretary.username);
    assert.equal(await text(dlg.getByTestId('account-result-password')), secretary.password);
    await shot('create-result');
    await dlg.getByTestId('account-done').click();
    await dlg.waitFor({ state: 'detached' });

    const r2 = row(secretary.username);
    await r2.waitFor();
    assert.equal(await text(page.getByTestId('account-flash')), `Đã tạo tài khoản ${secretary.username}.`);
    assert.equal(await text(r2.getByTestId('account-role')), 'Bí thư chi bộ');
    assert.equal(await text(r2.getByTestId('account-org-name')), cell.name);
    assert.equal(await text(r2.getByTestId('account-org-code')), cell.code);
    assert.equal(await text(r2.getByTestId('account-status')), 'Đang hoạt động');
    assert.equal(await text(r2.getByTestId('account-created')), vnDate(body.created_at));
    for (const id of ['account-lock', 'account-password', 'account-role-change']) assert.equal(await r2.getByTestId(id).count(), 1, id);
    const saved = await accountByName(secretary.username);
    assert.equal(saved.role, 'secretary');
    assert.equal(saved.org_id, cell.id);
    assert.equal(saved.active, true);
    await shot('created');
  });

  test('the form: empty fields are named before sending; spaces in the username and a taken username under the field', async () => {
    await page.getByTestId('account-add').click();
    const dlg = page.getByTestId('account-dialog-create');
    await dlg.waitFor();
    let sent = 0;
    const count = (req) => { if (req.url().endsWith('/api/v1/accounts') && req.method() === 'POST') sent++; };
    page.on('request', count);
    await dlg.getByTestId('account-submit').click();
    await dlg.getByTestId('account-error-username').waitFor();
    assert.equal(await text(dlg.getByTestId('account-error-username')), 'Hãy nhập tên đăng nhập');
    assert.equal(await text(dlg.getByTestId('account-error-password')), 'Hãy nhập mật khẩu hoặc bấm “Tạo mật khẩu ngẫu nhiên”');
    assert.equal(await text(dlg.getByTestId('account-error-role')), 'Hãy chọn vai trò');
    assert.equal(await text(dlg.getByTestId('account-error-org_id')), 'Hãy tìm và chọn tổ chức');
    assert.equal(sent, 0, 'nothing sent with empty fields');
    page.off('request', count);

    const spaced = 'bi thu moi';
    await dlg.getByTestId('account-field-username').fill(spaced);
    await dlg.getByTestId('account-generate').click();
    await dlg.getByTestId('account-field-role').selectOption('secretary');
    await pickOrg(dlg, cell);
    assert.equal(await dlg.getByTestId('account-error-org_id').isVisible(), false, 'choosing clears the org error');
    let resp = page.waitForResponse((r) => r.url().endsWith('/api/v1/accounts') && r.request().method() === 'POST');
    await dlg.getByTestId('account-submit').click();
    let r = await resp;
    let body = await r.json();
    assert.equal(r.status(), 422, `POST /accounts with "${spaced}" → ${r.status()} ${JSON.stringify(body)}`);
    assert.equal(r.request().postDataJSON().username, spaced);
    const expected = body.error.errors.find((e) => e.field === 'username')?.message;
    assert.ok(expected, 'the server names the username field');
    const err = dlg.getByTestId('account-error-username');
    await err.waitFor();
    assert.equal(await text(err), expected);
    assert.match(expected, /^Tên đăng nhập phải có từ 3 đến 64 ký tự/);
    assert.equal(await dlg.getByTestId('account-field-username').getAttribute('aria-invalid'), 'true');
    assert.equal(await dlg.getByTestId('account-error-password').isVisible(), false, 'only the username is wrong');
    assert.ok(await dlg.isVisible(), 'the dialog stays open');
    await shot('username-error');

    // a username already in use: 409 under the same field
    await dlg.getByTestId('account-field-username').fill(secretary.username);
    resp = page.waitForResponse((r) => r.url().endsWith('/api/v1/accounts') && r.request().method() === 'POST');
    await dlg.getByTestId('account-submit').click();
    r = await resp;
    body = await r.json();
    assert.equal(r.status(), 409, `POST /accounts with a taken username → ${r.status()} ${JSON.stringify(body)}`);
    await page.waitForFunction((m) => document.querySelector('[data-testid="account-error-username"]')?.textContent?.trim() === m, body.error.message);
    assert.equal(body.error.message, `Tên đăng nhập ${secretary.username} đã được dùng`);
    assert.equal(await dlg.getByTestId('account-conflict').count(), 0, 'a taken username is not a stale version');
    await shot('username-taken');
    await dlg.getByTestId('account-cancel').click();
    await dlg.waitFor({ state: 'detached' });
    const names = (await api.get('/accounts')).items.map((a) => a.username);
    assert.equal(names.filter((n) => n === secretary.username).length, 1);
    assert.ok(!names.includes(spaced), 'nothing was created');
  });

  test('the secretary signs in (same browser): no "Tài khoản" menu, only the cell\'s members', async () => {
    await logout(page);
    await loginOk(page, secretary.username, secretary.password);
    assert.equal(await text(page.getByTestId('account-role')), 'Bí thư chi bộ');
    await page.getByTestId('nav-members').waitFor();
    assert.equal(await page.getByTestId('nav-accounts').count(), 0, 'no accounts menu for a secretary');
    assert.equal(await page.getByTestId('nav-dashboard').count(), 1);

    await page.goto(base + '/#/members');
    await page.waitForFunction((n) => document.querySelector('[data-testid="list-status"]')?.textContent === `Đang hiển thị ${n} đảng viên.`,
      viNumber(cellMembers.length));
    const ids = await page.locator('[data-testid="member-row"]').evaluateAll((rs) => rs.map((r) => Number(r.dataset.id)));
    assert.deepEqual(ids.toSorted((a, b) => a - b), cellMembers.map((m) => m.id).toSorted((a, b) => a - b), 'exactly the cell\'s members');
    const orgCodes = await page.locator('[data-testid="member-row"] td[data-label="Chi bộ"]').evaluateAll((tds) => tds.map((td) => td.title));
    assert.deepEqual([...new Set(orgCodes)], [cell.code]);
    const rootTotal = (await api.get(`/orgs/${root.id}/stats`)).member_total;
    assert.ok(rootTotal > cellMembers.length, 'the officer\'s scope is wider: the list really was narrowed');
    assert.equal(await text(page.getByTestId('scope-name')), cell.name);
    await shot('secretary-members');

    // typing the address does not open the page either
    await page.goto(base + '/#/accounts');
    await page.waitForFunction(() => location.hash === '#/dashboard');
    assert.equal(await page.getByTestId('account-table').count(), 0);
    await logout(page);
    await loginOk(page, OFFICER.username, OFFICER.password);
  });

  test('lock the secretary: the open session ends and signing in fails; unlock: signing in works again', async () => {
    await loginOk(otherPage, secretary.username, secretary.password);
    await openAccounts();
    const r = row(secretary.username);
    await r.getByTestId('account-lock').click();
    const dlg = page.getByTestId('account-dialog-lock');
    await dlg.waitFor();
    assert.match(await text(dlg.getByTestId('account-fixed-username')), new RegExp(`^${secretary.username.replaceAll('.', '\\.')} \\(Bí thư chi bộ`));
    assert.equal(await dlg.getByTestId('account-cancel').evaluate((el) => el === document.activeElement), true, 'starts on "Hủy"');
    await shot('lock-dialog');
    const before = await accountByName(secretary.username);
    const resp = page.waitForResponse((x) => x.url().endsWith(`/api/v1/accounts/${secretary.id}`) && x.request().method() === 'PATCH');
    await dlg.getByTestId('account-submit').click();
    const x = await resp;
    assert.equal(x.status(), 200, `PATCH (lock) → ${x.status()} ${await x.text()}`);
    assert.deepEqual(x.request().postDataJSON(), { version: before.version, active: false });
    await dlg.waitFor({ state: 'detached' });
    await page.waitForFunction((u) => document.querySelector(`[data-testid="account-row"][data-username="${u}"] [data-testid="account-status"]`)?.textContent === 'Đã khóa', secretary.username);
    assert.equal(await r.getByTestId('account-lock').count(), 0);
    assert.equal(await text(r.getByTestId('account-unlock')), 'Mở khóa');
    assert.equal(await text(page.getByTestId('account-flash')), `Đã khóa tài khoản ${secretary.username}.`);
    assert.equal((await accountByName(secretary.username)).active, false);
    await shot('locked');

    // the secretary's open session has ended, and signing in is refused
    await otherPage.reload();
    await otherPage.getByTestId('login-username').waitFor();
    await loginRefused(otherPage, secretary.username, secretary.password);
    await shot('locked-login', otherPage);

    const unlocked = page.waitForResponse((y) => y.url().endsWith(`/api/v1/accounts/${secretary.id}`) && y.request().method() === 'PATCH');
    await r.getByTestId('account-unlock').click();
    const y = await unlocked;
    assert.equal(y.status(), 200);
    assert.equal(y.request().postDataJSON().active, true);
    await page.waitForFunction((u) => document.querySelector(`[data-testid="account-row"][data-username="${u}"] [data-testid="account-status"]`)?.textContent === 'Đang hoạt động', secretary.username);
    assert.equal(await r.getByTestId('account-lock').count(), 1);
    assert.equal((await accountByName(secretary.username)).active, true);
    await loginOk(otherPage, secretary.username, secretary.password);
    await logout(otherPage);
  });

  test('reset the password: the old one stops working, the new one works', async () => {
    const r = row(secretary.username);
    await r.getByTestId('account-password').click();
    const dlg = page.getByTestId('account-dialog-password');
    await dlg.waitFor();
    await dlg.getByTestId('account-submit').click();
    await dlg.getByTestId('account-error-password').waitFor();
    assert.equal(await text(dlg.getByTestId('account-error-password')), 'Hãy nhập mật khẩu mới hoặc bấm “Tạo mật khẩu ngẫu nhiên”');
    await dlg.getByTestId('account-generate').click();
    const fresh = await dlg.getByTestId('account-field-password').inputValue();
    assert.equal(fresh.length, 14);
    assert.notEqual(fresh, secretary.password);
    await shot('password-dialog');
    const before = await accountByName(secretary.username);
    const resp = page.waitForResponse((x) => x.url().endsWith(`/api/v1/accounts/${secretary.id}`) && x.request().method() === 'PATCH');
    await dlg.getByTestId('account-submit').click();
    const x = await resp;
    assert.equal(x.status(), 200, `PATCH (password) → ${x.status()} ${await x.text()}`);
    assert.deepEqual(x.request().postDataJSON(), { version: before.version, password: fresh });
    await dlg.getByTestId('account-result').waitFor();
    assert.equal(await text(dlg.getByTestId('account-result-password')), fresh);
    await dlg.getByTestId('account-done').click();
    await dlg.waitFor({ state: 'detached' });
    assert.equal(await text(page.getByTestId('account-flash')), `Đã đặt lại mật khẩu cho ${secretary.username}.`);

    await loginRefused(otherPage, secretary.username, secretary.password);
    await loginOk(otherPage, secretary.username, fresh);
    secretary.password = fresh;
    await logout(otherPage);
  });

  test('role change: no admin role for an officer; a stale version asks for a reload', async () => {
    const r = row(secretary.username);
    await r.getByTestId('account-role-change').click();
    const dlg = page.getByTestId('account-dialog-role');
    await dlg.waitFor();
    const sel = dlg.getByTestId('account-field-role');
    const opts = await sel.locator('option').evaluateAll((os) => os.map((o) => ({ v: o.value, off: o.disabled })));
    assert.deepEqual(opts.map((o) => o.v), ['officer', 'secretary', 'inspector', 'member'], 'no "Quản trị hệ thống" for an officer');
    assert.equal(opts.find((o) => o.v === 'member').off, true, '"Đảng viên" needs a member record');
    assert.equal(await sel.inputValue(), 'secretary');

    // someone else locks the account meanwhile
    const cur = await accountByName(secretary.username);
    await api.patch(`/accounts/${secretary.id}`, { version: cur.version, active: false });
    await sel.selectOption('inspector');
    const stale = page.waitForResponse((x) => x.url().endsWith(`/api/v1/accounts/${secretary.id}`) && x.request().method() === 'PATCH');
    await dlg.getByTestId('account-submit').click();
    assert.equal((await stale).status(), 409);
    const conflict = dlg.getByTestId('account-conflict');
    await conflict.waitFor();
    assert.equal(await text(conflict), CONFLICT);
    await shot('role-conflict');
    await dlg.getByTestId('account-reload').click();
    // the dialog comes back on the fresh record, and the list shows the other person's change
    await page.getByTestId('account-dialog-note').waitFor();
    const again = page.getByTestId('account-dialog-role');
    await page.waitForFunction((u) => document.querySelector(`[data-testid="account-row"][data-username="${u}"] [data-testid="account-status"]`)?.textContent === 'Đã khóa', secretary.username);
    await again.getByTestId('account-field-role').selectOption('inspector');
    const saved = page.waitForResponse((x) => x.url().endsWith(`/api/v1/accounts/${secretary.id}`) && x.request().method() === 'PATCH');
    await again.getByTestId('account-submit').click();
    const x = await saved;
    assert.equal(x.status(), 200);
    assert.deepEqual(x.request().postDataJSON(), { version: cur.version + 1, role: 'inspector' });
    await again.waitFor({ state: 'detached' });
    await page.waitForFunction((u) => document.querySelector(`[data-testid="account-row"][data-username="${u}"] [data-testid="account-role"]`)?.textContent === 'Ủy viên kiểm tra', secretary.username);
    assert.equal(await text(page.getByTestId('account-flash')), `Đã đổi vai trò của ${secretary.username} thành Ủy viên kiểm tra.`);

    // "Mở khóa" on a stale row: the page says so and reloads on request
    const now = await accountByName(secretary.username);
    await api.patch(`/accounts/${secretary.id}`, { version: now.version, role: 'secretary' });
    const stale2 = page.waitForResponse((y) => y.url().endsWith(`/api/v1/accounts/${secretary.id}`) && y.request().method() === 'PATCH');
    await r.getByTestId('account-unlock').click();
    assert.equal((await stale2).status(), 409);
    const msg = page.getByTestId('account-message');
    await msg.waitFor();
    assert.equal(await text(msg.getByTestId('account-conflict')), CONFLICT);
    await page.getByTestId('account-reload').click();
    await page.waitForFunction((u) => document.querySelector(`[data-testid="account-row"][data-username="${u}"] [data-testid="account-role"]`)?.textContent === 'Bí thư chi bộ', secretary.username);
    assert.equal(await msg.isVisible(), false);
    await r.getByTestId('account-unlock').click();
    await page.waitForFunction((u) => document.querySelector(`[data-testid="account-row"][data-username="${u}"] [data-testid="account-status"]`)?.textContent === 'Đang hoạt động', secretary.username);
    const end = await accountByName(secretary.username);
    assert.equal(end.role, 'secretary');
    assert.equal(end.active, true);
  });

  test('a member account is tied to a member record searched in the chosen org', async () => {
    const m = cellMembers.find((x) => x.status === 'official') ?? cellMembers[0];
    const username = `dv.${m.id}`;
    await page.getByTestId('account-add').click();
    const dlg = page.getByTestId('account-dialog-create');
    await dlg.waitFor();
    await dlg.getByTestId('account-field-username').fill(username);
    await dlg.getByTestId('account-field-password').fill('mat-khau-dang-vien');
    await dlg.getByTestId('account-field-role').selectOption('member');
    const memberInput = dlg.getByTestId('account-field-member_id');
    assert.equal(await memberInput.isVisible(), true, 'the member picker appears for "Đảng viên"');
    assert.equal(await memberInput.isDisabled(), true, 'until an org is chosen');
    await pickOrg(dlg, cell);
    assert.equal(await memberInput.isDisabled(), false);
    const search = page.waitForResponse((r) => r.url().includes('/api/v1/members?') && new URL(r.url()).searchParams.get('q') === fold(m.full_name));
    await memberInput.fill(fold(m.full_name));
    const sr = await search;
    assert.equal(sr.status(), 200);
    assert.equal(new URL(sr.url()).searchParams.get('org'), String(cell.id), 'members are searched in the chosen org');
    await dlg.locator(`[data-testid="account-member-option"][data-key="${m.id}"]`).click();
    assert.match(await text(dlg.getByTestId('account-member-chosen')), new RegExp(`^Hồ sơ: ${m.full_name}`));
    await shot('member-dialog');
    const created = page.waitForResponse((r) => r.url().endsWith('/api/v1/accounts') && r.request().method() === 'POST');
    await dlg.getByTestId('account-submit').click();
    const r = await created;
    assert.equal(r.status(), 201, await r.text());
    assert.deepEqual(r.request().postDataJSON(), { username, password: 'mat-khau-dang-vien', role: 'member', org_id: cell.id, member_id: m.id });
    await dlg.getByTestId('account-done').click();
    await dlg.waitFor({ state: 'detached' });
    assert.equal(await text(row(username).getByTestId('account-role')), 'Đảng viên');

    // the member lands on their own record
    await loginOk(otherPage, username, 'mat-khau-dang-vien');
    await otherPage.waitForFunction((id) => location.hash === `#/members/${id}`, m.id);
    assert.equal(await text(otherPage.getByTestId('nav-member')), 'Hồ sơ của tôi');
    assert.equal(await otherPage.getByTestId('nav-accounts').count(), 0);
    await logout(otherPage);
  });

  test('the filter box narrows the list by username or org, accents optional', async () => {
    const all = (await api.get('/accounts')).items;
    const rows = page.locator('[data-testid="account-row"]');
    const filter = page.getByTestId('account-filter');
    await filter.fill(cell.code.toLowerCase());
    const inCell = all.filter((a) => a.org_code === cell.code).map((a) => a.username);
    assert.ok(inCell.length >= 2);
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="account-row"]').length === n, inCell.length);
    assert.deepEqual(await rows.evaluateAll((rs) => rs.map((r) => r.dataset.username)), inCell);
    assert.equal(await text(page.getByTestId('account-count')), `${inCell.length} trên ${all.length} tài khoản`);
    assert.match(await page.evaluate(() => location.hash), /[?&]q=/, 'the filter is kept in the address');

    await filter.fill(fold(cell.name));
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="account-row"]').length === n, inCell.length);
    assert.deepEqual(await rows.evaluateAll((rs) => rs.map((r) => r.dataset.username)), inCell);

    await filter.fill('CANBO');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="account-row"]').length === 1);
    assert.equal(await rows.first().getAttribute('data-username'), OFFICER.username);

    await filter.fill('không có ai');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="account-row"]').length === 0);
    assert.equal(await text(page.getByTestId('account-empty')), 'Không có tài khoản nào khớp với “không có ai”.');
    assert.equal(await page.getByTestId('account-table').isVisible(), false);
    await shot('filter-empty');

    await filter.fill('');
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="account-row"]').length === n, all.length);
  });

  test('an admin is offered "Quản trị hệ thống" and may change an officer, but not lock themselves', async () => {
    await loginOk(otherPage, ADMIN.username, ADMIN.password);
    await otherPage.getByTestId('nav-accounts').click();
    await row(OFFICER.username, otherPage).waitFor();
    const mine = row(ADMIN.username, otherPage);
    assert.equal(await mine.getByTestId('account-lock').count(), 0);
    assert.equal(await mine.getByTestId('account-role-change').count(), 0);
    const officer = row(OFFICER.username, otherPage);
    for (const id of ['account-lock', 'account-password', 'account-role-change']) assert.equal(await officer.getByTestId(id).count(), 1, id);
    await otherPage.getByTestId('account-add').click();
    const dlg = otherPage.getByTestId('account-dialog-create');
    await dlg.waitFor();
    const roles = await dlg.getByTestId('account-field-role').locator('option').evaluateAll((os) => os.filter((o) => o.value).map((o) => o.value));
    assert.deepEqual(roles, ['admin', 'officer', 'secretary', 'inspector', 'member']);
    await dlg.getByTestId('account-cancel').click();
    await logout(otherPage);
  });

  test('resetting one\'s own password ends the session: sign in again with the new one', async () => {
    const second = { username: 'canbo2', password: 'mat-khau-can-bo-2' };
    await api.post('/accounts', { ...second, role: 'officer', org_id: root.id }, 201);
    await loginOk(otherPage, second.username, second.password);
    await otherPage.getByTestId('nav-accounts').click();
    const mine = row(second.username, otherPage);
    await mine.getByTestId('account-self').waitFor();
    await mine.getByTestId('account-password').click();
    const dlg = otherPage.getByTestId('account-dialog-password');
    await dlg.waitFor();
    assert.match(await text(dlg.locator('.dialog-text')), /^Đây là tài khoản của bạn/);
    await dlg.getByTestId('account-field-password').fill('mat-khau-moi-cua-toi');
    await dlg.getByTestId('account-submit').click();
    await dlg.getByTestId('account-result').waitFor();
    assert.match(await text(dlg.getByTestId('account-result')), /Phiên đăng nhập này đã kết thúc/);
    await dlg.getByTestId('account-done').click();
    await otherPage.getByTestId('login-username').waitFor();
    assert.equal(await otherPage.evaluate(() => location.hash), '#/login');
    await loginOk(otherPage, second.username, 'mat-khau-moi-cua-toi');
    await logout(otherPage);
  });

  test('phone width (375 px): rows become cards, nothing scrolls sideways, the dialog fits', async () => {
    await page.setViewportSize({ width: 375, height: 740 });
    await openAccounts();
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(await overflow() <= 0, `page scrolls sideways by ${await overflow()}px at 375 px`);
    assert.equal(await page.locator('[data-testid="account-table"] thead').isVisible(), false, 'no table header on a phone');
    const r = row(secretary.username);
    assert.equal(await r.evaluate((el) => getComputedStyle(el).display), 'block', 'a row is a card');
    await r.scrollIntoViewIfNeeded();
    for (const id of ['account-lock', 'account-password', 'account-role-change']) {
      const box = await r.getByTestId(id).boundingBox();
      assert.ok(box && box.x >= 0 && box.x + box.width <= 375, `${id} inside the screen: ${JSON.stringify(box)}`);
    }
    await shot('phone-list');
    await page.getByTestId('account-add').click();
    const dlg = page.getByTestId('account-dialog-create');
    await dlg.waitFor();
    await dlg.getByTestId('account-generate').click();
    await dlg.getByTestId('account-field-role').selectOption('member');
    const box = await dlg.boundingBox();
    assert.ok(box.x >= 0 && box.x + box.width <= 375, `dialog inside the screen: ${JSON.stringify(box)}`);
    const gen = await dlg.getByTestId('account-generate').boundingBox();
    assert.ok(gen.x + gen.width <= box.x + box.width, `generate button inside the dialog: ${JSON.stringify(gen)}`);
    await shot('phone-create');
    await dlg.getByTestId('account-cancel').click();
    await dlg.waitFor({ state: 'detached' });
    await page.setViewportSize({ width: 1366, height: 768 });
  });

  test('no script errors', () => {
    assert.deepEqual(pageErrors, []);
  });
});
