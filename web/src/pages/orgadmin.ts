/*
 * orgadmin: the organisation changes the tree page offers to accounts that
 * may write orgs (admin, officer) — thành lập a child, đổi tên, chuyển tổ
 * chức cấp trên, giải thể — each in a modal dialog, and the org's change
 * history (GET /orgs/{id}/history).
 *
 * The server is the authority on every rule (code format, which kind may sit
 * under which, dissolving only an empty org): the forms check only what a
 * person can fix before sending (required fields, dates), then put the
 * server's 422 errors under their fields, offer a reload on 409 and show 404
 * and 403 as messages.  After a change the tree page refreshes the nodes and
 * counts (OnChanged).  The dialog and the form kit are shared with the
 * accounts page (forms.ts).
 */

import { ApiError, api, isAbort, type HistoryItem, type Org } from '../api';
import { debounce, h, notice, replace, uid } from '../dom';
import { formKit, openDialog, type ComboOption, type FormKit } from '../forms';
import { clean, formatDate, formatDateTimeVN, parseDate } from '../format';
import { CELL_KINDS, CHILD_KINDS, ORG_FIELDS, ORG_HISTORY_ACTIONS, PARENT_KINDS, TYPED_KINDS, nameOf } from '../labels';
import { state } from '../state';

export const CONFLICT_MESSAGE = 'Tổ chức đã được người khác sửa; hãy tải lại';

export const kindName = (o: { kind: string; kind_name?: string | null }): string =>
  o.kind_name || nameOf(state.meta.org_kinds, o.kind);

/** An org as a choice in an org picker (accounts, import): dissolved ones are shown but not choosable. */
export const orgOption = (o: Org): ComboOption => ({
  key: o.code,
  label: o.name,
  sub: `${kindName(o)} · ${o.code}`,
  problem: o.dissolved_on ? `Đã giải thể ngày ${formatDate(o.dissolved_on)}` : null,
});

/** What the tree page is told after a change (or a reload after 409). */
export interface ChangeResult {
  org: Org;
  /** Shown above the details; none after a mere reload. */
  message?: string;
  /** The org's path before a move, so the old branch is refreshed too. */
  oldPath?: string;
}
export type OnChanged = (r: ChangeResult) => Promise<void>;

/** Kinds offered for a new child of parent, with their Vietnamese names. */
export function childKinds(parent: Org): { code: string; name: string }[] {
  if (parent.dissolved_on) return [];
  return (CHILD_KINDS[parent.kind] ?? []).map((code) => ({ code, name: nameOf(state.meta.org_kinds, code) }));
}

// ---- names of orgs seen, for history rows about parent_id -------------------

const orgNames = new Map<number, string>();

export function rememberOrgs(list: ({ id: number; name: string } | null | undefined)[]): void {
  for (const o of list) if (o) orgNames.set(o.id, o.name);
}

// ---- dialog and form kit (forms.ts) with the org test ids -------------------

function orgKit(submitLabel: string, opts: { danger?: boolean; refused?: string } = {}): FormKit {
  return formKit(submitLabel, { prefix: 'org', labels: ORG_FIELDS, conflict: CONFLICT_MESSAGE, ...opts });
}

const orgLine = (o: Org): HTMLElement =>
  h('span', null, h('strong', null, o.name), h('small', { class: 'muted' }, ` (${kindName(o)} · ${o.code})`));

/** After 409: fetch the org again, let the page refresh, reopen the same dialog with the fresh record. */
async function reloadAndReopen(
  org: Org, close: () => void, onChanged: OnChanged, kit: FormKit,
  reopen: (fresh: Org, note: string) => void,
): Promise<void> {
  try {
    const fresh = await api.org(org.id);
    close();
    await onChanged({ org: fresh });
    reopen(fresh, 'Đã tải lại bản mới nhất của tổ chức; hãy kiểm tra và thực hiện lại thay đổi.');
  } catch (e) {
    kit.showSummary(h('p', null, e instanceof ApiError ? e.message : 'Không tải lại được.'));
  }
}

const infoNote = (note: string | undefined): HTMLElement | null =>
  note ? h('p', { class: 'flash', role: 'status', 'data-testid': 'org-dialog-note' }, note) : null;

// ---- Thành lập tổ chức trực thuộc -------------------------------------------

export function openCreateDialog(parent: Org, onChanged: OnChanged): void {
  const kinds = childKinds(parent);
  const kit = orgKit('Thành lập');
  const code = h('input', {
    type: 'text', autocomplete: 'off', spellcheck: 'false', autocapitalize: 'characters',
    value: parent.code + '.', placeholder: `Ví dụ ${parent.code}.CB09`, class: 'input-code',
    oninput: () => {
      const at = code.selectionStart;
      const up = code.value.toUpperCase();
      if (up !== code.value) {
        code.value = up;
        if (at !== null) code.setSelectionRange(at, at);
      }
    },
  });
  const name = h('input', { type: 'text', autocomplete: 'off' });
  const kind = h('select', { onchange: () => sync() },
    kinds.length > 1 ? h('option', { value: '' }, '— Chọn —') : null,
    kinds.map((k) => h('option', { value: k.code }, k.name)));
  const type = h('select', null,
    h('option', { value: '' }, '— Chọn —'),
    state.meta.org_types.map((t) => h('option', { value: t.code, selected: t.code === parent.type }, t.name)));
  const founded = h('input', { type: 'text', inputmode: 'numeric', autocomplete: 'off', placeholder: 'dd/mm/yyyy' });
  const covers = h('textarea', { rows: 3, spellcheck: 'false' });

  const typeField = kit.field('type', type, { required: true });
  const coversField = kit.field('covers', covers, {
    hint: 'Mỗi dòng một đơn vị. Để trống nếu chi bộ không ghép nhiều đơn vị.',
  });
  function sync(): void {
    typeField.hidden = !TYPED_KINDS.has(kind.value);
    coversField.hidden = !CELL_KINDS.has(kind.value);
  }
  sync();

  async function onSubmit(e: Event, close: () => void): Promise<void> {
    e.preventDefault();
    kit.clear();
    let ok = true;
    const bad = (field: string, message: string): void => {
      kit.addError(field, message);
      ok = false;
    };
    const codeValue = code.value.trim().toUpperCase();
    const nameValue = clean(name.value);
    if (!codeValue || codeValue === parent.code + '.') bad('code', 'Hãy nhập mã tổ chức');
    if (!nameValue) bad('name', 'Hãy nhập tên tổ chức');
    if (!kind.value) bad('kind', 'Hãy chọn loại tổ chức');
    const typed = TYPED_KINDS.has(kind.value);
    if (typed && !type.value) bad('type', 'Hãy chọn loại hình tổ chức cơ sở đảng');
    const date = parseDate(founded.value);
    if (!date.ok) bad('founded_on', date.message);
    if (!ok) {
      kit.showSummary(h('p', null, 'Hãy sửa các thông tin được đánh dấu bên dưới.'));
      kit.focusFirstError();
      return;
    }
    const coverList = CELL_KINDS.has(kind.value)
      ? covers.value.split('\n').map(clean).filter(Boolean)
      : [];
    kit.busy(true);
    try {
      const created = await api.createOrg({
        code: codeValue, name: nameValue, kind: kind.value, type: typed ? type.value : null,
        parent_id: parent.id, founded_on: date.ok ? date.iso : null, covers: coverList,
      });
      close();
      await onChanged({ org: created, message: `Đã thành lập ${created.name} (${created.code}).` });
    } catch (err) {
      kit.apply(err, { org_id: 'parent_id', parent: 'parent_id' }, null);
    } finally {
      kit.busy(false);
    }
  }

  openDialog('Thành lập tổ chức trực thuộc', 'org-dialog-create', (close) =>
    h('form', { class: 'dialog-body org-form', novalidate: true, onsubmit: (e: Event) => void onSubmit(e, close) },
      kit.summary,
      kit.fixed('parent_id', orgLine(parent)),
      kit.field('code', code, { required: true, hint: 'Chữ in hoa không dấu và số, các phần cách nhau bằng dấu chấm, ví dụ DUK.D01.CB09.' }),
      kit.field('name', name, { required: true }),
      kit.field('kind', kind, { required: true }),
      typeField,
      kit.field('founded_on', founded, { hint: 'Dạng dd/mm/yyyy, ví dụ 03/02/2025' }),
      coversField,
      kit.actions(close),
    ));
  code.focus();
  code.setSelectionRange(code.value.length, code.value.length);
}

// ---- Đổi tên ----------------------------------------------------------------

export function openRenameDialog(org: Org, onChanged: OnChanged, note?: string): void {
  const kit = orgKit('Lưu tên mới');
  const name = h('input', { type: 'text', autocomplete: 'off', value: org.name });

  async function onSubmit(e: Event, close: () => void): Promise<void> {
    e.preventDefault();
    kit.clear();
    const value = clean(name.value);
    if (!value) {
      kit.addError('name', 'Hãy nhập tên tổ chức');
      kit.focusFirstError();
      return;
    }
    if (value === org.name) {
      kit.addError('name', 'Tên mới giống tên hiện tại');
      kit.focusFirstError();
      return;
    }
    kit.busy(true);
    try {
      const saved = await api.updateOrg(org.id, { version: org.version, name: value });
      close();
      await onChanged({ org: saved, message: `Đã đổi tên thành ${saved.name}.` });
    } catch (err) {
      kit.apply(err, {}, () => void reloadAndReopen(org, close, onChanged, kit,
        (fresh, n) => openRenameDialog(fresh, onChanged, n)));
    } finally {
      kit.busy(false);
    }
  }

  openDialog('Đổi tên tổ chức', 'org-dialog-rename', (close) =>
    h('form', { class: 'dialog-body org-form', novalidate: true, onsubmit: (e: Event) => void onSubmit(e, close) },
      infoNote(note),
      kit.summary,
      kit.fixed('code', org.code),
      kit.field('name', name, { label: 'Tên mới', required: true }),
      kit.actions(close),
    ));
  name.select();
}

// ---- Chuyển tổ chức cấp trên -----------------------------------------------

/** Why o cannot be the new parent of org, or null when it can. */
function parentProblem(org: Org, o: Org): string | null {
  if (o.id === org.id || (o.path || '').startsWith(org.path)) return 'Là chính tổ chức này hoặc trực thuộc nó';
  if (o.id === org.parent_id) return 'Đang là tổ chức cấp trên';
  if (o.dissolved_on) return `Đã giải thể ngày ${formatDate(o.dissolved_on)}`;
  if (!(PARENT_KINDS[org.kind] ?? []).includes(o.kind)) return `Không thể là cấp trên của ${kindName(org).toLowerCase()}`;
  return null;
}

export function openMoveDialog(org: Org, onChanged: OnChanged, note?: string): void {
  const parentId = org.parent_id;
  const currentParent = parentId === null ? null
    : org.ancestors?.find((a) => a.id === parentId)?.name ?? orgNames.get(parentId) ?? null;
  const kit = orgKit('Chuyển');
  const ctrl = new AbortController();
  let chosen: Org | null = null;
  const listId = uid('parent-list');
  const input = h('input', {
    type: 'search', autocomplete: 'off', placeholder: 'Gõ tên hoặc mã tổ chức cấp trên mới',
    role: 'combobox', 'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': listId,
    oninput: () => {
      chosen = null;
      chosenBox.hidden = true;
      search();
    },
  });
  const results = h('ul', { id: listId, class: 'org-results parent-results', role: 'listbox', 'aria-label': 'Kết quả tìm tổ chức', hidden: true });
  const chosenBox = h('p', { class: 'chosen', 'data-testid': 'org-parent-chosen', hidden: true });

  function choose(o: Org): void {
    chosen = o;
    input.value = o.name;
    results.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    replace(chosenBox, 'Cấp trên mới: ', orgLine(o));
    chosenBox.hidden = false;
    kit.clear();
  }

  const search = debounce(async () => {
    const q = input.value.trim();
    if (q.length < 2) {
      results.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      return;
    }
    try {
      const page = await api.searchOrgs(q, ctrl.signal);
      if (input.value.trim() !== q) return;
      rememberOrgs(page.items);
      // the orgs that can be chosen first, keeping the server's order otherwise
      const rows = page.items.map((o) => ({ o, problem: parentProblem(org, o) }))
        .sort((a, b) => Number(a.problem !== null) - Number(b.problem !== null));
      replace(results, rows.length
        ? rows.map(({ o, problem }) => {
            return h('li', { role: 'option', 'aria-disabled': problem ? 'true' : null },
              h('button', {
                type: 'button', class: 'result', disabled: !!problem,
                'data-testid': 'org-parent-option', 'data-code': o.code,
                onclick: () => choose(o),
              },
                h('span', null, o.name),
                h('small', null, `${kindName(o)} · ${o.code}`),
                problem ? h('small', { class: 'result-problem' }, problem) : null,
              ));
          })
        : h('li', { class: 'tree-loading' }, 'Không tìm thấy tổ chức nào.'));
      results.hidden = false;
      input.setAttribute('aria-expanded', 'true');
    } catch (e) {
      if (isAbort(e)) return;
      replace(results, h('li', { class: 'tree-loading' }, e instanceof ApiError ? e.message : 'Lỗi tìm kiếm.'));
      results.hidden = false;
    }
  }, 250);

  async function onSubmit(e: Event, close: () => void): Promise<void> {
    e.preventDefault();
    kit.clear();
    if (!chosen) {
      kit.addError('parent_id', 'Hãy tìm và chọn tổ chức cấp trên mới');
      kit.focusFirstError();
      return;
    }
    kit.busy(true, 'Đang chuyển…');
    try {
      const saved = await api.updateOrg(org.id, { version: org.version, parent_id: chosen.id });
      close();
      await onChanged({ org: saved, oldPath: org.path, message: `Đã chuyển ${saved.name} về trực thuộc ${chosen.name}.` });
    } catch (err) {
      kit.apply(err, { kind: 'parent_id', parent: 'parent_id' }, () => void reloadAndReopen(org, close, onChanged, kit,
        (fresh, n) => openMoveDialog(fresh, onChanged, n)));
    } finally {
      kit.busy(false);
    }
  }

  openDialog('Chuyển tổ chức cấp trên', 'org-dialog-move', (close) =>
    h('form', { class: 'dialog-body org-form', novalidate: true, onsubmit: (e: Event) => void onSubmit(e, close) },
      infoNote(note),
      kit.summary,
      kit.fixed('name', orgLine(org), { label: 'Tổ chức được chuyển' }),
      currentParent ? kit.fixed('current_parent', currentParent, { label: 'Cấp trên hiện tại' }) : null,
      h('div', { class: 'combo-inline' },
        kit.field('parent_id', input, {
          label: 'Tổ chức cấp trên mới', required: true,
          hint: `${kindName(org)} chỉ có thể trực thuộc: ${(PARENT_KINDS[org.kind] ?? []).map((k) => nameOf(state.meta.org_kinds, k).toLowerCase()).join(', ')}.`,
        }),
        results,
      ),
      chosenBox,
      kit.actions(close),
    ), () => ctrl.abort());
  input.focus();
}

// ---- Giải thể ---------------------------------------------------------------

export function openDissolveDialog(org: Org, onChanged: OnChanged, note?: string): void {
  const kit = orgKit('Giải thể', { danger: true, refused: 'Chưa giải thể được tổ chức (xem lý do bên dưới).' });
  const date = h('input', { type: 'text', inputmode: 'numeric', autocomplete: 'off', placeholder: 'dd/mm/yyyy' });
  const confirmId = uid('org-confirm');
  const confirm = h('input', {
    type: 'checkbox', 'data-testid': 'org-field-confirm', id: confirmId, 'aria-describedby': `${confirmId}-err`,
    onchange: () => {
      if (confirm.checked) confirmErr.hidden = true;
    },
  });
  const confirmErr = h('div', { id: `${confirmId}-err`, class: 'field-error', 'data-testid': 'org-error-confirm', hidden: true });

  async function onSubmit(e: Event, close: () => void): Promise<void> {
    e.preventDefault();
    kit.clear();
    confirmErr.hidden = true;
    const d = parseDate(date.value);
    const iso = d.ok ? d.iso : null;
    if (!d.ok) kit.addError('dissolved_on', d.message);
    else if (!iso) kit.addError('dissolved_on', 'Hãy nhập ngày giải thể');
    if (!confirm.checked) {
      replace(confirmErr, h('p', null, 'Hãy đánh dấu ô xác nhận để giải thể tổ chức'));
      confirmErr.hidden = false;
    }
    if (!iso || !confirm.checked) {
      if (iso) confirm.focus();
      else kit.focusFirstError();
      return;
    }
    kit.busy(true, 'Đang giải thể…');
    try {
      const saved = await api.dissolveOrg(org.id, { version: org.version, dissolved_on: iso });
      close();
      await onChanged({ org: saved, message: `Đã giải thể ${saved.name} từ ngày ${formatDate(saved.dissolved_on)}.` });
    } catch (err) {
      kit.apply(err, {}, () => void reloadAndReopen(org, close, onChanged, kit,
        (fresh, n) => openDissolveDialog(fresh, onChanged, n)));
    } finally {
      kit.busy(false);
    }
  }

  openDialog('Giải thể tổ chức', 'org-dialog-dissolve', (close) =>
    h('form', { class: 'dialog-body org-form', novalidate: true, onsubmit: (e: Event) => void onSubmit(e, close) },
      infoNote(note),
      kit.summary,
      kit.fixed('name', orgLine(org), { label: 'Tổ chức giải thể' }),
      h('p', { class: 'dialog-text' },
        'Chỉ giải thể được khi tổ chức không còn đảng viên đang sinh hoạt và không còn tổ chức trực thuộc đang hoạt động. ',
        'Tổ chức đã giải thể vẫn được lưu cùng lịch sử và hiện mờ trên cây tổ chức.'),
      kit.field('dissolved_on', date, { required: true, hint: 'Ngày của quyết định giải thể, dạng dd/mm/yyyy' }),
      h('div', { class: 'field field-check' },
        h('label', { for: confirm.id }, confirm, ' ', `Tôi xác nhận giải thể ${org.name}`),
        confirmErr),
      kit.actions(close),
    ));
  date.focus();
}

// ---- Lịch sử thay đổi -------------------------------------------------------

/** Snapshot fields never shown as changes: bookkeeping, or shown through another field. */
const HISTORY_FIELDS = ['code', 'name', 'kind', 'type', 'parent_id', 'founded_on', 'dissolved_on', 'covers'];

function show(field: string, snap: Record<string, unknown> | null): string {
  const v = snap?.[field];
  if (v === null || v === undefined || v === '' || (Array.isArray(v) && !v.length)) return '—';
  switch (field) {
    case 'founded_on':
    case 'dissolved_on':
      return formatDate(String(v));
    case 'kind':
      return typeof snap?.kind_name === 'string' && snap.kind_name ? snap.kind_name : nameOf(state.meta.org_kinds, String(v));
    case 'type':
      return typeof snap?.type_name === 'string' && snap.type_name ? snap.type_name : nameOf(state.meta.org_types, String(v));
    case 'parent_id':
      return orgNames.get(Number(v)) ?? `Tổ chức số ${v}`;
    case 'covers':
      return Array.isArray(v) ? v.join('; ') : String(v);
    default:
      return typeof v === 'object' ? JSON.stringify(v) : String(v);
  }
}

function changedFields(it: HistoryItem): string[] {
  const same = (k: string): boolean => JSON.stringify(it.before?.[k] ?? null) === JSON.stringify(it.after?.[k] ?? null);
  const empty = (k: string): boolean => show(k, it.after) === '—';
  return HISTORY_FIELDS.filter((k) => (it.before ? !same(k) : !empty(k)));
}

/** Names for the parent ids the history mentions, fetched once each (404 outside scope). */
async function resolveParents(items: HistoryItem[], signal: AbortSignal): Promise<void> {
  const ids = new Set<number>();
  for (const it of items) {
    for (const snap of [it.before, it.after]) {
      const id = Number(snap?.parent_id);
      if (id && !orgNames.has(id)) ids.add(id);
    }
  }
  await Promise.all([...ids].map((id) => api.org(id, signal).then((o) => rememberOrgs([o])).catch(() => {})));
}

const HISTORY_SHOWN = 5;

/** Fills box with the history of org (newest first). */
export async function drawHistory(box: HTMLElement, org: Org, signal: AbortSignal): Promise<void> {
  const title = h('h3', { id: `org-history-title-${org.id}` }, 'Lịch sử thay đổi');
  box.setAttribute('aria-labelledby', title.id);
  replace(box, title, notice('loading', 'Đang tải…'));
  try {
    const page = await api.orgHistory(org.id, signal);
    await resolveParents(page.items, signal);
    if (signal.aborted) return;
    if (!page.items.length) {
      replace(box, title, notice('empty', 'Chưa có thay đổi nào được ghi lại.'));
      return;
    }
    const list = h('ol', { class: 'history-list', 'data-testid': 'org-history-list' });
    const draw = (n: number): void => replace(list, page.items.slice(0, n).map(historyItem));
    draw(HISTORY_SHOWN);
    const rest = page.items.length - HISTORY_SHOWN;
    const more = rest > 0
      ? h('button', {
          type: 'button', class: 'btn btn-small', 'data-testid': 'org-history-more',
          onclick: () => {
            draw(page.items.length);
            more?.remove();
          },
        }, `Xem thêm ${rest} thay đổi cũ hơn`)
      : null;
    replace(box, title, list, more);
  } catch (e) {
    if (isAbort(e) || signal.aborted) return;
    replace(box, title, notice('error', e instanceof ApiError ? e.message : 'Không tải được lịch sử.'));
  }
}

function historyItem(it: HistoryItem): HTMLElement {
  const fields = changedFields(it);
  return h('li', { class: 'history-item', 'data-testid': 'org-history-item', 'data-action': it.action },
    h('div', { class: 'history-head' },
      h('time', { datetime: it.at, 'data-testid': 'org-history-time' }, formatDateTimeVN(it.at)),
      h('span', { class: 'history-who', 'data-testid': 'org-history-who' }, it.username ?? 'hệ thống'),
      h('span', { class: 'history-action', 'data-testid': 'org-history-action' }, ORG_HISTORY_ACTIONS[it.action] ?? it.action),
    ),
    !fields.length
      ? h('p', { class: 'muted' }, 'Không có thay đổi về nội dung.')
      : it.before
        ? h('table', { class: 'diff' },
            h('thead', null, h('tr', null,
              h('th', { scope: 'col' }, 'Thông tin'), h('th', { scope: 'col' }, 'Trước'), h('th', { scope: 'col' }, 'Sau'))),
            h('tbody', null, fields.map((k) => h('tr', { 'data-field': k },
              h('th', { scope: 'row' }, ORG_FIELDS[k] ?? k),
              h('td', { class: 'diff-before' }, show(k, it.before)),
              h('td', { class: 'diff-after' }, show(k, it.after)),
            ))))
        // a creation has no "before": the values it was created with
        : h('table', { class: 'diff diff-created' },
            h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Thông tin'), h('th', { scope: 'col' }, 'Giá trị'))),
            h('tbody', null, fields.map((k) => h('tr', { 'data-field': k },
              h('th', { scope: 'row' }, ORG_FIELDS[k] ?? k),
              h('td', { class: 'diff-after' }, show(k, it.after)),
            )))),
  );
}
