// End-to-end test of tocflow-web in a real browser: Debian's Chromium, headless, driven by
// playwright-core (no browser download). Starts tocflowd and tocflow-web on free loopback ports,
// seeds cases with the `tocflow` CLI, then checks that the board loads, a case opened from the
// CLI appears live, an event is recorded from a button (and a refused one shows the API's
// error), an alert is acknowledged and a live alert arrives after tocflowd restarts, and the
// charts' figures equal the report API's. Screenshots go to --out.
// Usage: node browser_test.mjs --tocflowd BIN --tocflow BIN --web BIN --out DIR
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ago, cli, nhsNumber, parseArgs, spaced, startProcess, stop, stopAll, waitFor } from './harness.mjs';

const CHROMIUM = process.env.TOCFLOW_CHROMIUM || '/usr/bin/chromium';
const opts = parseArgs(process.argv.slice(2));
fs.mkdirSync(opts.out, { recursive: true });
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tocflow-web-e2e-'));
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

if (!fs.existsSync(CHROMIUM)) {
  console.error(`web_browser_e2e: Chromium not found at ${CHROMIUM}. Install it with scripts/setup (Debian package "chromium").`);
  process.exit(1);
}
let chromium;
try {
  ({ chromium } = await import('playwright-core'));
} catch {
  console.error('web_browser_e2e: playwright-core is not installed in tests/web/node_modules. Run scripts/setup (npm ci in tests/web).');
  process.exit(1);
}

const dbPath = path.join(tmp, 'x.db');
const tocflowdArgs = ['--db', dbPath, '--synchronous', 'normal'];
let daemon = await startProcess(opts.tocflowd, [...tocflowdArgs, '--listen', '127.0.0.1:0'],
  /serving tocflow\.v1 on (\S+)/, path.join(opts.out, 'tocflowd.log'));
const server = daemon.match[1];
const web = await startProcess(opts.web, ['--listen', '127.0.0.1:0', '--server', server],
  /^tocflow-web: serving on (http:\/\/\S+)/, path.join(opts.out, 'tocflow-web.log'));
const base = web.match[1];
const run = (...args) => cli(opts.tocflow, server, args);

async function openCase(n, nhs, { admittedDaysAgo, ward = 'Ward 7', bed }) {
  const out = await run('case', 'open', '--json', '--actor', 'e2e-seed', '--nhs_number', nhs, '--local_patient_id', `M${n}`,
    '--spell_id', `S${n}`, '--provider_ods', 'RXX', '--site', 'Main', '--ward', ward, '--bed', bed, '--setting', 'acute',
    '--local_authority', 'E09000007', '--icb', 'QMJ', '--admitted_at', ago(admittedDaysAgo), '--admission_method', 'elective',
    '--notice_exclusion', 'none');
  return JSON.parse(out).case_id;
}

const nhs = [nhsNumber(943476591), nhsNumber(401023201), nhsNumber(610111222), nhsNumber(733300011)];
const month = new Date().toISOString().slice(0, 7);
let browser;
try {
  const ids = [];
  await step('seed three cases with the CLI', async () => {
    ids.push(await openCase(1, nhs[0], { admittedDaysAgo: 30, bed: 'B1' }));
    await run('event', 'ready_for_discharge', ids[0], '--at', ago(25));
    await run('event', 'delay_reason_recorded', ids[0], '--dtoc', 'DII', '--nctr', 'awaiting_pathway_3_capacity', '--attribution', 'social_care');
    ids.push(await openCase(2, nhs[1], { admittedDaysAgo: 12, bed: 'B2' }));
    await run('event', 'ready_for_discharge', ids[1], '--at', ago(9));
    await run('event', 'pathway_agreed', ids[1], '--pathway', '1');
    await run('event', 'delay_reason_recorded', ids[1], '--dtoc', 'E', '--attribution', 'nhs');
    ids.push(await openCase(3, nhs[2], { admittedDaysAgo: 2, bed: 'B3' }));
  });

  browser = await chromium.launchPersistentContext(path.join(tmp, 'profile'), {
    executablePath: CHROMIUM, headless: true, acceptDownloads: true, viewport: { width: 1440, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  const page = browser.pages()[0] || await browser.newPage();
  page.on('pageerror', (e) => console.log(`  page error: ${e.message}`));

  await step('the board loads live with the seeded cases, long delays flagged', async () => {
    await page.goto(`${base}#board`);
    await page.waitForSelector('#live[data-state="ready"]', { timeout: 15000 });
    await page.waitForSelector('body[data-board-rows="3"]', { timeout: 15000 });
    const first = page.locator(`tr[data-case-id="${ids[0]}"]`);
    assert.match(await first.getAttribute('class'), /delay-21/);
    assert.match(await first.innerText(), new RegExp(spaced(nhs[0])));
    assert.match(await first.innerText(), /DII/);
    assert.match(await first.innerText(), /social care/);
    assert.match(await page.locator(`tr[data-case-id="${ids[1]}"]`).getAttribute('class'), /delay-7/);
    assert.equal(await page.locator('#board tbody tr').first().getAttribute('data-case-id'), ids[0]);
    await page.screenshot({ path: path.join(opts.out, 'board.png'), fullPage: true });
  });

  await step('a case opened from the CLI appears without reloading', async () => {
    await page.evaluate(() => { window.notReloaded = true; });
    ids.push(await openCase(4, nhs[3], { admittedDaysAgo: 1, ward: 'Ward 9', bed: 'B4' }));
    await page.waitForSelector(`tr[data-case-id="${ids[3]}"]`, { timeout: 15000 });
    assert.equal(await page.evaluate(() => window.notReloaded), true);
    assert.match(await page.locator(`tr[data-case-id="${ids[3]}"]`).innerText(), new RegExp(spaced(nhs[3])));
  });

  await step('the case view records an event from a button and shows API errors', async () => {
    await page.fill('#actor', 'e2e-tester');
    await page.dispatchEvent('#actor', 'change');
    await page.click(`tr[data-case-id="${ids[2]}"] a`);
    await page.waitForSelector('#view-case:not([hidden]) button[data-event="ready_for_discharge"]');
    const before = Number(await page.getAttribute('body', 'data-case-version'));
    assert.equal(await page.locator('button[data-event="deadline_elapsed"]').count(), 0, 'only the scheduler records deadline_elapsed');
    assert.ok((await page.locator('.timeline li').count()) >= 1);
    // pathway_agreed without a pathway: tocflowd refuses it and the page shows its words.
    if (await page.locator('button[data-event="pathway_agreed"]').count()) {
      await page.click('button[data-event="pathway_agreed"]');
      await page.click('.event-form button[type="submit"]');
      await page.waitForSelector('#event-error:not([hidden])');
      assert.match(await page.innerText('#event-error'), /^INVALID_ARGUMENT: .*pathway/);
    }
    await page.click('button[data-event="ready_for_discharge"]');
    await page.click('.event-form button[type="submit"]');
    await page.waitForSelector(`body[data-case-version="${before + 1}"]`);
    assert.match(await page.locator('.timeline li').last().innerText(), /ready for discharge/);
    const history = JSON.parse(await run('case', 'history', ids[2], '--json'));
    const last = history.events.at(-1);
    assert.ok(last.event.ready_for_discharge !== undefined, 'last event is ready_for_discharge');
    assert.equal(last.actor, 'e2e-tester');
    await page.screenshot({ path: path.join(opts.out, 'case.png'), fullPage: true });
  });

  await step('alerts: acknowledge one, and a live one arrives after tocflowd restarts', async () => {
    await page.goto(`${base}#alerts`);
    await page.waitForSelector('body[data-alerts-ready="true"]');
    const first = page.locator('#alert-list li[data-acked="false"]').first();
    const cursor = await first.getAttribute('data-cursor');
    await first.locator('button').click();
    await page.waitForSelector(`#alert-list li[data-cursor="${cursor}"][data-acked="true"]`);
    const stored = JSON.parse(await run('alerts', 'list', '--json')).alerts.find((a) => a.cursor === cursor);
    assert.equal(stored.acknowledged_by, 'e2e-tester');

    // Restart tocflowd on the same port: tocflow-web resumes the watch after the last cursor.
    await stop(daemon.child);
    daemon = await startProcess(opts.tocflowd, [...tocflowdArgs, '--listen', server],
      /serving tocflow\.v1 on (\S+)/, path.join(opts.out, 'tocflowd.log'));
    const fifth = await waitFor('tocflowd back', () => openCase(5, nhsNumber(120000000), { admittedDaysAgo: 1, bed: 'B5' }));
    await waitFor('the new case\'s alert in the feed', async () =>
      (await page.locator('#alert-list li a').evaluateAll((links, id) => links.some((a) => a.getAttribute('href') === `#case/${id}`), fifth)));
  });

  await step('the charts show the report API\'s figures and download them as CSV', async () => {
    await page.goto(`${base}#charts`);
    await page.waitForSelector(`body[data-charts-month="${month}"]`, { timeout: 30000 });
    const report = JSON.parse(await run('report', 'dtoc', '--month', month, '--json'));
    const cells = [...(report.acute?.cells ?? []), ...(report.non_acute?.cells ?? [])];
    const total = Number(report.acute?.total_days ?? 0) + Number(report.non_acute?.total_days ?? 0);
    assert.ok(total > 0, 'the seeded delays give delayed days this month');
    const lastRow = (chart) => page.locator(`table[data-chart="${chart}"] tbody tr`).last();
    assert.equal(await lastRow('trend').locator('td').first().innerText(), String(total));
    assert.equal(await lastRow('reason').locator('td').last().innerText(), String(total));
    const byReason = {};
    for (const c of cells) {
      const name = (c.reason ?? 'DTOC_REASON_UNSPECIFIED') === 'DTOC_REASON_UNSPECIFIED' ? 'not recorded' : c.reason.slice('DTOC_REASON_'.length);
      byReason[name] = (byReason[name] ?? 0) + Number(c.days);
    }
    assert.ok(Object.keys(byReason).length > 0);
    for (const [reason, want] of Object.entries(byReason)) {
      assert.equal(await lastRow('reason').locator(`td[data-col="${reason}"]`).innerText(), String(want), `reason ${reason}`);
    }
    assert.equal(await lastRow('trend').locator('td').nth(1).innerText(), Number(report.dtoc_beds ?? 0).toFixed(2));
    const chc = JSON.parse(await run('report', 'chc', '--month', month, '--json'));
    assert.equal(await lastRow('chc').locator('td').first().innerText(), String(chc.total?.decided ?? 0));
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#chart-trend button')]);
    const csv = fs.readFileSync(await download.path(), 'utf8');
    assert.match(csv, new RegExp(`^${month},${total},`, 'm'));
    await page.screenshot({ path: path.join(opts.out, 'charts.png'), fullPage: true });
  });

  await step('the wall-screen layout enlarges the type', async () => {
    await page.goto(`${base}#board`);
    await page.waitForSelector('body[data-board-rows="5"]');
    await page.check('#large-type');
    assert.equal(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize), '26px');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.screenshot({ path: path.join(opts.out, 'board-wall.png'), fullPage: true });
  });
} catch {
  process.exitCode = 1;
} finally {
  if (browser) await browser.close();
  await stopAll();
  fs.rmSync(tmp, { recursive: true, force: true });
  console.log(`web_browser_e2e: ${results.passed} passed, ${results.failed} failed; screenshots in ${opts.out}`);
  if (results.failed) process.exitCode = 1;
}
