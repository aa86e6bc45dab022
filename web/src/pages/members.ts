/*
 * members: "Đảng viên" — the member list of the selected subtree.  Search
 * (q, accent-insensitive on the server, debounced), filters (status, sex,
 * age band), cursor paging with "Xem thêm", CSV/XLSX export links,
 * "Thêm đảng viên" for roles that may write and "Nhập từ tệp" (importer.ts)
 * for roles that may import.  The head shows the subtree's count of current
 * members, fetched fresh with each list.  Filters live in the URL
 * (#/members?q=...) so back/forward and reload keep them.
 */

import { ApiError, api, isAbort, type Member, type Org } from '../api';
import { debounce, h, notice, replace, uid } from '../dom';
import { formatDate, formatNumber } from '../format';
import { nameOf, type Code } from '../labels';
import { navigate, replaceQuery, type PageContext } from '../router';
import { canExport, canImport, canWrite, onOrgChange, selectOrg, state } from '../state';
import { openImportDialog } from './importer';

const PAGE_SIZE = 50;
const FILTERS = ['status', 'sex', 'age_band'] as const;

function select(id: string, label: string, all: string, options: Code[], value: string, onchange: () => void): [HTMLElement, HTMLSelectElement] {
  const sel = h('select', { id, 'data-testid': `filter-${id.replace(/^f-/, '')}`, onchange },
    h('option', { value: '' }, all),
    options.map((o) => h('option', { value: o.code, selected: o.code === value }, o.name)),
  );
  return [h('div', { class: 'field' }, h('label', { for: id }, label), sel), sel];
}

export function statusBadge(code: string): HTMLElement {
  return h('span', { class: `badge status-${code}` }, nameOf(state.meta.member_statuses, code));
}

export function membersPage({ outlet, query, signal }: PageContext): () => void {
  const meta = state.meta;
  const searchId = uid('q');
  const search = h('input', {
    id: searchId, type: 'search', autocomplete: 'off', value: query.get('q') ?? '',
    placeholder: 'Họ tên hoặc số thẻ', title: 'Gõ có dấu hay không dấu đều được', 'data-testid': 'search',
    oninput: () => onSearch(),
  });
  const [statusField, statusSel] = select('f-status', 'Trạng thái', 'Tất cả trạng thái', meta.member_statuses, query.get('status') ?? '', () => reload());
  const [sexField, sexSel] = select('f-sex', 'Giới tính', 'Nam và nữ', meta.sexes, query.get('sex') ?? '', () => reload());
  const [ageField, ageSel] = select('f-age_band', 'Độ tuổi', 'Mọi độ tuổi', meta.age_bands, query.get('age_band') ?? '', () => reload());
  const sels: Record<(typeof FILTERS)[number], HTMLSelectElement> = { status: statusSel, sex: sexSel, age_band: ageSel };

  // on phones the three selects fold behind a "Bộ lọc" button (CSS decides)
  const filterToggle = h('button', {
    type: 'button', class: 'btn btn-small filter-toggle', 'aria-expanded': 'false', 'aria-controls': 'filter-selects',
    onclick: () => {
      const open = filtersForm.classList.toggle('filters-open');
      filterToggle.setAttribute('aria-expanded', String(open));
    },
  }, 'Bộ lọc');
  const filtersForm = h('form', { class: 'filters card', role: 'search', onsubmit: (e: Event) => { e.preventDefault(); reload(); } },
    h('div', { class: 'field field-grow' },
      h('label', { for: searchId }, 'Tìm kiếm'),
      h('div', { class: 'search-row' }, search, filterToggle)),
    h('div', { id: 'filter-selects', class: 'filter-selects' }, statusField, sexField, ageField),
  );

  function updateFilterCount(): void {
    const n = FILTERS.filter((k) => sels[k].value).length;
    filterToggle.textContent = n ? `Bộ lọc (${n})` : 'Bộ lọc';
  }

  const tbody = h('tbody');
  const table = h('table', { class: 'members-table', 'data-testid': 'member-table' },
    h('caption', { class: 'sr-only' }, 'Danh sách đảng viên'),
    h('thead', null, h('tr', null,
      ['Họ và tên', 'Ngày sinh', 'Giới tính', 'Chi bộ', 'Ngày vào Đảng', 'Trạng thái'].map((t) => h('th', { scope: 'col' }, t)),
    )),
    tbody,
  );
  const status = h('p', { class: 'list-status', role: 'status', 'data-testid': 'list-status' });
  const more = h('button', { type: 'button', class: 'btn', hidden: true, 'data-testid': 'load-more', onclick: () => void fetchPage(false) }, 'Xem thêm');
  const exportBox = h('div', { class: 'export' });
  const emptyEl = notice('empty', 'Không có đảng viên nào phù hợp.');
  emptyEl.hidden = true;
  const subName = h('span', { 'data-testid': 'members-org' }, state.org ? state.org.name : '');
  const subCount = h('span', { class: 'members-total', 'data-testid': 'members-total', hidden: true });
  const flash = h('p', { class: 'flash', role: 'status', 'data-testid': 'members-flash', hidden: true });

  outlet.append(
    h('div', { class: 'page-head' },
      h('div', null, h('h1', null, 'Đảng viên'), h('p', { class: 'page-sub' }, subName, subCount)),
      h('div', { class: 'page-actions' },
        exportBox,
        canImport() ? h('button', { type: 'button', class: 'btn', 'data-testid': 'import-open', onclick: () => openImportDialog(onImported) }, 'Nhập từ tệp') : null,
        canWrite() ? h('a', { class: 'btn btn-primary', href: '#/members/new', 'data-testid': 'add-member' }, '+ Thêm đảng viên') : null,
      ),
    ),
    flash,
    filtersForm,
    h('div', { class: 'table-wrap card' }, table, emptyEl),
    h('div', { class: 'list-foot' }, status, more),
  );

  let next: string | null = null;
  let count = 0;
  let ctrl: AbortController | null = null;
  let countCtrl: AbortController | null = null;

  function showCount(n: number | undefined): void {
    subCount.hidden = n === undefined;
    subCount.textContent = n === undefined ? '' : `${formatNumber(n)} đảng viên đang sinh hoạt`;
    subCount.setAttribute('data-count', n === undefined ? '' : String(n));
  }

  /** The subtree's current members, fresh from the server (other pages change them). */
  async function drawCount(): Promise<void> {
    const org = state.org;
    countCtrl?.abort();
    if (!org) {
      showCount(undefined);
      return;
    }
    showCount(org.member_count);
    countCtrl = new AbortController();
    const sig = AbortSignal.any([signal, countCtrl.signal]);
    try {
      const fresh = await api.org(org.id, sig);
      if (sig.aborted || state.org?.id !== fresh.id) return;
      state.org.member_count = fresh.member_count;
      showCount(fresh.member_count);
    } catch {
      /* the count is a courtesy; the list says what went wrong */
    }
  }

  /** After "Nhập từ tệp": say so, and show the list and count of a subtree holding the new members. */
  async function onImported(org: Org, n: number): Promise<void> {
    if (signal.aborted) return;
    const cur = state.org;
    const inside = !!cur && (org.path ?? '').startsWith(cur.path);
    const target = inside && cur ? cur : org;
    const fresh = await api.org(target.id, signal).catch(() => target);
    if (signal.aborted) return;
    flash.textContent = `Đã nhập ${formatNumber(n)} đảng viên vào ${org.name}.` +
      (inside ? '' : ' Danh sách chuyển sang tổ chức này.');
    flash.hidden = false;
    selectOrg(fresh); // the list, the count, the export links and the scope bar follow
  }

  function drawExport(): void {
    const org = state.org;
    if (!canExport() || !org) {
      exportBox.replaceChildren();
      return;
    }
    replace(exportBox,
      h('span', { class: 'export-label' }, 'Xuất danh sách'),
      h('a', { class: 'btn btn-small', href: api.exportUrl(org.id, 'csv'), download: '', 'data-testid': 'export-csv' }, 'CSV'),
      h('a', { class: 'btn btn-small', href: api.exportUrl(org.id, 'xlsx'), download: '', 'data-testid': 'export-xlsx' }, 'Excel (XLSX)'),
    );
  }

  function params(): Record<string, string> {
    const p: Record<string, string> = {};
    const q = search.value.trim();
    if (q) p.q = q;
    for (const k of FILTERS) if (sels[k].value) p[k] = sels[k].value;
    return p;
  }

  function row(m: Member): HTMLTableRowElement {
    const href = `#/members/${m.id}`;
    return h('tr', {
      class: 'member-row', 'data-testid': 'member-row', 'data-id': String(m.id),
      onclick: (e: MouseEvent) => {
        if ((e.target as Element).closest('a')) return;
        navigate(`/members/${m.id}`);
      },
    },
      h('td', { 'data-label': 'Họ và tên', class: 'cell-name' }, h('a', { href, 'data-testid': 'member-name' }, m.full_name)),
      h('td', { 'data-label': 'Ngày sinh' }, formatDate(m.birth_date)),
      h('td', { 'data-label': 'Giới tính' }, nameOf(meta.sexes, m.sex)),
      h('td', { 'data-label': 'Chi bộ', title: m.org_code }, m.org_name || m.org_code),
      h('td', { 'data-label': 'Ngày vào Đảng' }, formatDate(m.admitted_on)),
      h('td', { 'data-label': 'Trạng thái' }, statusBadge(m.status)),
    );
  }

  async function fetchPage(first: boolean): Promise<void> {
    ctrl?.abort();
    ctrl = new AbortController();
    const sig = AbortSignal.any([signal, ctrl.signal]);
    if (first) {
      next = null;
      count = 0;
    }
    more.disabled = true;
    status.textContent = 'Đang tải…';
    outlet.querySelector('.table-wrap')?.setAttribute('aria-busy', 'true');
    try {
      const page = await api.members({
        ...params(), org: state.org?.id, sort: 'name', limit: PAGE_SIZE, cursor: first ? null : next,
      }, sig);
      if (sig.aborted) return;
      if (first) tbody.replaceChildren();
      tbody.append(...page.items.map(row));
      count += page.items.length;
      next = page.next;
      emptyEl.hidden = count > 0;
      table.hidden = count === 0;
      status.textContent = count === 0 ? '' : `Đang hiển thị ${formatNumber(count)} đảng viên${next ? ' — còn nữa' : ''}.`;
      more.hidden = !next;
    } catch (e) {
      if (isAbort(e) || sig.aborted) return;
      status.replaceChildren(notice('error', e instanceof ApiError ? e.message : 'Không tải được danh sách.'));
    } finally {
      if (!sig.aborted) {
        more.disabled = false;
        outlet.querySelector('.table-wrap')?.removeAttribute('aria-busy');
      }
    }
  }

  function reload(): void {
    updateFilterCount();
    replaceQuery(new URLSearchParams(params()));
    void fetchPage(true);
  }

  const onSearch = debounce(reload, 300);

  const off = onOrgChange(() => {
    subName.textContent = state.org?.name ?? '';
    drawExport();
    void drawCount();
    void fetchPage(true);
  });
  drawExport();
  updateFilterCount();
  void drawCount();
  void fetchPage(true);
  return () => {
    off();
    ctrl?.abort();
    countCtrl?.abort();
    document.querySelectorAll<HTMLDialogElement>('dialog.dialog[open]').forEach((d) => d.close());
  };
}
