// End-to-end test of organisation management in the tree page ("Cây tổ
// chức"): an officer creates a cell under a grassroots org, renames it (and
// meets a stale version), gets a field error for an invalid code, moves the
// cell under another grassroots org and dissolves it; dissolving a cell that
// still has members is refused with the server's message; a secretary sees
// no buttons.  Real server, real Chromium, fresh bloc demo database.
//
//   CHIBO_BIN=build/chibo node --test tests/e2e/orgs.test.mjs
//
// The browser runs in UTC on purpose: the history must show Vietnam time.
// Screenshots go to $CHIBO_SHOTS (default /tmp/chibo-shots), orgs-*.png.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { SHOTS, apiClient, launchBrowser, loginAs, pad2, startServer, viDate } from './helpers.mjs';

const OFFICER = { username: 'canbo1', password: 'secret-pass-1', role: 'officer', org: 'DUK' };
const SECRETARY = { username: 'bithu1', password: 'secret-pass-2', role: 'secretary', org: 'DUK' };

/** An instant from the API → "dd/mm/yyyy HH:mm" in Vietnam (UTC+7). */
function vnTime(at) {
  const d = new Date(new Date(at).getTime() + 7 * 3600 * 1000);
  return `${pad2(d.getUTCDate())}/${pad2(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`;
}

/** A date n days before today as dd/mm/yyyy and ISO (Vietnam calendar; n ≥ 2 keeps clear of zone edges). */
function daysAgo(n) {
  const d = new Date(Date.now() + 7 * 3600 * 1000 - n * 86400 * 1000);
  const iso = `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
  return { vi: viDate(iso), iso };
}

describe('organisation management', { timeout: 600_000 }, () => {
  let server;
  let base;
  let browser;
  let context;
  let page;
  let api;
  const pageErrors = [];
  let root;
  /** Two grassroots orgs directly under the root, and a cell of A's with members. */
  let orgA;
  let orgB;
  let busyCell;
  /** The cell the test creates. */
  const cell = { id: 0, code: '', name: 'Chi bộ Phòng Kiểm thử Tự động', renamed: 'Chi bộ Phòng Kiểm thử và Đánh giá' };

  const shot = (name, fullPage = false) => page.screenshot({ path: join(SHOTS, `orgs-${name}.png`), fullPage });
  const node = (code) => page.locator(`[data-testid="tree-node"][data-code="${code}"]`);
  /** The tree node with code inside the group of the tree item with id parentId. */
  const nodeUnder = (parentId, code) =>
    page.locator(`li.tree-item[data-id="${parentId}"] > ul.tree-group > li.tree-item > .node-row > [data-testid="tree-node"][data-code="${code}"]`);
  const details = () => page.getByTestId('org-details');
  const dialog = () => page.locator('dialog[open]');

  async function select(code) {
    await node(code).click();
    await page.waitForFunction((c) => document.querySelector('[data-testid="org-code"]')?.textContent === c, code);
  }

  async function latestHistory(id) {
    const h = await api.get(`/orgs/${id}/history`);
    assert.ok(h.items.length > 0, `no history for org ${id}`);
    return h.items[0];
  }

  before(async () => {
    server = await startServer([OFFICER, SECRETARY]);
    base = server.base;
    api = await apiClient(base, OFFICER.username, OFFICER.password);
    root = (await api.get('/orgs')).items[0];
    const kids = (await api.get(`/orgs/${root.id}/children`)).items.filter((o) => !o.dissolved_on);
    const grassroots = kids.filter((o) => o.kind === 'grassroots');
    assert.ok(grassroots.length >= 2, 'the demo needs two grassroots orgs under the root');
    [orgA, orgB] = grassroots;
    busyCell = (await api.get(`/orgs/${orgA.id}/children`)).items.find((o) => o.kind === 'cell' && o.member_count > 0 && !o.dissolved_on);
    assert.ok(busyCell, `no cell with members under ${orgA.code}`);
    for (let i = 90; ; i++) {
      const code = `${orgA.code}.CB${i}`;
      if (!(await api.get(`/orgs?q=${encodeURIComponent(code)}`)).items.some((o) => o.code === code)) {
        cell.code = code;
        break;
      }
    }

    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN', timezoneId: 'UTC' });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (e) => pageErrors.push(e.message));

    await loginAs(page, base, OFFICER.username, OFFICER.password);
  });

  after(async () => {
    await browser?.close().catch(() => {});
    await server?.stop();
  });

  test('the scope root may get children but cannot be renamed, moved or dissolved', async () => {
    await page.goto(base + '/#/tree');
    await page.waitForFunction((c) => document.querySelector('[data-testid="org-code"]')?.textContent === c, root.code);
    await page.getByTestId('org-manage').waitFor();
    assert.ok(await page.getByTestId('org-create').isVisible(), 'create button for the root');
    assert.equal((await page.getByTestId('org-create').textContent()).trim(), 'Thành lập tổ chức trực thuộc');
    for (const id of ['org-rename', 'org-move', 'org-dissolve']) {
      assert.equal(await page.getByTestId(id).count(), 0, `${id} hidden for the scope root`);
    }
  });

  test('create a cell under a grassroots org: it appears in the tree with 0 members', async () => {
    await select(orgA.code);
    for (const [id, text] of [['org-rename', 'Đổi tên'], ['org-move', 'Chuyển tổ chức cấp trên'], ['org-dissolve', 'Giải thể']]) {
      assert.equal((await page.getByTestId(id).textContent()).trim(), text);
    }
    await page.getByTestId('org-create').click();
    const dlg = page.getByTestId('org-dialog-create');
    await dlg.waitFor();
    assert.equal((await dlg.getByTestId('org-fixed-parent_id').textContent()).includes(orgA.name), true, 'parent shown');
    // only the kinds that may sit under a grassroots org
    const kinds = await dlg.getByTestId('org-field-kind').locator('option').evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
    assert.deepEqual(kinds, ['subcommittee', 'cell']);

    await dlg.getByTestId('org-field-code').fill(cell.code.toLowerCase());
    assert.equal(await dlg.getByTestId('org-field-code').inputValue(), cell.code, 'code is upper-cased as typed');
    await dlg.getByTestId('org-field-name').fill(cell.name);
    await dlg.getByTestId('org-field-kind').selectOption('cell');
    assert.equal(await dlg.getByTestId('org-field-type').isVisible(), false, 'Loại hình only for grassroots/gcell');
    assert.equal(await dlg.getByTestId('org-field-covers').isVisible(), true, 'units of a merged cell for a cell');
    await dlg.getByTestId('org-field-founded_on').fill('15/3/2024');
    await dlg.getByTestId('org-field-covers').fill('Phòng Hành chính\n\n  Phòng Kế toán  \n');
    await shot('create-dialog');
    const created = page.waitForResponse((r) => r.url().endsWith('/api/v1/orgs') && r.request().method() === 'POST');
    await dlg.getByTestId('org-submit').click();
    const r = await created;
    const body = await r.json();
    assert.equal(r.status(), 201, `POST /orgs → ${r.status()} ${JSON.stringify(body)}`);
    assert.deepEqual(r.request().postDataJSON(), {
      code: cell.code, name: cell.name, kind: 'cell', type: null, parent_id: orgA.id,
      founded_on: '2024-03-15', covers: ['Phòng Hành chính', 'Phòng Kế toán'],
    });
    cell.id = body.id;
    await dlg.waitFor({ state: 'detached' });

    // the new cell is in A's branch, selected, with 0 members
    const n = nodeUnder(orgA.id, cell.code);
    await n.waitFor();
    assert.equal((await n.getByTestId('node-name').textContent()).trim(), cell.name);
    assert.equal((await n.getByTestId('node-count').textContent()).trim(), '0');
    assert.equal(await n.getAttribute('aria-pressed'), 'true', 'the new cell is selected');
    await page.waitForFunction((c) => document.querySelector('[data-testid="org-code"]')?.textContent === c, cell.code);
    assert.equal((await page.getByTestId('org-members').textContent()).trim(), '0');
    assert.match(await page.getByTestId('org-flash').textContent(), /^Đã thành lập Chi bộ Phòng Kiểm thử Tự động/);
    const item = page.getByTestId('org-history-item').first();
    await item.waitFor();
    assert.equal((await item.getByTestId('org-history-action').textContent()).trim(), 'Thành lập');
    assert.equal((await item.locator('tr[data-field="code"] .diff-after').textContent()).trim(), cell.code);
    assert.equal((await item.locator('tr[data-field="parent_id"] .diff-after').textContent()).trim(), orgA.name);
    assert.equal((await item.locator('tr[data-field="covers"] .diff-after').textContent()).trim(), 'Phòng Hành chính; Phòng Kế toán');
    await shot('created');
  });

  test('rename: a stale version asks for a reload; the saved rename is in the history', async () => {
    await page.getByTestId('org-rename').click();
    const dlg = page.getByTestId('org-dialog-rename');
    await dlg.waitFor();
    assert.equal(await dlg.getByTestId('org-field-name').inputValue(), cell.name);

    // someone else renames it first
    const current = await api.get(`/orgs/${cell.id}`);
    const theirs = `${cell.name} (người khác sửa)`;
    await api.patch(`/orgs/${cell.id}`, { version: current.version, name: theirs });

    await dlg.getByTestId('org-field-name').fill(cell.renamed);
    const stale = page.waitForResponse((r) => r.url().endsWith(`/api/v1/orgs/${cell.id}`) && r.request().method() === 'PATCH');
    await dlg.getByTestId('org-submit').click();
    assert.equal((await stale).status(), 409);
    const conflict = dlg.getByTestId('org-conflict');
    await conflict.waitFor();
    assert.equal((await conflict.textContent()).trim(), 'Tổ chức đã được người khác sửa; hãy tải lại');
    await shot('rename-conflict');
    await dlg.getByTestId('org-reload').click();
    // the dialog comes back with the other person's name, and the tree shows it too
    const again = page.getByTestId('org-dialog-rename');
    await page.waitForFunction((v) => document.querySelector('[data-testid="org-dialog-rename"] [data-testid="org-field-name"]')?.value === v, theirs);
    await nodeUnder(orgA.id, cell.code).getByTestId('node-name').filter({ hasText: theirs }).waitFor();

    await again.getByTestId('org-field-name').fill(cell.renamed);
    const saved = page.waitForResponse((r) => r.url().endsWith(`/api/v1/orgs/${cell.id}`) && r.request().method() === 'PATCH');
    await again.getByTestId('org-submit').click();
    assert.equal((await saved).status(), 200);
    await again.waitFor({ state: 'detached' });
    await page.waitForFunction((v) => document.querySelector('[data-testid="org-name"]')?.textContent === v, cell.renamed);
    const n = nodeUnder(orgA.id, cell.code);
    await n.getByTestId('node-name').filter({ hasText: cell.renamed }).waitFor();

    const h = await latestHistory(cell.id);
    assert.equal(h.action, 'update');
    const item = page.getByTestId('org-history-item').first();
    await page.waitForFunction((v) =>
      document.querySelector('[data-testid="org-history-item"] tr[data-field="name"] .diff-after')?.textContent === v, cell.renamed);
    assert.equal(await item.getAttribute('data-action'), 'update');
    assert.equal((await item.getByTestId('org-history-action').textContent()).trim(), 'Sửa');
    assert.equal((await item.getByTestId('org-history-who').textContent()).trim(), OFFICER.username);
    assert.equal((await item.getByTestId('org-history-time').textContent()).trim(), vnTime(h.at), 'Vietnam time, not the browser zone (UTC)');
    assert.equal((await item.locator('tr[data-field="name"] th').textContent()).trim(), 'Tên tổ chức');
    assert.equal((await item.locator('tr[data-field="name"] .diff-before').textContent()).trim(), theirs);
    assert.equal(await item.locator('tr').count(), 2, 'header + the one changed field');
    await shot('renamed');
  });

  test('an invalid code gets the server message under the Mã field', async () => {
    await select(orgA.code);
    await page.getByTestId('org-create').click();
    const dlg = page.getByTestId('org-dialog-create');
    await dlg.waitFor();
    const bad = `${orgA.code}.cb-09`;
    await dlg.getByTestId('org-field-code').fill(bad);
    await dlg.getByTestId('org-field-name').fill('Chi bộ Mã Sai');
    await dlg.getByTestId('org-field-kind').selectOption('cell');
    const resp = page.waitForResponse((r) => r.url().endsWith('/api/v1/orgs') && r.request().method() === 'POST');
    await dlg.getByTestId('org-submit').click();
    const r = await resp;
    const body = await r.json();
    assert.equal(r.status(), 422, `POST /orgs with code ${bad} → ${r.status()} ${JSON.stringify(body)}`);
    const expected = body.error.errors.find((e) => e.field === 'code')?.message;
    assert.ok(expected, 'the server names the code field');
    const err = dlg.getByTestId('org-error-code');
    await err.waitFor();
    assert.equal((await err.textContent()).trim(), expected);
    assert.equal(await dlg.getByTestId('org-field-code').getAttribute('aria-invalid'), 'true');
    assert.ok(await dlg.isVisible(), 'the dialog stays open');
    await shot('invalid-code');
    assert.equal((await api.get(`/orgs?q=${encodeURIComponent('Chi bộ Mã Sai')}`)).items.length, 0, 'nothing was created');
    await dlg.getByTestId('org-cancel').click();
    await dlg.waitFor({ state: 'detached' });
  });

  test('move the cell under another grassroots org', async () => {
    await nodeUnder(orgA.id, cell.code).click();
    await page.waitForFunction((c) => document.querySelector('[data-testid="org-code"]')?.textContent === c, cell.code);
    await page.getByTestId('org-move').click();
    const dlg = page.getByTestId('org-dialog-move');
    await dlg.waitFor();
    // the current parent cannot be chosen
    await dlg.getByTestId('org-field-parent_id').fill(orgA.code);
    const current = dlg.locator(`[data-testid="org-parent-option"][data-code="${orgA.code}"]`);
    await current.waitFor();
    assert.equal(await current.isDisabled(), true, 'the current parent is not offered');
    assert.match(await current.textContent(), /Đang là tổ chức cấp trên/);
    const search = page.waitForResponse((r) => r.url().includes('/api/v1/orgs?') && new URL(r.url()).searchParams.get('q') === orgB.code);
    await dlg.getByTestId('org-field-parent_id').fill(orgB.code);
    assert.equal((await search).status(), 200);
    const option = dlg.locator(`[data-testid="org-parent-option"][data-code="${orgB.code}"]`);
    await option.waitFor();
    assert.equal(await option.isDisabled(), false);
    await shot('move-search');
    await option.click();
    assert.match(await dlg.getByTestId('org-parent-chosen').textContent(), new RegExp(`^Cấp trên mới: ${orgB.name}`));
    const moved = page.waitForResponse((r) => r.url().endsWith(`/api/v1/orgs/${cell.id}`) && r.request().method() === 'PATCH');
    await dlg.getByTestId('org-submit').click();
    const r = await moved;
    assert.equal(r.status(), 200, `PATCH (move) → ${r.status()} ${await r.text()}`);
    assert.equal(r.request().postDataJSON().parent_id, orgB.id);
    await dlg.waitFor({ state: 'detached' });

    // now in B's branch and gone from A's
    await nodeUnder(orgB.id, cell.code).waitFor();
    assert.equal(await nodeUnder(orgA.id, cell.code).count(), 0, 'no longer under the old parent');
    assert.equal((await page.locator('.crumbs').textContent()).includes(orgB.name), true, 'breadcrumb shows the new parent');
    const item = page.getByTestId('org-history-item').first();
    await page.waitForFunction(() => document.querySelector('[data-testid="org-history-item"]')?.getAttribute('data-action') === 'move');
    assert.equal((await item.getByTestId('org-history-action').textContent()).trim(), 'Chuyển cấp trên');
    assert.equal((await item.locator('tr[data-field="parent_id"] th').textContent()).trim(), 'Tổ chức cấp trên');
    assert.equal((await item.locator('tr[data-field="parent_id"] .diff-before').textContent()).trim(), orgA.name);
    assert.equal((await item.locator('tr[data-field="parent_id"] .diff-after').textContent()).trim(), orgB.name);
    const org = await api.get(`/orgs/${cell.id}`);
    assert.equal(org.parent_id, orgB.id);
    await shot('moved');
  });

  test('dissolve the cell with a date and a confirmation: shown greyed', async () => {
    const when = daysAgo(10);
    await page.getByTestId('org-dissolve').click();
    const dlg = page.getByTestId('org-dialog-dissolve');
    await dlg.waitFor();
    await dlg.getByTestId('org-field-dissolved_on').fill(when.vi);
    // without the confirmation nothing is sent
    let sent = 0;
    const count = (req) => { if (req.url().endsWith('/dissolve')) sent++; };
    page.on('request', count);
    await dlg.getByTestId('org-submit').click();
    await dlg.getByTestId('org-error-confirm').waitFor();
    assert.equal(sent, 0, 'no request before the confirmation');
    page.off('request', count);

    await dlg.getByTestId('org-field-confirm').check();
    await shot('dissolve-dialog');
    const resp = page.waitForResponse((r) => r.url().endsWith(`/api/v1/orgs/${cell.id}/dissolve`));
    await dlg.getByTestId('org-submit').click();
    const r = await resp;
    assert.equal(r.status(), 200, `POST dissolve → ${r.status()} ${await r.text()}`);
    assert.equal(r.request().postDataJSON().dissolved_on, when.iso);
    await dlg.waitFor({ state: 'detached' });

    const n = nodeUnder(orgB.id, cell.code);
    await n.getByTestId('node-dissolved').waitFor();
    assert.equal((await n.getByTestId('node-dissolved').textContent()).trim(), `(đã giải thể ${when.vi})`);
    // greyed: the name is drawn lighter than a live sibling's
    const colour = (loc) => loc.evaluate((el) => getComputedStyle(el).color);
    const live = page.locator(`[data-testid="tree-node"][data-code="${orgB.code}"] [data-testid="node-name"]`);
    const dead = n.getByTestId('node-name');
    assert.notEqual(await colour(dead), await colour(live), 'dissolved name is greyed');
    assert.equal(await colour(dead), 'rgb(138, 144, 155)');
    assert.equal((await page.getByTestId('org-dissolved').textContent()).trim(), `Đã giải thể ngày ${when.vi}`);
    assert.equal(await page.getByTestId('org-move').count(), 0, 'a dissolved org cannot be moved');
    assert.equal(await page.getByTestId('org-dissolve').count(), 0, 'nor dissolved again');
    const item = page.getByTestId('org-history-item').first();
    await page.waitForFunction(() => document.querySelector('[data-testid="org-history-item"]')?.getAttribute('data-action') === 'dissolve');
    assert.equal((await item.getByTestId('org-history-action').textContent()).trim(), 'Giải thể');
    assert.equal((await item.locator('tr[data-field="dissolved_on"] .diff-before').textContent()).trim(), '—');
    assert.equal((await item.locator('tr[data-field="dissolved_on"] .diff-after').textContent()).trim(), when.vi);
    assert.deepEqual(
      await page.getByTestId('org-history-action').allTextContents(),
      ['Giải thể', 'Chuyển cấp trên', 'Sửa', 'Sửa', 'Thành lập'],
    );
    assert.equal((await api.get(`/orgs/${cell.id}`)).dissolved_on, when.iso);
    await shot('dissolved');
    await page.getByTestId('org-history').scrollIntoViewIfNeeded();
    await page.getByTestId('org-history').screenshot({ path: join(SHOTS, 'orgs-history.png') });
  });

  test('dissolving a cell that has members is refused with the server message', async () => {
    await page.getByTestId('org-search').fill(busyCell.code);
    await page.locator('.org-results .result').filter({ hasText: busyCell.code }).first().click();
    await page.waitForFunction((c) => document.querySelector('[data-testid="org-code"]')?.textContent === c, busyCell.code);
    await page.getByTestId('org-dissolve').click();
    const dlg = page.getByTestId('org-dialog-dissolve');
    await dlg.waitFor();
    await dlg.getByTestId('org-field-dissolved_on').fill(daysAgo(3).vi);
    await dlg.getByTestId('org-field-confirm').check();
    const resp = page.waitForResponse((r) => r.url().endsWith(`/api/v1/orgs/${busyCell.id}/dissolve`));
    await dlg.getByTestId('org-submit').click();
    const r = await resp;
    const body = await r.json();
    assert.equal(r.status(), 422, `dissolving a cell with members → ${r.status()} ${JSON.stringify(body)}`);
    const err = dlg.getByTestId('org-error-dissolved_on');
    await err.waitFor();
    const shown = (await err.textContent()).trim();
    assert.equal(shown, body.error.errors.map((e) => e.message).join(''));
    assert.match(shown, /^Còn \d+ đảng viên đang sinh hoạt; hãy chuyển sinh hoạt đảng trước khi giải thể$/);
    assert.ok(await dlg.isVisible(), 'the dialog stays open');
    await shot('dissolve-refused');
    assert.equal((await api.get(`/orgs/${busyCell.id}`)).dissolved_on, null, 'still active');
    await page.keyboard.press('Escape');
    await dlg.waitFor({ state: 'detached' });
    assert.equal(await node(busyCell.code).getByTestId('node-dissolved').count(), 0);
  });

  test('moving a cell with members updates the member counts of both parents in the tree', async () => {
    const count = async (code) => Number((await node(code).getByTestId('node-count').textContent()).trim().replaceAll('.', ''));
    const [a0, b0, r0] = [await count(orgA.code), await count(orgB.code), await count(root.code)];
    assert.equal(a0, (await api.get(`/orgs/${orgA.id}`)).member_count, 'tree shows A\'s count');
    const n = busyCell.member_count;
    await page.getByTestId('org-move').click();
    const dlg = page.getByTestId('org-dialog-move');
    await dlg.waitFor();
    await dlg.getByTestId('org-field-parent_id').fill(orgB.code);
    await dlg.locator(`[data-testid="org-parent-option"][data-code="${orgB.code}"]`).click();
    const moved = page.waitForResponse((r) => r.url().endsWith(`/api/v1/orgs/${busyCell.id}`) && r.request().method() === 'PATCH');
    await dlg.getByTestId('org-submit').click();
    assert.equal((await moved).status(), 200);
    await nodeUnder(orgB.id, busyCell.code).waitFor();
    await page.waitForFunction(([code, v]) =>
      document.querySelector(`[data-testid="tree-node"][data-code="${code}"] [data-testid="node-count"]`)?.textContent === v,
    [orgA.code, String(a0 - n)]);
    assert.equal(await count(orgA.code), a0 - n, 'old parent lost the members');
    assert.equal(await count(orgB.code), b0 + n, 'new parent gained the members');
    assert.equal(await count(root.code), r0, 'root total unchanged');
    assert.equal((await api.get(`/orgs/${orgB.id}`)).member_count, b0 + n);
  });

  test('phone width (375 px): buttons and the dialog fit the screen', async () => {
    await page.setViewportSize({ width: 375, height: 740 });
    await page.reload();
    await page.waitForFunction((c) => document.querySelector('[data-testid="org-code"]')?.textContent === c, busyCell.code);
    await page.getByTestId('org-manage').waitFor();
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(await overflow() <= 0, `page scrolls sideways by ${await overflow()}px at 375 px`);
    for (const id of ['org-rename', 'org-move', 'org-dissolve']) {
      const box = await page.getByTestId(id).boundingBox();
      assert.ok(box && box.x >= 0 && box.x + box.width <= 375, `${id} inside the screen: ${JSON.stringify(box)}`);
    }
    await page.getByTestId('org-manage').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'orgs-phone-tree.png') });
    // the dissolved cell (long name + date) wraps instead of widening the page
    await node(cell.code).scrollIntoViewIfNeeded();
    const nb = await node(cell.code).boundingBox();
    assert.ok(nb.x + nb.width <= 375, `dissolved node inside the screen: ${JSON.stringify(nb)}`);
    await page.screenshot({ path: join(SHOTS, 'orgs-phone-dissolved.png') });
    await page.getByTestId('org-rename').click();
    const dlg = page.getByTestId('org-dialog-rename');
    await dlg.waitFor();
    const box = await dlg.boundingBox();
    assert.ok(box.x >= 0 && box.x + box.width <= 375, `dialog inside the screen: ${JSON.stringify(box)}`);
    await page.screenshot({ path: join(SHOTS, 'orgs-phone-dialog.png') });
    await dlg.getByTestId('org-cancel').click();
    await dlg.waitFor({ state: 'detached' });
    await page.setViewportSize({ width: 1366, height: 768 });
  });

  test('a secretary sees the tree and history but no org buttons', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    try {
      const p = await ctx.newPage();
      p.setDefaultTimeout(15_000);
      p.on('pageerror', (e) => pageErrors.push(e.message));
      await loginAs(p, base, SECRETARY.username, SECRETARY.password);
      await p.goto(base + '/#/tree');
      await p.locator(`[data-testid="tree-node"][data-code="${orgB.code}"]`).click();
      await p.waitForFunction((c) => document.querySelector('[data-testid="org-code"]')?.textContent === c, orgB.code);
      await p.getByTestId('org-history').waitFor();
      assert.equal(await p.getByTestId('org-manage').count(), 0);
      for (const id of ['org-create', 'org-rename', 'org-move', 'org-dissolve']) assert.equal(await p.getByTestId(id).count(), 0, id);
    } finally {
      await ctx.close();
    }
  });

  test('no script errors', () => {
    assert.deepEqual(pageErrors, []);
  });
});
