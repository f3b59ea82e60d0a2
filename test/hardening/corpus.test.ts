/**
 * The bad-input corpus (issue 8): every file under test/corpus listed in cases.json goes through `loadInputs`
 * next to a good export. Nothing throws, the good file is still read, and the bad one is reported with its
 * path, the record when there is one, and the reason the manifest expects.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCloudTrailFile } from '../../src/ingest/cloudtrail-file.js';
import { loadInputs } from '../../src/ingest/load.js';
import { REPO_ROOT } from '../shared-data.js';

interface CorpusCase {
  file: string;
  /** null: the file is read without error (unknown services and actions, for instance). */
  expect: { where?: string; reason: string } | null;
  good?: boolean;
  /** Record-level CloudTrail errors come from the CloudTrail reader, not from `loadInputs`. */
  reader?: 'cloudtrail';
}

const CORPUS = path.join(REPO_ROOT, 'test/corpus');
const manifest = JSON.parse(readFileSync(path.join(CORPUS, 'cases.json'), 'utf8')) as { cases: CorpusCase[] };
const GOOD = path.join(CORPUS, 'good/gaad.json');
const bad = manifest.cases.filter((c) => !c.good);

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [path.relative(CORPUS, full)];
  });
}

describe('bad-input corpus', () => {
  it('the manifest lists every corpus file exactly once, and every file it lists exists', () => {
    const listed = manifest.cases.map((c) => c.file).sort();
    expect(new Set(listed).size).toBe(listed.length);
    expect(listed).toEqual(
      filesUnder(CORPUS)
        .filter((f) => f !== 'cases.json')
        .sort(),
    );
  });

  it.each(bad.map((c) => [c.file, c] as const))('%s', async (_name, c) => {
    const file = path.join(CORPUS, c.file);
    const { inputs } = await loadInputs([GOOD, file]);
    const good = inputs.find((i) => i.path === GOOD);
    expect(good).toMatchObject({ kind: 'iam-authorization-details', errors: [] });
    expect(good!.records).toBeGreaterThan(0);
    const mine = inputs.filter((i) => i.path === file);
    expect(mine).toHaveLength(1);
    const summary = mine[0]!;

    if (c.reader === 'cloudtrail') {
      // The file as a whole is fine; the CloudTrail reader reports the bad record and keeps the others.
      expect(summary).toMatchObject({ kind: 'cloudtrail', errors: [] });
      const read = await readCloudTrailFile(file);
      expect(read.kind).toBe('events');
      if (read.kind !== 'events') return;
      expect(read.events.length).toBeGreaterThan(0);
      if (c.expect === null) {
        expect(read.errors).toEqual([]);
        return;
      }
      expect(read.errors).toContainEqual({
        where: `${file} ${c.expect.where}`,
        reason: expect.stringContaining(c.expect.reason),
      });
      return;
    }
    if (c.expect === null) {
      expect(summary.errors).toEqual([]);
      expect(summary.records).toBeGreaterThan(0);
      return;
    }
    const where = c.expect.where === undefined ? file : `${file} ${c.expect.where}`;
    expect(summary.errors).toContainEqual({ where, reason: expect.stringContaining(c.expect.reason) });
    // One line each, so a terminal or a CI log shows it whole.
    for (const e of summary.errors) expect(e.reason).not.toMatch(/[\r\n]/);
  });
});
