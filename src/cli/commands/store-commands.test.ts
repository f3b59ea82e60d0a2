import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../store/index.js';
import { day, detection, roleArn, scanInput } from '../../store/test-utils/scan-builder.js';
import { main } from '../main.js';
import { captureIo } from '../test-utils/capture-io.js';

// Mutes record who made them: $USER.
const ioAsAna = (cwd: string) => captureIo(cwd, { USER: 'ana' });

describe('store commands (history, mute, unmute, scans, prune)', () => {
  let dir: string;
  const R = roleArn('deploy');
  const D = detection('admin-role', R, 'high');
  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'iamrisk-cli-store-'));
    const store = await openStore(path.join(dir, 'iamrisk.db'));
    await store.recordScan(scanInput({ detections: [D] }), { recordedAt: day(1) });
    await store.recordScan(scanInput({}), { recordedAt: day(2) });
    await store.close();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const run = async (...argv: string[]) => {
    const io = ioAsAna(dir);
    const code = await main(argv, io);
    return { code, out: io.out(), err: io.err() };
  };

  it('lists scans and shows a resource history from the default iamrisk.db', async () => {
    const scans = await run('scans');
    expect(scans.code).toBe(0);
    expect(scans.out.split('\n')[1]).toMatch(/^2\s+2026-11-02T12:00:00.000Z/);
    const h = await run('history', R, '--format', 'json');
    expect(JSON.parse(h.out).map((e: { kind: string }) => e.kind)).toEqual(['detected', 'resolved']);
    expect((await run('history', R)).out).toMatch(/scan 2\s+resolved/);
  });

  it('mutes with a reason and expiry, lists, unmutes, and records it in the history', async () => {
    const m = await run(
      'mute',
      '--rule',
      'admin-role',
      '--resource',
      '*role/deploy',
      '--reason',
      'accepted',
      '--expires',
      '30d',
    );
    expect(m.code).toBe(0);
    expect(m.out).toMatch(/mute #1 {2}admin-role on \*role\/deploy {2}\(active until .*\) {2}by ana/);
    expect((await run('mute', '--list')).out).toMatch(/mute #1 .*active/);
    expect((await run('unmute', '1')).out).toBe('Lifted mute #1.\n');
    const again = await run('unmute', '1');
    expect([again.code, again.err]).toEqual([2, expect.stringMatching(/no active mute #1/)]);
    const h = JSON.parse((await run('history', R, '--format', 'json')).out) as {
      kind: string;
      mute?: { liftedBy: string };
    }[];
    expect(h.map((e) => e.kind)).toEqual(['detected', 'resolved', 'muted', 'unmuted']);
    expect(h[3]?.mute?.liftedBy).toBe('ana');
  });

  it('refuses a mute without reason or with an ambiguous target', async () => {
    expect((await run('mute', D.id)).err).toMatch(/--reason is required/);
    expect((await run('mute', D.id, '--rule', 'x', '--reason', 'r')).err).toMatch(/not both/);
    expect((await run('mute', D.id, '--reason', 'r', '--expires', 'soon')).err).toMatch(/--expires/);
  });

  it('prunes to the newest N scans', async () => {
    expect((await run('prune', '--keep', '1')).out).toMatch(/Deleted 1 scan\(s\) \(1\)/);
    expect((await run('scans', '--format', 'json')).out).toMatch(/"id": 2/);
    expect((await run('prune', '--keep', '0')).code).toBe(2);
  });

  it('says what to do when the store does not exist', async () => {
    const r = await run('scans', '--db', 'missing.db');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/no store at .*missing\.db; run "iamrisk scan PATH --db missing\.db" first/);
  });
});
