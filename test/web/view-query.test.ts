import { describe, expect, it } from 'vitest';
import { safeConsoleUrl } from '../../web/src/console-url.js';
import { formatView, parseView } from '../../web/src/view-query.js';

describe('explorer URL state', () => {
  it('round-trips a shared view, payloads included', () => {
    const view = parseView(
      `?group=none&severity=critical,high&rule=admin-role&accountId=100000000001&q=${encodeURIComponent('<script>&x=1')}` +
        `&resource=${encodeURIComponent('arn:aws:iam::100000000001:role/a&b=c')}&tab=insights`,
    );
    expect(view).toMatchObject({
      group: 'none',
      status: ['open'],
      severity: ['critical', 'high'],
      rule: ['admin-role'],
      accountId: ['100000000001'],
      search: '<script>&x=1',
      resource: 'arn:aws:iam::100000000001:role/a&b=c',
      tab: 'insights',
      detection: null,
    });
    expect(parseView(formatView(view))).toEqual(view);
  });

  it('falls back to the defaults on unknown values and omits defaults when writing', () => {
    const v = parseView('?group=owner&tab=%3Cx%3E');
    expect(v).toMatchObject({ group: 'rule', tab: 'relationships', status: ['open'], search: '' });
    expect(formatView(v)).toBe('');
  });
});

describe('Fix in AWS links', () => {
  it('accepts only https AWS console hosts', () => {
    expect(safeConsoleUrl('https://console.aws.amazon.com/iam/home#/roles/details/a')).toBe(
      'https://console.aws.amazon.com/iam/home#/roles/details/a',
    );
    expect(safeConsoleUrl('https://us-east-1.console.aws.amazon.com/ec2/home')).not.toBeNull();
    expect(safeConsoleUrl('https://console.amazonaws-us-gov.com/iam/home')).not.toBeNull();
    for (const bad of [
      'javascript:alert(1)',
      'http://console.aws.amazon.com/iam/',
      'https://console.aws.amazon.com.evil.example/iam/',
      'https://evilconsole.aws.amazon.com/',
      'https://evil.example/#https://console.aws.amazon.com/',
      'https://user:pw@console.aws.amazon.com/',
      'https://console.aws.amazon.com:8443/',
      'data:text/html,<script>alert(1)</script>',
      '//console.aws.amazon.com/iam/',
      '',
      null,
    ]) {
      expect(safeConsoleUrl(bad), String(bad)).toBeNull();
    }
  });
});
