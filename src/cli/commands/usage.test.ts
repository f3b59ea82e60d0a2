import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../store/index.js';
import { CliError } from '../io.js';
import { captureIo } from '../test-utils/capture-io.js';
import { run } from './usage.js';

const FIXTURE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../usage/fixtures/athena-result.csv',
);

describe('iamrisk usage import', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'iamrisk-usage-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('stores the valid rows of an Athena result, reports the rest, and exits 1 for a partial import', async () => {
    const io = captureIo(dir);
    expect(await run({ file: FIXTURE, db: 'u.db' }, io)).toBe(1);
    expect(io.out()).toBe('Imported 5 usage row(s) from 9 result row(s) of athena-result.csv.\n');
    expect(io.err()).toContain('unmapped event "s3.amazonaws.com FrobnicateBucket": 4 call(s)');
    expect(io.err()).toContain('line 7: principal_arn is not an IAM user, role or root ARN');
    const store = await openStore(path.join(dir, 'u.db'));
    try {
      const days = await store.usage.readDays('2025-05-01', '2025-05-31');
      expect(
        days.map((d) => `${d.principalArn.split(':').pop()} ${d.action} ${d.used}/${d.denied}/${d.errors}`),
      ).toEqual([
        'role/app lambda:ListFunctions 0/2/0',
        'role/app s3:GetObject 1/0/1',
        'role/app s3:ListAllMyBuckets 3/0/0',
        'role/app s3:PutObject 1/0/1',
        'user/alice sts:GetCallerIdentity 1/0/0',
      ]);
    } finally {
      await store.close();
    }
  });

  it('refuses a file that is not the query result, without touching the store', async () => {
    writeFileSync(path.join(dir, 'x.csv'), '"a","b"\n"1","2"\n');
    await expect(run({ file: 'x.csv', db: 'u.db' }, captureIo(dir))).rejects.toThrow(/missing columns/);
    await expect(run({ file: 'nope.csv', db: 'u.db' }, captureIo(dir))).rejects.toBeInstanceOf(CliError);
    expect(existsSync(path.join(dir, 'u.db'))).toBe(false);
  });
});
