// The alert feed for a chosen role or team: the unacknowledged alerts, then live ones as they
// are raised, each with an Acknowledge button. The stream resumes after a reconnect from the last
// alert received (the browser sends its id; tocflow-web resumes tocflowd's watch from it).
import { api, announce, el, formatTime, humanEnum, settings, watchAlerts } from './common.js';

let source = null;
const shown = new Map();  // cursor -> alert

const ROLES = ['WARD_DISCHARGE_COORDINATOR', 'CARE_TRANSFER_HUB', 'SENIOR_ESCALATION', 'LA_SOCIAL_WORKER', 'LA_TEAM_MANAGER',
  'LA_FINANCE', 'CARE_PROVIDER', 'CHC_COORDINATOR', 'CHC_MANAGER', 'GP', 'TRANSPORT', 'EQUIPMENT_SERVICE'];

function form() { return document.getElementById('alert-filter'); }
function list() { return document.getElementById('alert-list'); }

function query() {
  const data = new FormData(form());
  const q = {};
  for (const name of ['role', 'party', 'la', 'icb']) if (data.get(name)) q[name] = data.get(name).trim();
  return q;
}

function updateCount() {
  const open = [...shown.values()].filter((a) => !a.acknowledged_at).length;
  document.getElementById('alert-count').textContent = open ? String(open) : '';
}

function item(alert) {
  const severity = humanEnum(alert.severity, 'SEVERITY_');
  const acked = Boolean(alert.acknowledged_at);
  const ack = el('button', { type: 'button', 'aria-label': `Acknowledge alert ${alert.cursor}`, onclick: () => acknowledge(alert.cursor) }, 'Acknowledge');
  return el('li', { class: `sev-${severity} ${acked ? 'acked' : ''}`, dataset: { cursor: alert.cursor, acked: acked ? 'true' : 'false' } },
    el('strong', {}, severity.toUpperCase()),
    el('span', { class: 'msg' }, alert.message, ' ', el('a', { href: `#case/${encodeURIComponent(alert.case_id)}` }, 'open case')),
    el('span', { class: 'muted' }, `for ${alert.recipients.map((r) => r.party || humanEnum(r.role, 'ROLE_')).join(', ')}`),
    el('span', {}, `raised ${formatTime(alert.raised_at)}`, alert.due ? ` · due ${formatTime(alert.due)}` : ''),
    acked ? el('span', { class: 'muted' }, `acknowledged by ${alert.acknowledged_by}`) : ack);
}

function put(alert) {
  shown.set(alert.cursor, alert);
  const node = item(alert);
  const old = list().querySelector(`li[data-cursor="${alert.cursor}"]`);
  if (old) old.replaceWith(node); else list().prepend(node);
  updateCount();
}

async function acknowledge(cursor) {
  try {
    put(await api(`/api/alerts/${cursor}/ack`, { method: 'POST', body: { acknowledged_by: settings.actor } }));
    announce('Alert acknowledged.', 'ok');
  } catch (err) {
    announce(`Not acknowledged: ${err.code}: ${err.message}`, 'error');
  }
}

// (Re)starts the feed with the form's filter.
export async function followAlerts() {
  if (source) source.close();
  shown.clear();
  list().replaceChildren();
  document.body.dataset.alertsReady = 'false';
  const q = query();
  let last = null;
  try {
    const stored = (await api(`/api/alerts?${new URLSearchParams({ ...q, unacked: 'true' })}`)).alerts;
    for (const alert of stored) put(alert);
    last = stored.length ? stored.at(-1).cursor : null;
  } catch (err) {
    announce(`Alerts not loaded: ${err.code}: ${err.message}`, 'error');
    return;
  }
  // Follow from the last stored alert when there is one, so nothing falls in between.
  source = watchAlerts(last ? { ...q, after: last } : q, {
    onReady: () => { document.body.dataset.alertsReady = 'true'; },
    onAlert: (alert) => put(alert),
    onError: (err) => announce(`Alert feed stopped: ${err.code}: ${err.message}`, 'error'),
  });
}

// Sets the alert view up.
export function startAlerts() {
  const select = form().elements.role;
  for (const role of ROLES) select.append(el('option', { value: role.toLowerCase() }, role.toLowerCase().replaceAll('_', ' ')));
  form().addEventListener('submit', (e) => { e.preventDefault(); followAlerts(); });
}
