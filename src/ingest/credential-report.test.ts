import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { transform } from './credential-report.js';
import { inventoryFromRaw } from './from-raw.js';

const CSV = readFileSync(
  path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/credential-report.csv'),
  'utf8',
);
const ACCT = '100000000001';
/** `aws iam get-credential-report` output. */
const asJson = (csv: string): unknown => ({
  Content: Buffer.from(csv).toString('base64'),
  ReportFormat: 'text/csv',
  GeneratedTime: '2024-05-02T09:00:00+00:00',
});

describe('credential report', () => {
  const t = transform(CSV, 'cr.csv');

  it('reads every row of the CSV, root included', () => {
    expect(t.errors).toEqual([]);
    expect(t.rows.map((r) => [r.user, r.isRoot])).toEqual([
      ['<root_account>', true],
      ['alice', false],
      ['bob', false],
      ['ci-deploy', false],
    ]);
    expect(t.accounts).toEqual([ACCT]);
  });

  it('reads the root row: not_supported password is enabled, active key kept', () => {
    const root = t.rows[0]!;
    expect(root).toMatchObject({
      arn: `arn:aws:iam::${ACCT}:root`,
      accountId: ACCT,
      passwordEnabled: true,
      passwordLastUsed: '2024-05-02T08:15:00.000Z',
      passwordLastChanged: null,
      mfaActive: false,
    });
    expect(root.accessKeys[0]).toEqual({
      slot: 1,
      active: true,
      lastRotated: '2020-03-02T10:00:00.000Z',
      lastUsedDate: '2024-04-30T12:00:00.000Z',
      lastUsedRegion: 'us-east-1',
      lastUsedService: 'iam',
    });
  });

  it('turns N/A and no_information into null, never into a date or an empty string', () => {
    const bob = t.rows.find((r) => r.user === 'bob')!;
    expect(bob).toMatchObject({ passwordEnabled: true, passwordLastUsed: null, mfaActive: false });
    expect(bob.accessKeys[0]).toEqual({
      slot: 1,
      active: false,
      lastRotated: null,
      lastUsedDate: null,
      lastUsedRegion: null,
      lastUsedService: null,
    });
    const alice = t.rows.find((r) => r.user === 'alice')!;
    expect(alice.accessKeys.map((k) => k.active)).toEqual([true, true]);
    expect(alice.accessKeys[1]).toMatchObject({
      lastRotated: '2023-01-05T11:00:00.000Z',
      lastUsedDate: null,
    });
    expect(t.rows.find((r) => r.user === 'ci-deploy')!.passwordEnabled).toBe(false);
  });

  it('reads the JSON form (base64 Content) to the same rows', () => {
    const { inventory, inputs } = inventoryFromRaw([{ file: 'cr.json', raw: asJson(CSV) }]);
    expect(inputs).toEqual([{ path: 'cr.json', kind: 'credential-report', records: 4, errors: [] }]);
    expect(inventory.credentialReport).toEqual(t.rows);
    expect([...inventory.coverage.credentialReportAccounts]).toEqual([ACCT]);
    expect(inventory.coverage.iamAccounts.size).toBe(0);
  });

  it('does not treat a user named <root_account> in another account ARN shape as root', () => {
    const fake = CSV.replace(
      `alice,arn:aws:iam::${ACCT}:user/alice`,
      `<root_account>,arn:aws:iam::${ACCT}:user/alice`,
    );
    const rows = transform(fake, 'x.csv').rows;
    expect(rows.filter((r) => r.isRoot).map((r) => r.arn)).toEqual([`arn:aws:iam::${ACCT}:root`]);
  });
});

describe('credential report: errors', () => {
  it('refuses a report without the required columns', () => {
    const csv = 'user,arn,password_enabled\nalice,arn:aws:iam::100000000001:user/alice,true\n';
    const t = transform(csv, 'cr.csv');
    expect(t.rows).toEqual([]);
    expect(t.errors).toHaveLength(1);
    expect(t.errors[0]!.where).toBe('cr.csv');
    expect(t.errors[0]!.reason).toMatch(
      /^credential report lacks required columns: user_creation_time, password_last_used/,
    );
  });

  it('reports a bad row by number and name and reads the others', () => {
    const bad = CSV.replace(/^(bob,[^,]+,[^,]+,)true,/m, '$1maybe,');
    const t = transform(bad, 'cr.csv');
    expect(t.errors).toEqual([
      { where: 'cr.csv row[3] (bob)', reason: 'row bob has an invalid password_enabled value' },
    ]);
    expect(t.rows.map((r) => r.user)).toEqual(['<root_account>', 'alice', 'ci-deploy']);
  });

  it('reports a row with a malformed ARN and a short row', () => {
    const bad = `${CSV.trimEnd()}\nmallory,not-an-arn,2022-01-01T00:00:00+00:00\ntrent,arn:aws:iam::${ACCT}:user/trent\n`;
    const t = transform(bad, 'cr.csv');
    expect(t.errors.map((e) => e.where)).toEqual(['cr.csv row[5] (mallory)', 'cr.csv row[6] (trent)']);
    expect(t.rows).toHaveLength(4);
  });

  it('refuses JSON whose Content is not the report', () => {
    const cases: [unknown, RegExp][] = [
      [{ Content: '!!!not base64!!!', ReportFormat: 'text/csv' }, /not base64/],
      [
        { Content: Buffer.from('hello').toString('base64'), ReportFormat: 'text/csv' },
        /does not decode to the report CSV/,
      ],
      [
        { Content: Buffer.from(CSV).toString('base64'), ReportFormat: 'application/pdf' },
        /ReportFormat is not text\/csv/,
      ],
    ];
    for (const [raw, reason] of cases) {
      const t = transform(raw, 'cr.json');
      expect(t.rows).toEqual([]);
      expect(t.errors).toHaveLength(1);
      expect(t.errors[0]!.reason).toMatch(reason);
    }
  });
});
