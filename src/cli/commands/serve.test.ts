import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { seedStore } from '../../server/test-utils/fixture.js';
import { openStore } from '../../store/index.js';
import type { CliIo } from '../io.js';
import { CliError } from '../io.js';
import { run, serveStore } from './serve.js';

let dir: string;
const io = (env: Record<string, string> = {}): CliIo & { out: string[] } => {
  const out: string[] = [];
  return { out, stdout: { write: (s: string) => out.push(s) }, stderr: { write: () => true }, cwd: dir, env };
};

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'iamrisk-serve-'));
  const store = await openStore(path.join(dir, 'iamrisk.db'));
  await seedStore(store);
  await store.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('iamrisk serve', () => {
  it('refuses a non-loopback bind without a token, and a missing store', async () => {
    await expect(run({ host: '0.0.0.0', port: 0 }, io())).rejects.toThrow(/--token or set IAMRISK_TOKEN/);
    await expect(run({ host: '127.0.0.1', port: 0, db: 'none.db' }, io())).rejects.toBeInstanceOf(CliError);
  });

  it('serves the store on 127.0.0.1, prints the URL, and stops on signal', async () => {
    const stop = new AbortController();
    const cli = io();
    let url = '';
    const done = run({ host: '127.0.0.1', port: 0 }, cli, {
      signal: stop.signal,
      onListening: (u) => {
        url = u;
      },
    });
    await expect.poll(() => url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const r = await fetch(new URL('/api/detections', url));
    expect(r.status).toBe(200);
    expect(((await r.json()) as { total: number }).total).toBe(3);
    expect(cli.out.join('')).toContain(`Identity Risks Explorer: ${url}`);
    stop.abort();
    expect(await done).toBe(0);
  });

  it('builds the explorer index as it starts, before any request', async () => {
    const store = await openStore(path.join(dir, 'iamrisk.db'));
    const facets = vi.spyOn(store, 'detectionFacets');
    const stop = new AbortController();
    const done = serveStore(store, { host: '127.0.0.1', port: 0, token: null }, io(), {
      signal: stop.signal,
    });
    await expect.poll(() => facets.mock.calls.length).toBe(1);
    await facets.mock.results[0]?.value;
    stop.abort();
    expect(await done).toBe(0);
    await store.close();
  });

  it('with a token (from IAMRISK_TOKEN) prints it in the URL once and requires it', async () => {
    const stop = new AbortController();
    let url = '';
    const done = run({ host: '127.0.0.1', port: 0 }, io({ IAMRISK_TOKEN: 'tok en' }), {
      signal: stop.signal,
      onListening: (u) => {
        url = u;
      },
    });
    await expect.poll(() => url).toMatch(/\?token=tok%20en$/);
    const api = new URL('/api/detections', url);
    expect((await fetch(api)).status).toBe(401);
    expect((await fetch(api, { headers: { authorization: 'Bearer tok en' } })).status).toBe(200);
    stop.abort();
    await done;
  });
});
