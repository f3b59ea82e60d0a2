// The committed WebAssembly scanner is its source compiled (a stale binary would silently run old code), and
// the two things it computes beyond finding values agree with JavaScript: the event time it reads from
// CloudTrail's own form, and the string numbering (one number per distinct string, across files).
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileTrailScan, renderWasmModule, WASM_MODULE } from '../../scripts/build-wasm.js';
import type { TrailRecord } from './cloudtrail.js';
import { hashEventId, readTrailRecord } from './cloudtrail.js';
import { apiCall, assumedRole, iamUser, plainRecord } from './test-utils/trail-events.js';
import { scanTrailRecords } from './trail-scan.js';

/** The records of a `{"Records":[…]}` text through the fast path; null when it declined. */
function scanned(doc: unknown): TrailRecord[] | null {
  const out: TrailRecord[] = [];
  const n = scanTrailRecords(Buffer.from(JSON.stringify(doc)), (r) => out.push(r));
  return n === null ? null : out;
}

describe('the committed WebAssembly binary', () => {
  it('is wasm/trail-scan.ts compiled (run `npm run build:wasm` after changing it)', async () => {
    const fresh = renderWasmModule(await compileTrailScan());
    expect(readFileSync(WASM_MODULE, 'utf8')).toBe(fresh);
  }, 60_000);
});

describe('event time read in WebAssembly', () => {
  const two = (n: number): string => String(n).padStart(2, '0');
  const canonical = fc
    .record({
      year: fc.oneof(
        fc.integer({ min: 1900, max: 2500 }),
        fc.constantFrom(1969, 1970, 2000, 2012, 2013, 2100, 2400, 9999),
      ),
      month: fc.integer({ min: 0, max: 13 }),
      day: fc.integer({ min: 0, max: 32 }),
      hour: fc.integer({ min: 0, max: 25 }),
      minute: fc.integer({ min: 0, max: 61 }),
      second: fc.integer({ min: 0, max: 61 }),
    })
    .map(
      (t) =>
        `${String(t.year).padStart(4, '0')}-${two(t.month)}-${two(t.day)}T${two(t.hour)}:${two(t.minute)}:${two(t.second)}Z`,
    );
  const near = fc.oneof(
    canonical,
    canonical.map((s) => s.replace('Z', '.123Z')),
    canonical.map((s) => s.replace('T', ' ')),
    canonical.map((s) => s.slice(0, 19)),
    // One character of the form replaced, digits included (a non-digit year must not read as a year).
    fc
      .tuple(canonical, fc.integer({ min: 0, max: 19 }), fc.constantFrom('x', ' ', '/', ':', '-', '9', '{'))
      .map(([s, i, c]) => s.slice(0, i) + c + s.slice(i + 1)),
    fc.string({ maxLength: 24 }),
  );

  it('gives what readTrailRecord gives for every date, valid or not', () => {
    fc.assert(
      fc.property(near, (eventTime) => {
        const rec = apiCall('s3', 'ListBuckets', iamUser('alice'), eventTime);
        const fast = scanned({ Records: [rec] });
        expect(fast).not.toBeNull();
        expect(fast!.map(plainRecord)).toEqual([plainRecord(readTrailRecord(rec))]);
      }),
      { numRuns: 3000, seed: 20261125 },
    );
  });

  it('reads leap days, month ends and the first instant of a day', () => {
    for (const eventTime of [
      '2024-02-29T23:59:59Z',
      '2025-02-29T00:00:00Z',
      '2026-12-31T00:00:00Z',
      '2400-02-29T12:00:00Z',
    ]) {
      const rec = apiCall('s3', 'ListBuckets', iamUser('alice'), eventTime);
      const fast = scanned({ Records: [rec] })![0]!;
      const expected = readTrailRecord(rec);
      expect(plainRecord(fast)).toEqual(plainRecord(expected));
    }
  });
});

describe('event id hash computed in WebAssembly', () => {
  it('is hashEventId of the id, for any plain id', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[ -!#-[\]-~]{1,128}$/), (id) => {
        const rec = { ...apiCall('s3', 'ListBuckets', iamUser('alice')), eventID: id };
        const [r] = scanned({ Records: [rec] })!;
        expect(r?.kind).toBe('event');
        if (r?.kind !== 'event') return;
        expect(r.event.idHash).toBe(hashEventId(id));
        expect(r.event.eventId).toBe(id);
      }),
      { numRuns: 2000, seed: 20261125 },
    );
  });
});

describe('string numbering', () => {
  it('still reads every string when one file holds more distinct ones than the table', () => {
    const records = Array.from({ length: 40_000 }, (_, i) =>
      apiCall('s3', 'ListBuckets', assumedRole('r', `x${i}`)),
    );
    const fast = scanned({ Records: records })!;
    expect(fast.length).toBe(records.length);
    expect(fast.map(plainRecord)).toEqual(records.map((r) => plainRecord(readTrailRecord(r))));
  });

  it('keeps distinct strings apart and equal ones together, across files and many distinct values', () => {
    // Enough distinct session names to fill the table several times over: numbers are dropped and restarted.
    for (let file = 0; file < 40; file++) {
      const records = Array.from({ length: 1000 }, (_, i) =>
        apiCall(
          's3',
          i % 2 === 0 ? 'ListBuckets' : 'GetObject',
          assumedRole(`role-${i % 7}`, `s-${file}-${i}`),
        ),
      );
      const fast = scanned({ Records: records })!;
      expect(fast.map(plainRecord)).toEqual(records.map((r) => plainRecord(readTrailRecord(r))));
    }
  });
});
