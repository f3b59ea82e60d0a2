// Vitest globalSetup: a throwaway PostgreSQL server on a loopback port for the store's test suite (and the
// server's). Installs Debian's postgresql when its binaries are missing (CI runs as root on a fresh machine).
// A failure never aborts the other suites: it is passed on as `pgError`, and every PostgreSQL test fails with it.
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL of the test server (`postgres://postgres@127.0.0.1:PORT/postgres`), or '' when it failed. */
    pgUrl: string;
    /** Why the server could not start, or ''. */
    pgError: string;
  }
}

let stopServer: (() => void) | null = null;

function findBinDir(): string | null {
  const which = spawnSync('sh', ['-c', 'command -v pg_ctl'], { encoding: 'utf8' });
  if (which.status === 0 && which.stdout.trim()) {
    const dir = path.dirname(which.stdout.trim());
    if (existsSync(path.join(dir, 'initdb'))) return dir;
  }
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(path.join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(root, versions[0], 'bin') : null;
}

function install(): void {
  if (process.getuid?.() !== 0) {
    throw new Error(
      'PostgreSQL binaries (initdb, pg_ctl) not found; install postgresql or set IAMRISK_TEST_PG_URL',
    );
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update'], { stdio: 'ignore', env });
  execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'postgresql'], {
    stdio: 'ignore',
    env,
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

/** Runs a PostgreSQL binary, as the `postgres` OS user when we are root (initdb refuses to run as root). */
function runPg(bin: string, args: string[]): void {
  const asRoot = process.getuid?.() === 0;
  const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  const r = spawnSync(cmd, argv, { encoding: 'utf8' });
  if (r.status !== 0) {
    throw new Error(
      `${path.basename(bin)} failed (${r.status}): ${(r.stderr || r.stdout || String(r.error)).trim()}`,
    );
  }
}

/** {@link runPg} without blocking the event loop. */
function runPgAsync(bin: string, args: string[]): Promise<void> {
  const asRoot = process.getuid?.() === 0;
  const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  return new Promise((resolve, reject) => {
    execFile(cmd, argv, { encoding: 'utf8' }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${path.basename(bin)} failed: ${(stderr || stdout || err.message).trim()}`));
      else resolve();
    });
  });
}

/** A throwaway PostgreSQL server started by {@link startPostgres}. */
export interface PgServer {
  /** Admin URL, `postgres://postgres@127.0.0.1:PORT/postgres`. */
  url: string;
  /**
   * `pg_ctl restart -m fast`: terminates every connection, then accepts new ones on the same port. Asynchronous,
   * so the caller's event loop (a server under test) keeps running during the outage.
   */
  restart(): Promise<void>;
  /** Stops the server (immediate) and deletes its files. */
  stop(): void;
}

/**
 * Starts a new PostgreSQL server (initdb in a temporary folder, loopback port, trust auth, fsync off);
 * installs Debian's postgresql first when its binaries are missing and we are root. Also used by tests that
 * need a server of their own (e.g. to restart it).
 */
export async function startPostgres(): Promise<PgServer> {
  let bin = findBinDir();
  if (!bin) {
    install();
    bin = findBinDir();
    if (!bin) throw new Error('apt-get install postgresql did not provide initdb');
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'iamrisk-pg-'));
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const data = path.join(dir, 'data');
  const port = await freePort();
  runPg(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
  runPg(path.join(bin, 'pg_ctl'), [
    '-D',
    data,
    '-l',
    path.join(dir, 'server.log'),
    '-o',
    opts,
    '-w',
    '-t',
    '60',
    'start',
  ]);
  const pgCtl = path.join(bin, 'pg_ctl');
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    restart: () =>
      runPgAsync(pgCtl, [
        '-D',
        data,
        '-l',
        path.join(dir, 'server.log'),
        '-o',
        opts,
        '-m',
        'fast',
        '-w',
        'restart',
      ]),
    stop: () => {
      try {
        runPg(pgCtl, ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

async function startServer(): Promise<string> {
  const server = await startPostgres();
  stopServer = server.stop;
  return server.url;
}

export async function setup(project: TestProject): Promise<void> {
  const given = process.env.IAMRISK_TEST_PG_URL;
  if (given) {
    project.provide('pgUrl', given);
    project.provide('pgError', '');
    return;
  }
  try {
    project.provide('pgUrl', await startServer());
    project.provide('pgError', '');
  } catch (e) {
    project.provide('pgUrl', '');
    project.provide('pgError', e instanceof Error ? e.message : String(e));
  }
}

export function teardown(): void {
  stopServer?.();
  stopServer = null;
}
