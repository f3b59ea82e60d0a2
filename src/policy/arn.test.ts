import type { PrincipalBlock } from '../model/policy.js';
import { describe, expect, it } from 'vitest';
import { arnAccount, arnFieldsMatch, matchPrincipal, resourceMatches, splitArn } from './arn.js';
import { createContext } from './context.js';

describe('resourceMatches', () => {
  const ctx = createContext({ 'aws:username': 'alice' });
  it.each([
    ['*', 'arn:aws:s3:::b', 'true'],
    ['arn:aws:s3:::b/home/${aws:username}/*', 'arn:aws:s3:::b/home/alice/f', 'true'],
    ['arn:aws:s3:::b/home/${aws:username}/*', 'arn:aws:s3:::b/home/bob/f', 'false'],
    ['arn:aws:s3:::b/${aws:userid}/*', 'arn:aws:s3:::b/x/f', 'false'],
    ['arn:aws:iam::*:role/*', 'arn:aws:iam::100000000001:role/a/b', 'true'],
    ['arn:aws:iam::*:ROLE/*', 'arn:aws:iam::100000000001:role/a', 'false'],
    ['arn:aws:s3:::*', '*', 'false'],
  ] as const)('%s vs %s -> %s', (pattern, resource, expected) => {
    expect(resourceMatches(pattern, resource, ctx)).toBe(expected);
  });

  it('is unknown when a variable depends on an unknown key', () => {
    const unknown = createContext({}, 'unknown');
    expect(resourceMatches('arn:aws:s3:::b/${aws:username}/*', 'arn:aws:s3:::b/alice/x', unknown)).toBe(
      'unknown',
    );
  });

  it('does not let a substituted value act as a wildcard', () => {
    const star = createContext({ 'aws:PrincipalTag/p': '*' });
    expect(resourceMatches('arn:aws:s3:::b/${aws:PrincipalTag/p}', 'arn:aws:s3:::b/secret', star)).toBe(
      'false',
    );
    expect(resourceMatches('arn:aws:s3:::b/${aws:PrincipalTag/p}', 'arn:aws:s3:::b/*', star)).toBe('true');
  });
});

describe('ARN helpers', () => {
  it('splits six fields, keeping colons in the resource', () => {
    expect(splitArn('arn:aws:logs:us-east-1:1:log-group:x:*')).toEqual([
      'arn',
      'aws',
      'logs',
      'us-east-1',
      '1',
      'log-group:x:*',
    ]);
    expect(splitArn('not:an:arn')).toBeNull();
    expect(splitArn('urn:aws:s3:::b')).toBeNull();
    expect(arnAccount('arn:aws:iam::100000000001:user/a')).toBe('100000000001');
    expect(arnAccount('arn:aws:s3:::b')).toBeNull();
  });

  it.each([
    ['arn:aws:iam::*:role/*', 'arn:aws:iam::1:role/x', true],
    // A wildcard does not cross a field boundary in ARN conditions.
    ['arn:aws:iam::1*', 'arn:aws:iam::1:role/x', null],
    ['arn:aws:*:role/x', 'arn:aws:iam::1:role/x', null],
    ['arn:aws:iam::1:role/*', 'arn:aws:iam::2:role/x', false],
    ['arn:aws:iam::1:role/x', 'not-an-arn', null],
  ] as const)('arnFieldsMatch(%s, %s) -> %s', (p, v, expected) => {
    expect(arnFieldsMatch(p, v)).toBe(expected);
  });

  it.each([
    ['*', 'arn:aws:iam::1:user/a', 'anyone'],
    [{ AWS: ['arn:aws:iam::1:user/a'] }, 'arn:aws:iam::1:user/a', 'exact'],
    [{ AWS: ['arn:aws:iam::1:role/r'] }, 'arn:aws:sts::1:assumed-role/r/s', 'role'],
    [{ AWS: ['1'] }, 'arn:aws:iam::1:user/a', 'account'],
    [{ AWS: ['arn:aws:iam::1:root'] }, 'arn:aws:iam::1:user/a', 'account'],
    [{ AWS: ['arn:aws:iam::2:root'] }, 'arn:aws:iam::1:user/a', 'none'],
    [{ Service: ['lambda.amazonaws.com'] }, 'arn:aws:iam::1:user/a', 'none'],
  ] as const)('matchPrincipal(%o, %s) -> %s', (block, arn, expected) => {
    expect(matchPrincipal(block as PrincipalBlock, arn)).toBe(expected);
  });
});
