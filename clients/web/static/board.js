// The ward board: open cases for an organisation, site, ward, LA or ICB, sortable and
// filterable, refreshed live when an alert arrives for any case (and every minute as a
// fallback). Long delays and breached deadlines stand out.
import { api, announce, daysSince, el, formatDay, formatTime, humanEnum, humanState, shortEnum, watchAlerts } from './common.js';

const table = () => document.getElementById('board');
let rows = [];
let sortKey = 'delay';
let sortDescending = true;
const changed = new Set();
let refreshTimer = null;

const TRACKS = ['stay', 'notices', 'chc', 'care'];

// The board's columns: heading, cell builder, sort value.
const columns = [
  { key: 'patient', label: 'Patient', value: (r) => r.nhs_number || r.local_patient_id, cell: patientCell },
  { key: 'where', label: 'Ward / bed', value: (r) => `${r.ward} ${r.bed}`, cell: (r) => el('td', {}, r.ward || '—', el('br'), el('span', { class: 'muted' }, r.bed ? `bed ${r.bed}` : '')) },
  { key: 'los', label: 'Days in', num: true, value: (r) => daysSince(r.admitted_at) ?? -1, cell: (r) => el('td', { class: 'num' }, daysSince(r.admitted_at) ?? '') },
  { key: 'drd', label: 'Ready since', value: (r) => r.discharge_ready_date || '', cell: (r) => el('td', {}, r.discharge_ready_date ? formatDay(r.discharge_ready_date) : el('span', { class: 'muted' }, 'not ready')) },
  { key: 'delay', label: 'Delay (days)', num: true, value: (r) => r.delay_days, cell: delayCell },
  { key: 'pathway', label: 'Pathway', value: (r) => r.pathway, cell: (r) => el('td', {}, r.pathway ? shortEnum(r.pathway, 'PATHWAY_') : '—') },
  { key: 'reason', label: 'Reason / attribution', value: (r) => r.dtoc_reason + r.nctr_reason, cell: reasonCell },
  { key: 'tracks', label: 'Tracks', value: (r) => r.states.stay || '', cell: tracksCell },
  { key: 'deadline', label: 'Next deadline', value: (r) => r.next_deadline?.due || '9999', cell: deadlineCell },
  { key: 'owner', label: 'Owner', value: (r) => owner(r), cell: (r) => el('td', {}, owner(r) || '—') },
];

function patientCell(r) {
  const label = r.nhs_number_untraced || !r.nhs_number ? 'untraced' : r.nhs_number;
  return el('td', {},
    el('a', { href: `#case/${encodeURIComponent(r.case_id)}`, class: 'nhs', 'aria-label': `Case of patient ${label}, local id ${r.local_patient_id}` }, label),
    el('br'), el('span', { class: 'muted' }, r.local_patient_id));
}
function delayCell(r) {
  const text = r.delay_days > 0 ? String(r.delay_days) : (r.discharge_ready_date ? '0' : '');
  const flag = r.delay_days >= 21 ? ' (21+)' : r.delay_days >= 7 ? ' (7+)' : '';
  return el('td', { class: 'num delay' }, text, flag ? el('span', { class: 'visually-hidden' }, flag) : null);
}
function reasonCell(r) {
  const reason = [r.dtoc_reason && shortEnum(r.dtoc_reason, 'DTOC_REASON_'), r.nctr_reason && humanEnum(r.nctr_reason, 'NCTR_REASON_')].filter(Boolean).join(' · ');
  return el('td', {}, reason || '—', r.attribution ? el('br') : null, r.attribution ? el('span', { class: 'tag' }, humanEnum(r.attribution, 'ATTRIBUTION_')) : null);
}
function tracksCell(r) {
  return el('td', {}, TRACKS.filter((t) => r.states[t]).map((t) => el('span', { class: 'tag', title: t }, `${t}: ${humanState(r.states[t])}`)));
}
function breached(r) { return r.next_deadline && new Date(r.next_deadline.due) <= new Date(); }
function deadlineCell(r) {
  if (!r.next_deadline) return el('td', { class: 'muted' }, '—');
  return el('td', { class: breached(r) ? 'breached' : '' },
    humanEnum(r.next_deadline.kind, 'DEADLINE_KIND_'), el('br'), breached(r) ? 'overdue since ' : 'due ', formatTime(r.next_deadline.due));
}
function owner(r) {
  if (!r.next_deadline) return '';
  if (r.next_deadline.owners.length) return r.next_deadline.owners.join(', ');
  return r.next_deadline.owner_roles.map((x) => humanEnum(x, 'ROLE_')).join(', ');
}

function filterForm() { return document.getElementById('board-filter'); }
function query() {
  const data = new FormData(filterForm());
  const q = {};
  for (const name of ['provider_ods', 'site', 'ward', 'la', 'icb']) if (data.get(name)) q[name] = data.get(name).trim();
  return q;
}

function visibleRows() {
  const data = new FormData(filterForm());
  const needle = (data.get('q') || '').trim().toLowerCase().replaceAll(' ', '');
  const delayedOnly = data.get('delayed') === 'on';
  const column = columns.find((c) => c.key === sortKey);
  return rows
    .filter((r) => !delayedOnly || r.delay_days > 0)
    .filter((r) => !needle || [r.nhs_number, r.local_patient_id, r.bed, r.ward, r.dtoc_reason, r.nctr_reason]
      .some((v) => (v || '').toLowerCase().replaceAll(' ', '').includes(needle)))
    .sort((a, b) => {
      const x = column.value(a); const y = column.value(b);
      const order = x < y ? -1 : x > y ? 1 : 0;
      return sortDescending ? -order : order;
    });
}

function renderHead() {
  const tr = el('tr');
  for (const c of columns) {
    const sorted = c.key === sortKey;
    tr.append(el('th', { scope: 'col', class: c.num ? 'num' : '', 'aria-sort': sorted ? (sortDescending ? 'descending' : 'ascending') : 'none' },
      el('button', { type: 'button', class: 'sort', onclick: () => { sortDescending = sorted ? !sortDescending : c.num; sortKey = c.key; render(); } },
        c.label, sorted ? (sortDescending ? ' ▼' : ' ▲') : '')));
  }
  table().tHead.replaceChildren(tr);
}

function render() {
  renderHead();
  const shown = visibleRows();
  table().tBodies[0].replaceChildren(...shown.map((r) => {
    const classes = [r.delay_days >= 21 ? 'delay-21' : r.delay_days >= 7 ? 'delay-7' : '', changed.has(r.case_id) ? 'changed' : ''];
    return el('tr', { class: classes.join(' ').trim(), dataset: { caseId: r.case_id } }, columns.map((c) => c.cell(r)));
  }));
  changed.clear();
  const delayed = rows.filter((r) => r.delay_days > 0).length;
  document.getElementById('board-summary').textContent =
    `${rows.length} open cases · ${delayed} delayed · ${rows.filter((r) => r.delay_days >= 7).length} delayed 7+ days · ` +
    `${rows.filter((r) => r.delay_days >= 21).length} delayed 21+ days · ${rows.filter(breached).length} deadlines passed` +
    (shown.length !== rows.length ? ` · showing ${shown.length}` : '');
  document.body.dataset.boardRows = String(rows.length);
}

// Reloads the board from the API.
export async function refreshBoard() {
  try {
    const before = new Map(rows.map((r) => [r.case_id, r.version]));
    rows = (await api(`/api/board?${new URLSearchParams(query())}`)).rows;
    for (const r of rows) if (before.size && before.get(r.case_id) !== r.version) changed.add(r.case_id);
    render();
    const status = document.getElementById('status');
    if (status.textContent.startsWith('Board not updated')) announce('');
  } catch (e) {
    announce(`Board not updated: ${e.code} ${e.message}`, 'error');
  }
}

function scheduleRefresh() {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(refreshBoard, 250);
}

// Sets the board up and starts following alerts (any alert may change a row).
export function startBoard() {
  filterForm().addEventListener('submit', (e) => { e.preventDefault(); refreshBoard(); });
  filterForm().addEventListener('input', (e) => { if (e.target.name === 'q' || e.target.name === 'delayed') render(); });
  const live = document.getElementById('live');
  watchAlerts({}, {
    onReady: () => { live.dataset.state = 'ready'; live.textContent = 'live'; refreshBoard(); },
    onAlert: () => scheduleRefresh(),
  }).addEventListener('error', () => { live.dataset.state = 'connecting'; live.textContent = 'reconnecting…'; });
  setInterval(refreshBoard, 60000);
  render();
}
