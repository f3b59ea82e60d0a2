import { describe, expect, it, vi } from 'vitest';
import type { CollectIssue } from './manifest.js';
import { WriteRefusedError } from './read-only.js';
import { classifyAwsError, describeAwsError, withAwsErrors } from './with-aws-errors.js';

const scope = { account: '100000000001', region: 'eu-west-1', service: 'ec2', what: 'instances' };
const awsError = (name: string, message = 'boom', status = 400) =>
  Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });

describe('withAwsErrors', () => {
  it('retries throttling with bounded, growing backoff and returns the value', async () => {
    const sleeps: number[] = [];
    const fn = vi
      .fn()
      .mockRejectedValueOnce(awsError('ThrottlingException'))
      .mockRejectedValueOnce(awsError('RequestLimitExceeded'))
      .mockResolvedValue('ok');
    const issues: CollectIssue[] = [];
    const v = await withAwsErrors(scope, issues, fn, {
      sleep: async (ms) => void sleeps.push(ms),
      random: () => 0.999,
      baseDelayMs: 100,
      maxDelayMs: 150,
    });
    expect(v).toBe('ok');
    expect(fn).toHaveBeenCalledTimes(3);
    expect(sleeps).toEqual([99, 149]); // 100·2⁰ then capped at 150, full jitter
    expect(issues).toEqual([]);
  });

  it('gives up on endless throttling after maxRetries and records it', async () => {
    const fn = vi.fn().mockRejectedValue(awsError('Throttling', 'Rate exceeded'));
    const issues: CollectIssue[] = [];
    const v = await withAwsErrors(scope, issues, fn, { sleep: async () => {}, maxRetries: 3 });
    expect(v).toBeNull();
    expect(fn).toHaveBeenCalledTimes(4);
    expect(issues).toEqual([{ ...scope, kind: 'throttled', reason: 'Throttling: Rate exceeded' }]);
  });

  it('records access denied and a disabled region once, without retrying', async () => {
    for (const [name, kind] of [
      ['AccessDeniedException', 'denied'],
      ['UnauthorizedOperation', 'denied'],
      ['OptInRequired', 'opt-in'],
      ['AuthFailure', 'opt-in'],
    ] as const) {
      const fn = vi.fn().mockRejectedValue(awsError(name));
      const issues: CollectIssue[] = [];
      expect(await withAwsErrors(scope, issues, fn, { sleep: async () => {} })).toBeNull();
      expect(fn).toHaveBeenCalledTimes(1);
      expect(issues).toHaveLength(1);
      expect(issues[0]!.kind).toBe(kind);
    }
  });

  it('records other errors and goes on, but rethrows a refused write (a bug, never hidden)', async () => {
    const issues: CollectIssue[] = [];
    expect(await withAwsErrors(scope, issues, () => Promise.reject(new Error('socket hang up')))).toBeNull();
    expect(issues[0]).toMatchObject({ kind: 'error', reason: 'Error: socket hang up' });
    await expect(
      withAwsErrors(scope, issues, () => Promise.reject(new WriteRefusedError('iam:CreateUser'))),
    ).rejects.toBeInstanceOf(WriteRefusedError);
  });

  it('classifies by HTTP status when the name is unknown, and cleans AWS text', () => {
    expect(classifyAwsError(awsError('Weird', 'x', 403))).toBe('denied');
    expect(classifyAwsError(awsError('Weird', 'x', 429))).toBe('throttled');
    expect(classifyAwsError(awsError('Weird', 'x', 500))).toBe('error');
    expect(describeAwsError(awsError('AccessDenied', 'no\n\u001b[31mred'))).toBe('AccessDenied: no red');
    expect(describeAwsError(awsError('AccessDenied', 'x'.repeat(1000))).length).toBeLessThan(330);
  });
});
