// Shared helpers of the tocflow-web page: calling tocflow-web's JSON API, the signed-in user's
// settings, formatting of API values for people, and small DOM helpers.

// Settings kept in this browser: who records events, an optional API token passed through to
// tocflowd, and the large-type switch for wall screens.
export const settings = {
  get actor() { return localStorage.getItem('tf.actor') || 'discharge-hub'; },
  set actor(v) { localStorage.setItem('tf.actor', v); },
  get token() { return sessionStorage.getItem('tf.token') || ''; },
  set token(v) { sessionStorage.setItem('tf.token', v); },
};

// An error answered by the API: `code` is the gRPC code name, `message` tocflowd's words.
export class ApiError extends Error {
  constructor(code, message, httpStatus) {
    super(message);
    this.code = code;
    this.httpStatus = httpStatus;
  }
}

// Calls the JSON API; resolves to the parsed body, rejects with ApiError.
export async function api(path, { method = 'GET', body } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (settings.token) headers.Authorization = `Bearer ${settings.token}`;
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    throw new ApiError('UNAVAILABLE', `tocflow-web is not reachable (${e.message})`, 0);
  }
  const text = await response.text();
  let json = {};
  try { json = text ? JSON.parse(text) : {}; } catch { json = { error: { code: 'INTERNAL', message: text } }; }
  if (!response.ok) {
    const err = json.error || { code: 'UNKNOWN', message: response.statusText };
    throw new ApiError(err.code, err.message, response.status);
  }
  return json;
}

// A fresh request id for an idempotent command.
export function requestId() {
  if (globalThis.crypto && crypto.randomUUID) return `web-${crypto.randomUUID()}`;
  return `web-${Date.now()}-${Math.random().toString(16).slice(2)}`;
}

// "PATHWAY_1" -> "1", "DTOC_REASON_DII" -> "DII", "ROLE_CHC_COORDINATOR" -> "chc coordinator".
export function shortEnum(value, prefix) {
  if (!value) return '';
  const rest = value.startsWith(prefix) ? value.slice(prefix.length) : value;
  return rest;
}
export function humanEnum(value, prefix) {
  return shortEnum(value, prefix).toLowerCase().replaceAll('_', ' ');
}
// "ReadyForDischarge" -> "Ready for discharge".
export function humanState(name) {
  if (!name) return '';
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const london = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London', day: '2-digit', month: '2-digit', year: 'numeric',
  hour: '2-digit', minute: '2-digit',
});
const londonDay = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London', day: '2-digit', month: '2-digit', year: 'numeric',
});
// An RFC 3339 instant as London wall-clock time, "03/10/2026, 14:00".
export function formatTime(iso) { return iso ? london.format(new Date(iso)) : ''; }
// "2026-10-03" (or a Date message) as "03/10/2026".
export function formatDay(day) {
  if (!day) return '';
  if (typeof day === 'object') day = `${day.year}-${String(day.month).padStart(2, '0')}-${String(day.day).padStart(2, '0')}`;
  const [y, m, d] = day.split('-');
  return `${d}/${m}/${y}`;
}
// Today's London date as "YYYY-MM-DD".
export function todayLondon() {
  const [d, m, y] = londonDay.format(new Date()).split('/');
  return `${y}-${m}-${d}`;
}
// Whole days from an instant until now.
export function daysSince(iso) {
  if (!iso) return null;
  return Math.floor((Date.now() - new Date(iso).getTime()) / 86400000);
}

// Creates an element: el('td', {class: 'x', text: 'hi'}, child...).
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'text') node.textContent = value;
    else if (key === 'class') node.className = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// Announces a message in the page's live region (read out by screen readers) and the status bar.
export function announce(message, kind = 'info') {
  const bar = document.getElementById('status');
  bar.textContent = message;
  bar.dataset.kind = kind;
}

// Downloads rows (arrays of cells) as a CSV file named `name`.
export function downloadCsv(name, header, rows) {
  const quote = (v) => {
    const s = v === null || v === undefined ? '' : String(v);
    return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  const text = [header, ...rows].map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n';
  const link = el('a', { href: URL.createObjectURL(new Blob([text], { type: 'text/csv' })), download: name });
  document.body.append(link);
  link.click();
  link.remove();
}

// Opens a Server-Sent Events stream of alerts; calls onAlert(alert) for each, onReady() each
// time tocflowd has registered the watch. The browser reconnects by itself, resuming after the
// last alert id it received.
export function watchAlerts(query, { onAlert, onReady, onError }) {
  const params = settings.token ? { ...query, access_token: settings.token } : query;
  const source = new EventSource(`/api/alerts/stream?${new URLSearchParams(params)}`);
  source.addEventListener('alert', (e) => onAlert(JSON.parse(e.data)));
  source.addEventListener('ready', () => onReady && onReady());
  source.addEventListener('error', (e) => {
    if (e.data && onError) onError(JSON.parse(e.data).error);
  });
  return source;
}
