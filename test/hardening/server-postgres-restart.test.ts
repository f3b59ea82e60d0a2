/**
 * PostgreSQL restarted under the explorer's server (issue 8, item 4): a dedicated PostgreSQL server (not the
 * shared one of test/setup/postgres.ts's global setup, which other suites use) is restarted with
 * `pg_ctl restart -m fast` while a real HTTP server serves a store on it and requests keep coming. The server
 * must not crash (a request during the outage may get a JSON 503), the next requests succeed once the pool has
 * reconnected, and a mute made before the restart is still there.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { escalation, seedStore } from '../../src/server/test-utils/fixture.js';
import type { Store } from '../../src/store/index.js';
import { openStore } from '../../src/store/index.js';
import type { PgServer } from '../setup/postgres.js';
import { startPostgres } from '../setup/postgres.js';

let pg: PgServer;
let store: Store;
let app: FastifyInstance;
let base: string;

beforeAll(async () => {
  pg = await startPostgres();
  store = await openStore(pg.url);
  await seedStore(store);
  app = await buildApp({ store, allowedHosts: ['127.0.0.1', 'localhost', '[::1]'] });
  base = await app.listen({ host: '127.0.0.1', port: 0 });
});

afterAll(async () => {
  await app?.close();
  await store?.close().catch(() => undefined);
  pg?.stop();
});

const json = { 'content-type': 'application/json' };

it('keeps serving across a PostgreSQL restart, reconnects, and keeps the mute', async () => {
  const id = encodeURIComponent(escalation.id);
  const muted = await fetch(`${base}/api/detections/${id}/mute`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ reason: 'accepted risk', author: 'alice' }),
  });
  expect(muted.status).toBe(201);
  const muteId = ((await muted.json()) as { id: number }).id;
  // Warm the pool: several idle connections that the restart will terminate.
  await Promise.all(
    Array.from({ length: 8 }, () => fetch(`${base}/api/detections/facets`).then((r) => r.text())),
  );

  // Requests keep coming while PostgreSQL restarts.
  const during: { status: number; body: string }[] = [];
  let restarting = true;
  const poller = (async () => {
    while (restarting) {
      const r = await fetch(`${base}/api/detections?status=open,muted`);
      during.push({ status: r.status, body: await r.text() });
      await new Promise((res) => setTimeout(res, 10));
    }
  })();
  const t0 = performance.now();
  await pg.restart();
  const restartMs = performance.now() - t0;
  restarting = false;
  await poller;

  // After the restart: the next requests succeed (the pool drops dead connections and opens new ones).
  const statuses: number[] = [];
  for (let i = 0; i < 10; i++) {
    const r = await fetch(`${base}/api/detections/${id}`);
    statuses.push(r.status);
    if (i === 9) {
      const view = (await r.json()) as { status: string; mutes: { id: number }[] };
      expect(view.status).toBe('muted');
      expect(view.mutes.map((m) => m.id)).toEqual([muteId]);
    } else await r.text();
  }
  const failedDuring = during.filter((d) => d.status !== 200);
  process.stderr.write(
    `server-postgres-restart: pg_ctl restart -m fast took ${restartMs.toFixed(0)} ms; ${during.length} requests ` +
      `during it: ${during.length - failedDuring.length} × 200, ` +
      `${failedDuring.map((d) => d.status).join(',') || 'none failed'}; after: ${statuses.join(',')}\n`,
  );
  for (const d of failedDuring) {
    expect(d.status).toBe(503);
    expect(JSON.parse(d.body)).toEqual({
      code: 'store-unavailable',
      message: 'the store is unavailable; try again',
    });
  }
  expect(statuses).toEqual(Array(10).fill(200));
  const mutes = (await (await fetch(`${base}/api/mutes`)).json()) as { id: number }[];
  expect(mutes.map((m) => m.id)).toEqual([muteId]);
  // Writes work again too.
  const unmute = await fetch(`${base}/api/mutes/${muteId}`, { method: 'DELETE' });
  expect(unmute.status).toBe(200);
});
