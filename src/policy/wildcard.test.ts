import { describe, expect, it } from 'vitest';
import { actionMatches, matchesParts, matchesWildcard } from './wildcard.js';

const CS = { caseInsensitive: false };
const CI = { caseInsensitive: true };

describe('matchesWildcard', () => {
  it.each([
    ['*', 'anything:at/all', CS, true],
    ['arn:aws:s3:::b/*', 'arn:aws:s3:::b/a/b:c', CS, true],
    ['arn:aws:s3:::b/*', 'arn:aws:s3:::b', CS, false],
    ['arn:aws:s3:::b?', 'arn:aws:s3:::b1', CS, true],
    ['arn:aws:s3:::b?', 'arn:aws:s3:::b', CS, false],
    ['arn:aws:s3:::b?', 'arn:aws:s3:::b12', CS, false],
    ['arn:*:iam::*:role/x', 'arn:aws:iam::1:role/x', CS, true],
    ['arn:aws:s3:::Bucket', 'arn:aws:s3:::bucket', CS, false],
    ['arn:aws:s3:::Bucket', 'arn:aws:s3:::bucket', CI, true],
    // Regex metacharacters in patterns are literal.
    ['a.b', 'axb', CS, false],
    ['a(b)+[c]', 'a(b)+[c]', CS, true],
    ['^$|x', '^$|x', CS, true],
    ['a*b*c', 'aXXbYYc', CS, true],
    ['a*b*c', 'aXXcYYb', CS, false],
    ['', '', CS, true],
    ['line*', 'line1\nline2', CS, true],
  ])('%s vs %s (%o) -> %s', (pattern, value, opts, expected) => {
    expect(matchesWildcard(pattern, value, opts)).toBe(expected);
  });

  it('stays correct beyond the cache bound (no stale or evicted mismatches)', () => {
    for (let i = 0; i < 12_000; i++) expect(matchesWildcard(`p${i}*`, `p${i}x`, CS)).toBe(true);
    expect(matchesWildcard('p1*', 'p2x', CS)).toBe(false);
    expect(matchesWildcard('p11999*', 'p11999', CS)).toBe(true);
  });
});

describe('matchesParts', () => {
  it('keeps literal parts literal', () => {
    const parts = [
      { text: 'home/', literal: false },
      { text: 'a*', literal: true },
      { text: '/*', literal: false },
    ];
    expect(matchesParts(parts, 'home/a*/x', CS)).toBe(true);
    expect(matchesParts(parts, 'home/abc/x', CS)).toBe(false);
  });
});

describe('actionMatches', () => {
  it.each([
    ['s3:GetObject', 's3:getobject', true],
    ['S3:Get*', 's3:GetObjectAcl', true],
    ['s3:Get*', 's3:PutObject', false],
    ['*', 'iam:PassRole', true],
    ['iam:*', 'sts:AssumeRole', false],
    ['iam:Pass?ole', 'iam:PassRole', true],
    ['s3:GetObject', 's3:GetObjectAcl', false],
  ])('%s vs %s -> %s', (pattern, action, expected) => {
    expect(actionMatches(pattern, action)).toBe(expected);
  });
});
