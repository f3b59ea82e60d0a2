import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { SHARED_DATA } from '../../test/shared-data.js';
import type { TrailEvent } from './cloudtrail.js';
import { scanCloudTrailFile } from './cloudtrail-file.js';
import { TrailSplitter, TrailStreamError } from './trail-stream.js';

/** Splits `text` fed in chunks of `size` bytes; the records, form and digest-key count, or the error. */
function split(text: string | Buffer, size: number): { records: unknown[]; form: string | null } | string {
  const bytes = typeof text === 'string' ? Buffer.from(text) : text;
  const records: unknown[] = [];
  const s = new TrailSplitter((v, i) => {
    expect(i).toBe(records.length);
    records.push(v);
  });
  try {
    for (let i = 0; i < bytes.length; i += size) s.push(bytes.subarray(i, i + size));
    s.end();
  } catch (e) {
    if (e instanceof TrailStreamError) return e.message;
    throw e;
  }
  expect(s.records).toBe(records.length);
  return { records, form: s.form };
}

const ev = { eventName: 'Get"Object', eventSource: 's3.amazonaws.com', x: ['a\\', { y: '}]' }], n: 1.5e3 };

describe('TrailSplitter', () => {
  const docs: [string, string, string][] = [
    ['records', JSON.stringify({ Records: [ev, ev, 3, 'x', null, []] }, null, 2), 'records'],
    ['records after other keys', JSON.stringify({ a: [1, { b: '[' }], c: 'd', Records: [ev] }), 'records'],
    ['array', JSON.stringify([ev, { é: 'ü😀' }]), 'array'],
    [
      'lookup-events',
      JSON.stringify({ Events: [{ CloudTrailEvent: JSON.stringify(ev) }], NextToken: 'x' }),
      'lookup-events',
    ],
    ['empty records', '{"Records":[]}', 'records'],
    ['empty array', '\ufeff [ ] ', 'array'],
  ];
  it.each(docs)('%s: the same records as JSON.parse, whatever the chunk size', (_n, text, form) => {
    const raw = JSON.parse(text.replace(/^\ufeff/, '')) as unknown;
    const expected = Array.isArray(raw)
      ? raw
      : ((raw as Record<string, unknown[]>).Records ?? (raw as Record<string, unknown[]>).Events);
    for (const size of [1, 2, 3, 7, 64, 1 << 20])
      expect(split(text, size)).toEqual({ records: expected, form });
  });

  it.each([
    ['truncated', '{"Records":[{"a":1}', /unexpected end/],
    ['truncated string', '{"Records":[{"a":"1', /unexpected end/],
    ['bad record', '{"Records":[{"a":1,}]}', /invalid JSON in record 0/],
    ['missing comma', '[{"a":1} {"b":2}]', /invalid JSON in record 0/],
    ['trailing comma', '[1,]', /misplaced comma/],
    ['leading comma', '[,1]', /misplaced comma/],
    ['trailing text', '[1] x', /after the end/],
    ['scalar', '42', /not CloudTrail/],
    ['empty', '  ', /empty file/],
    ['unbalanced', '[1]]', /after the end/],
  ])('%s is an error', (_n, text, reason) => {
    for (const size of [1, 5, 100]) expect(split(text, size)).toMatch(reason);
  });

  it('refuses invalid UTF-8 inside a record', () => {
    const bad = Buffer.concat([Buffer.from('[{"a":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}]')]);
    expect(split(bad, 3)).toMatch(/not UTF-8/);
  });

  it('finds no records form in other documents', () => {
    expect(split('{"UserDetailList":[{"a":1}]}', 4)).toEqual({ records: [], form: null });
  });
});

describe('scanCloudTrailFile: streamed and whole reads agree', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'iamrisk-trail-stream-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, data: string | Buffer): string => {
    const file = path.join(dir, name);
    writeFileSync(file, data);
    return file;
  };
  const both = async (file: string): Promise<[unknown, unknown]> => {
    const read = async (whole: number): Promise<unknown> => {
      const events: TrailEvent[] = [];
      const r = await scanCloudTrailFile(file, 1 << 30, (e) => events.push(e), { wholeFileBytes: whole });
      return { ...r, events: r.kind === 'events' ? events : [] };
    };
    return [await read(1 << 30), await read(0)];
  };
  const stratus = path.join(SHARED_DATA, 'cloudtrail', 'stratus-red-team');
  const cases: [string, () => string][] = [
    ...readdirSync(stratus)
      .filter((f) => f.endsWith('.json'))
      .slice(0, 5)
      .map((f): [string, () => string] => [
        f,
        () => write(`${f}.gz`, gzipSync(readFileSync(path.join(stratus, f)))),
      ]),
    [
      'lookup-events',
      () => write('l.json', JSON.stringify({ Events: [{ CloudTrailEvent: JSON.stringify(ev) }] })),
    ],
    [
      'a digest',
      () => write('d.json', JSON.stringify({ digestStartTime: 'a', digestEndTime: 'b', logFiles: [] })),
    ],
    ['not CloudTrail', () => write('u.json', '{"UserDetailList":[]}')],
    ['truncated gzip', () => write('t.json.gz', gzipSync('{"Records":[]}').subarray(0, 12))],
    ['invalid JSON', () => write('i.json', '{"Records":[{"a":]}')],
  ];
  it.each(cases)('%s', async (_n, make) => {
    const [whole, streamed] = await both(make());
    if ((whole as { kind: string }).kind === 'error') {
      expect(streamed).toMatchObject({ kind: 'error' });
    } else expect(streamed).toEqual(whole);
  });
});
