// Support for Lodestar's browser tests: the real server on a free loopback port with a fresh
// SQLite database, Debian's Chromium driven by playwright-core (never a downloaded browser), an
// axe-core WCAG 2.1 AA check and a screenshot helper.
//
// Environment:
//   LODESTAR_BIN       the server binary (default /work/main/build/lodestar, as CTest passes it)
//   LODESTAR_CHROMIUM  the browser (default /usr/bin/chromium)

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';

let chromium;
let AxeBuilder;
try {
  ({ chromium } = await import('playwright-core'));
  ({ default: AxeBuilder } = await import('@axe-core/playwright'));
} catch (error) {
  throw new Error(
    'tests/browser: playwright-core or @axe-core/playwright is not installed; run ' +
      '`scripts/setup --test` (or `npm ci` in tests/browser). Cause: ' + error.message,
  );
}

const here = fileURLToPath(new URL('.', import.meta.url));

export const LODESTAR_BIN = process.env.LODESTAR_BIN || '/work/main/build/lodestar';
export const CHROMIUM = process.env.LODESTAR_CHROMIUM || '/usr/bin/chromium';
export const SCREENSHOT_DIR = join(here, 'screenshots');

// The server prints exactly this line on stdout once it is listening.
const SERVING = /^Lodestar is serving (http:\/\/127\.0\.0\.1:\d+)\s*$/;
const START_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 15_000;
const LOG_TAIL_LINES = 40;

// Starts `lodestar --database sqlite:<temp dir>/test.db serve --listen 127.0.0.1:0` with a fresh
// database. Resolves once the server says it is serving; rejects (with the server's last log
// lines) when it exits first or does not say so in time. stop() sends SIGTERM and asserts a clean
// exit (code 0) and that the server logged no error while the tests ran. logs() gives the last
// lines it printed.
// With { demo: true } the demo district (and its accounts, password DEMO_PASSWORD) is loaded first.
export const DEMO_PASSWORD = 'lodestar-demo-2026';
export async function startServer({ demo = false } = {}) {
  if (!existsSync(LODESTAR_BIN)) {
    throw new Error(`tests/browser: no server binary at ${LODESTAR_BIN}; build it (make build) ` +
                    'or set LODESTAR_BIN');
  }
  const dir = await mkdtemp(join(tmpdir(), 'lodestar-browser-'));
  // --database is a global option: it goes before the sub-command.
  const args = ['--database', `sqlite:${join(dir, 'test.db')}`, 'serve', '--listen', '127.0.0.1:0'];
  if (demo) {
    const loaded = spawnSync(LODESTAR_BIN, ['--database', `sqlite:${join(dir, 'test.db')}`, 'demo'],
                             { cwd: dir, encoding: 'utf8' });
    if (loaded.status !== 0) {
      await rm(dir, { recursive: true, force: true });
      throw new Error(`lodestar demo failed (status ${loaded.status}): ${loaded.stderr}`);
    }
  }
  const child = spawn(LODESTAR_BIN, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });

  const tail = [];
  const remember = (line) => {
    tail.push(line);
    if (tail.length > LOG_TAIL_LINES) tail.shift();
  };
  const logs = () => tail.join('\n');
  // JSON log lines at level error or above: a page that made the server fail, even if the
  // browser showed something reasonable.
  const errors = [];
  createInterface({ input: child.stderr }).on('line', (line) => {
    remember(line);
    try {
      if (['error', 'critical'].includes(JSON.parse(line).level)) errors.push(line);
    } catch {
      // not a JSON log line (a crash message, say): kept in the tail only
    }
  });

  const exited = new Promise((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
  // If the test process ends without stop() (a crash, a closed output pipe), take the server
  // with it rather than leave it running.
  const orphanGuard = () => child.kill('SIGKILL');
  process.once('exit', orphanGuard);
  exited.then(() => process.removeListener('exit', orphanGuard));

  const listening = new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`lodestar serve did not report listening within ${START_TIMEOUT_MS} ms:\n` +
                       logs()));
    }, START_TIMEOUT_MS);
    createInterface({ input: child.stdout }).on('line', (line) => {
      remember(line);
      const match = SERVING.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`could not start ${LODESTAR_BIN}: ${error.message}`));
    });
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`lodestar serve exited (code ${code}, signal ${signal}) before ` +
                       `listening:\n${logs()}`));
    });
  });
  let baseURL;
  try {
    baseURL = await listening;
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    await rm(dir, { recursive: true, force: true });
    throw error;
  }

  let stopped;
  const stop = () => {
    stopped ??= (async () => {
      child.kill('SIGTERM');
      let timer;
      const timeout = new Promise((resolve) => {
        timer = setTimeout(() => resolve(null), STOP_TIMEOUT_MS);
      });
      const result = await Promise.race([exited, timeout]);
      clearTimeout(timer);
      if (result === null) {
        child.kill('SIGKILL');
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
      assert.ok(result !== null,
                `lodestar serve did not exit within ${STOP_TIMEOUT_MS} ms of SIGTERM:\n${logs()}`);
      assert.deepEqual(result, { code: 0, signal: null },
                       `lodestar serve should exit 0 on SIGTERM:\n${logs()}`);
      assert.deepEqual(errors, [], 'lodestar serve should log no errors during the tests');
    })();
    return stopped;
  };

  return { baseURL, stop, logs, database: `sqlite:${join(dir, 'test.db')}`, dir };
}

// Chromium flags this machine needs: without the background-networking ones Chromium's own
// connections to Google are refused by the closed network, many at a time.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// Launches Debian's Chromium (playwright-core never downloads one). Each launch gets its own new
// empty profile directory from Playwright.
export async function launchBrowser() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`tests/browser: no Chromium at ${CHROMIUM}; run scripts/setup --test ` +
                    'or set LODESTAR_CHROMIUM');
  }
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

// Formats axe violations so a failure says what to fix and where.
export function describeViolations(violations) {
  return violations
    .map((v) => {
      const indent = (text) => text.replace(/\n/g, '\n      ');
      const nodes = v.nodes
        .map((node) => `    - ${JSON.stringify(node.target)}` +
                       (node.failureSummary ? `\n      ${indent(node.failureSummary)}` : ''))
        .join('\n');
      return `  ${v.id} [${v.impact}] ${v.help}\n    ${v.helpUrl}\n${nodes}`;
    })
    .join('\n');
}

// Runs axe-core on the page with the WCAG 2.0/2.1 A and AA rules and asserts no violations.
export async function checkAccessibility(page, label = page.url()) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const { violations } = results;
  if (violations.length > 0) {
    const report = `axe found ${violations.length} WCAG 2.1 AA violation(s) on ${label}:\n` +
                   describeViolations(violations);
    console.error(report);
    assert.fail(report);
  }
  return results;
}

// Writes a PNG under tests/browser/screenshots/ (gitignored) and returns its path.
export async function screenshot(page, name, { fullPage = true } = {}) {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage });
  return path;
}

// For a test file: the demo district served and Chromium started before its tests, both stopped
// after them. Returns an object whose `server` and `browser` are set once `before` has run.
export function withDemoServer() {
  const state = { server: undefined, browser: undefined };
  before(async () => {
    state.server = await startServer({ demo: true });
    state.browser = await launchBrowser();
  });
  after(async () => {
    await state.browser?.close();
    await state.server?.stop();
  });
  return state;
}

// Signs `page` in as a demo account through the sign-in form at `path` (a private page sends
// nobody there first, then back).
export async function signInOn(page, email, path = '/sign-in') {
  await page.goto(path);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

