/*
 * member: one member — the detail page (every field with its Vietnamese
 * label, and the change history from GET /members/{id}/history) and the
 * create/edit form (POST /members, PATCH /members/{id} with version).
 *
 * Dates are typed as dd/mm/yyyy and sent as ISO; a date that cannot be parsed
 * is reported under its field before anything is sent.  The server's 422
 * errors (error.errors[] and error.field) go under their fields; 409 means
 * someone else saved first and offers a reload.
 */

import { ApiError, api, isAbort, type HistoryItem, type Member, type Org } from '../api';
import { debounce, h, notice, replace, type Child } from '../dom';
import { clean, formatDate, formatDateTime, parseDate } from '../format';
import { DATE_FIELDS, HISTORY_ACTIONS, MEMBER_FIELDS, SUGGESTIONS, nameOf } from '../labels';
import { navigate, type PageContext } from '../router';
import { canReadOrgs, canWrite, state } from '../state';
import { statusBadge } from './members';

/** A one-shot message shown on the next detail page ("Đã lưu ..."). */
let flash: string | null = null;

const label = (f: string): string => MEMBER_FIELDS[f] ?? f;
const isExempt = (v: unknown): boolean => v === true || v === 1 || v === '1' || v === 'true';

// ---- detail -----------------------------------------------------------------

/** How a member field's value reads in the UI (used by the detail page and history). */
function display(field: string, value: unknown, rec?: Record<string, unknown> | null): string {
  if (value === null || value === undefined || value === '') return '—';
  if (DATE_FIELDS.has(field)) return formatDate(String(value));
  switch (field) {
    case 'sex': return nameOf(state.meta.sexes, String(value));
    case 'status': return nameOf(state.meta.member_statuses, String(value));
    case 'exempt': return isExempt(value) ? 'Có' : 'Không';
    case 'org_id': {
      const name = rec?.org_name ?? rec?.org_code;
      return name ? String(name) : `#${value}`;
    }
    default: return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}

export async function memberPage({ outlet, params, signal }: PageContext): Promise<void> {
  const id = params.id;
  outlet.append(notice('loading', 'Đang tải hồ sơ…'));
  let m: Member;
  try {
    m = await api.member(id, signal);
  } catch (e) {
    if (isAbort(e)) return;
    replace(outlet, backLink(), notice('error', e instanceof ApiError ? e.message : 'Không tải được hồ sơ.'));
    return;
  }
  if (signal.aborted) return;

  const rec = m as unknown as Record<string, unknown>;
  const fact = (f: string, value: Child): Child[] => [h('dt', null, label(f)), h('dd', { 'data-testid': `detail-${f}` }, value)];
  const historyBox = h('section', { class: 'card history', 'aria-labelledby': 'history-title', 'data-testid': 'history' },
    h('h2', { id: 'history-title' }, 'Lịch sử thay đổi'), notice('loading', 'Đang tải…'));
  const msg = flash;
  flash = null;

  replace(
    outlet,
    backLink(),
    msg ? h('p', { class: 'flash', role: 'status', 'data-testid': 'flash' }, msg) : null,
    h('div', { class: 'page-head' },
      h('div', null,
        h('h1', { 'data-testid': 'member-name' }, m.full_name),
        h('p', { class: 'page-sub' }, statusBadge(m.status), ' ', m.org_name ?? m.org_code,
          isExempt(m.exempt) ? h('span', { class: 'badge badge-muted' }, 'Miễn công tác và sinh hoạt') : null),
      ),
      canWrite()
        ? h('div', { class: 'page-actions' },
            h('button', { type: 'button', class: 'btn btn-primary', 'data-testid': 'edit-button', onclick: () => navigate(`/members/${m.id}/edit`) }, 'Sửa'))
        : null,
    ),
    h('div', { class: 'grid-2 member-grid' },
      h('section', { class: 'card', 'aria-labelledby': 'personal-title' },
        h('h2', { id: 'personal-title' }, 'Thông tin cá nhân'),
        h('dl', { class: 'facts' },
          fact('full_name', m.full_name),
          fact('sex', display('sex', m.sex)),
          fact('birth_date', m.birth_date ? `${formatDate(m.birth_date)}${m.age != null ? ` (${m.age} tuổi)` : ''}` : '—'),
          fact('ethnicity', display('ethnicity', m.ethnicity)),
          fact('religion', display('religion', m.religion)),
          fact('hometown', display('hometown', m.hometown)),
          fact('residence', display('residence', m.residence)),
          fact('education', display('education', m.education)),
          fact('theory_level', display('theory_level', m.theory_level)),
          fact('position', display('position', m.position)),
        ),
      ),
      h('section', { class: 'card', 'aria-labelledby': 'party-title' },
        h('h2', { id: 'party-title' }, 'Thông tin đảng viên'),
        h('dl', { class: 'facts' },
          fact('card_no', display('card_no', m.card_no)),
          fact('admitted_on', display('admitted_on', m.admitted_on)),
          fact('official_on', display('official_on', m.official_on)),
          fact('org_id', h('span', null, m.org_name ?? '', m.org_code ? h('small', { class: 'muted' }, ` (${m.org_code})`) : null)),
          fact('status', display('status', m.status, rec)),
          fact('exempt', display('exempt', m.exempt)),
        ),
      ),
    ),
    historyBox,
  );

  try {
    const hist = await api.history(id, signal);
    if (signal.aborted) return;
    replace(historyBox, h('h2', { id: 'history-title' }, 'Lịch sử thay đổi'), historyList(hist.items));
  } catch (e) {
    if (isAbort(e)) return;
    replace(historyBox, h('h2', { id: 'history-title' }, 'Lịch sử thay đổi'),
      notice('error', e instanceof ApiError ? e.message : 'Không tải được lịch sử.'));
  }
}

function backLink(): HTMLElement | null {
  return canReadOrgs() ? h('a', { class: 'back', href: '#/members' }, '← Danh sách đảng viên') : null;
}

/** Fields never shown as changes: bookkeeping, or shown through another field. */
const HIDDEN_IN_HISTORY = new Set(['id', 'version', 'created_at', 'updated_at', 'age', 'org_code', 'org_name', 'status_name', 'sex_name', 'full_name_fold', 'sort_key']);

function changes(item: HistoryItem): { field: string; before: string; after: string }[] {
  const b = item.before ?? {};
  const a = item.after ?? {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => !HIDDEN_IN_HISTORY.has(k));
  const order = Object.keys(MEMBER_FIELDS);
  keys.sort((x, y) => (order.indexOf(x) + 1 || 99) - (order.indexOf(y) + 1 || 99));
  const out: { field: string; before: string; after: string }[] = [];
  for (const k of keys) {
    if (JSON.stringify(b[k] ?? null) === JSON.stringify(a[k] ?? null)) continue;
    // the split name parts follow full_name; show them only when full_name is not there
    if (['surname', 'middle_name', 'given_name'].includes(k) && ('full_name' in a || 'full_name' in b)) continue;
    out.push({ field: k, before: display(k, b[k], item.before), after: display(k, a[k], item.after) });
  }
  return out;
}

function historyList(items: HistoryItem[]): HTMLElement {
  if (!items.length) return notice('empty', 'Chưa có thay đổi nào được ghi lại.');
  return h('ol', { class: 'history-list' }, items.map((it) => {
    const ch = changes(it);
    const created = !it.before;
    return h('li', { class: 'history-item', 'data-testid': 'history-item' },
      h('div', { class: 'history-head' },
        h('time', { datetime: it.at }, formatDateTime(it.at)),
        h('span', { class: 'history-who' }, it.username ?? 'hệ thống'),
        h('span', { class: 'history-action' }, HISTORY_ACTIONS[it.action] ?? it.action),
      ),
      created
        ? h('p', { class: 'muted' }, 'Tạo hồ sơ đảng viên.')
        : ch.length
          ? h('table', { class: 'diff' },
              h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Thông tin'), h('th', { scope: 'col' }, 'Trước'), h('th', { scope: 'col' }, 'Sau'))),
              h('tbody', null, ch.map((c) => h('tr', { 'data-field': c.field },
                h('th', { scope: 'row' }, label(c.field)),
                h('td', { class: 'diff-before' }, c.before),
                h('td', { class: 'diff-after' }, c.after),
              ))))
          : h('p', { class: 'muted' }, 'Không có thay đổi về nội dung.'),
    );
  }));
}

// ---- form -------------------------------------------------------------------

type Kind = 'text' | 'date' | 'select' | 'checkbox' | 'org';
interface FieldSpec {
  name: string;
  kind: Kind;
  required?: boolean;
  hint?: string;
  options?: () => { code: string; name: string }[];
  inputmode?: string;
  autocomplete?: string;
}

const GROUPS: { title: string; fields: FieldSpec[] }[] = [
  {
    title: 'Thông tin cá nhân',
    fields: [
      { name: 'full_name', kind: 'text', required: true, autocomplete: 'off' },
      { name: 'sex', kind: 'select', required: true, options: () => state.meta.sexes },
      { name: 'birth_date', kind: 'date', required: true },
      { name: 'ethnicity', kind: 'text' },
      { name: 'religion', kind: 'text' },
      { name: 'hometown', kind: 'text' },
      { name: 'residence', kind: 'text' },
    ],
  },
  {
    title: 'Thông tin đảng viên',
    fields: [
      { name: 'org_id', kind: 'org', required: true },
      { name: 'card_no', kind: 'text', inputmode: 'numeric', hint: '8 chữ số' },
      { name: 'admitted_on', kind: 'date', required: true },
      { name: 'official_on', kind: 'date' },
      { name: 'status', kind: 'select', required: true, options: () => state.meta.member_statuses },
      { name: 'exempt', kind: 'checkbox' },
    ],
  },
  {
    title: 'Trình độ và công tác',
    fields: [
      { name: 'education', kind: 'text' },
      { name: 'theory_level', kind: 'text' },
      { name: 'position', kind: 'text' },
    ],
  },
];
const ALL_FIELDS = GROUPS.flatMap((g) => g.fields);

/** Where a server error about a field the form does not have should appear. */
const ERROR_ALIASES: Record<string, string> = {
  surname: 'full_name', middle_name: 'full_name', given_name: 'full_name', name: 'full_name',
  org: 'org_id', org_code: 'org_id',
};

export function memberNewPage(ctx: PageContext): void {
  if (!canWrite()) {
    ctx.outlet.append(notice('error', 'Tài khoản không có quyền thêm đảng viên.'));
    return;
  }
  const org = state.org && ['cell', 'gcell'].includes(state.org.kind) ? state.org : null;
  memberForm(ctx, null, org);
}

export async function memberEditPage(ctx: PageContext): Promise<void> {
  const { outlet, params, signal } = ctx;
  outlet.append(notice('loading', 'Đang tải hồ sơ…'));
  try {
    const m = await api.member(params.id, signal);
    if (signal.aborted) return;
    outlet.replaceChildren();
    memberForm(ctx, m, null);
  } catch (e) {
    if (isAbort(e)) return;
    replace(outlet, backLink(), notice('error', e instanceof ApiError ? e.message : 'Không tải được hồ sơ.'));
  }
}

/** Normalised value of a member field as the form holds it (for change detection). */
function initial(m: Member | null, f: FieldSpec): string | boolean {
  if (!m) return f.kind === 'checkbox' ? false : f.name === 'status' ? 'probationary' : '';
  const v = (m as unknown as Record<string, unknown>)[f.name];
  if (f.kind === 'checkbox') return isExempt(v);
  if (v === null || v === undefined) return '';
  return String(v);
}

function memberForm({ outlet, signal }: PageContext, m: Member | null, defaultOrg: Org | null): void {
  const editing = m !== null;
  const inputs = new Map<string, HTMLInputElement | HTMLSelectElement>();
  const errors = new Map<string, HTMLElement>();
  const summary = h('div', { class: 'form-summary', role: 'alert', 'data-testid': 'form-error', hidden: true });
  const saveBtn = h('button', { type: 'submit', class: 'btn btn-primary', 'data-testid': 'save-button' }, editing ? 'Lưu thay đổi' : 'Thêm đảng viên');
  let orgId: number | null = m ? m.org_id : defaultOrg?.id ?? null;

  function fieldEl(f: FieldSpec): HTMLElement {
    const id = `f-${f.name}`;
    const errId = `err-${f.name}`;
    const hintId = f.hint || f.kind === 'date' ? `hint-${f.name}` : null;
    const describedBy = [hintId, errId].filter(Boolean).join(' ');
    const err = h('p', { id: errId, class: 'field-error', 'data-testid': `error-${f.name}`, hidden: true });
    errors.set(f.name, err);
    const init = initial(m, f);
    let control: HTMLElement;
    if (f.kind === 'select') {
      const sel = h('select', { id, name: f.name, 'data-testid': `field-${f.name}`, 'aria-describedby': describedBy, required: f.required },
        init === '' ? h('option', { value: '' }, '— Chọn —') : null,
        (f.options?.() ?? []).map((o) => h('option', { value: o.code, selected: o.code === init }, o.name)),
      );
      inputs.set(f.name, sel);
      control = sel;
    } else if (f.kind === 'checkbox') {
      const cb = h('input', { id, name: f.name, type: 'checkbox', checked: init === true, 'data-testid': `field-${f.name}`, 'aria-describedby': describedBy });
      inputs.set(f.name, cb);
      return h('div', { class: 'field field-check' }, h('label', { for: id }, cb, ' ', label(f.name)), err);
    } else if (f.kind === 'org') {
      control = orgPicker(id, describedBy);
    } else {
      const listId = SUGGESTIONS[f.name] ? `list-${f.name}` : null;
      const inp = h('input', {
        id, name: f.name, type: 'text', 'data-testid': `field-${f.name}`, 'aria-describedby': describedBy,
        value: f.kind === 'date' ? formatDate(String(init)) : String(init),
        placeholder: f.kind === 'date' ? 'dd/mm/yyyy' : null,
        inputmode: f.kind === 'date' ? 'numeric' : f.inputmode ?? null,
        autocomplete: f.autocomplete ?? 'off',
        list: listId, required: f.required,
        // checked on leaving the field, except when leaving for a button: an error
        // appearing then would shift the layout under the pointer and eat the click
        onblur: f.kind === 'date'
          ? (e: FocusEvent) => { if (!(e.relatedTarget instanceof HTMLButtonElement)) checkDate(f.name); }
          : null,
      });
      inputs.set(f.name, inp);
      control = h('span', { class: 'control' }, inp,
        listId ? h('datalist', { id: listId }, SUGGESTIONS[f.name].map((s) => h('option', { value: s }))) : null);
    }
    return h('div', { class: 'field' },
      h('label', { for: id }, label(f.name), f.required ? h('span', { class: 'req', 'aria-hidden': 'true' }, ' *') : null),
      control,
      hintId ? h('p', { id: hintId, class: 'field-hint' }, f.hint ?? 'Dạng dd/mm/yyyy, ví dụ 02/09/1985') : null,
      err,
    );
  }

  /** Chi bộ: shows the chosen org; typing searches GET /orgs?q= in scope. */
  function orgPicker(id: string, describedBy: string): HTMLElement {
    let chosenName = m ? (m.org_name ?? m.org_code) : defaultOrg ? defaultOrg.name : '';
    const inp = h('input', {
      id, name: 'org_id', type: 'text', role: 'combobox', 'aria-autocomplete': 'list', 'aria-expanded': 'false',
      'aria-controls': `${id}-list`, autocomplete: 'off', value: chosenName, placeholder: 'Gõ tên hoặc mã chi bộ để tìm',
      'data-testid': 'field-org_id', 'aria-describedby': describedBy,
      oninput: () => search(),
      onblur: () => setTimeout(() => {
        list.hidden = true;
        inp.setAttribute('aria-expanded', 'false');
        if (inp.value.trim() === '') orgId = null;
        else inp.value = chosenName;
      }, 200),
    });
    inputs.set('org_id', inp);
    const list = h('ul', { id: `${id}-list`, class: 'org-results dropdown', role: 'listbox', hidden: true });
    let ctrl: AbortController | null = null;
    const search = debounce(async () => {
      const q = inp.value.trim();
      ctrl?.abort();
      if (q.length < 2) {
        list.hidden = true;
        return;
      }
      ctrl = new AbortController();
      try {
        const page = await api.searchOrgs(q, AbortSignal.any([signal, ctrl.signal]));
        replace(list, page.items.length
          ? page.items.map((o) => h('li', { role: 'option' }, h('button', {
              type: 'button', class: 'result', tabindex: '-1',
              onmousedown: (e: Event) => e.preventDefault(),
              onclick: () => {
                orgId = o.id;
                chosenName = o.name;
                inp.value = o.name;
                list.hidden = true;
                inp.setAttribute('aria-expanded', 'false');
                setError('org_id', null);
              },
            }, h('span', null, o.name), h('small', null, `${o.kind_name || nameOf(state.meta.org_kinds, o.kind)} · ${o.code}`))))
          : h('li', { class: 'tree-loading' }, 'Không tìm thấy tổ chức nào.'));
        list.hidden = false;
        inp.setAttribute('aria-expanded', 'true');
      } catch (e) {
        if (!isAbort(e)) {
          replace(list, h('li', { class: 'tree-loading' }, e instanceof ApiError ? e.message : 'Lỗi tìm kiếm.'));
          list.hidden = false;
        }
      }
    }, 250);
    return h('div', { class: 'combo' }, inp, list);
  }

  function setError(field: string, message: string | null): void {
    const el = errors.get(field);
    const inp = inputs.get(field);
    if (!el) return;
    el.textContent = message ?? '';
    el.hidden = !message;
    inp?.toggleAttribute('aria-invalid', !!message);
    inp?.closest('.field')?.classList.toggle('has-error', !!message);
  }

  function clearErrors(): void {
    for (const f of errors.keys()) setError(f, null);
    summary.hidden = true;
    summary.replaceChildren();
  }

  function checkDate(name: string): boolean {
    const r = parseDate(inputs.get(name)!.value);
    setError(name, r.ok ? null : r.message);
    return r.ok;
  }

  /** Form values as the API wants them; null when a client-side check failed. */
  function collect(): Record<string, unknown> | null {
    const out: Record<string, unknown> = {};
    let ok = true;
    for (const spec of ALL_FIELDS) {
      // an old record may lack a "required" value; editing another field must still work
      const f = editing && initial(m, spec) === '' ? { ...spec, required: false } : spec;
      if (f.kind === 'org') {
        out.org_id = orgId;
        if (!orgId) {
          setError('org_id', 'Hãy chọn chi bộ');
          ok = false;
        }
        continue;
      }
      const inp = inputs.get(f.name)!;
      if (f.kind === 'checkbox') {
        out[f.name] = (inp as HTMLInputElement).checked;
        continue;
      }
      if (f.kind === 'date') {
        const r = parseDate(inp.value);
        if (!r.ok) {
          setError(f.name, r.message);
          ok = false;
          continue;
        }
        if (!r.iso && f.required) {
          setError(f.name, `Hãy nhập ${label(f.name).toLowerCase()}`);
          ok = false;
        }
        out[f.name] = r.iso;
        continue;
      }
      const v = f.kind === 'text' ? clean(inp.value) : inp.value;
      if (!v && f.required) {
        setError(f.name, f.kind === 'select' ? `Hãy chọn ${label(f.name).toLowerCase()}` : `Hãy nhập ${label(f.name).toLowerCase()}`);
        ok = false;
      }
      out[f.name] = v === '' ? null : v;
    }
    return ok ? out : null;
  }

  /** For PATCH: only what changed, plus version. */
  function diff(values: Record<string, unknown>): Record<string, unknown> {
    const body: Record<string, unknown> = {};
    for (const f of ALL_FIELDS) {
      const before = f.name === 'org_id' ? m!.org_id : initial(m, f);
      const now = values[f.name];
      const norm = (v: unknown) => (v === null || v === undefined ? '' : String(v));
      if (f.kind === 'checkbox' ? before !== now : norm(before) !== norm(now)) body[f.name] = now;
    }
    return body;
  }

  function showSummary(...children: Child[]): void {
    replace(summary, ...children);
    summary.hidden = false;
  }

  function focusFirstError(): void {
    const first = ALL_FIELDS.find((f) => !errors.get(f.name)?.hidden);
    if (first) inputs.get(first.name)?.focus();
    else summary.scrollIntoView({ block: 'center' });
  }

  async function onSubmit(e: Event): Promise<void> {
    e.preventDefault();
    clearErrors();
    const values = collect();
    if (!values) {
      showSummary(h('p', null, 'Hãy sửa các thông tin được đánh dấu bên dưới.'));
      focusFirstError();
      return;
    }
    let body = values;
    if (editing) {
      body = diff(values);
      if (!Object.keys(body).length) {
        showSummary(h('p', null, 'Không có thay đổi nào để lưu.'));
        return;
      }
      body.version = m!.version;
    }
    saveBtn.disabled = true;
    saveBtn.textContent = 'Đang lưu…';
    try {
      const saved = editing ? await api.updateMember(m!.id, body) : await api.createMember(body);
      flash = editing ? 'Đã lưu thay đổi.' : 'Đã thêm đảng viên.';
      navigate(`/members/${saved.id}`);
    } catch (err) {
      if (!(err instanceof ApiError)) {
        showSummary(h('p', null, 'Không lưu được.'));
        return;
      }
      if (err.status === 409 && editing) {
        showSummary(
          h('p', { 'data-testid': 'conflict' }, 'Bản ghi đã được người khác sửa; hãy tải lại'),
          h('button', { type: 'button', class: 'btn', 'data-testid': 'reload-button', onclick: reloadForm }, 'Tải lại'),
        );
        summary.scrollIntoView({ block: 'center' });
        return;
      }
      const fieldErrs = err.fieldErrors();
      const unplaced: string[] = [];
      for (const fe of fieldErrs) {
        const target = errors.has(fe.field) ? fe.field : ERROR_ALIASES[fe.field];
        if (target && errors.has(target)) {
          const cur = errors.get(target)!;
          setError(target, cur.hidden ? fe.message : `${cur.textContent} ${fe.message}`);
        } else unplaced.push(fe.field ? `${label(fe.field)}: ${fe.message}` : fe.message);
      }
      showSummary(
        h('p', null, fieldErrs.length ? 'Chưa lưu được, hãy sửa các thông tin được đánh dấu.' : err.message),
        unplaced.length ? h('ul', null, unplaced.map((u) => h('li', null, u))) : null,
      );
      focusFirstError();
    } finally {
      saveBtn.disabled = false;
      saveBtn.textContent = editing ? 'Lưu thay đổi' : 'Thêm đảng viên';
    }
  }

  async function reloadForm(): Promise<void> {
    try {
      const fresh = await api.member(m!.id, signal);
      if (signal.aborted) return;
      outlet.replaceChildren();
      memberForm({ outlet, signal, params: {}, query: new URLSearchParams() }, fresh, null);
      outlet.querySelector<HTMLElement>('.form-summary')?.replaceChildren();
      const info = h('p', { class: 'flash', role: 'status' }, 'Đã tải lại bản mới nhất; hãy nhập lại thay đổi của bạn.');
      outlet.querySelector('form')?.prepend(info);
    } catch (e) {
      if (!isAbort(e)) showSummary(h('p', null, e instanceof ApiError ? e.message : 'Không tải lại được.'));
    }
  }

  const cancelHref = editing ? `#/members/${m!.id}` : '#/members';
  outlet.append(
    h('a', { class: 'back', href: cancelHref }, editing ? '← Về hồ sơ' : '← Danh sách đảng viên'),
    h('div', { class: 'page-head' },
      h('div', null,
        h('h1', null, editing ? 'Sửa hồ sơ đảng viên' : 'Thêm đảng viên'),
        editing ? h('p', { class: 'page-sub' }, m!.full_name) : null,
      ),
    ),
    h('form', { class: 'member-form', novalidate: true, onsubmit: onSubmit, 'data-testid': 'member-form' },
      summary,
      GROUPS.map((g) => h('fieldset', { class: 'card' }, h('legend', null, g.title), h('div', { class: 'form-grid' }, g.fields.map(fieldEl)))),
      h('p', { class: 'muted' }, 'Các mục có dấu * là bắt buộc.'),
      h('div', { class: 'form-actions' },
        saveBtn,
        h('a', { class: 'btn', href: cancelHref }, 'Hủy'),
      ),
    ),
  );
  inputs.get('full_name')?.focus();
}
