// The case view: the case's tracks, facts that matter for discharge, open deadlines, assigned
// parties, its full history as a timeline, and a button for each valid next event that opens a
// form built from the API's event schema and records the event (showing the API's error as is).
import { api, announce, el, formatDay, formatTime, humanEnum, humanState, requestId, settings, shortEnum } from './common.js';

let schema = null;
let current = null;

async function eventSchema() {
  if (!schema) schema = new Map((await api('/api/schema/events')).events.map((e) => [e.name, e]));
  return schema;
}

function section(title, ...content) { return el('section', {}, el('h3', {}, title), ...content); }
function dl(pairs) {
  return el('dl', { class: 'facts' }, pairs.filter(([, v]) => v !== '' && v !== undefined && v !== null)
    .flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
}
function roleName(role) { return humanEnum(role, 'ROLE_'); }

// The event's fields in a few words: "pathway: PATHWAY_1".
function eventSummary(event) {
  const [name, body] = Object.entries(event)[0] || ['?', {}];
  const flat = [];
  const walk = (obj, prefix) => {
    for (const [k, v] of Object.entries(obj || {})) {
      if (v && typeof v === 'object' && !('year' in v)) walk(v, `${prefix}${k}.`);
      else if (v !== '' && v !== false && v !== 0) flat.push(`${prefix}${k}: ${typeof v === 'object' ? formatDay(v) : v}`);
    }
  };
  walk(body, '');
  return { name, details: flat.join(', ') };
}

function renderCase(data) {
  const c = data.case;
  const f = c.facts;
  const id = f.identity;
  const stay = f.stay;
  const now = new Date();
  document.getElementById('case-title').textContent =
    `${id.nhs_number_untraced || !id.nhs_number ? 'Untraced' : id.nhs_number.replace(/(\d{3})(\d{3})(\d{4})/, '$1 $2 $3')} · ${id.local_patient_id}`;
  const deadlines = el('ul', { class: 'deadlines' }, c.open_deadlines.length ? c.open_deadlines.map((d) =>
    el('li', { class: new Date(d.due) <= now ? 'breached' : '' }, `${humanEnum(d.kind, 'DEADLINE_KIND_')}: ${new Date(d.due) <= now ? 'overdue since' : 'due'} ${formatTime(d.due)}`)) : [el('li', { class: 'muted' }, 'none')]);
  const parties = el('ul', {}, c.parties.length ? c.parties.map((p) => el('li', {}, `${roleName(p.role)}: ${p.party}`)) : [el('li', { class: 'muted' }, 'nobody assigned')]);
  const actions = el('div', { class: 'actions', role: 'group', 'aria-label': 'Record an event' });
  const seen = new Set();
  for (const v of c.valid_next_events) {
    // Only events callers may record (the schema leaves out deadline_elapsed, the scheduler's).
    if (seen.has(v.event) || !schema.has(v.event)) continue;
    seen.add(v.event);
    actions.append(el('button', { type: 'button', dataset: { event: v.event }, onclick: () => openForm(v.event, c) }, v.event.replaceAll('_', ' ')));
  }
  const history = el('ol', { class: 'timeline', 'aria-label': 'History, oldest first' }, data.history.map((e) => {
    const { name, details } = eventSummary(e.event);
    return el('li', { dataset: { version: e.version } }, el('span', { class: 'when' }, formatTime(e.occurred_at)), ' ', el('strong', {}, name.replaceAll('_', ' ')),
      details ? ` — ${details}` : '', el('br'), el('span', { class: 'muted' }, `v${e.version} by ${e.actor}`));
  }));
  document.getElementById('case-body').replaceChildren(
    el('div', { class: 'case-grid' },
      section('Where and who', dl([['Organisation', id.provider_ods], ['Site', id.site], ['Ward', id.ward], ['Bed', id.bed],
        ['Admitted', formatTime(id.admitted_at)], ['Local authority', id.local_authority], ['ICB', id.icb], ['Spell', id.spell_id],
        ['Rule set', humanEnum(f.rule_set, 'RULE_SET_')], ['Version', c.version], ['Closed', c.closed ? 'yes' : '']])),
      section('Tracks', dl(c.states.map((s) => [s.region, humanState(s.state)]))),
      section('Discharge', dl([['Ready since', stay.discharge_ready_date ? formatDay(stay.discharge_ready_date) : 'not ready'],
        ['Expected discharge', stay.expected_discharge_date ? formatDay(stay.expected_discharge_date) : ''],
        ['Pathway', stay.pathway !== 'PATHWAY_UNSPECIFIED' ? shortEnum(stay.pathway, 'PATHWAY_') : ''],
        ['Delay reason', stay.delay_reason ? [shortEnum(stay.delay_reason.dtoc, 'DTOC_REASON_'), humanEnum(stay.delay_reason.nctr, 'NCTR_REASON_')].filter((x) => x && x !== 'UNSPECIFIED' && x !== 'unspecified').join(' · ') : ''],
        ['Attribution', stay.delay_reason ? humanEnum(stay.delay_reason.attribution, 'ATTRIBUTION_') : '']])),
      section('Open deadlines', deadlines),
      section('Assigned', parties, assignForm(c))),
    section('Next events', c.closed ? el('p', {}, 'The case is closed.') : actions, el('div', { id: 'event-form-slot' })),
    section('History', history));
}

function assignForm(c) {
  const roles = ['ROLE_WARD_DISCHARGE_COORDINATOR', 'ROLE_CARE_TRANSFER_HUB', 'ROLE_SENIOR_ESCALATION', 'ROLE_LA_SOCIAL_WORKER',
    'ROLE_LA_TEAM_MANAGER', 'ROLE_LA_FINANCE', 'ROLE_CARE_PROVIDER', 'ROLE_CHC_COORDINATOR', 'ROLE_CHC_MANAGER', 'ROLE_GP',
    'ROLE_TRANSPORT', 'ROLE_EQUIPMENT_SERVICE'];
  const error = el('p', { class: 'form-error', hidden: true, role: 'alert' });
  const form = el('form', { class: 'assign' },
    el('label', {}, 'Role ', el('select', { name: 'role' }, roles.map((r) => el('option', { value: r }, roleName(r))))), ' ',
    el('label', {}, 'Person or team ', el('input', { name: 'party', size: 14 })), ' ',
    el('button', { type: 'submit' }, 'Assign'), error);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const data = new FormData(form);
    try {
      await api(`/api/cases/${encodeURIComponent(c.case_id)}/parties`, { method: 'POST', body: {
        request_id: requestId(), actor: settings.actor, expected_version: c.version, role: data.get('role'), party: data.get('party') } });
      announce('Assigned.', 'ok');
      showCase(c.case_id);
    } catch (err) { error.hidden = false; error.textContent = `${err.code}: ${err.message}`; }
  });
  return form;
}

function fieldInput(field) {
  const id = `f-${field.name.replaceAll('.', '-')}`;
  let input;
  if (field.type === 'enum') input = el('select', { id, name: field.name }, el('option', { value: '' }, '— choose —'), field.values.map((v) => el('option', { value: v }, v)));
  else if (field.type === 'bool') input = el('input', { id, name: field.name, type: 'checkbox' });
  else if (field.type === 'date') input = el('input', { id, name: field.name, type: 'date' });
  else if (field.type === 'timestamp') input = el('input', { id, name: field.name, type: 'datetime-local' });
  else if (field.type === 'int') input = el('input', { id, name: field.name, type: 'number' });
  else input = el('input', { id, name: field.name });
  return el('label', { for: id }, field.name.replaceAll('_', ' '), input);
}

function readField(form, field) {
  const input = form.elements[field.name];
  if (field.type === 'bool') return input.checked ? true : undefined;
  const value = input.value.trim();
  if (!value) return undefined;
  if (field.type === 'date') { const [year, month, day] = value.split('-').map(Number); return { year, month, day }; }
  if (field.type === 'timestamp') return new Date(value).toISOString();
  if (field.type === 'int') return value;
  return value;
}

async function openForm(name, c) {
  const type = (await eventSchema()).get(name);
  const slot = document.getElementById('event-form-slot');
  const error = el('p', { class: 'form-error', hidden: true, role: 'alert', id: 'event-error' });
  const local = new Date(Date.now() - new Date().getTimezoneOffset() * 60000).toISOString().slice(0, 16);
  const form = el('form', { class: 'event-form', 'aria-label': `Record ${name}` },
    el('h4', {}, `Record: ${name.replaceAll('_', ' ')}`),
    type.fields.length ? type.fields.map(fieldInput) : el('p', { class: 'muted' }, 'No details needed.'),
    el('label', { for: 'f-occurred-at' }, 'when it happened', el('input', { id: 'f-occurred-at', name: 'occurred_at', type: 'datetime-local', value: local })),
    error,
    el('div', { class: 'actions' }, el('button', { type: 'submit' }, 'Record'), el('button', { type: 'button', class: 'secondary', onclick: () => slot.replaceChildren() }, 'Cancel')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const body = {};
    for (const field of type.fields) {
      const value = readField(form, field);
      if (value === undefined) continue;
      let node = body;
      field.path.slice(0, -1).forEach((p) => { node = node[p] ??= {}; });
      node[field.path.at(-1)] = value;
    }
    const when = form.elements.occurred_at.value;
    const submit = form.querySelector('button[type="submit"]');
    submit.disabled = true;
    try {
      await api(`/api/cases/${encodeURIComponent(c.case_id)}/events`, { method: 'POST', body: {
        request_id: requestId(), actor: settings.actor, expected_version: c.version,
        occurred_at: when ? new Date(when).toISOString() : undefined, event: { [name]: body } } });
      announce(`Recorded ${name.replaceAll('_', ' ')}.`, 'ok');
      showCase(c.case_id);
    } catch (err) {
      error.hidden = false;
      error.textContent = `${err.code}: ${err.message}`;
      submit.disabled = false;
    }
  });
  slot.replaceChildren(form);
  (form.querySelector('input, select') || form.querySelector('button')).focus();
}

// Shows the case with this id.
export async function showCase(caseId) {
  try {
    await eventSchema();
    current = await api(`/api/cases/${encodeURIComponent(caseId)}`);
    renderCase(current);
    document.body.dataset.caseVersion = current.case.version;
  } catch (err) {
    document.getElementById('case-body').replaceChildren(el('p', { class: 'form-error', role: 'alert' }, `${err.code}: ${err.message}`));
  }
}
