import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  isAccountId,
  isRegionName,
  isSafeSegment,
  SnapshotError,
  SnapshotWriter,
} from './snapshot-writer.js';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'iamrisk-snap-'));

describe('SnapshotWriter', () => {
  it('writes into a temporary sibling and shows the folder only on commit', async () => {
    const out = path.join(tmp(), 'snap');
    const w = await SnapshotWriter.open(out);
    await w.writeJson(['100000000001', 'iam', 'a.json'], { UserDetailList: [] });
    expect(existsSync(out)).toBe(false);
    await w.commit();
    expect(JSON.parse(readFileSync(path.join(out, '100000000001/iam/a.json'), 'utf8'))).toEqual({
      UserDetailList: [],
    });
    expect(readdirSync(path.dirname(out))).toEqual(['snap']); // no .tmp- left behind
  });

  it('abort leaves no half folder', async () => {
    const out = path.join(tmp(), 'snap');
    const w = await SnapshotWriter.open(out);
    await w.writeJson(['x.json'], {});
    await w.abort();
    expect(readdirSync(path.dirname(out))).toEqual([]);
  });

  it('refuses a non-empty folder unless forced, then replaces it whole', async () => {
    const out = path.join(tmp(), 'snap');
    mkdirSync(out);
    writeFileSync(path.join(out, 'old.json'), '{}');
    await expect(SnapshotWriter.open(out)).rejects.toThrow(/not empty.*--force/);
    const w = await SnapshotWriter.open(out, { force: true });
    await w.writeJson(['new.json'], {});
    expect(readdirSync(out)).toEqual(['old.json']); // untouched until commit
    await w.commit();
    expect(readdirSync(out)).toEqual(['new.json']);
    expect(readdirSync(path.dirname(out))).toEqual(['snap']);
  });

  it('accepts an existing empty folder', async () => {
    const out = path.join(tmp(), 'snap');
    mkdirSync(out);
    const w = await SnapshotWriter.open(out);
    await w.writeJson(['a.json'], {});
    await w.commit();
    expect(readdirSync(out)).toEqual(['a.json']);
  });

  it('never writes outside the folder, whatever the segments say', async () => {
    const root = tmp();
    const w = await SnapshotWriter.open(path.join(root, 'snap'));
    for (const bad of [
      ['..', 'x.json'],
      ['a/../../x.json'],
      [''],
      ['.hidden'],
      ['a\\b.json'],
      ['x\u0000.json'],
      ['/etc', 'passwd'],
    ]) {
      await expect(w.writeJson(bad, {}), JSON.stringify(bad)).rejects.toBeInstanceOf(SnapshotError);
    }
    await w.abort();
    expect(readdirSync(root)).toEqual([]);
  });
});

describe('path guards', () => {
  it('accept only account ids, region names and plain segments', () => {
    expect(isAccountId('100000000001')).toBe(true);
    for (const bad of ['10000000000', '1000000000011', '../100000000', 'abcdefghijkl'])
      expect(isAccountId(bad)).toBe(false);
    for (const r of ['us-east-1', 'eu-central-2', 'us-gov-west-1', 'ap-southeast-5', 'cn-north-1'])
      expect(isRegionName(r), r).toBe(true);
    for (const r of ['../us-east-1', 'us-east-1/..', 'US-EAST-1', 'us-east-1a', ''])
      expect(isRegionName(r), r).toBe(false);
    expect(isSafeSegment('123456789012_CloudTrail_us-east-1_20261120T0000Z_abc.json.gz')).toBe(true);
    expect(isSafeSegment('..')).toBe(false);
  });
});
