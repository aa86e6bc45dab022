/*
 * dashboard: "Tổng quan" of the selected subtree from GET /orgs/{id}/stats —
 * key figures, members by status and by age band (chart.js), grassroots
 * organisations by type and organisations by kind.  Reloads when the
 * subtree changes.
 */

import { ApiError, api, isAbort, type Stats } from '../api';
import type { Chart } from '../charts';
import { h, notice, replace } from '../dom';
import { formatNumber, formatPercent } from '../format';
import type { Code } from '../labels';
import type { PageContext } from '../router';
import { onOrgChange, state } from '../state';

const STATUS_COLORS: Record<string, string> = {
  official: '#2f5d8a',
  probationary: '#d9a441',
  transferred: '#8a94a3',
  deceased: '#5b6270',
  removed: '#b56a6a',
  expelled: '#c8102e',
};

const sum = (r: Record<string, number> | undefined): number =>
  Object.values(r ?? {}).reduce((a, b) => a + (Number(b) || 0), 0);

/** Rows of a {code: n} map in the order of the reference list, then any unknown codes. */
function rows(map: Record<string, number> | undefined, ref: Code[]): { code: string; name: string; n: number }[] {
  const m = map ?? {};
  const out = ref.filter((c) => c.code in m).map((c) => ({ code: c.code, name: c.name, n: m[c.code] }));
  for (const k of Object.keys(m)) if (!ref.some((c) => c.code === k)) out.push({ code: k, name: k, n: m[k] });
  return out;
}

function figure(label: string, value: string, sub: string | null, testid: string): HTMLElement {
  return h('div', { class: 'figure', 'data-testid': testid },
    h('div', { class: 'figure-label' }, label),
    h('div', { class: 'figure-value' }, value),
    sub ? h('div', { class: 'figure-sub' }, sub) : null,
  );
}

/** "18_30" → "18–30", "61_up" → "Từ 61": short enough for chart ticks (the axis says "Tuổi"). */
function shortBand(code: string, name: string): string {
  let m = /^(\d+)_(\d+)$/.exec(code);
  if (m) return `${m[1]}–${m[2]}`;
  m = /^(\d+)_up$/.exec(code);
  return m ? `Từ ${m[1]}` : name;
}

export function dashboardPage({ outlet, signal }: PageContext): () => void {
  const body = h('div', { class: 'dashboard' });
  const title = h('p', { class: 'page-sub' });
  outlet.append(h('div', { class: 'page-head' }, h('div', null, h('h1', null, 'Tổng quan'), title)), body);
  let charts: Chart[] = [];
  let ctrl: AbortController | null = null;

  function destroyCharts(): void {
    charts.forEach((c) => c.destroy());
    charts = [];
  }

  async function load(): Promise<void> {
    const org = state.org;
    if (!org) {
      replace(body, notice('empty', 'Tài khoản chưa được giao tổ chức nào.'));
      return;
    }
    title.textContent = org.name;
    ctrl?.abort();
    ctrl = new AbortController();
    const sig = AbortSignal.any([signal, ctrl.signal]);
    replace(body, notice('loading', 'Đang tải số liệu…'));
    try {
      const [stats, chartsMod] = await Promise.all([api.stats(org.id, sig), import('../charts')]);
      if (sig.aborted) return;
      destroyCharts();
      draw(stats, chartsMod.barChart);
    } catch (e) {
      if (isAbort(e) || sig.aborted) return;
      replace(body, notice('error', e instanceof ApiError ? e.message : 'Không tải được số liệu.'));
    }
  }

  function draw(s: Stats, barChart: typeof import('../charts').barChart): void {
    const meta = state.meta;
    const st = s.by_status ?? {};
    const official = st.official ?? 0;
    const probationary = st.probationary ?? 0;
    const active = official + probationary;
    const female = s.by_sex?.female ?? 0;
    const sexTotal = sum(s.by_sex);
    const grassroots = sum(s.grassroots_by_type);

    const figures = h('section', { class: 'figures', 'aria-label': 'Số liệu chính' },
      // Party statistics count members in good standing (chính thức + dự bị); member_total
      // also counts the records of those transferred out, deceased, removed or expelled.
      figure('Tổng số đảng viên', formatNumber(active),
        s.member_total > active ? `Cùng ${formatNumber(s.member_total - active)} hồ sơ đã chuyển đi, từ trần, xóa tên, khai trừ` : null,
        'stat-total'),
      figure('Chính thức', formatNumber(official), active ? `${formatPercent(official, active)} số đảng viên` : null, 'stat-official'),
      figure('Dự bị', formatNumber(probationary), active ? `${formatPercent(probationary, active)} số đảng viên` : null, 'stat-probationary'),
      figure('Đảng viên nữ', formatPercent(female, sexTotal), `${formatNumber(female)}/${formatNumber(sexTotal)} đảng viên`, 'stat-female'),
      figure('Tổ chức cơ sở đảng', formatNumber(grassroots), null, 'stat-grassroots'),
    );

    const statusRows = rows(s.by_status, meta.member_statuses);
    const ageRows = rows(s.by_age_band, meta.age_bands);
    const statusCanvas = h('canvas', { role: 'img', 'aria-label': 'Biểu đồ đảng viên theo trạng thái: ' + statusRows.map((r) => `${r.name} ${formatNumber(r.n)}`).join('; ') });
    const ageCanvas = h('canvas', { role: 'img', 'aria-label': 'Biểu đồ đảng viên theo độ tuổi: ' + ageRows.map((r) => `${r.name} ${formatNumber(r.n)}`).join('; ') });

    const typeRows = rows(s.grassroots_by_type, meta.org_types);
    const kindRows = rows(s.orgs_by_kind, meta.org_kinds);

    replace(
      body,
      figures,
      h('div', { class: 'grid-2' },
        h('section', { class: 'card' },
          h('h2', null, 'Đảng viên theo trạng thái'),
          h('div', { class: 'chart-box' }, statusCanvas),
        ),
        h('section', { class: 'card' },
          h('h2', null, 'Đảng viên theo độ tuổi'),
          h('p', { class: 'card-note' }, 'Đảng viên chính thức và dự bị'),
          h('div', { class: 'chart-box' }, ageCanvas),
        ),
      ),
      h('div', { class: 'grid-2' },
        h('section', { class: 'card' },
          h('h2', null, 'Tổ chức cơ sở đảng theo loại hình'),
          countTable('Loại hình', typeRows, grassroots, 'Tổng số tổ chức cơ sở đảng'),
        ),
        h('section', { class: 'card' },
          h('h2', null, 'Tổ chức đảng theo cấp'),
          countTable('Cấp tổ chức', kindRows, sum(s.orgs_by_kind), 'Tổng số tổ chức đảng'),
        ),
      ),
    );
    charts.push(barChart(statusCanvas, {
      label: 'Đảng viên',
      labels: statusRows.map((r) => r.name),
      values: statusRows.map((r) => r.n),
      colors: statusRows.map((r) => STATUS_COLORS[r.code] ?? '#8a94a3'),
      horizontal: true,
    }));
    charts.push(barChart(ageCanvas, {
      label: 'Đảng viên',
      labels: ageRows.map((r) => shortBand(r.code, r.name)),
      values: ageRows.map((r) => r.n),
      colors: ageRows.map(() => '#2f5d8a'),
      axisTitle: 'Tuổi',
    }));
  }

  function countTable(head: string, list: { name: string; n: number }[], total: number, totalLabel: string): HTMLElement {
    if (!list.length) return notice('empty', 'Không có số liệu.');
    return h('table', { class: 'count-table' },
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, head), h('th', { scope: 'col', class: 'num' }, 'Số lượng'), h('th', { scope: 'col', class: 'num' }, 'Tỷ lệ'))),
      h('tbody', null, list.map((r) =>
        h('tr', null, h('td', null, r.name), h('td', { class: 'num' }, formatNumber(r.n)), h('td', { class: 'num' }, formatPercent(r.n, total))),
      )),
      h('tfoot', null, h('tr', null, h('th', { scope: 'row' }, totalLabel), h('td', { class: 'num' }, formatNumber(total)), h('td', { class: 'num' }, ''))),
    );
  }

  const off = onOrgChange(() => void load());
  void load();
  return () => {
    off();
    ctrl?.abort();
    destroyCharts();
  };
}
