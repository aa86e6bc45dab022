/*
 * tree: "Cây tổ chức".  The account's root (GET /orgs) with children loaded
 * lazily (GET /orgs/{id}/children) and cached for the session; each node shows
 * its kind and member count.  Selecting a node makes it the subtree every
 * page works on and shows its details (GET /orgs/{id}), stats and change
 * history.  Accounts that may write orgs (admin, officer) also get the
 * buttons to create a child, rename, move and dissolve (pages/orgadmin.ts);
 * after each change the affected branches are reloaded so names and counts
 * are current.  Dissolved orgs stay in the tree, greyed.
 */

import { ApiError, api, isAbort, type Org } from '../api';
import { debounce, h, notice, replace } from '../dom';
import { formatDate, formatNumber, formatPercent } from '../format';
import { nameOf } from '../labels';
import type { PageContext } from '../router';
import { canWriteOrgs, onOrgChange, selectOrg, state } from '../state';
import {
  childKinds, drawHistory, kindName, openCreateDialog, openDissolveDialog, openMoveDialog, openRenameDialog,
  rememberOrgs, type ChangeResult,
} from './orgadmin';

// Kept across visits to the page (and keyed by org id, so safe across accounts
// only within one session; cleared when the root changes).
const childrenCache = new Map<number, Org[]>();
const expanded = new Set<number>();
let cacheRoot: number | null = null;

/** A one-shot message shown above the details after a change ("Đã thành lập ..."). */
let flash: string | null = null;

/** Ids on a path "/1/23/45/" from the account's root down (those within scope). */
function pathIds(path: string): number[] {
  const ids = (path || '').split('/').filter(Boolean).map(Number);
  const rootId = state.root?.id;
  const start = rootId ? ids.indexOf(rootId) : -1;
  return start < 0 ? [] : ids.slice(start);
}

/** Ids of o's ancestors within the account's scope (root first), from o.path "/1/23/45/". */
function ancestorIds(o: Org): number[] {
  return pathIds(o.path).filter((id) => id !== o.id);
}

export function treePage({ outlet, signal }: PageContext): () => void {
  let root = state.root;
  if (!root) {
    outlet.append(notice('empty', 'Tài khoản chưa được giao tổ chức nào.'));
    return () => {};
  }
  if (cacheRoot !== root.id) {
    childrenCache.clear();
    expanded.clear();
    cacheRoot = root.id;
  }
  expanded.add(root.id);

  const treeEl = h('ul', { class: 'tree', 'data-testid': 'org-tree' });
  const details = h('section', { class: 'card org-details', 'aria-live': 'polite', 'data-testid': 'org-details' });
  const results = h('ul', { class: 'org-results', hidden: true });
  const search = h('input', {
    id: 'org-search', type: 'search', autocomplete: 'off', placeholder: 'Tên hoặc mã tổ chức',
    'data-testid': 'org-search',
    oninput: () => runSearch(),
  });

  outlet.append(
    h('div', { class: 'page-head' }, h('div', null, h('h1', null, 'Cây tổ chức'),
      h('p', { class: 'page-sub' }, 'Chọn một tổ chức để xem số liệu và danh sách đảng viên của tổ chức đó (kể cả các tổ chức trực thuộc).'))),
    h('div', { class: 'tree-layout' },
      h('section', { class: 'card tree-panel', 'aria-label': 'Cây tổ chức' },
        h('div', { class: 'field' }, h('label', { for: 'org-search' }, 'Tìm tổ chức'), search),
        results,
        treeEl,
      ),
      details,
    ),
  );

  // ---- tree -----------------------------------------------------------------

  async function loadChildren(id: number): Promise<Org[]> {
    const cached = childrenCache.get(id);
    if (cached) return cached;
    const page = await api.children(id, signal);
    childrenCache.set(id, page.items);
    rememberOrgs(page.items);
    return page.items;
  }

  function nodeEl(o: Org): HTMLLIElement {
    const isOpen = expanded.has(o.id);
    const hasChildren = (o.child_count ?? 1) > 0;
    const selected = state.org?.id === o.id;
    const li = h('li', { class: 'tree-item' + (o.dissolved_on ? ' dissolved' : ''), 'data-id': String(o.id), 'data-testid': 'tree-item' });
    const twisty = hasChildren
      ? h('button', {
          type: 'button', class: 'twisty', 'aria-expanded': String(isOpen),
          'aria-label': (isOpen ? 'Thu gọn ' : 'Mở rộng ') + o.name,
          onclick: () => toggle(o),
        }, isOpen ? '▾' : '▸')
      : h('span', { class: 'twisty twisty-leaf', 'aria-hidden': 'true' }, '');
    const label = h('button', {
      type: 'button', class: 'node' + (selected ? ' selected' : '') + (o.dissolved_on ? ' dissolved' : ''),
      'aria-pressed': String(selected), 'data-testid': 'tree-node', 'data-code': o.code, 'data-id': String(o.id),
      onclick: () => selectOrg(o),
    },
      h('span', { class: 'node-name' }, h('span', { 'data-testid': 'node-name' }, o.name),
        o.dissolved_on
          ? h('span', { class: 'node-dissolved', 'data-testid': 'node-dissolved' }, ` (đã giải thể ${formatDate(o.dissolved_on)})`)
          : null),
      h('span', { class: 'node-meta' }, kindName(o)),
      h('span', { class: 'node-count', title: 'Số đảng viên đang sinh hoạt', 'data-testid': 'node-count' }, formatNumber(o.member_count ?? 0)),
    );
    li.append(h('div', { class: 'node-row' }, twisty, label));
    if (isOpen && hasChildren) {
      const group = h('ul', { class: 'tree-group' });
      li.append(group);
      const kids = childrenCache.get(o.id);
      if (kids) fillGroup(group, kids);
      else {
        group.append(h('li', { class: 'tree-loading' }, 'Đang tải…'));
        loadChildren(o.id).then((k) => fillGroup(group, k)).catch((e) => {
          if (!isAbort(e)) replace(group, h('li', { class: 'tree-loading' }, e instanceof ApiError ? e.message : 'Không tải được.'));
        });
      }
    }
    return li;
  }

  function fillGroup(group: HTMLElement, kids: Org[]): void {
    if (!kids.length) replace(group, h('li', { class: 'tree-loading' }, 'Không có tổ chức trực thuộc.'));
    else replace(group, kids.map(nodeEl));
  }

  function toggle(o: Org): void {
    if (expanded.has(o.id)) expanded.delete(o.id);
    else expanded.add(o.id);
    drawTree();
  }

  // on narrow screens the details sit above the tree (CSS); selecting scrolls to them
  const narrow = window.matchMedia('(max-width: 860px)');

  function drawTree(): void {
    replace(treeEl, nodeEl(root!));
    if (!narrow.matches) treeEl.querySelector('.node.selected')?.scrollIntoView({ block: 'nearest' });
  }

  /** Open every ancestor of o so it is visible; loads the missing levels. */
  async function reveal(o: Org): Promise<void> {
    for (const id of ancestorIds(o)) {
      expanded.add(id);
      await loadChildren(id).catch(() => []);
    }
    if (!signal.aborted) drawTree();
  }

  // ---- details --------------------------------------------------------------

  let detailsCtrl: AbortController | null = null;

  async function drawDetails(): Promise<void> {
    const o = state.org;
    if (!o) return;
    detailsCtrl?.abort();
    detailsCtrl = new AbortController();
    const sig = AbortSignal.any([signal, detailsCtrl.signal]);
    const msg = flash;
    flash = null;
    const flashEl = msg ? h('p', { class: 'flash', role: 'status', 'data-testid': 'org-flash' }, msg) : null;
    replace(details, flashEl, h('h2', null, o.name), notice('loading', 'Đang tải…'));
    try {
      const [full, stats] = await Promise.all([api.org(o.id, sig), api.stats(o.id, sig).catch(() => null)]);
      if (sig.aborted) return;
      const st = stats?.by_status ?? {};
      const active = (st.official ?? 0) + (st.probationary ?? 0);
      const female = stats?.by_sex?.female ?? 0;
      const sexTotal = (stats?.by_sex?.female ?? 0) + (stats?.by_sex?.male ?? 0);
      const ancestors = (full.ancestors ?? []).filter((a) => a.id !== full.id);
      const covers = (full.covers ?? []).filter(Boolean);
      rememberOrgs([full, ...(full.ancestors ?? [])]);
      const historyBox = h('section', { class: 'org-history', 'data-testid': 'org-history' });
      const row = (label: string, value: string | Node | null | undefined, testid?: string) =>
        value === null || value === undefined || value === '' ? null
          : [h('dt', null, label), h('dd', testid ? { 'data-testid': testid } : null, value)];
      replace(
        details,
        flashEl,
        ancestors.length
          ? h('nav', { class: 'crumbs', 'aria-label': 'Tổ chức cấp trên' },
              ancestors.map((a) => h('button', { type: 'button', class: 'linklike', onclick: () => pickById(a.id) }, a.name)))
          : null,
        h('h2', { 'data-testid': 'org-name' }, full.name),
        full.dissolved_on
          ? h('p', { class: 'badge badge-muted', 'data-testid': 'org-dissolved' }, `Đã giải thể ngày ${formatDate(full.dissolved_on)}`)
          : null,
        h('dl', { class: 'facts' },
          row('Mã tổ chức', full.code, 'org-code'),
          row('Cấp tổ chức', kindName(full), 'org-kind'),
          row('Loại hình', full.type_name || nameOf(state.meta.org_types, full.type)),
          row('Ngày thành lập', formatDate(full.founded_on)),
          row('Ngày giải thể', formatDate(full.dissolved_on)),
          covers.length ? row('Đơn vị ghép (chi bộ ghép)', h('ul', { class: 'plain' }, covers.map((c) => h('li', null, c)))) : null,
          row('Tổ chức trực thuộc', full.child_count !== undefined ? formatNumber(full.child_count) : null, 'org-child-count'),
        ),
        stats
          ? h('div', { class: 'mini-figures' },
              h('div', null, h('span', null, 'Đảng viên'), h('strong', { 'data-testid': 'org-members' }, formatNumber(active))),
              h('div', null, h('span', null, 'Chính thức'), h('strong', null, formatNumber(st.official ?? 0))),
              h('div', null, h('span', null, 'Dự bị'), h('strong', null, formatNumber(st.probationary ?? 0))),
              h('div', null, h('span', null, 'Nữ'), h('strong', null, formatPercent(female, sexTotal))),
            )
          : null,
        stats && active === 0 ? notice('empty', 'Tổ chức không có đảng viên đang sinh hoạt.') : null,
        h('div', { class: 'actions' },
          h('a', { class: 'btn', href: '#/dashboard' }, 'Xem tổng quan'),
          h('a', { class: 'btn btn-primary', href: '#/members' }, 'Danh sách đảng viên'),
        ),
        canWriteOrgs() ? manageBox(full) : null,
        historyBox,
      );
      details.scrollTop = 0;
      void drawHistory(historyBox, full, sig);
    } catch (e) {
      if (isAbort(e) || sig.aborted) return;
      replace(details, notice('error', e instanceof ApiError ? e.message : 'Không tải được thông tin tổ chức.'));
    }
  }

  /** Buttons for the org changes; the scope root cannot be moved, renamed or dissolved (403). */
  function manageBox(full: Org): HTMLElement | null {
    const isRoot = full.id === root?.id;
    const live = !full.dissolved_on;
    const buttons = [
      childKinds(full).length
        ? h('button', { type: 'button', class: 'btn', 'data-testid': 'org-create', onclick: () => openCreateDialog(full, afterChange) },
            'Thành lập tổ chức trực thuộc')
        : null,
      !isRoot
        ? h('button', { type: 'button', class: 'btn', 'data-testid': 'org-rename', onclick: () => openRenameDialog(full, afterChange) },
            'Đổi tên')
        : null,
      !isRoot && live
        ? h('button', { type: 'button', class: 'btn', 'data-testid': 'org-move', onclick: () => openMoveDialog(full, afterChange) },
            'Chuyển tổ chức cấp trên')
        : null,
      !isRoot && live
        ? h('button', { type: 'button', class: 'btn btn-danger', 'data-testid': 'org-dissolve', onclick: () => openDissolveDialog(full, afterChange) },
            'Giải thể')
        : null,
    ].filter((b): b is HTMLButtonElement => b !== null);
    if (!buttons.length) return null;
    return h('section', { class: 'org-manage', 'aria-labelledby': 'org-manage-title', 'data-testid': 'org-manage' },
      h('h3', { id: 'org-manage-title' }, 'Quản lý tổ chức'),
      h('div', { class: 'actions' }, buttons),
      isRoot ? h('p', { class: 'field-hint' }, 'Tổ chức gốc của tài khoản không thể đổi tên, chuyển hoặc giải thể tại đây.') : null,
    );
  }

  /**
   * After a change (or a reload after 409): reload the children lists along
   * the org's branch (and its old branch after a move) so names, child and
   * member counts are current, refresh the root's counts, and select the org.
   */
  async function afterChange(r: ChangeResult): Promise<void> {
    if (signal.aborted) return;
    flash = r.message ?? null;
    const ids = new Set<number>();
    for (const id of ancestorIds(r.org)) {
      ids.add(id);
      expanded.add(id);
    }
    if (r.oldPath) for (const id of pathIds(r.oldPath)) if (id !== r.org.id) ids.add(id);
    for (const id of ids) childrenCache.delete(id);
    const rootId = root!.id;
    const [fresh] = await Promise.all([
      api.org(rootId, signal).catch(() => null),
      ...[...ids].map((id) => loadChildren(id).catch(() => [])),
    ]);
    if (signal.aborted) return;
    if (fresh) {
      root = fresh;
      state.root = fresh;
    }
    selectOrg(r.org);
  }

  async function pickById(id: number): Promise<void> {
    try {
      selectOrg(await api.org(id, signal));
    } catch (e) {
      if (!isAbort(e)) replace(details, notice('error', e instanceof ApiError ? e.message : 'Không tải được tổ chức.'));
    }
  }

  // ---- search ---------------------------------------------------------------

  let searchCtrl: AbortController | null = null;
  const runSearch = debounce(async () => {
    const q = search.value.trim();
    searchCtrl?.abort();
    if (q.length < 2) {
      results.hidden = true;
      return;
    }
    searchCtrl = new AbortController();
    try {
      const page = await api.searchOrgs(q, AbortSignal.any([signal, searchCtrl.signal]));
      results.hidden = false;
      replace(results, page.items.length
        ? page.items.map((o) => h('li', null, h('button', {
            type: 'button', class: 'result',
            onclick: () => {
              selectOrg(o);
              search.value = '';
              results.hidden = true;
            },
          }, h('span', null, o.name), h('small', null, `${kindName(o)} · ${o.code}`))))
        : h('li', { class: 'tree-loading' }, 'Không tìm thấy tổ chức nào.'));
    } catch (e) {
      if (!isAbort(e)) {
        results.hidden = false;
        replace(results, h('li', { class: 'tree-loading' }, e instanceof ApiError ? e.message : 'Lỗi tìm kiếm.'));
      }
    }
  }, 250);

  const off = onOrgChange(() => {
    if (state.org) void reveal(state.org);
    void drawDetails();
    if (narrow.matches) details.scrollIntoView({ block: 'start', behavior: 'smooth' });
  });
  drawTree();
  if (state.org && state.org.id !== root.id) void reveal(state.org);
  rememberOrgs([root]);
  void drawDetails();
  return () => {
    off();
    searchCtrl?.abort();
    detailsCtrl?.abort();
  };
}
