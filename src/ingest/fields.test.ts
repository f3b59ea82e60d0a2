import { describe, expect, it } from 'vitest';
import { ErrorSink, accountOfArn, oneLine, optDate, optString, parseArn } from './fields.js';

describe('fields', () => {
  it('normalises the date spellings of AWS exports and refuses the rest', () => {
    const cases: [unknown, string | null][] = [
      ['2019-12-18T19:10:08Z', '2019-12-18T19:10:08.000Z'],
      ['2019-12-18 19:10:08+00:00', '2019-12-18T19:10:08.000Z'],
      ['2024-03-15T12:34:56.789+0000', '2024-03-15T12:34:56.789Z'],
      ['2019-12-18T21:10:08+02:00', '2019-12-18T19:10:08.000Z'],
      ['1', null],
      ['yesterday', null],
      ['2019-13-45T00:00:00Z', null],
      ['', null],
      [1577836800000, null],
      [null, null],
    ];
    for (const [input, out] of cases) expect(optDate(input), String(input)).toBe(out);
  });

  it('never turns a missing optional string into an empty one', () => {
    expect(optString('')).toBeNull();
    expect(optString(undefined)).toBeNull();
    expect(optString(3)).toBeNull();
    expect(optString('x')).toBe('x');
  });

  it('parses ARNs and their accounts', () => {
    expect(parseArn('arn:aws:iam::100000000001:role/a/b')).toEqual({
      partition: 'aws',
      service: 'iam',
      region: '',
      account: '100000000001',
      resource: 'role/a/b',
    });
    expect(accountOfArn('arn:aws-cn:lambda:cn-north-1:100000000001:function:f')).toBe('100000000001');
    expect(accountOfArn('arn:aws:iam::aws:policy/AdministratorAccess')).toBeNull();
    expect(accountOfArn('arn:aws:iam::1234:user/x')).toBeNull();
    expect(parseArn('not:an:arn')).toBeNull();
  });

  it('keeps error reasons and record names on one short printable line', () => {
    expect(oneLine('bad\r\nFAKE: ok\u001b[2J\u202e')).toBe('bad\\u{d}\\u{a}FAKE: ok\\u{1b}[2J\\u{202e}');
    expect(oneLine('x'.repeat(10_000))).toHaveLength(501);
    const sink = new ErrorSink('/f.json');
    sink.recordError(
      'UserDetailList',
      0,
      'eve\nUserDetailList[1]',
      `policy "${'\u0007'.repeat(3)}" is bad\r\nok`,
    );
    sink.fileError('x'.repeat(100_000));
    expect(sink.errors[0]).toEqual({
      where: '/f.json UserDetailList[0] (eve\\u{a}UserDetailList[1])',
      reason: 'policy "\\u{7}\\u{7}\\u{7}" is bad\\u{d}\\u{a}ok',
    });
    expect(sink.errors[1]!.reason.length).toBeLessThan(600);
  });
});
