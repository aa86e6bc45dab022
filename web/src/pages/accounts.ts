/*
 * accounts: "Tài khoản" — the login accounts of the signed-in account's scope
 * (GET /accounts), for admins and officers (docs/API.md, "Accounts").
 *
 * A table (cards on phones) with a client-side filter by username and org;
 * "Thêm tài khoản" in a dialog (username, password with a random one on
 * request, role, org searched in scope, and for the role "Đảng viên" the
 * member record searched in that org); per row "Khóa" / "Mở khóa", "Đặt lại
 * mật khẩu" and "Đổi vai trò".
 *
 * The server decides: the page only hides what it would refuse (locking or
 * changing the role of one's own account; any change to an admin account by
 * an officer; offering the admin role to an officer), checks what a person
 * can fix before sending (empty fields), then puts 422 errors under their
 * fields, 409 "username taken" under the username, a stale version as
 * "Tài khoản đã được người khác sửa; hãy tải lại" with "Tải lại", and 403/404
 * as a message.
 */

import { ApiError, api, isAbort, type AccountFull, type Member, type Org } from '../api';
import { h, notice, replace, uid, type Child } from '../dom';
import { formatDate, formatDateVN, formatNumber, fold } from '../format';
import { combo, formKit, openDialog, type FormKit } from '../forms';
import { ACCOUNT_FIELDS, ROLE_HINTS, ROLE_NAMES, nameOf } from '../labels';
import { navigate, replaceQuery, type PageContext } from '../router';
import { orgOption } from './orgadmin';
import { endSession, role as myRole, state } from '../state';

export const ACCOUNT_CONFLICT = 'Tài khoản đã được người khác sửa; hãy tải lại';

const PASSWORD_LENGTH = 14;
/** Letters and digits that cannot be mistaken for one another when read out or copied by hand (no I, O, l, 0, 1). */
const PASSWORD_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/** A random password of PASSWORD_LENGTH characters with upper case, lower case and a digit. */
export function randomPassword(): string {
  const n = PASSWORD_ALPHABET.length;
  const limit = 256 - (256 % n); // reject bytes that would bias the choice
  for (;;) {
    let out = '';
    while (out.length < PASSWORD_LENGTH) {
      const bytes = crypto.getRandomValues(new Uint8Array(32));
      for (const b of bytes) {
        if (b < limit && out.length < PASSWORD_LENGTH) out += PASSWORD_ALPHABET[b % n];
      }
    }
    if (/[A-Z]/.test(out) && /[a-z]/.test(out) && /\d/.test(out)) return out;
  }
}

const roleName = (a: { role: string; role_name?: string | null }): string => a.role_name || ROLE_NAMES[a.role] || a.role;
const isSelf = (a: AccountFull): boolean => state.account?.id === a.id;

/** The roles this account may grant: an officer never grants "Quản trị hệ thống". */
function grantableRoles(): string[] {
  return Object.keys(ROLE_NAMES).filter((r) => myRole() === 'admin' || r !== 'admin');
}

/** What the server would accept on this account from the signed-in one. */
function allowed(a: AccountFull): { lock: boolean; role: boolean; password: boolean } {
  const editable = myRole() === 'admin' || a.role !== 'admin';
  const self = isSelf(a);
  return { lock: editable && !self, role: editable && !self, password: editable };
}

function accountKit(submitLabel: string, opts: { danger?: boolean } = {}): FormKit {
  return formKit(submitLabel, { prefix: 'account', labels: ACCOUNT_FIELDS, conflict: ACCOUNT_CONFLICT, ...opts });
}

const infoNote = (note: string | undefined): HTMLElement | null =>
  note ? h('p', { class: 'flash', role: 'status', 'data-testid': 'account-dialog-note' }, note) : null;

const accountLine = (a: AccountFull): HTMLElement =>
  h('span', null, h('strong', null, a.username),
    h('small', { class: 'muted' }, ` (${roleName(a)} · ${a.org_name ?? ''}${a.org_code ? ` · ${a.org_code}` : ''})`));

// ---- copy to clipboard --------------------------------------------------------

function copyButton(text: () => string, label: string, testid: string, small = true): HTMLButtonElement {
  const btn = h('button', {
    type: 'button', class: small ? 'btn btn-small' : 'btn', 'data-testid': testid,
    onclick: async () => {
      let ok = false;
      try {
        await navigator.clipboard.writeText(text());
        ok = true;
      } catch {
        ok = false; // no clipboard outside a secure context: the text stays on screen to copy by hand
      }
      btn.textContent = ok ? 'Đã sao chép' : 'Hãy chọn và sao chép thủ công';
      setTimeout(() => {
        if (btn.isConnected) btn.textContent = label;
      }, 2500);
    },
  }, label);
  return btn;
}

// ---- password field with "Tạo mật khẩu ngẫu nhiên" ---------------------------

interface PasswordInput {
  field: HTMLElement;
  input: HTMLInputElement;
  /** Whether the value was generated (and shown) rather than typed. */
  generated(): boolean;
}

function passwordInput(kit: FormKit, o: { label: string; initial?: string }): PasswordInput {
  let generated = false;
  const input = h('input', {
    type: 'password', autocomplete: 'new-password', spellcheck: 'false', autocapitalize: 'none',
    class: 'input-code', value: o.initial ?? '',
    oninput: () => {
      generated = false;
      shown.hidden = true;
    },
  });
  const toggle = h('button', {
    type: 'button', class: 'btn btn-small', 'aria-pressed': 'false', 'data-testid': 'account-password-toggle',
    onclick: () => reveal(input.type === 'password'),
  }, 'Hiện');
  const value = h('code', { class: 'password-value', 'data-testid': 'account-generated-value' });
  const shown = h('div', { class: 'generated', role: 'status', 'data-testid': 'account-generated', hidden: true },
    h('p', null, 'Mật khẩu vừa tạo: ', value),
    h('p', { class: 'generated-note' }, 'Hãy ghi lại hoặc sao chép để trao cho người dùng; đóng hộp thoại rồi sẽ không xem lại được.'),
    copyButton(() => input.value, 'Sao chép mật khẩu', 'account-generated-copy'),
  );
  const gen = h('button', {
    type: 'button', class: 'btn btn-small', 'data-testid': 'account-generate',
    onclick: () => {
      input.value = randomPassword();
      generated = true;
      value.textContent = input.value;
      shown.hidden = false;
      reveal(true);
      kit.clearField('password');
    },
  }, 'Tạo mật khẩu ngẫu nhiên');

  function reveal(on: boolean): void {
    input.type = on ? 'text' : 'password';
    toggle.textContent = on ? 'Ẩn' : 'Hiện';
    toggle.setAttribute('aria-pressed', String(on));
  }

  const field = h('div', { class: 'password-box' },
    kit.field('password', input, { label: o.label, required: true, hint: 'Từ 8 đến 200 ký tự.' }, toggle, gen),
    shown,
  );
  return { field, input, generated: () => generated };
}

// ---- the page -----------------------------------------------------------------

export function accountsPage({ outlet, query, signal }: PageContext): () => void {
  let accounts: AccountFull[] = [];
  let loaded = false;
  let highlight: number | null = null;

  const filterId = uid('account-filter');
  const filter = h('input', {
    id: filterId, type: 'search', autocomplete: 'off', value: query.get('q') ?? '',
    placeholder: 'Tên đăng nhập, tên hoặc mã tổ chức', title: 'Gõ có dấu hay không dấu đều được',
    'data-testid': 'account-filter',
    oninput: () => {
      const q = filter.value.trim();
      replaceQuery(new URLSearchParams(q ? { q } : {}));
      draw();
    },
  });

  const flash = h('p', { class: 'flash', role: 'status', 'data-testid': 'account-flash', hidden: true });
  const alert = h('div', { class: 'form-summary page-alert', role: 'alert', 'data-testid': 'account-message', hidden: true });
  const tbody = h('tbody');
  const table = h('table', { class: 'members-table accounts-table', 'data-testid': 'account-table', hidden: true },
    h('caption', { class: 'sr-only' }, 'Danh sách tài khoản'),
    h('thead', null, h('tr', null,
      ['Tên đăng nhập', 'Vai trò', 'Tổ chức', 'Trạng thái', 'Ngày tạo'].map((t) => h('th', { scope: 'col' }, t)),
      h('th', { scope: 'col', class: 'col-actions' }, 'Thao tác'),
    )),
    tbody,
  );
  const emptyEl = h('div', { 'data-testid': 'account-empty' });
  const status = h('p', { class: 'list-status', role: 'status', 'data-testid': 'account-count' }, 'Đang tải…');
  const wrap = h('div', { class: 'table-wrap card', 'aria-busy': 'true' }, table, emptyEl);

  const root = state.root;
  outlet.append(
    h('div', { class: 'page-head' },
      h('div', null,
        h('h1', null, 'Tài khoản'),
        h('p', { class: 'page-sub' }, root ? `Tài khoản đăng nhập thuộc ${root.name} và các tổ chức trực thuộc` : ''),
      ),
      h('div', { class: 'page-actions' },
        h('button', { type: 'button', class: 'btn btn-primary', 'data-testid': 'account-add', onclick: () => openCreate() }, '+ Thêm tài khoản'),
      ),
    ),
    flash,
    alert,
    h('form', { class: 'filters filters-accounts card', role: 'search', onsubmit: (e: Event) => e.preventDefault() },
      h('div', { class: 'field field-grow' }, h('label', { for: filterId }, 'Lọc danh sách'), filter),
      status,
    ),
    wrap,
  );

  function say(text: string): void {
    alert.hidden = true;
    flash.textContent = text;
    flash.hidden = false;
  }

  function fail(err: unknown): void {
    flash.hidden = true;
    if (err instanceof ApiError && err.status === 409) {
      replace(alert,
        h('p', { 'data-testid': 'account-conflict' }, ACCOUNT_CONFLICT),
        h('button', {
          type: 'button', class: 'btn btn-small', 'data-testid': 'account-reload',
          onclick: () => {
            alert.hidden = true;
            void load();
          },
        }, 'Tải lại'));
    } else {
      replace(alert, h('p', null, err instanceof ApiError ? err.message : 'Không lưu được. Hãy thử lại.'));
    }
    alert.hidden = false;
  }

  function matches(a: AccountFull, words: string[]): boolean {
    const hay = fold(`${a.username} ${a.org_name ?? ''} ${a.org_code ?? ''}`);
    return words.every((w) => hay.includes(w));
  }

  function draw(): void {
    if (!loaded) return;
    const words = fold(filter.value.trim()).split(/\s+/).filter(Boolean);
    const shown = accounts.filter((a) => matches(a, words));
    replace(tbody, shown.map(row));
    table.hidden = shown.length === 0;
    const locked = accounts.filter((a) => !a.active).length;
    const lockedText = locked ? `, ${formatNumber(locked)} đã khóa` : '';
    if (!accounts.length) {
      replace(emptyEl, notice('empty', 'Chưa có tài khoản nào trong phạm vi.'));
      status.textContent = '';
    } else if (!shown.length) {
      replace(emptyEl, notice('empty', `Không có tài khoản nào khớp với “${filter.value.trim()}”.`));
      status.textContent = `0 trên ${formatNumber(accounts.length)} tài khoản`;
    } else {
      emptyEl.replaceChildren();
      status.textContent = shown.length === accounts.length
        ? `${formatNumber(accounts.length)} tài khoản${lockedText}`
        : `${formatNumber(shown.length)} trên ${formatNumber(accounts.length)} tài khoản`;
    }
  }

  function row(a: AccountFull): HTMLTableRowElement {
    const can = allowed(a);
    const self = isSelf(a);
    const buttons: Child[] = [
      can.lock
        ? a.active
          ? h('button', { type: 'button', class: 'btn btn-small btn-danger', 'data-testid': 'account-lock', onclick: () => openLock(a) }, 'Khóa')
          : h('button', { type: 'button', class: 'btn btn-small', 'data-testid': 'account-unlock', onclick: (e: Event) => void unlock(a, e.currentTarget as HTMLButtonElement) }, 'Mở khóa')
        : null,
      can.password
        ? h('button', { type: 'button', class: 'btn btn-small', 'data-testid': 'account-password', onclick: () => openPassword(a) }, 'Đặt lại mật khẩu')
        : null,
      can.role
        ? h('button', { type: 'button', class: 'btn btn-small', 'data-testid': 'account-role-change', onclick: () => openRole(a) }, 'Đổi vai trò')
        : null,
    ];
    const none = !can.lock && !can.password && !can.role;
    const tr = h('tr', {
      class: ['account-row', a.active ? '' : 'is-locked', self ? 'is-self' : '', a.id === highlight ? 'row-flash' : ''].filter(Boolean).join(' '),
      'data-testid': 'account-row', 'data-id': String(a.id), 'data-username': a.username,
    },
      h('td', { 'data-label': 'Tên đăng nhập', class: 'cell-name' },
        h('span', { class: 'account-name', 'data-testid': 'account-username' }, a.username),
        self ? h('span', { class: 'badge badge-self', 'data-testid': 'account-self' }, 'Tài khoản của bạn') : null),
      h('td', { 'data-label': 'Vai trò', class: 'cell-role', 'data-testid': 'account-role' }, roleName(a)),
      h('td', { 'data-label': 'Tổ chức', 'data-testid': 'account-org' },
        h('span', { class: 'org-cell' },
          h('span', { 'data-testid': 'account-org-name' }, a.org_name ?? '—'),
          a.org_code ? h('small', { class: 'org-code', 'data-testid': 'account-org-code' }, a.org_code) : null)),
      h('td', { 'data-label': 'Trạng thái', class: 'cell-status' },
        h('span', { class: `badge ${a.active ? 'status-active' : 'status-locked'}`, 'data-testid': 'account-status' },
          a.active ? 'Đang hoạt động' : 'Đã khóa')),
      h('td', { 'data-label': 'Ngày tạo' },
        a.created_at ? h('time', { datetime: a.created_at, 'data-testid': 'account-created' }, formatDateVN(a.created_at)) : '—'),
      h('td', { 'data-label': 'Thao tác', class: 'cell-actions' },
        none
          ? h('span', { class: 'muted no-actions', 'data-testid': 'account-no-actions' },
              a.role === 'admin' ? 'Chỉ quản trị hệ thống sửa được' : 'Không có thao tác')
          : h('div', { class: 'row-actions' }, buttons)),
    );
    return tr;
  }

  async function load(focusId?: number): Promise<void> {
    if (focusId !== undefined) highlight = focusId;
    wrap.setAttribute('aria-busy', 'true');
    try {
      const page = await api.accounts(signal);
      if (signal.aborted) return;
      accounts = page.items;
      loaded = true;
      draw();
      if (focusId !== undefined) {
        tbody.querySelector(`tr[data-id="${focusId}"]`)?.scrollIntoView({ block: 'nearest' });
      }
      highlight = null; // flash the changed row once, not on every redraw of the filter
    } catch (e) {
      if (isAbort(e) || signal.aborted) return;
      status.textContent = '';
      replace(emptyEl, notice('error', e instanceof ApiError ? e.message : 'Không tải được danh sách tài khoản.'));
    } finally {
      if (!signal.aborted) wrap.removeAttribute('aria-busy');
    }
  }

  /** After 409 in a dialog: fetch the account again, refresh the list, reopen with the fresh record. */
  async function reloadAndReopen(a: AccountFull, close: () => void, kit: FormKit, reopen: (fresh: AccountFull, note: string) => void): Promise<void> {
    try {
      const fresh = await api.account(a.id, signal);
      close();
      await load(a.id);
      reopen(fresh, 'Đã tải lại bản mới nhất của tài khoản; hãy kiểm tra và thực hiện lại thay đổi.');
    } catch (e) {
      if (isAbort(e)) return;
      kit.showSummary(h('p', null, e instanceof ApiError ? e.message : 'Không tải lại được.'));
    }
  }

  // ---- Khóa / Mở khóa --------------------------------------------------------

  function openLock(a: AccountFull, note?: string): void {
    if (!a.active) {
      say(`Tài khoản ${a.username} đã bị khóa.`);
      return;
    }
    const kit = accountKit('Khóa tài khoản', { danger: true });
    async function onSubmit(e: Event, close: () => void): Promise<void> {
      e.preventDefault();
      kit.clear();
      kit.busy(true, 'Đang khóa…');
      try {
        const saved = await api.updateAccount(a.id, { version: a.version, active: false });
        close();
        say(`Đã khóa tài khoản ${saved.username}.`);
        await load(saved.id);
      } catch (err) {
        kit.apply(err, {}, () => void reloadAndReopen(a, close, kit, (fresh, n) => openLock(fresh, n)));
      } finally {
        kit.busy(false);
      }
    }
    openDialog('Khóa tài khoản', 'account-dialog-lock', (close) =>
      h('form', { class: 'dialog-body org-form', novalidate: true, onsubmit: (e: Event) => void onSubmit(e, close) },
        infoNote(note),
        kit.summary,
        kit.fixed('username', accountLine(a), { label: 'Tài khoản' }),
        h('p', { class: 'dialog-text' },
          'Người dùng sẽ bị đăng xuất ngay và không đăng nhập được cho đến khi tài khoản được mở khóa. ',
          'Tài khoản và lịch sử thao tác vẫn được giữ nguyên.'),
        kit.actions(close),
      ));
    // a destructive dialog starts on "Hủy"
    document.querySelector<HTMLElement>('[data-testid="account-dialog-lock"] [data-testid="account-cancel"]')?.focus();
  }

  async function unlock(a: AccountFull, btn: HTMLButtonElement): Promise<void> {
    btn.disabled = true;
    btn.textContent = 'Đang mở khóa…';
    try {
      const saved = await api.updateAccount(a.id, { version: a.version, active: true });
      say(`Đã mở khóa tài khoản ${saved.username}.`);
      await load(saved.id);
    } catch (err) {
      fail(err);
      if (btn.isConnected) {
        btn.disabled = false;
        btn.textContent = 'Mở khóa';
      }
    }
  }

  // ---- Đặt lại mật khẩu ------------------------------------------------------

  function openPassword(a: AccountFull, note?: string, initial?: string): void {
    const kit = accountKit('Đặt mật khẩu mới');
    const self = isSelf(a);
    const pw = passwordInput(kit, { label: 'Mật khẩu mới', initial });
    let body: HTMLFormElement;

    async function onSubmit(e: Event, close: () => void): Promise<void> {
      e.preventDefault();
      kit.clear();
      const value = pw.input.value;
      if (!value) {
        kit.addError('password', 'Hãy nhập mật khẩu mới hoặc bấm “Tạo mật khẩu ngẫu nhiên”');
        kit.focusFirstError();
        return;
      }
      kit.busy(true);
      try {
        const saved = await api.updateAccount(a.id, { version: a.version, password: value });
        if (self) {
          // the new password ended this session too
          replace(body, result(`Đã đặt mật khẩu mới cho tài khoản của bạn (${saved.username}).`, saved.username, value,
            'Phiên đăng nhập này đã kết thúc; hãy đăng nhập lại bằng mật khẩu mới.', close));
          return;
        }
        replace(body, result(`Đã đặt mật khẩu mới cho ${saved.username}.`, saved.username, value,
          'Các phiên đăng nhập đang mở của tài khoản này đã kết thúc.', close));
        say(`Đã đặt lại mật khẩu cho ${saved.username}.`);
        await load(saved.id);
      } catch (err) {
        kit.apply(err, {}, () => void reloadAndReopen(a, close, kit, (fresh, n) => openPassword(fresh, n, pw.input.value)));
      } finally {
        kit.busy(false);
      }
    }

    openDialog('Đặt lại mật khẩu', 'account-dialog-password', (close) => {
      body = h('form', { class: 'dialog-body org-form', novalidate: true, onsubmit: (e: Event) => void onSubmit(e, close) },
        infoNote(note),
        kit.summary,
        kit.fixed('username', accountLine(a), { label: 'Tài khoản' }),
        h('p', { class: 'dialog-text' }, self
          ? 'Đây là tài khoản của bạn: sau khi đặt mật khẩu mới, phiên đăng nhập này sẽ kết thúc và bạn cần đăng nhập lại.'
          : 'Các phiên đăng nhập đang mở của tài khoản này sẽ kết thúc; người dùng đăng nhập lại bằng mật khẩu mới.'),
        pw.field,
        kit.actions(close),
      );
      return body;
    }, self ? () => {
      if (!body.querySelector('[data-testid="account-result"]')) return;
      endSession();
      navigate('/login');
    } : undefined);
    pw.input.focus();
  }

  /** What a dialog shows after a password was set: the username and the password to hand over. */
  function result(title: string, username: string, password: string, note: string | null, close: () => void): HTMLElement {
    const done = h('button', { type: 'button', class: 'btn btn-primary', 'data-testid': 'account-done', onclick: close }, 'Xong');
    setTimeout(() => done.focus());
    return h('div', { class: 'account-result', 'data-testid': 'account-result' },
      h('p', { class: 'flash', role: 'status' }, title),
      h('dl', { class: 'facts credentials' },
        h('dt', null, 'Tên đăng nhập'), h('dd', null, h('code', { 'data-testid': 'account-result-username' }, username)),
        h('dt', null, 'Mật khẩu'), h('dd', null, h('code', { class: 'password-value', 'data-testid': 'account-result-password' }, password)),
      ),
      note ? h('p', { class: 'dialog-text' }, note) : null,
      h('p', { class: 'dialog-text' }, 'Hãy trao tên đăng nhập và mật khẩu cho người dùng một cách kín đáo; đóng hộp thoại rồi sẽ không xem lại được mật khẩu.'),
      h('div', { class: 'form-actions dialog-actions' },
        done,
        copyButton(() => `Tên đăng nhập: ${username}\nMật khẩu: ${password}`, 'Sao chép tên và mật khẩu', 'account-result-copy', false),
      ),
    );
  }

  // ---- Đổi vai trò -----------------------------------------------------------

  function openRole(a: AccountFull, note?: string): void {
    const kit = accountKit('Đổi vai trò');
    const roles = grantableRoles();
    const hint = h('p', { class: 'field-hint role-hint', 'data-testid': 'account-role-hint' });
    const select = h('select', { onchange: () => (hint.textContent = ROLE_HINTS[select.value] ?? '') },
      roles.map((r) => {
        const needsMember = r === 'member' && !a.member_id;
        return h('option', { value: r, selected: r === a.role, disabled: needsMember && r !== a.role },
          needsMember ? `${ROLE_NAMES[r]} (cần gắn hồ sơ đảng viên)` : ROLE_NAMES[r]);
      }));
    hint.textContent = ROLE_HINTS[select.value] ?? '';

    async function onSubmit(e: Event, close: () => void): Promise<void> {
      e.preventDefault();
      kit.clear();
      if (select.value === a.role) {
        kit.addError('role', 'Vai trò mới giống vai trò hiện tại');
        kit.focusFirstError();
        return;
      }
      kit.busy(true);
      try {
        const saved = await api.updateAccount(a.id, { version: a.version, role: select.value });
        close();
        say(`Đã đổi vai trò của ${saved.username} thành ${roleName(saved)}.`);
        await load(saved.id);
      } catch (err) {
        kit.apply(err, { member_id: 'role' }, () => void reloadAndReopen(a, close, kit, (fresh, n) => openRole(fresh, n)));
      } finally {
        kit.busy(false);
      }
    }

    openDialog('Đổi vai trò', 'account-dialog-role', (close) =>
      h('form', { class: 'dialog-body org-form', novalidate: true, onsubmit: (e: Event) => void onSubmit(e, close) },
        infoNote(note),
        kit.summary,
        kit.fixed('username', accountLine(a), { label: 'Tài khoản' }),
        kit.fixed('current_role', roleName(a), { label: 'Vai trò hiện tại' }),
        h('div', null, kit.field('role', select, { label: 'Vai trò mới', required: true }), hint),
        kit.actions(close),
      ));
    select.focus();
  }

  // ---- Thêm tài khoản ----------------------------------------------------------

  function openCreate(): void {
    const kit = accountKit('Tạo tài khoản');
    const ctrl = new AbortController();
    const username = h('input', {
      type: 'text', autocomplete: 'off', spellcheck: 'false', autocapitalize: 'none', class: 'input-code',
      placeholder: 'Ví dụ bithu.cb01',
      oninput: () => {
        // usernames are lower case; keep the caret where it was
        const at = username.selectionStart;
        const low = username.value.toLowerCase();
        if (low !== username.value) {
          username.value = low;
          if (at !== null) username.setSelectionRange(at, at);
        }
      },
    });
    const pw = passwordInput(kit, { label: 'Mật khẩu' });
    const roleHint = h('p', { class: 'field-hint role-hint', 'data-testid': 'account-role-hint' });
    const roleSel = h('select', { onchange: () => syncRole() },
      h('option', { value: '' }, '— Chọn vai trò —'),
      grantableRoles().map((r) => h('option', { value: r }, ROLE_NAMES[r])));

    const member = combo<Member>(kit, 'member_id', {
      label: 'Đảng viên', placeholder: 'Hãy chọn tổ chức trước', chosenPrefix: 'Hồ sơ: ', testid: 'account-member',
      hint: 'Tài khoản của đảng viên chỉ xem được hồ sơ của chính mình.',
      signal: AbortSignal.any([signal, ctrl.signal]),
      search: async (q, sig) => {
        const o = org.chosen();
        return o ? (await api.searchMembers(q, o.id, sig)).items : [];
      },
      option: (m) => ({
        key: String(m.id),
        label: m.full_name,
        sub: [m.birth_date ? `sinh ${formatDate(m.birth_date)}` : '', m.org_name || m.org_code, m.card_no ? `thẻ ${m.card_no}` : '']
          .filter(Boolean).join(' · '),
        problem: m.status === 'official' || m.status === 'probationary'
          ? null : `${nameOf(state.meta.member_statuses, m.status)} — không còn sinh hoạt`,
      }),
    });
    const org = combo<Org>(kit, 'org_id', {
      label: 'Tổ chức', placeholder: 'Gõ tên hoặc mã tổ chức', chosenPrefix: 'Tổ chức: ', testid: 'account-org-pick',
      hint: 'Tài khoản làm việc với tổ chức này và các tổ chức trực thuộc.',
      signal: AbortSignal.any([signal, ctrl.signal]),
      search: async (q, sig) => (await api.searchOrgs(q, sig)).items,
      option: orgOption,
      onChoose: (o) => {
        member.reset();
        member.setEnabled(!!o, o ? `Gõ họ tên hoặc số thẻ đảng viên trong ${o.name}` : 'Hãy chọn tổ chức trước');
      },
    });
    member.setEnabled(false, 'Hãy chọn tổ chức trước');

    function syncRole(): void {
      roleHint.textContent = ROLE_HINTS[roleSel.value] ?? '';
      member.field.hidden = roleSel.value !== 'member';
    }
    syncRole();

    async function onSubmit(e: Event, close: () => void): Promise<void> {
      e.preventDefault();
      kit.clear();
      const name = username.value.trim();
      const password = pw.input.value;
      const chosenOrg = org.chosen();
      const chosenMember = roleSel.value === 'member' ? member.chosen() : null;
      let ok = true;
      const bad = (field: string, message: string): void => {
        kit.addError(field, message);
        ok = false;
      };
      if (!name) bad('username', 'Hãy nhập tên đăng nhập');
      if (!password) bad('password', 'Hãy nhập mật khẩu hoặc bấm “Tạo mật khẩu ngẫu nhiên”');
      if (!roleSel.value) bad('role', 'Hãy chọn vai trò');
      if (!chosenOrg) bad('org_id', 'Hãy tìm và chọn tổ chức');
      if (roleSel.value === 'member' && chosenOrg && !chosenMember) bad('member_id', 'Hãy tìm và chọn hồ sơ đảng viên');
      if (!ok || !chosenOrg) {
        kit.showSummary(h('p', null, 'Hãy sửa các thông tin được đánh dấu bên dưới.'));
        kit.focusFirstError();
        return;
      }
      kit.busy(true, 'Đang tạo…');
      try {
        const made = await api.createAccount({
          username: name, password, role: roleSel.value, org_id: chosenOrg.id,
          ...(chosenMember ? { member_id: chosenMember.id } : {}),
        });
        replace(body, result(`Đã tạo tài khoản ${made.username} (${roleName(made)}, ${made.org_name ?? chosenOrg.name}).`,
          made.username, password, null, close));
        say(`Đã tạo tài khoản ${made.username}.`);
        await load(made.id);
      } catch (err) {
        kit.apply(err, { org: 'org_id', member: 'member_id' }, null);
      } finally {
        kit.busy(false);
      }
    }

    let body: HTMLFormElement;
    openDialog('Thêm tài khoản', 'account-dialog-create', (close) => {
      body = h('form', { class: 'dialog-body org-form', novalidate: true, onsubmit: (e: Event) => void onSubmit(e, close) },
        kit.summary,
        kit.field('username', username, { required: true, hint: 'Từ 3 đến 64 ký tự: chữ thường không dấu, số, dấu chấm, gạch ngang, gạch dưới.' }),
        pw.field,
        h('div', null, kit.field('role', roleSel, { required: true }), roleHint),
        org.field,
        member.field,
        kit.actions(close),
      );
      return body;
    }, () => ctrl.abort());
    username.focus();
  }

  void load();
  return () => {
    document.querySelectorAll<HTMLDialogElement>('dialog.dialog[open]').forEach((d) => d.close());
  };
}
