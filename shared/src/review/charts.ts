/**
 * The review page's charts as inline SVG strings: findings per rule (stacked bars by severity), and the
 * distribution of an indicator across the set (a strip plot over its box: quartiles, whiskers at 1.5 IQR, the
 * reports beyond them labelled by body). Every text is escaped; nothing is loaded from anywhere.
 */
import { escapeHtml as esc } from './escape';
import type { ReviewData } from './schema';

const SEV_COLOUR = { errors: '#c62828', warnings: '#ef8f00', infos: '#1565c0', hints: '#9e9e9e' } as const;

/** Findings per rule over the set, one stacked bar per rule. */
export function ruleChart(rules: ReviewData['rules'], lang: 'zh' | 'en'): string {
  if (rules.length === 0) return `<p class="muted">${lang === 'zh' ? '没有发现问题。' : 'No findings.'}</p>`;
  const W = 880;
  const LABEL = 440;
  const ROW = 20;
  const H = rules.length * ROW + 24;
  const max = Math.max(...rules.map((r) => r.count));
  const scale = (W - LABEL - 50) / max;
  const bars = rules.map((r, i) => {
    const y = i * ROW + 4;
    let x = LABEL;
    const segs = (['errors', 'warnings', 'infos', 'hints'] as const)
      .filter((k) => r[k] > 0)
      .map((k) => {
        const w = Math.max(1, r[k] * scale);
        const s = `<rect x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${ROW - 6}" fill="${SEV_COLOUR[k]}"><title>${esc(`${r.rule}: ${r[k]}`)}</title></rect>`;
        x += w;
        return s;
      })
      .join('');
    const title = r.title.length > 16 ? `${r.title.slice(0, 15)}…` : r.title;
    return `<text x="${LABEL - 6}" y="${y + ROW - 9}" text-anchor="end"><title>${esc(r.title)}</title>${esc(title)} <tspan class="rid">${esc(r.rule)}</tspan></text>${segs}<text x="${(x + 4).toFixed(1)}" y="${y + ROW - 9}">${r.count}</text>`;
  });
  const legend = (['errors', 'warnings', 'infos', 'hints'] as const)
    .map((k, i) => {
      const name = lang === 'zh' ? { errors: '错误', warnings: '警告', infos: '信息', hints: '提示' }[k] : k;
      return `<rect x="${LABEL + i * 80}" y="${H - 14}" width="10" height="10" fill="${SEV_COLOUR[k]}"/><text x="${LABEL + i * 80 + 14}" y="${H - 5}">${name}</text>`;
    })
    .join('');
  return `<svg class="chart" role="img" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" aria-label="${esc(lang === 'zh' ? '各规则问题数' : 'Findings per rule')}">${bars.join('')}${legend}</svg>`;
}

export interface StripPoint {
  readonly value: number;
  /** Who: the body, else the report's name. */
  readonly label: string;
  /** The anchor of the report's details. */
  readonly id: string;
}

/** The q-quantile of sorted values, linear between neighbours. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** The points beyond 1.5 IQR of the quartiles (none with fewer than four points). */
export function outliers(points: readonly StripPoint[]): { low: number; high: number; out: StripPoint[] } {
  const sorted = points.map((p) => p.value).sort((a, b) => a - b);
  if (sorted.length < 4) return { low: -Infinity, high: Infinity, out: [] };
  const q1 = quantile(sorted, 0.25);
  const q3 = quantile(sorted, 0.75);
  const iqr = q3 - q1;
  const low = q1 - 1.5 * iqr;
  const high = q3 + 1.5 * iqr;
  return { low, high, out: points.filter((p) => p.value < low || p.value > high) };
}

/** A deterministic jitter in [-1, 1] for the i-th point. */
function jitter(i: number): number {
  const x = Math.sin(i * 12.9898) * 43758.5453;
  return (x - Math.floor(x)) * 2 - 1;
}

/** Labels drawn for outliers at most (the rest are in the dots' tooltips). */
const MAX_LABELS = 10;

export function stripPlot(title: string, points: readonly StripPoint[], format: (v: number) => string, lang: 'zh' | 'en'): string {
  const W = 720;
  const H = 150;
  const L = 40;
  const R = W - 40;
  const MID = 80;
  const head = `<figure class="strip"><figcaption>${esc(title)} <span class="muted">${lang === 'zh' ? `（${points.length} 份报告）` : `(${points.length} reports)`}</span></figcaption>`;
  if (points.length === 0) return `${head}<p class="muted">${lang === 'zh' ? '没有可比较的数字。' : 'No figures to compare.'}</p></figure>`;
  const values = points.map((p) => p.value);
  const min = Math.min(0, ...values);
  const max = Math.max(...values);
  const span = max - min || 1;
  const x = (v: number) => L + ((v - min) / span) * (R - L);
  const sorted = [...values].sort((a, b) => a - b);
  const { low, high, out } = outliers(points);
  const parts: string[] = [];
  // Axis with five ticks.
  parts.push(`<line x1="${L}" y1="${H - 28}" x2="${R}" y2="${H - 28}" class="axis"/>`);
  for (let k = 0; k <= 4; k++) {
    const v = min + (span * k) / 4;
    parts.push(`<line x1="${x(v).toFixed(1)}" y1="${H - 28}" x2="${x(v).toFixed(1)}" y2="${H - 24}" class="axis"/><text x="${x(v).toFixed(1)}" y="${H - 12}" text-anchor="middle">${esc(format(v))}</text>`);
  }
  if (sorted.length >= 4) {
    const q1 = quantile(sorted, 0.25);
    const q3 = quantile(sorted, 0.75);
    const med = quantile(sorted, 0.5);
    const inside = sorted.filter((v) => v >= low && v <= high);
    const wl = inside[0] ?? q1;
    const wh = inside[inside.length - 1] ?? q3;
    parts.push(
      `<line x1="${x(wl).toFixed(1)}" y1="${MID}" x2="${x(wh).toFixed(1)}" y2="${MID}" class="whisker"/>`,
      `<rect x="${x(q1).toFixed(1)}" y="${MID - 16}" width="${Math.max(1, x(q3) - x(q1)).toFixed(1)}" height="32" class="box"><title>${esc(`Q1 ${format(q1)} · ${lang === 'zh' ? '中位数' : 'median'} ${format(med)} · Q3 ${format(q3)}`)}</title></rect>`,
      `<line x1="${x(med).toFixed(1)}" y1="${MID - 16}" x2="${x(med).toFixed(1)}" y2="${MID + 16}" class="median"/>`,
    );
  }
  const outSet = new Set(out);
  points.forEach((p, i) => {
    const cy = MID + jitter(i) * 12;
    const cls = outSet.has(p) ? 'dot out' : 'dot';
    parts.push(`<a href="#${esc(p.id)}"><circle cx="${x(p.value).toFixed(1)}" cy="${cy.toFixed(1)}" r="3.5" class="${cls}"><title>${esc(`${p.label}: ${format(p.value)}`)}</title></circle></a>`);
  });
  // Outlier labels, alternating above and below, the most extreme first; the same body and value once (×n).
  const centre = quantile(sorted, 0.5);
  const groups = new Map<string, { p: StripPoint; n: number }>();
  for (const p of out) {
    const k = `${p.label}\u0000${p.value}`;
    const g = groups.get(k);
    if (g) g.n++;
    else groups.set(k, { p, n: 1 });
  }
  const ranked = [...groups.values()].sort((a, b) => Math.abs(b.p.value - centre) - Math.abs(a.p.value - centre)).slice(0, MAX_LABELS);
  ranked.forEach(({ p, n }, k) => {
    const up = k % 2 === 0;
    const y = up ? MID - 24 - Math.floor(k / 2) * 11 : MID + 32 + Math.floor(k / 2) * 11;
    const px = x(p.value);
    const anchor = px > W * 0.75 ? 'end' : px < W * 0.25 ? 'start' : 'middle';
    parts.push(`<text x="${px.toFixed(1)}" y="${y}" text-anchor="${anchor}" class="olabel">${esc(`${p.label} ${format(p.value)}${n > 1 ? ` ×${n}` : ''}`)}</text>`);
  });
  const note = out.length
    ? `<p class="muted">${lang === 'zh' ? `超出四分位距 1.5 倍的报告（${out.length} 份）已标出机关名称。` : `${out.length} report(s) beyond 1.5 IQR are labelled with their body.`}</p>`
    : '';
  return `${head}<svg class="chart" role="img" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" aria-label="${esc(title)}">${parts.join('')}</svg>${note}</figure>`;
}
