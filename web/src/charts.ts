// plotly.js charts; each draws an "aucune donnée" state instead of an empty frame.
import Plotly from 'plotly.js-dist-min';
import type { BreakdownResponse, TimeseriesResponse } from './api';
import { t } from './i18n';

const palette = ['#2563eb', '#0d9488', '#f59e0b', '#db2777', '#7c3aed', '#16a34a', '#ea580c', '#0891b2', '#64748b', '#dc2626'];

const baseLayout: Partial<Plotly.Layout> = {
  margin: { l: 64, r: 16, t: 8, b: 40 },
  paper_bgcolor: 'rgba(0,0,0,0)',
  plot_bgcolor: 'rgba(0,0,0,0)',
  font: { family: 'Inter, system-ui, -apple-system, Segoe UI, Roboto, sans-serif', size: 12, color: '#334155' },
  hoverlabel: { bgcolor: '#0f172a', font: { color: '#fff' } },
  separators: ', ',
};

const config: Partial<Plotly.Config> = { displaylogo: false, responsive: true, displayModeBar: false };

function empty(el: HTMLElement, text: string): void {
  Plotly.purge(el);
  el.dataset.points = '0';
  el.innerHTML = `<div class="empty">${text}</div>`;
}

function ready(el: HTMLElement, points: number): void {
  el.querySelector('.empty')?.remove();
  el.dataset.points = String(points);
}

export function drawTimeseries(el: HTMLElement, r: TimeseriesResponse, separators: string, emptyText: string): void {
  const hasData = r.points.some((p) => p.nb_ventes > 0);
  if (!hasData) return empty(el, emptyText);
  ready(el, r.points.length);
  const x = r.points.map((p) => p.t.replace('T', ' '));
  const y = r.points.map((p) => Number(p.chiffre_affaires));
  Plotly.react(
    el,
    [
      {
        x,
        y,
        type: 'scatter',
        mode: r.points.length > 60 ? 'lines' : 'lines+markers',
        line: { color: palette[0], width: 2, shape: 'linear' },
        fill: 'tozeroy',
        fillcolor: 'rgba(37,99,235,0.12)',
        name: t('revenue'),
        hovertemplate: '%{x}<br>%{y:,.2f} €<extra></extra>',
      },
    ],
    {
      ...baseLayout,
      separators,
      // Numeric day/month formats: the same in both languages, no plotly locale bundle.
      xaxis: { type: 'date', gridcolor: '#e2e8f0', tickformat: r.bucket_minutes >= 1440 ? '%d/%m/%Y' : '%d/%m %H:%M' },
      yaxis: { ticksuffix: ' €', gridcolor: '#e2e8f0', rangemode: 'tozero' },
    },
    config,
  );
}

export function drawBars(el: HTMLElement, r: BreakdownResponse, separators: string, horizontal: boolean, emptyText: string): void {
  if (r.rows.length === 0) return empty(el, emptyText);
  ready(el, r.rows.length);
  const rows = horizontal ? [...r.rows].reverse() : r.rows;
  const names = rows.map((row) => row.name);
  const values = rows.map((row) => Number(row.chiffre_affaires));
  Plotly.react(
    el,
    [
      {
        type: 'bar',
        orientation: horizontal ? 'h' : 'v',
        x: horizontal ? values : names,
        y: horizontal ? names : values,
        marker: { color: horizontal ? palette[0] : rows.map((_, i) => palette[i % palette.length]) },
        hovertemplate: horizontal ? '%{y}: %{x:,.2f} €<extra></extra>' : '%{x}: %{y:,.2f} €<extra></extra>',
      },
    ],
    {
      ...baseLayout,
      separators,
      margin: horizontal ? { l: 110, r: 16, t: 8, b: 36 } : baseLayout.margin,
      xaxis: horizontal ? { ticksuffix: ' €', gridcolor: '#e2e8f0' } : { automargin: true },
      yaxis: horizontal ? { automargin: true } : { ticksuffix: ' €', gridcolor: '#e2e8f0' },
    },
    config,
  );
}

export function drawDonut(el: HTMLElement, r: BreakdownResponse, separators: string, emptyText: string): void {
  if (r.rows.length === 0) return empty(el, emptyText);
  ready(el, r.rows.length);
  Plotly.react(
    el,
    [
      {
        type: 'pie',
        hole: 0.55,
        labels: r.rows.map((row) => row.name),
        values: r.rows.map((row) => Number(row.chiffre_affaires)),
        marker: { colors: palette },
        textinfo: 'percent',
        hovertemplate: '%{label}: %{value:,.2f} €<extra></extra>',
        sort: false,
      },
    ],
    { ...baseLayout, separators, margin: { l: 8, r: 8, t: 8, b: 8 }, showlegend: true, legend: { orientation: 'v' } },
    config,
  );
}

export function purge(el: HTMLElement): void {
  Plotly.purge(el);
}
