import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseAthenaUsage } from './athena-import.js';

const FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'athena-result.csv');
const result = parseAthenaUsage('athena-result.csv', readFileSync(FILE, 'utf8'));
const app = 'arn:aws:iam::100000000001:role/app';

describe('parseAthenaUsage (Athena CSV download of docs/cloudtrail-athena.sql)', () => {
  it('maps event names to actions with the same table as the file reader', () => {
    expect(result.days.filter((d) => d.principalArn === app)).toEqual([
      {
        principalArn: app,
        action: 'lambda:ListFunctions',
        day: '2025-05-21',
        used: 0,
        denied: 2,
        errors: 0,
        firstSeen: '2025-05-21T10:00:00.000Z',
        lastSeen: '2025-05-21T10:01:00.000Z',
        lastUsed: null,
        lastDenied: '2025-05-21T10:01:00.000Z',
      },
      expect.objectContaining({
        action: 's3:GetObject',
        used: 1,
        errors: 1,
        lastUsed: '2025-05-20T09:05:00.000Z',
      }),
      expect.objectContaining({
        action: 's3:ListAllMyBuckets',
        used: 3,
        firstSeen: '2025-05-20T08:00:00.000Z',
      }),
      expect.objectContaining({ action: 's3:PutObject', used: 1, errors: 1 }),
    ]);
  });
  it('keeps calls that need no permission as activity, and reports unmapped events with counts', () => {
    expect(result.days).toContainEqual(
      expect.objectContaining({
        principalArn: 'arn:aws:iam::100000000001:user/alice',
        action: 'sts:GetCallerIdentity',
      }),
    );
    expect(result.unmapped).toEqual([
      { eventSource: 's3.amazonaws.com', eventName: 'FrobnicateBucket', count: 4 },
    ]);
  });
  it('refuses bad rows one by one, naming the line, and imports none of them', () => {
    expect(result.rows).toBe(9);
    expect(result.errors).toEqual([
      { where: 'athena-result.csv line 7', reason: 'principal_arn is not an IAM user, role or root ARN' },
      { where: 'athena-result.csv line 8', reason: 'used, denied and errors must be whole numbers' },
      { where: 'athena-result.csv line 9', reason: 'first_seen and last_seen must fall on day, in order' },
      { where: 'athena-result.csv line 10', reason: 'last_used / last_denied disagree with the counts' },
    ]);
    expect(
      result.days.some((d) => d.principalArn.endsWith('user/bob') || d.principalArn.includes(':sts:')),
    ).toBe(false);
  });
  it('names the missing columns of a file that is not the query result', () => {
    const r = parseAthenaUsage('x.csv', '"principal_arn","action"\n"a","b"\n');
    expect(r.days).toEqual([]);
    expect(r.errors).toEqual([
      { where: 'x.csv', reason: expect.stringMatching(/^missing columns event_source, event_name, day/) },
    ]);
    expect(parseAthenaUsage('y.csv', '"unterminated\n').errors[0]?.reason).toMatch(/^not CSV/);
  });
});
