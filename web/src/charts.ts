/*
 * charts: the chart.js pieces the dashboard uses, registered once.  Loaded
 * lazily (dynamic import) so the login page and lists do not pay for it.
 * Numbers in ticks and tooltips use Vietnamese formatting.
 */

import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  Tooltip,
  type ChartConfiguration,
  type Plugin,
} from 'chart.js';
import { formatNumber, formatPercent } from './format';

/** Writes each bar's value at its end, so small categories stay readable. */
const valueLabels: Plugin<'bar'> = {
  id: 'chiboValueLabels',
  afterDatasetsDraw(chart) {
    const { ctx } = chart;
    const horizontal = chart.options.indexAxis === 'y';
    ctx.save();
    ctx.font = `600 12px ${Chart.defaults.font.family}`;
    ctx.fillStyle = '#3a3f47';
    chart.data.datasets.forEach((ds, i) => {
      chart.getDatasetMeta(i).data.forEach((bar, j) => {
        const v = Number(ds.data[j] ?? 0);
        const { x, y } = bar.getProps(['x', 'y'], true) as { x: number; y: number };
        if (horizontal) {
          ctx.textAlign = 'left';
          ctx.textBaseline = 'middle';
          ctx.fillText(formatNumber(v), x + 6, y);
        } else {
          ctx.textAlign = 'center';
          ctx.textBaseline = 'bottom';
          ctx.fillText(formatNumber(v), x, y - 4);
        }
      });
    });
    ctx.restore();
  },
};

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend, valueLabels);
Chart.defaults.font.family = getComputedStyle(document.body).fontFamily || 'system-ui, sans-serif';
Chart.defaults.color = '#3a3f47';
Chart.defaults.animation = false;

export interface BarSpec {
  labels: string[];
  values: number[];
  colors: string[];
  label: string;
  horizontal?: boolean;
  /** title of the category axis, e.g. "Tuổi" */
  axisTitle?: string;
}

/** Breaks a long category label into lines of about max characters. */
function wrap(label: string, max = 13): string | string[] {
  if (label.length <= max) return label;
  const lines: string[] = [];
  let line = '';
  for (const w of label.split(' ')) {
    if (line && (line + ' ' + w).length > max) {
      lines.push(line);
      line = w;
    } else line = line ? line + ' ' + w : w;
  }
  if (line) lines.push(line);
  return lines;
}

export function barChart(canvas: HTMLCanvasElement, spec: BarSpec): Chart {
  const total = spec.values.reduce((a, b) => a + b, 0);
  const config: ChartConfiguration<'bar'> = {
    type: 'bar',
    data: {
      labels: spec.labels.map((l) => wrap(l)),
      datasets: [{
        label: spec.label,
        data: spec.values,
        backgroundColor: spec.colors,
        borderRadius: 3,
        maxBarThickness: 48,
      }],
    },
    options: {
      indexAxis: spec.horizontal ? 'y' : 'x',
      // room for the value labels drawn past the end of the bars
      layout: { padding: spec.horizontal ? { right: 48 } : { top: 20 } },
      responsive: true,
      maintainAspectRatio: false,
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            label: (item) => {
              const v = item.parsed[spec.horizontal ? 'x' : 'y'] ?? 0;
              return ` ${formatNumber(v)} đảng viên (${formatPercent(v, total)})`;
            },
          },
        },
      },
      scales: {
        [spec.horizontal ? 'x' : 'y']: {
          beginAtZero: true,
          ticks: { precision: 0, callback: (v: string | number) => formatNumber(Number(v)) },
          grid: { color: '#eceef1' },
        },
        [spec.horizontal ? 'y' : 'x']: {
          grid: { display: false },
          ticks: { autoSkip: false, maxRotation: 0 },
          title: spec.axisTitle ? { display: true, text: spec.axisTitle } : { display: false },
        },
      },
    },
  };
  return new Chart(canvas, config);
}

export type { Chart };
