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
} from 'chart.js';
import { formatNumber, formatPercent } from './format';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);
Chart.defaults.font.family = getComputedStyle(document.body).fontFamily || 'system-ui, sans-serif';
Chart.defaults.color = '#3a3f47';
Chart.defaults.animation = false;

export interface BarSpec {
  labels: string[];
  values: number[];
  colors: string[];
  label: string;
  horizontal?: boolean;
}

export function barChart(canvas: HTMLCanvasElement, spec: BarSpec): Chart {
  const total = spec.values.reduce((a, b) => a + b, 0);
  const config: ChartConfiguration<'bar'> = {
    type: 'bar',
    data: {
      labels: spec.labels,
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
        [spec.horizontal ? 'y' : 'x']: { grid: { display: false } },
      },
    },
  };
  return new Chart(canvas, config);
}

export type { Chart };
