/**
 * Faults (issue 8): `kill -9` of a real `iamrisk scan --db` process while it writes the store leaves the
 * previous complete scan and the next run succeeds; a disk that fills up while the report (`--out`) or the
 * store is written gives one clear line, exit 2, and no half-written file. (PostgreSQL restarted under the
 * server is the server's part.)
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { openStore } from '../../src/store/index.js';
import { REPO_ROOT } from '../shared-data.js';

const A = '100000000001';
const admin = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };

/** An export with `n` administrator users (one detection or more each), under `dir/snap`. */
function writeSnapshot(dir: string, n: number, tag: string): string {
  const snap = path.join(dir, `snap-${tag}`);
  mkdirSync(snap, { recursive: true });
  const users = Array.from({ length: n }, (_, i) => ({
    UserName: `${tag}-user-${i}`,
    Arn: `arn:aws:iam::${A}:user/${tag}-user-${i}`,
    UserPolicyList: [{ PolicyName: 'all', PolicyDocument: admin }],
  }));
  writeFileSync(path.join(snap, 'gaad.json'), JSON.stringify({ UserDetailList: users }));
  return snap;
}

async function run(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = {
    stdout: { write: (s: string) => (out += s), isTTY: false },
    stderr: { write: (s: string) => (err += s), isTTY: false },
    cwd,
    env: {},
  };
  const code = await main(args, io);
  return { code, out, err };
}

/** Starts `iamrisk scan --db` as a real process and SIGKILLs it as soon as its write-ahead log grows. */
function killWhileWriting(cwd: string, snap: string, db: string): Promise<{ killed: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        path.join(REPO_ROOT, 'scripts/dev.ts'),
        'scan',
        snap,
        '--db',
        db,
        '--format',
        'json',
        '--out',
        path.join(cwd, 'r.json'),
        '--as-of',
        '2026-11-20',
      ],
      { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let err = '';
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    const wal = `${db}-wal`;
    const timer = setInterval(() => {
      if (existsSync(wal) && statSync(wal).size > 0) {
        child.kill('SIGKILL');
        clearInterval(timer);
      }
    }, 2);
    child.on('exit', (code, signal) => {
      clearInterval(timer);
      if (signal === 'SIGKILL') resolve({ killed: true });
      else if (code !== null) resolve({ killed: false });
      else reject(new Error(`unexpected exit ${code} ${signal}: ${err}`));
    });
  });
}

describe('kill -9 during `iamrisk scan --db`', () => {
  let dir: string;
  beforeAll(() => void (dir = mkdtempSync(path.join(tmpdir(), 'iamrisk-kill-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('leaves the previous complete scan, and the next run succeeds', async () => {
    const db = path.join(dir, 'iamrisk.db');
    const first = await run(
      ['scan', writeSnapshot(dir, 20, 'before'), '--db', db, '--format', 'json', '--as-of', '2026-11-19'],
      dir,
    );
    expect(first.code, first.err).toBe(0);
    const big = writeSnapshot(dir, 3000, 'big');

    let midWrite = 0;
    for (let attempt = 0; attempt < 3 && midWrite === 0; attempt++) {
      const { killed } = await killWhileWriting(dir, big, db);
      const store = await openStore(db);
      try {
        const scans = await store.listScans();
        // Either the killed scan never committed (the usual case), or it committed whole: never a part of one.
        if (killed && scans.length === 1) midWrite++;
        expect(scans.at(-1)).toMatchObject({
          id: 1,
          detections: first.out.match(/"rule": "admin-user"/g)!.length,
        });
        if (scans.length > 1) expect(scans[0]!.detections).toBeGreaterThanOrEqual(3000);
      } finally {
        await store.close();
      }
    }
    expect(midWrite, 'at least one kill landed inside the write transaction').toBe(1);

    const next = await run(
      ['scan', writeSnapshot(dir, 5, 'after'), '--db', db, '--format', 'json', '--as-of', '2026-11-21'],
      dir,
    );
    expect(next.code, next.err).toBe(0);
    expect(next.err).toMatch(/Recorded scan 2 /);
    const store = await openStore(db);
    try {
      expect((await store.listScans()).map((s) => [s.id, s.detections])).toEqual([
        [2, 5],
        [1, 20],
      ]);
    } finally {
      await store.close();
    }
  }, 120_000);
});

/** A tiny tmpfs, when this machine lets us mount one (root on Linux). */
function mountTiny(at: string, size: string): boolean {
  mkdirSync(at, { recursive: true });
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
  return spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', at]).status === 0;
}

describe('disk full', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'iamrisk-full-'));
  const tiny = path.join(dir, 'tiny');
  const small = path.join(dir, 'small');
  const mounted = mountTiny(tiny, '256k') && mountTiny(small, '2m');
  afterAll(() => {
    if (mounted) for (const m of [tiny, small]) spawnSync('umount', [m]);
    rmSync(dir, { recursive: true, force: true });
  });

  it.skipIf(!mounted)(
    'writing the report (--out) fails with one clear line and leaves no file behind',
    async () => {
      const snap = writeSnapshot(dir, 2000, 'report');
      const out = path.join(tiny, 'report.json');
      const r = await run(['scan', snap, '--format', 'json', '--out', out, '--as-of', '2026-11-20'], dir);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(new RegExp(`^iamrisk: cannot write ${out}: .*no space left on device`, 'i'));
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(readdirSync(tiny)).toEqual([]);
    },
  );

  it.skipIf(!mounted)('writing the store fails with one clear line and keeps the previous scan', async () => {
    const db = path.join(small, 'iamrisk.db');
    const first = await run(
      ['scan', writeSnapshot(dir, 3, 'small'), '--db', db, '--as-of', '2026-11-19', '--format', 'json'],
      dir,
    );
    expect(first.code, first.err).toBe(0);
    const r = await run(
      ['scan', writeSnapshot(dir, 6000, 'store'), '--db', db, '--as-of', '2026-11-20', '--format', 'json'],
      dir,
    );
    expect(r.code, r.err).toBe(2);
    expect(r.err.trim().split('\n'), r.err.slice(0, 3000)).toHaveLength(1);
    expect(r.err).toMatch(/full|no space/i);
    const store = await openStore(db);
    try {
      expect((await store.listScans()).map((s) => [s.id, s.detections])).toEqual([[1, 3]]);
    } finally {
      await store.close();
    }
  });
});
