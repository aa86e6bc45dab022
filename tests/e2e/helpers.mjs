// Shared start-up for the e2e tests: a fresh database with the bloc demo
// data and one account, the real chibo server on a free port, an API client
// logged in as that account (to choose test data the way a tester would), and
// Debian's Chromium driven by playwright-core.
//
//   CHIBO_BIN=build/chibo node --test tests/e2e/      (make test-e2e)
//
// Needs web/dist (make web).  Screenshots go to $CHIBO_SHOTS (default
// /tmp/chibo-shots).

import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = resolve(ROOT, process.env.CHIBO_BIN ?? 'build/chibo');
export const WEB = join(ROOT, 'web/dist');
export const SHOTS = process.env.CHIBO_SHOTS ?? '/tmp/chibo-shots';

/** Accent folding as a person typing without diacritics would: "Đặng Thị Ánh" → "dang thi anh". */
export const fold = (s) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
/** Vietnamese thousands separator, as the UI shows counts: 7595 → "7.595". */
export const viNumber = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
export const pad2 = (n) => String(n).padStart(2, '0');
export const viDate = (iso) => (iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : '');

export function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
}

/**
 * Creates a fresh database (bloc demo data), adds the accounts
 * [{username, password, role, org}], starts `chibo serve` and waits for
 * /healthz.  Returns {base, log(), stop()}.
 */
export async function startServer(accounts) {
  assert.ok(existsSync(BIN), `chibo binary not found at ${BIN} (run make, or set CHIBO_BIN)`);
  assert.ok(existsSync(join(WEB, 'index.html')), `web/dist/index.html missing (run make web)`);
  mkdirSync(SHOTS, { recursive: true });
  const tmp = mkdtempSync(join(tmpdir(), 'chibo-e2e-'));
  const db = `sqlite:${join(tmp, 't.db')}`;
  execFileSync(BIN, ['init', '--db', db, '--demo', 'bloc'], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 300_000 });
  for (const a of accounts) {
    execFileSync(BIN, ['user', 'add', '--db', db, '--username', a.username, '--role', a.role, '--org', a.org],
      { input: `${a.password}\n`, stdio: ['pipe', 'ignore', 'pipe'], timeout: 60_000 });
  }

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let serverLog = '';
  const server = spawn(BIN, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`, '--web', WEB], { stdio: ['ignore', 'pipe', 'pipe'] });
  server.stdout.on('data', (d) => (serverLog += d));
  server.stderr.on('data', (d) => (serverLog += d));

  const stop = async () => {
    if (server.exitCode === null && server.signalCode === null) {
      server.kill('SIGTERM');
      await new Promise((r) => {
        const t = setTimeout(() => { server.kill('SIGKILL'); r(); }, 5000);
        server.once('exit', () => { clearTimeout(t); r(); });
      });
    }
    rmSync(tmp, { recursive: true, force: true });
  };

  const deadline = Date.now() + 30_000;
  for (;;) {
    if (server.exitCode !== null) {
      await stop();
      assert.fail(`chibo serve exited with ${server.exitCode}:\n${serverLog}`);
    }
    try {
      const r = await fetch(`${base}/healthz`);
      if (r.ok) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) {
      await stop();
      assert.fail(`chibo serve did not answer /healthz within 30 s:\n${serverLog}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { base, log: () => serverLog, stop };
}

/**
 * Logs in through the API (cookie session + CSRF token).  get/post/patch
 * assert the expected status (200 unless told) and return the JSON body;
 * raw() returns {status, body} without asserting.
 */
export async function apiClient(base, username, password) {
  const login = await fetch(`${base}/api/v1/session`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password }),
  });
  const loginBody = await login.text();
  assert.equal(login.status, 200, `POST /session → ${login.status} ${loginBody}`);
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const csrf = JSON.parse(loginBody).csrf_token;

  async function raw(method, path, body) {
    const headers = { Cookie: cookie, Accept: 'application/json' };
    if (method !== 'GET') headers['X-CSRF-Token'] = csrf;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(base + '/api/v1' + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const out = await res.json().catch(() => null);
    return { status: res.status, body: out };
  }
  async function call(method, path, body, status) {
    const r = await raw(method, path, body);
    assert.equal(r.status, status, `${method} ${path} → ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  }
  return {
    raw,
    get: (path, status = 200) => call('GET', path, undefined, status),
    post: (path, body, status = 200) => call('POST', path, body, status),
    patch: (path, body, status = 200) => call('PATCH', path, body, status),
  };
}

/** Headless Debian Chromium with the same flags for every test file. */
export function launchBrowser() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

/** Logs page in through the login form and waits for the signed-in shell. */
export async function loginAs(page, base, username, password) {
  await page.goto(base + '/#/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('logout').waitFor();
}
