/**
 * The explorer's server over real HTTP (issue 8, item 3), beyond src/server/security.test.ts: `iamrisk serve`
 * binds loopback by default and refuses any other address without a token; off loopback the token is enforced;
 * static serving never leaves the web root, whatever the encoding of the path; a body over the limit gets a
 * JSON 413 and a burst over the rate limit a JSON 429, and the server stays healthy.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { define, run, serveStore } from '../../src/cli/commands/serve.js';
import type { CliIo } from '../../src/cli/io.js';
import { CliError } from '../../src/cli/io.js';
import { buildApp } from '../../src/server/app.js';
import { escalation, seedStore } from '../../src/server/test-utils/fixture.js';
import type { Store } from '../../src/store/index.js';
import { openStore } from '../../src/store/index.js';

const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '[::1]'];
const INDEX = '<!doctype html><title>explorer</title>';
let dir: string;
let db: string;
let store: Store;
let webRoot: string;

function io(env: Record<string, string> = {}): CliIo & { out: () => string } {
  let out = '';
  return {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: () => true },
    cwd: dir,
    env,
    out: () => out,
  };
}

/** Runs `iamrisk serve` (its `run`) until `fn` is done; returns what fn returns. */
async function serving<T>(
  opts: { host: string; token?: string },
  env: Record<string, string>,
  fn: (url: string) => Promise<T>,
): Promise<T> {
  const stop = new AbortController();
  let resolveUrl!: (u: string) => void;
  const listening = new Promise<string>((r) => (resolveUrl = r));
  const done = run({ db, port: 0, ...opts }, io(env), { signal: stop.signal, onListening: resolveUrl });
  try {
    return await fn(await Promise.race([listening, done.then(() => Promise.reject(new Error('stopped')))]));
  } finally {
    stop.abort();
    await done.catch(() => undefined);
  }
}

/** Sends one raw request line (no client-side normalisation of the path) and returns status and body. */
function rawGet(port: number, target: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1');
    let data = '';
    s.setEncoding('latin1');
    s.on('data', (c: string) => (data += c));
    s.on('error', reject);
    s.on('end', () => {
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0);
      resolve({ status, body: data.slice(data.indexOf('\r\n\r\n') + 4) });
    });
    s.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`);
  });
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'iamrisk-server-sec-'));
  db = path.join(dir, 'iamrisk.db');
  store = await openStore(db);
  await seedStore(store);
  webRoot = path.join(dir, 'web');
  mkdirSync(path.join(webRoot, 'assets'), { recursive: true });
  writeFileSync(path.join(webRoot, 'index.html'), INDEX);
  writeFileSync(path.join(webRoot, 'assets', 'app.js'), 'export {};');
  writeFileSync(path.join(dir, 'secret.txt'), 'TOP-SECRET-OUTSIDE');
  // A sibling whose name starts with the web root's: a prefix check (`startsWith(root)`) would let it through.
  mkdirSync(path.join(dir, 'web-private'));
  writeFileSync(path.join(dir, 'web-private', 'key.txt'), 'TOP-SECRET-SIBLING');
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('bind address and token (iamrisk serve)', () => {
  it('binds loopback by default', async () => {
    const program = new Command();
    define(program, io(), () => undefined);
    const serve = program.commands.find((c) => c.name() === 'serve');
    expect(serve?.options.find((o) => o.long === '--host')?.defaultValue).toBe('127.0.0.1');
    await serving({ host: '127.0.0.1' }, {}, async (url) => {
      expect(new URL(url).hostname).toBe('127.0.0.1');
      expect(url).not.toContain('token=');
      expect((await fetch(new URL('/api/scans/latest', url))).status).toBe(200);
    });
  });

  it('refuses a non-loopback bind without a token, before listening', async () => {
    for (const host of ['0.0.0.0', '::', '192.0.2.10', 'example.com']) {
      await expect(run({ db, host, port: 0 }, io()), host).rejects.toThrow(CliError);
      await expect(run({ db, host, port: 0 }, io()), host).rejects.toThrow(/--token|IAMRISK_TOKEN/);
    }
  });

  it('off loopback with a token (flag or IAMRISK_TOKEN): 401 without it, 200 with it', async () => {
    for (const [opts, env] of [
      [{ host: '0.0.0.0', token: 'flag-token-123' }, {}],
      [{ host: '0.0.0.0' }, { IAMRISK_TOKEN: 'env-token-456' }],
    ] as const) {
      const token = 'token' in opts ? opts.token : env.IAMRISK_TOKEN;
      await serving(opts, env, async (url) => {
        expect(url).toContain(`?token=${token}`);
        const port = new URL(url).port;
        const api = `http://127.0.0.1:${port}/api/detections`;
        const none = await fetch(api);
        expect(none.status).toBe(401);
        expect(await none.json()).toMatchObject({ code: 'unauthorized' });
        expect((await fetch(api, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
        expect((await fetch(api, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
      });
    }
  });
});

describe('static files over HTTP', () => {
  let app: FastifyInstance;
  let port: number;
  beforeAll(async () => {
    app = await buildApp({ store, webRoot, allowedHosts: LOOPBACK_HOSTS });
    port = Number(new URL(await app.listen({ host: '127.0.0.1', port: 0 })).port);
  });
  afterAll(() => app.close());

  it('serves the app and its assets', async () => {
    expect(await rawGet(port, '/')).toMatchObject({ status: 200, body: INDEX });
    expect((await rawGet(port, '/assets/app.js')).status).toBe(200);
  });

  it('never serves a file outside the web root: encoded, double-encoded, backslash, absolute, NUL', async () => {
    const abs = path.join(dir, 'secret.txt');
    const attacks = [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e%2fsecret.txt',
      '/%2e%2e/secret.txt',
      '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      '/assets/..%2F..%2Fsecret.txt',
      '/%252e%252e%252fsecret.txt',
      '/assets/%252e%252e/%252e%252e/secret.txt',
      '/..%252fsecret.txt',
      '/..\\secret.txt',
      '/assets\\..\\..\\secret.txt',
      '/%5c..%5csecret.txt',
      '/..%5csecret.txt',
      '/../web-private/key.txt',
      '/%2e%2e/web-private/key.txt',
      `/${abs}`,
      `/${encodeURIComponent(abs)}`,
      `//${abs.slice(1)}`,
      '/%2fetc%2fpasswd',
      '//etc/passwd',
      '/../../../../../../etc/passwd',
      '/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
      '/index.html%00.txt',
      '/../secret.txt%00.html',
      '/assets/app.js%00',
      '/%00/../secret.txt',
      '/..%00/secret.txt',
      '/..%c0%afsecret.txt',
      '/.%2e/secret.txt',
    ];
    for (const url of attacks) {
      const r = await rawGet(port, url);
      expect(r.body, url).not.toMatch(/TOP-SECRET|root:x:0:0/);
      expect([400, 403, 404], `${url} → ${r.status}`).toContain(r.status);
    }
    // Still serving.
    expect((await rawGet(port, '/assets/app.js')).status).toBe(200);
  });
});

describe('request size and rate limits', () => {
  it('answers a body over the 64 KiB limit with a JSON 413 and stays healthy', async () => {
    const app = await buildApp({ store, allowedHosts: LOOPBACK_HOSTS });
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const url = `${base}/api/detections/${encodeURIComponent(escalation.id)}/mute`;
      const big = JSON.stringify({ reason: 'x'.repeat(70 * 1024) });
      for (const body of [big, new Blob([big]).stream()]) {
        // The second is chunked: no Content-Length, the limit applies while reading.
        const r = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
          ...(typeof body === 'string' ? {} : { duplex: 'half' }),
        } as RequestInit);
        expect(r.status).toBe(413);
        expect(await r.json()).toMatchObject({ code: 'fst_err_ctp_body_too_large' });
      }
      expect((await fetch(`${base}/api/scans/latest`)).status).toBe(200);
      expect(await store.listMutes({ activeOnly: true })).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('answers a burst over the configured rate limit with JSON 429s', async () => {
    const app = await buildApp({ store, allowedHosts: LOOPBACK_HOSTS, rateLimit: 20 });
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const rs = await Promise.all(Array.from({ length: 30 }, () => fetch(`${base}/api/detections`)));
      const statuses = rs.map((r) => r.status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(20);
      expect(statuses.filter((s) => s === 429)).toHaveLength(10);
      const limited = rs.find((r) => r.status === 429) as Response;
      expect(limited.headers.get('content-type')).toMatch(/^application\/json/);
      expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(await limited.json()).toMatchObject({ code: expect.any(String), message: expect.any(String) });
      await Promise.all(rs.filter((r) => !r.bodyUsed).map((r) => r.text()));
    } finally {
      await app.close();
    }
  });

  it('does not limit normal use: 300 explorer requests in a few seconds under the default limit', async () => {
    const stop = new AbortController();
    let resolveUrl!: (u: string) => void;
    const listening = new Promise<string>((r) => (resolveUrl = r));
    const done = serveStore(store, { host: '127.0.0.1', port: 0, token: null }, io(), {
      signal: stop.signal,
      onListening: resolveUrl,
    });
    try {
      const base = new URL(await listening);
      const urls = ['/api/detections', '/api/detections/facets', '/api/detections/groups?by=rule'];
      for (let i = 0; i < 30; i++) {
        const rs = await Promise.all(
          Array.from({ length: 10 }, (_, j) => fetch(new URL(urls[(i + j) % urls.length] as string, base))),
        );
        expect(rs.map((r) => r.status)).toEqual(Array(10).fill(200));
        await Promise.all(rs.map((r) => r.text()));
      }
    } finally {
      stop.abort();
      await done;
    }
  });
});
