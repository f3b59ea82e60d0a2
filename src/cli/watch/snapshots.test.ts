import { existsSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { newSnapshotPath, pruneSnapshots } from './snapshots.js';

describe('watch snapshot folders', () => {
  it('names folders after the start time and never reuses one', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'iamrisk-snaps-'));
    const at = new Date('2026-11-20T06:00:00.000Z');
    const first = newSnapshotPath(root, at);
    expect(path.basename(first)).toBe('2026-11-20T06-00-00-000Z');
    mkdirSync(first);
    expect(path.basename(newSnapshotPath(root, at))).toBe('2026-11-20T06-00-00-000Z-1');
  });

  it('keeps the newest N and the protected one, and touches nothing it did not name', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'iamrisk-snaps-'));
    const outside = mkdtempSync(path.join(os.tmpdir(), 'iamrisk-outside-'));
    writeFileSync(path.join(outside, 'keep.txt'), 'x');
    const names = ['2026-11-01T00-00-00-000Z', '2026-11-02T00-00-00-000Z', '2026-11-03T00-00-00-000Z'];
    for (const n of [...names, '2026-11-03T00-00-00-000Z-1']) mkdirSync(path.join(root, n));
    mkdirSync(path.join(root, 'notes'));
    writeFileSync(path.join(root, '2025-01-01T00-00-00-000Z'), 'a file, not a folder');
    // A link named like a snapshot that points outside the root is not a folder of ours.
    symlinkSync(outside, path.join(root, '2024-01-01T00-00-00-000Z'));

    const deleted = pruneSnapshots(root, 2, new Set([path.join(root, names[0]!)]));
    expect(deleted).toEqual([path.join(root, names[1]!)]);
    expect(readdirSync(root).sort()).toEqual([
      '2024-01-01T00-00-00-000Z',
      '2025-01-01T00-00-00-000Z',
      names[0],
      names[2],
      '2026-11-03T00-00-00-000Z-1',
      'notes',
    ]);
    expect(existsSync(path.join(outside, 'keep.txt'))).toBe(true);
  });
});
