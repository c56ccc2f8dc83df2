// The charts: delayed days per month by reason and by attribution (stacked), DTOC beds and the
// rate per 100,000 adults against the 2.6 social-care expectation, discharges by pathway, CHC
// 28-day compliance and the 12-month trend. Every figure comes from tocflowd's ReportService
// (through /api/reports) and is shown in a table and downloadable as CSV.
import { api, announce, downloadCsv, el, humanEnum, shortEnum, todayLondon } from './common.js';
import { legend, lines, stackedBars } from './svg.js';

const REASONS = ['A', 'B', 'C', 'DI', 'DII', 'E', 'F', 'G', 'H', 'I', 'OTHER', 'UNSPECIFIED'];
const ATTRIBUTIONS = ['NHS', 'SOCIAL_CARE', 'BOTH', 'UNSPECIFIED'];
const PATHWAYS = ['PATHWAY_0', 'PATHWAY_1', 'PATHWAY_2', 'PATHWAY_3'];
// The social care delayed beds per 100,000 adults expected from 2017 (the API's 2017 test).
const SOCIAL_CARE_EXPECTATION = 2.6;

function form() { return document.getElementById('chart-filter'); }

// The 12 months ending with `month` ("2026-10"), oldest first.
export function lastTwelveMonths(month) {
  let [y, m] = month.split('-').map(Number);
  const out = [];
  for (let i = 0; i < 12; i++) {
    out.unshift(`${y}-${String(m).padStart(2, '0')}`);
    if (--m === 0) { m = 12; y--; }
  }
  return out;
}

// Days of `month` up to today ("YYYY-MM-DD").
function daysOf(month) {
  const [y, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const today = todayLondon();
  const out = [];
  for (let d = 1; d <= last; d++) {
    const day = `${month}-${String(d).padStart(2, '0')}`;
    if (day <= today) out.push(day);
  }
  return out;
}

function num(v) { return v === undefined || v === null ? 0 : Number(v); }

// The table of delayed days a report answer holds for the chosen LA (or all).
function dayCells(report, la) {
  if (la) {
    const row = report.local_authorities.find((x) => x.local_authority === la);
    return row ? row.days.cells : [];
  }
  return [...report.acute.cells, ...report.non_acute.cells];
}

function sumBy(cells, key, prefix, names) {
  const totals = Object.fromEntries(names.map((n) => [n, 0]));
  for (const cell of cells) totals[shortEnum(cell[key], prefix)] += num(cell.days);
  return totals;
}

// One chart: title, picture, legend, the numbers as a table and a CSV download.
function chart(id, title, picture, legendNames, header, rows, note) {
  const table = el('table', { 'data-chart': id },
    el('caption', { class: 'visually-hidden' }, `${title}: figures`),
    el('thead', {}, el('tr', {}, header.map((h, i) => el('th', { scope: 'col', class: i ? 'num' : '' }, h)))),
    el('tbody', {}, rows.map((r) => el('tr', {}, r.map((c, i) => i ? el('td', { class: 'num', dataset: { col: header[i] } }, c ?? '—') : el('th', { scope: 'row' }, c))))));
  return el('figure', { class: 'chart', id: `chart-${id}` },
    el('h3', {}, title), picture, legendNames ? legend(legendNames) : null, note ? el('p', { class: 'muted' }, note) : null,
    el('details', { open: true }, el('summary', {}, 'Figures'), table),
    el('button', { type: 'button', class: 'secondary', onclick: () => downloadCsv(`${id}.csv`, header, rows) }, `Download ${title} as CSV`));
}

function monthLabel(month) {
  const [y, m] = month.split('-');
  return `${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][Number(m) - 1]} ${y.slice(2)}`;
}

async function load() {
  const data = new FormData(form());
  const month = data.get('month');
  const la = (data.get('la') || '').trim();
  const population = (data.get('population') || '').trim();
  const provider = (data.get('provider_ods') || '').trim();
  const months = lastTwelveMonths(month);
  const popParam = la && population ? { population: `${la}:${population}` } : {};
  const laParam = la ? { la } : {};  // the server then reads only that LA's cases
  const [dtoc, chc, daily] = await Promise.all([
    Promise.all(months.map((m) => api(`/api/reports/dtoc?${new URLSearchParams({ month: m, ...popParam, ...laParam })}`))),
    Promise.all(months.map((m) => api(`/api/reports/chc?month=${m}`))),
    Promise.all(daysOf(month).map((d) => api(`/api/reports/drd?${new URLSearchParams({ day: d, provider_ods: provider })}`))),
  ]);
  const labels = months.map(monthLabel);
  const scope = la ? `LA ${la}` : 'all local authorities';
  const out = [];

  const byReason = dtoc.map((r) => sumBy(dayCells(r, la), 'reason', 'DTOC_REASON_', REASONS));
  const reasons = REASONS.filter((n) => byReason.some((t) => t[n]));
  out.push(chart('reason', 'Delayed days by reason',
    stackedBars(`Delayed days per month by DTOC reason, ${scope}`, labels, reasons.map((n) => ({ name: n, values: byReason.map((t) => t[n]) }))),
    reasons.map((n) => (n === 'UNSPECIFIED' ? 'not recorded' : n)),
    ['Month', ...reasons.map((n) => (n === 'UNSPECIFIED' ? 'not recorded' : n)), 'Total'],
    months.map((m, i) => [m, ...reasons.map((n) => byReason[i][n]), Object.values(byReason[i]).reduce((a, b) => a + b, 0)])));

  const byAttribution = dtoc.map((r) => sumBy(dayCells(r, la), 'attribution', 'ATTRIBUTION_', ATTRIBUTIONS));
  const attributions = ATTRIBUTIONS.filter((n) => byAttribution.some((t) => t[n]));
  const attributionNames = attributions.map((n) => (n === 'UNSPECIFIED' ? 'not recorded' : humanEnum(n, '')));
  out.push(chart('attribution', 'Delayed days by attribution',
    stackedBars(`Delayed days per month by attribution, ${scope}`, labels, attributions.map((n) => ({ name: n, values: byAttribution.map((t) => t[n]) }))),
    attributionNames, ['Month', ...attributionNames, 'Total'],
    months.map((m, i) => [m, ...attributions.map((n) => byAttribution[i][n]), Object.values(byAttribution[i]).reduce((a, b) => a + b, 0)])));

  const laRows = dtoc.map((r) => (la ? r.local_authorities.find((x) => x.local_authority === la) : null));
  const beds = dtoc.map((r, i) => (la ? num(laRows[i]?.dtoc_beds) : num(r.dtoc_beds)));
  const rate = laRows.map((x) => (x && x.rate_per_100k !== undefined ? x.rate_per_100k : null));
  const scRate = laRows.map((x) => (x && x.social_care_rate_per_100k !== undefined ? x.social_care_rate_per_100k : null));
  const fixed = (v, d = 2) => (v === null || v === undefined ? null : Number(v).toFixed(d));
  out.push(chart('beds', 'DTOC beds and rate per 100,000 adults',
    lines(`DTOC beds and rates per 100,000 adults per month, ${scope}, against the ${SOCIAL_CARE_EXPECTATION} social care expectation`, labels,
      [{ name: 'DTOC beds', values: beds }, { name: 'rate per 100,000', values: rate }, { name: 'social care rate per 100,000', values: scRate }],
      { value: SOCIAL_CARE_EXPECTATION, name: `social care expectation ${SOCIAL_CARE_EXPECTATION}` }),
    ['DTOC beds', 'rate per 100,000', 'social care rate per 100,000'],
    ['Month', 'DTOC beds', 'Rate per 100,000', 'Social care rate per 100,000', 'Meets 2.6'],
    months.map((m, i) => [m, fixed(beds[i]), fixed(rate[i]), fixed(scRate[i]),
      laRows[i]?.meets_2017_social_care_test === undefined ? null : (laRows[i].meets_2017_social_care_test ? 'yes' : 'no')]),
    la && population ? null : 'Rates need a local authority and its adult population (above).'));

  const pathwayTotals = Object.fromEntries([...PATHWAYS, 'unknown'].map((p) => [p, 0]));
  for (const d of daily) {
    for (const p of d.discharges_by_pathway) pathwayTotals[p.pathway] += num(p.discharges);
    pathwayTotals.unknown += num(d.discharges_pathway_unknown);
  }
  const pathwayNames = [...PATHWAYS.map((p) => `pathway ${shortEnum(p, 'PATHWAY_')}`), 'not recorded'];
  out.push(chart('pathway', `Discharges by pathway, ${monthLabel(month)}`,
    stackedBars(`Discharges by pathway in ${month}`, pathwayNames, [{ name: 'discharges', values: Object.values(pathwayTotals) }]),
    null, ['Pathway', 'Discharges'], pathwayNames.map((n, i) => [n, Object.values(pathwayTotals)[i]]),
    `${daily.length} days of ${month}${provider ? `, organisation ${provider}` : ''}`));

  const pct = chc.map((r) => (r.total.percent_within_28_days === undefined ? null : r.total.percent_within_28_days));
  out.push(chart('chc', 'CHC decisions within 28 days',
    lines('Percentage of NHS Continuing Healthcare decisions made within 28 days, per month', labels, [{ name: '% within 28 days', values: pct }]),
    ['% within 28 days'], ['Month', 'Decided', 'Within 28 days', '% within 28 days', 'Incomplete over 28 days', 'Fast Track'],
    months.map((m, i) => [m, chc[i].total.decided, chc[i].total.decided_within_28_days, fixed(pct[i], 1), chc[i].total.incomplete_over_28_days, chc[i].total.fast_track])));

  const totals = byReason.map((t) => Object.values(t).reduce((a, b) => a + b, 0));
  out.push(chart('trend', 'Trend over 12 months',
    lines(`Delayed days per month over the last 12 months, ${scope}`, labels, [{ name: 'delayed days', values: totals }]),
    ['delayed days'], ['Month', 'Delayed days', 'DTOC beds', 'Patients delayed at snapshot'],
    months.map((m, i) => [m, totals[i], fixed(beds[i]), la ? laRows[i]?.snapshot_patients ?? null : dtoc[i].snapshot_patients ?? null])));

  document.getElementById('charts').replaceChildren(...out);
  document.body.dataset.chartsMonth = month;
}

// Draws the charts for the form's month (default: this month).
export async function showCharts() {
  const f = form();
  if (!f.elements.month.value) f.elements.month.value = todayLondon().slice(0, 7);
  document.body.dataset.chartsMonth = '';
  try {
    await load();
  } catch (err) {
    announce(`Charts not drawn: ${err.code}: ${err.message}`, 'error');
  }
}

// Sets the charts view up.
export function startCharts() {
  form().addEventListener('submit', (e) => { e.preventDefault(); showCharts(); });
}
