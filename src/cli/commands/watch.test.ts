import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { createServer } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Moto } from '../../ingest/collect/test-utils/moto.js';
import { startMoto } from '../../ingest/collect/test-utils/moto.js';
import { buildAccount } from '../../ingest/collect/test-utils/scenario.js';
import type { RunInfo } from '../../store/index.js';
import { openStore } from '../../store/index.js';
import { main } from '../main.js';
import { run as watch } from './watch.js';
import { captureIo } from '../test-utils/capture-io.js';

let moto: Moto;
/** An endpoint that rejects every call as AWS does a bad access key (403, not retried). */
let refusing: Server;
let refusingUrl: string;
beforeAll(async () => {
  moto = await startMoto();
  process.env.AWS_ACCESS_KEY_ID = 'testing';
  process.env.AWS_SECRET_ACCESS_KEY = 'testing';
  await moto.reset();
  await buildAccount(moto);
  refusing = createServer((_req, res) => {
    res.writeHead(403, { 'content-type': 'text/xml' });
    res.end(
      '<ErrorResponse><Error><Type>Sender</Type><Code>InvalidClientTokenId</Code>' +
        '<Message>The security token included in the request is invalid.</Message></Error></ErrorResponse>',
    );
  });
  await new Promise<void>((r) => refusing.listen(0, '127.0.0.1', r));
  refusingUrl = `http://127.0.0.1:${(refusing.address() as { port: number }).port}`;
});
afterAll(async () => {
  await moto?.stop();
  await new Promise((r) => refusing?.close(r));
});

async function cli(cwd: string, ...argv: string[]) {
  const io = captureIo(cwd);
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}

const watchOnce = (cwd: string, endpoint: string, ...extra: string[]) =>
  cli(
    cwd,
    'watch',
    '--once',
    '--out-root',
    'snaps',
    '--db',
    'iamrisk.db',
    '--regions',
    'us-east-1',
    '--endpoint-url',
    endpoint,
    ...extra,
  );

const newDir = () => mkdtempSync(path.join(os.tmpdir(), 'iamrisk-watch-'));

describe('iamrisk watch (against moto_server)', () => {
  it('records a scan and a succeeded run; a second run on the unchanged account adds no detection events', async () => {
    const cwd = newDir();
    const first = await watchOnce(cwd, moto.endpoint, '--keep-snapshots', '1');
    expect(first.err).toMatch(/Run 1 succeeded: scan 1 from .*snaps/);
    expect(first.code).toBe(0);
    const second = await watchOnce(cwd, moto.endpoint, '--keep-snapshots', '1');
    expect(second.code).toBe(0);

    const store = await openStore(path.join(cwd, 'iamrisk.db'));
    try {
      const runs = await store.listRuns();
      expect(runs.map((r) => [r.source, r.status, r.scanId, r.error])).toEqual([
        ['watch', 'succeeded', 2, null],
        ['watch', 'succeeded', 1, null],
      ]);
      expect(runs[0]!.snapshot).not.toBe(runs[1]!.snapshot);
      // --keep-snapshots 1: only the newest folder is left, and it is the one the last run scanned.
      expect(readdirSync(path.join(cwd, 'snaps'))).toEqual([path.basename(runs[0]!.snapshot!)]);

      const open = await store.listDetections({ limit: 1000 });
      expect(open.items.map((v) => v.detection.rule)).toEqual(
        expect.arrayContaining(['admin-user', 'admin-role', 'compute-admin']),
      );
      // Timeline stable: every event of every flagged resource comes from the first scan.
      const arns = [...new Set(open.items.map((v) => v.detection.resource.arn))];
      const events = (await Promise.all(arns.map((a) => store.history(a)))).flat();
      expect(events.length).toBeGreaterThanOrEqual(open.total);
      expect(events.filter((e) => e.scanId !== 1)).toEqual([]);
      expect(new Set(events.map((e) => e.kind))).toEqual(new Set(['detected']));
    } finally {
      await store.close();
    }
  });

  it('records a failed collect with its reason and keeps the last good scan as the latest', async () => {
    const cwd = newDir();
    expect((await watchOnce(cwd, moto.endpoint)).code).toBe(0);
    const failed = await watchOnce(cwd, refusingUrl, '--keep-snapshots', '1');
    expect(failed.code).toBe(2);
    expect(failed.err).toMatch(/Run 2 failed: collect: .*security token.*; the latest scan is unchanged/);

    const store = await openStore(path.join(cwd, 'iamrisk.db'));
    let good: RunInfo;
    try {
      const [last, prev] = await store.listRuns();
      expect(last).toMatchObject({ status: 'failed', scanId: null, snapshot: null, source: 'watch' });
      expect(last!.error).toMatch(/^collect: .*security token included in the request is invalid/);
      good = prev!;
      expect((await store.latestScan())?.id).toBe(1);
      expect((await store.listScans()).length).toBe(1);
    } finally {
      await store.close();
    }
    // The failed collect left no folder, and pruning kept the last good snapshot.
    expect(readdirSync(path.join(cwd, 'snaps'))).toEqual([path.basename(good.snapshot!)]);

    const scans = await cli(cwd, 'scans');
    expect(scans.out).toMatch(/^1\s/m);
    expect(scans.out).toMatch(/Last run failed \(watch, .*\): collect: .*security token/);
    const runs = await cli(cwd, 'runs');
    expect(runs.out.split('\n')[1]).toMatch(/^2\s.*watch\s+failed\s+-\s+collect:/);
    expect(runs.out.split('\n')[2]).toMatch(/^1\s.*watch\s+succeeded\s+1\s/);

    // A later good run (here `scan --db`, recorded as a run too) becomes the latest, and the note goes away.
    const again = await cli(cwd, 'scan', good.snapshot!, '--db', 'iamrisk.db', '--out', 'report.txt');
    expect(again.code).toBe(0);
    expect((await cli(cwd, 'scans')).out).not.toMatch(/Last run failed/);
    const latest = JSON.parse((await cli(cwd, 'runs', '--format', 'json')).out) as RunInfo[];
    expect(latest[0]).toMatchObject({ id: 3, source: 'scan', status: 'succeeded', scanId: 2, error: null });
    expect(latest[0]!.snapshot).toBe(good.snapshot);
  });

  it('loops until SIGTERM, which stops it during the wait and removes its handlers', async () => {
    const cwd = newDir();
    const before = process.listenerCount('SIGTERM');
    const io = captureIo(cwd);
    const seen: RunInfo[] = [];
    const code = await watch(
      {
        every: '6h',
        outRoot: 'snaps',
        db: 'iamrisk.db',
        regions: 'us-east-1',
        endpointUrl: moto.endpoint,
        windowDays: 15,
      },
      io,
      {
        onRun: (r) => {
          seen.push(r);
          process.emit('SIGTERM');
        },
      },
    );
    expect(code).toBe(0);
    expect(seen.map((r) => r.status)).toEqual(['succeeded']);
    expect(io.err()).toMatch(
      /^Watching: a run every 6h[\s\S]*\nRun 1 succeeded[\s\S]*\nStopping after the current run/,
    );
    expect(process.listenerCount('SIGTERM')).toBe(before);
    expect(existsSync(seen[0]!.snapshot!)).toBe(true);
  });

  it('rejects a bad interval or keep count before collecting', async () => {
    const cwd = newDir();
    const bad = await cli(
      cwd,
      'watch',
      '--out-root',
      'snaps',
      '--every',
      '5',
      '--endpoint-url',
      moto.endpoint,
    );
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--every: "5" is not an interval/);
    const keep = await watchOnce(cwd, moto.endpoint, '--keep-snapshots', '0');
    expect(keep.code).toBe(2);
    expect(keep.err).toMatch(/--keep-snapshots/);
    expect(existsSync(path.join(cwd, 'snaps'))).toBe(false);
  });
});
