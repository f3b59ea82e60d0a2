// Shared setup of the browser tests: Debian's Chromium (installed here when missing: CI runs as root on a fresh
// machine; never a browser download), a fresh build of the web app, a scanned store and the explorer served
// in-process on 127.0.0.1:0.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { demoInputPaths } from '../../src/demo/input-paths.js';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { run as runScan } from '../../src/cli/commands/scan.js';
import { buildApp } from '../../src/server/app.js';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/index.js';
import { REPO_ROOT } from '../shared-data.js';

export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = path.join(REPO_ROOT, 'docs', 'screenshots');

/** Installs Debian's chromium package when /usr/bin/chromium is missing (one installer at a time). */
export function ensureChromium(): void {
  if (existsSync(CHROMIUM)) return;
  if (process.getuid?.() !== 0) throw new Error(`${CHROMIUM} is missing: apt-get install chromium`);
  const script =
    `test -x ${CHROMIUM} || { apt-get update -o DPkg::Lock::Timeout=600 && ` +
    `apt-get install -y -o DPkg::Lock::Timeout=600 chromium; }`;
  const r = spawnSync('flock', [path.join(tmpdir(), 'iamrisk-apt.lock'), 'sh', '-c', script], {
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    encoding: 'utf8',
  });
  if (r.status !== 0 || !existsSync(CHROMIUM)) {
    throw new Error(`installing chromium failed: ${(r.stderr || String(r.error)).slice(-2000)}`);
  }
}

/** Builds the web app from the current sources into a fresh folder (so a stale dist/web is never tested). */
export function buildWeb(outDir: string): string {
  execFileSync(
    process.execPath,
    [
      path.join(REPO_ROOT, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '--config',
      'web/vite.config.ts',
      '--outDir',
      outDir,
      '--emptyOutDir',
      '--logLevel',
      'error',
    ],
    { cwd: REPO_ROOT, stdio: 'pipe' },
  );
  return outDir;
}

/** Scans export files into a new SQLite store with the CLI's own scan (insights included). */
export async function scanIntoStore(inputDir: string, dbFile: string, asOf: string): Promise<void> {
  const paths = await demoInputPaths(inputDir);
  const sink = { write: () => true };
  await runScan(
    {
      paths,
      asOf,
      windowDays: 15,
      format: 'json',
      out: path.join(path.dirname(dbFile), 'report.json'),
      db: dbFile,
    },
    { stdout: sink, stderr: sink, cwd: path.dirname(dbFile), env: {} },
  );
}

/** A running explorer over a store, and the browser driving it. */
export interface Explorer {
  url: string;
  store: Store;
  browser: Browser;
  work: string;
  close(): Promise<void>;
}

/** Serves `dbFile` with the web app built into `work` and launches headless Chromium. */
export async function startExplorer(work: string, dbFile: string): Promise<Explorer> {
  const webRoot = buildWeb(path.join(work, 'web'));
  const store = await openStore(dbFile);
  const app = await buildApp({ store, webRoot, allowedHosts: ['127.0.0.1'] });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  ensureChromium();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    url: address,
    store,
    browser,
    work,
    close: async () => {
      await browser.close();
      await app.close();
      await store.close();
      rmSync(work, { recursive: true, force: true });
    },
  };
}

/** A temporary working folder. */
export function workDir(prefix: string): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/** Saves a screenshot of the page to docs/screenshots/NAME.jpg (JPEG keeps the committed ones small). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.jpg`), quality: 80 });
}

/** Collects what must never happen on a page: dialogs, page errors and CSP violations. */
export function watchPage(page: Page): { dialogs: string[]; errors: string[]; csp: string[] } {
  const out = { dialogs: [] as string[], errors: [] as string[], csp: [] as string[] };
  page.on('dialog', (d) => {
    out.dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('pageerror', (e) => out.errors.push(e.message));
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) out.csp.push(m.text());
  });
  return out;
}
