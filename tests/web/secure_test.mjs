// End-to-end test of tocflow-web in front of a secured tocflowd (no browser: the page's own JSON
// API and alert stream, over HTTP): tocflowd serves TLS with principals; tocflow-web reaches it
// with --tls-ca and passes each caller's bearer token through. Checks that a caller without a
// token is refused, that a social worker's board and alert stream hold only their local
// authority's cases, that an analyst cannot read cases, and that one ListCases call gives the
// board everything it shows (pathway, delay reason, parties, admission, the next deadline's
// owners), with the site filter narrowing it. Certificates are made here with openssl.
// Usage: node secure_test.mjs --tocflowd BIN --tocflow BIN --web BIN --out DIR
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ago, nhsNumber, parseArgs, startProcess, stopAll, waitFor } from './harness.mjs';

const opts = parseArgs(process.argv.slice(2));
fs.mkdirSync(opts.out, { recursive: true });
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tocflow-web-secure-'));
const file = (name) => path.join(tmp, name);
const results = { passed: 0, failed: 0 };

async function step(name, body) {
  try {
    await body();
    results.passed++;
    console.log(`ok - ${name}`);
  } catch (e) {
    results.failed++;
    console.log(`not ok - ${name}\n  ${String(e.stack || e).split('\n').join('\n  ')}`);
    throw e;
  }
}

// A CA and a server certificate for 127.0.0.1 and localhost, signed by it.
function makeCertificates() {
  const openssl = (...args) => execFileSync('openssl', args, { cwd: tmp, stdio: 'pipe' });
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem',
    '-days', '2', '-subj', '/CN=tocflow web test CA');
  openssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr',
    '-subj', '/CN=localhost');
  fs.writeFileSync(file('server.ext'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\n');
  openssl('x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial',
    '-out', 'server.pem', '-days', '2', '-extfile', 'server.ext');
}

const token = () => randomBytes(24).toString('hex');
const sha256 = (text) => createHash('sha256').update(text).digest('hex');
const tokens = { admin: token(), camden: token(), analyst: token() };
const CAMDEN = 'E09000007';
const ISLINGTON = 'E09000019';

let server;
// The CLI as the admin, over TLS (the token in the environment, never on the command line).
function admin(...args) {
  return new Promise((resolve, reject) => {
    execFile(opts.tocflow, [...args, '--server', server, '--tls-ca', file('ca.pem')],
      { timeout: 30000, env: { ...process.env, TOCFLOW_TOKEN: tokens.admin } },
      (error, stdout, stderr) => (error ? reject(new Error(`tocflow ${args.join(' ')}: ${stderr || error.message}`)) : resolve(stdout)));
  });
}

async function openCase(n, { la, site, ward }) {
  const out = await admin('case', 'open', '--json', '--actor', 'e2e-seed', '--nhs_number', nhsNumber(300000000 + n * 7919),
    '--local_patient_id', `M${n}`, '--spell_id', `S${n}`, '--provider_ods', 'RXX', '--site', site, '--ward', ward,
    '--bed', `B${n}`, '--setting', 'acute', '--local_authority', la, '--icb', 'QMJ', '--admitted_at', ago(10),
    '--admission_method', 'elective', '--notice_exclusion', 'none');
  return JSON.parse(out).case_id;
}

let base;
async function get(pathAndQuery, bearer) {
  const headers = bearer ? { Authorization: `Bearer ${bearer}` } : {};
  const response = await fetch(`${base}${pathAndQuery}`, { headers });
  return { status: response.status, body: await response.json() };
}

// Reads the alert stream until `until(alerts)` holds; returns every alert received.
async function readAlerts(query, until, timeoutMs = 15000) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const alerts = [];
  try {
    const response = await fetch(`${base}/api/alerts/stream?${query}`, { signal: controller.signal });
    assert.equal(response.status, 200);
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of response.body) {
      buffer += decoder.decode(chunk, { stream: true });
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = frame.split('\n').find((l) => l.startsWith('data: '));
        if (frame.includes('event: error')) throw new Error(`stream error: ${data}`);
        if (frame.includes('event: alert')) alerts.push(JSON.parse(data.slice(6)));
      }
      if (until(alerts)) return alerts;
    }
    throw new Error('the stream ended early');
  } catch (e) {
    if (controller.signal.aborted) throw new Error(`timed out reading alerts; got ${alerts.length}`);
    throw e;
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}

try {
  makeCertificates();
  fs.writeFileSync(file('principals.txt'), [
    '# made by secure_test.mjs',
    `token:${sha256(tokens.admin)} e2e-admin admin`,
    `token:${sha256(tokens.camden)} camden-sw social_care ${CAMDEN}`,
    `token:${sha256(tokens.analyst)} analyst-1 analyst`,
  ].join('\n') + '\n');
  const daemon = await startProcess(opts.tocflowd, ['--db', file('x.db'), '--synchronous', 'normal',
    '--listen', '127.0.0.1:0', '--tls-cert', file('server.pem'), '--tls-key', file('server.key'),
    '--principals', file('principals.txt')], /serving tocflow\.v1 on (\S+)/, path.join(opts.out, 'tocflowd.log'));
  server = daemon.match[1];
  const web = await startProcess(opts.web, ['--listen', '127.0.0.1:0', '--server', server, '--tls-ca', file('ca.pem')],
    /^tocflow-web: serving on (http:\/\/\S+)/, path.join(opts.out, 'tocflow-web.log'));
  base = web.match[1].replace(/\/$/, '');

  const ids = {};
  await step('seed cases in two local authorities and two sites over TLS', async () => {
    ids.camden = await openCase(1, { la: CAMDEN, site: 'North', ward: 'Ward 7' });
    ids.islington = await openCase(2, { la: ISLINGTON, site: 'South', ward: 'Ward 9' });
    await admin('event', 'ready_for_discharge', ids.camden, '--at', ago(8));
    await admin('event', 'pathway_agreed', ids.camden, '--pathway', '3');
    await admin('event', 'delay_reason_recorded', ids.camden, '--dtoc', 'DII', '--attribution', 'social_care');
    await admin('assign', ids.camden, 'care_transfer_hub', 'hub-nurse-1');
    await admin('event', 'ready_for_discharge', ids.islington, '--at', ago(3));
  });

  await step('without a token the board is refused with the API\'s words', async () => {
    const { status, body } = await get('/api/board');
    assert.equal(status, 401);
    assert.equal(body.error.code, 'UNAUTHENTICATED');
    assert.match(body.error.message, /token|credentials/i);
  });

  await step('an analyst may not read cases', async () => {
    const { status, body } = await get('/api/board', tokens.analyst);
    assert.equal(status, 403);
    assert.equal(body.error.code, 'PERMISSION_DENIED');
  });

  await step('a social worker\'s board holds only their LA\'s cases, with every column from one list call', async () => {
    const { status, body } = await get('/api/board', tokens.camden);
    assert.equal(status, 200, JSON.stringify(body));
    assert.deepEqual(body.rows.map((r) => r.case_id), [ids.camden]);
    const row = body.rows[0];
    assert.equal(row.local_authority, CAMDEN);
    assert.equal(row.site, 'North');
    assert.equal(row.pathway, 'PATHWAY_3');
    assert.equal(row.dtoc_reason, 'DTOC_REASON_DII');
    assert.equal(row.attribution, 'ATTRIBUTION_SOCIAL_CARE');
    assert.ok(row.admitted_at.endsWith('Z'), `admitted_at ${row.admitted_at}`);
    assert.ok(Math.abs(Date.parse(row.admitted_at) - Date.parse(ago(10))) < 120000);
    assert.deepEqual(row.parties, [{ role: 'ROLE_CARE_TRANSFER_HUB', party: 'hub-nurse-1' }]);
    // Ready 8 days ago: the next deadline is the 21-day one, owned by the hub (named) and
    // senior escalation (nobody named).
    assert.equal(row.next_deadline.kind, 'DEADLINE_KIND_DELAYED_TWENTY_ONE_DAYS');
    assert.deepEqual(row.next_deadline.owner_roles, ['ROLE_CARE_TRANSFER_HUB', 'ROLE_SENIOR_ESCALATION']);
    assert.deepEqual(row.next_deadline.owners, ['hub-nurse-1']);
    // Another LA's case is out of reach one by one, too.
    assert.equal((await get(`/api/cases/${ids.islington}`, tokens.camden)).status, 403);
  });

  await step('the site filter narrows the board', async () => {
    const south = await get('/api/board?provider_ods=RXX&site=South', tokens.admin);
    assert.equal(south.status, 200, JSON.stringify(south.body));
    assert.deepEqual(south.body.rows.map((r) => r.case_id), [ids.islington]);
    const all = await get('/api/board?provider_ods=RXX', tokens.admin);
    assert.deepEqual(new Set(all.body.rows.map((r) => r.case_id)), new Set([ids.camden, ids.islington]));
  });

  await step('a social worker\'s alert stream carries only their LA\'s alerts', async () => {
    // A later alert on the Camden case: once it arrives, every earlier alert (Islington's too)
    // would have been delivered had the filter let it through.
    await admin('event', 'discharged', ids.camden, '--destination', 'home');
    const alerts = await readAlerts(`after=0&access_token=${tokens.camden}`,
      (got) => got.some((a) => a.case_id === ids.camden && a.kind === 'ALERT_KIND_DISCHARGED'));
    assert.ok(alerts.length >= 2);
    for (const a of alerts) assert.equal(a.case_id, ids.camden, `alert ${a.cursor} of another LA`);
    const everything = await readAlerts(`after=0&access_token=${tokens.admin}`,
      (got) => got.some((a) => a.kind === 'ALERT_KIND_DISCHARGED'));
    assert.ok(everything.some((a) => a.case_id === ids.islington), 'the admin sees Islington\'s alerts');
  });

  await step('the web reaches tocflowd only over TLS when tocflowd serves TLS', async () => {
    const plain = await startProcess(opts.web, ['--listen', '127.0.0.1:0', '--server', server],
      /^tocflow-web: serving on (http:\/\/\S+)/, path.join(opts.out, 'tocflow-web-plain.log'));
    const response = await waitFor('an answer from the plain-text web',
      () => fetch(`${plain.match[1].replace(/\/$/, '')}/api/board`, { headers: { Authorization: `Bearer ${tokens.admin}` } }));
    assert.equal(response.status, 503);
    assert.equal((await response.json()).error.code, 'UNAVAILABLE');
  });
} catch {
  process.exitCode = 1;
} finally {
  await stopAll();
  fs.rmSync(tmp, { recursive: true, force: true });
  console.log(`web_secure_e2e: ${results.passed} passed, ${results.failed} failed`);
  if (results.failed) process.exitCode = 1;
}
