// Test harness for the browser test: starts tocflowd and tocflow-web as real processes on free
// loopback ports, runs the `tocflow` CLI, waits on conditions (never fixed sleeps), and makes
// valid NHS numbers. Every child process is stopped by stopAll().
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';

const children = new Set();

// Parses "--name value" pairs.
export function parseArgs(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i += 2) out[argv[i].replace(/^--/, '')] = argv[i + 1];
  return out;
}

// Starts `binary args`, resolves with {child, match} once a stdout line matches `pattern`.
// Fails if the process exits first or `timeoutMs` passes. stderr goes to `logFile`.
export function startProcess(binary, args, pattern, logFile, timeoutMs = 30000) {
  return new Promise((resolve, reject) => {
    const log = fs.createWriteStream(logFile, { flags: 'a' });
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    child.stderr.pipe(log);
    const timer = setTimeout(() => reject(new Error(`${path.basename(binary)} did not start within ${timeoutMs} ms`)), timeoutMs);
    child.on('exit', (code) => {
      children.delete(child);
      clearTimeout(timer);
      reject(new Error(`${path.basename(binary)} exited with ${code} before it was ready (see ${logFile})`));
    });
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      log.write(`${line}\n`);
      const match = line.match(pattern);
      if (match) { clearTimeout(timer); resolve({ child, match }); }
    });
  });
}

// Stops a child with SIGTERM and waits for it to exit (SIGKILL after 10 s).
export function stop(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const killer = setTimeout(() => child.kill('SIGKILL'), 10000);
    child.once('exit', () => { clearTimeout(killer); children.delete(child); resolve(); });
    child.kill('SIGTERM');
  });
}

export async function stopAll() {
  await Promise.all([...children].map(stop));
}

// Runs the CLI; resolves with stdout, rejects with stderr on a non-zero exit.
export function cli(binary, server, args) {
  return new Promise((resolve, reject) => {
    execFile(binary, ['--server', server, ...args], { timeout: 30000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`tocflow ${args.join(' ')}: ${stderr || error.message}`));
      else resolve(stdout);
    });
  });
}

// Waits until `check()` returns a truthy value (polled), or fails with `what`.
export async function waitFor(what, check, timeoutMs = 15000) {
  const end = Date.now() + timeoutMs;
  let last;
  while (Date.now() < end) {
    try { last = await check(); if (last) return last; } catch (e) { last = e; }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}${last instanceof Error ? `: ${last.message}` : ''}`);
}

// A valid NHS number (modulus 11 check digit) from a 9-digit stem; skips stems with check 10.
export function nhsNumber(stem) {
  for (let s = stem; ; s++) {
    const digits = String(s).padStart(9, '0').split('').map(Number);
    const sum = digits.reduce((acc, d, i) => acc + d * (10 - i), 0);
    let check = 11 - (sum % 11);
    if (check === 11) check = 0;
    if (check !== 10) return digits.join('') + check;
  }
}

// An instant `days` days (and `hours` hours) before now, ISO 8601 in UTC, whole seconds.
export function ago(days, hours = 0) {
  return new Date(Date.now() - (days * 24 + hours) * 3600000).toISOString().replace(/\.\d+Z$/, 'Z');
}

// "9434765919" as the board shows it.
export function spaced(nhs) { return `${nhs.slice(0, 3)} ${nhs.slice(3, 6)} ${nhs.slice(6)}`; }
