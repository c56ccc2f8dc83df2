// Small inline-SVG charts (no library): stacked bars and lines over categories, with a y axis,
// an optional reference line, and a legend. The numbers are always also shown in a table by
// the caller; the SVG carries an aria-label summarising it.
import { el } from './common.js';

const NS = 'http://www.w3.org/2000/svg';
// Distinguishable colours (Okabe–Ito first), all with 3:1 contrast against white.
export const PALETTE = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#7a6000', '#56b4e9', '#000000', '#8c564b', '#6a3d9a', '#b15928', '#1b7837', '#505a5f'];

function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
}

function niceMax(value) {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (value <= step * power) return step * power;
  return 10 * power;
}

const W = 640; const H = 300; const M = { left: 48, right: 12, top: 12, bottom: 44 };

function frame(label, max, categories) {
  const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': label });
  const plotH = H - M.top - M.bottom;
  for (let i = 0; i <= 4; i++) {
    const v = (max * i) / 4;
    const y = M.top + plotH - (plotH * i) / 4;
    root.append(svg('line', { x1: M.left, x2: W - M.right, y1: y, y2: y, stroke: '#b1b4b6', 'stroke-width': 1 }));
    root.append(svg('text', { x: M.left - 6, y: y + 4, 'text-anchor': 'end' }, Number.isInteger(v) ? v : v.toFixed(1)));
  }
  const band = (W - M.left - M.right) / Math.max(categories.length, 1);
  categories.forEach((c, i) => root.append(svg('text', { x: M.left + band * i + band / 2, y: H - M.bottom + 16, 'text-anchor': 'middle' }, c)));
  const y = (v) => M.top + plotH - (plotH * v) / max;
  return { root, band, y, plotH };
}

// Stacked bars: series = [{name, values: [number per category]}].
export function stackedBars(label, categories, series) {
  const totals = categories.map((_, i) => series.reduce((s, x) => s + (x.values[i] || 0), 0));
  const max = niceMax(Math.max(0, ...totals));
  const { root, band, y } = frame(label, max, categories);
  categories.forEach((_, i) => {
    let base = 0;
    series.forEach((s, k) => {
      const v = s.values[i] || 0;
      if (!v) return;
      const top = y(base + v);
      root.append(svg('rect', { x: M.left + band * i + band * 0.15, width: band * 0.7, y: top, height: y(base) - top, fill: PALETTE[k % PALETTE.length] },
        svg('title', {}, `${categories[i]} ${s.name}: ${v}`)));
      base += v;
    });
  });
  return root;
}

// Lines: series = [{name, values}], reference = {value, name} drawn dashed.
export function lines(label, categories, series, reference) {
  const all = series.flatMap((s) => s.values.filter((v) => v !== null && v !== undefined));
  const max = niceMax(Math.max(0, ...all, reference ? reference.value * 1.2 : 0));
  const { root, band, y } = frame(label, max, categories);
  if (reference) {
    root.append(svg('line', { x1: M.left, x2: W - M.right, y1: y(reference.value), y2: y(reference.value), stroke: '#d4351c', 'stroke-width': 3, 'stroke-dasharray': '8 5' }));
    root.append(svg('text', { x: W - M.right, y: y(reference.value) - 5, 'text-anchor': 'end' }, reference.name));
  }
  series.forEach((s, k) => {
    const points = s.values.map((v, i) => (v === null || v === undefined ? null : [M.left + band * i + band / 2, y(v)]));
    const path = points.filter(Boolean).map((p, i) => `${i ? 'L' : 'M'}${p[0].toFixed(1)},${p[1].toFixed(1)}`).join('');
    if (path) root.append(svg('path', { d: path, fill: 'none', stroke: PALETTE[k % PALETTE.length], 'stroke-width': 3 }));
    points.forEach((p, i) => p && root.append(svg('circle', { cx: p[0], cy: p[1], r: 4, fill: PALETTE[k % PALETTE.length] }, svg('title', {}, `${categories[i]} ${s.name}: ${s.values[i]}`))));
  });
  return root;
}

// The legend for `names`, in palette order.
export function legend(names) {
  return el('ul', { class: 'legend' }, names.map((n, k) => el('li', {}, el('i', { style: `background:${PALETTE[k % PALETTE.length]}` }), n)));
}
