/**
 * Reads one CloudTrail file (any form of PRODUCT.md §2, gzip or not) into normalised events. One file is
 * small (CloudTrail delivers every ~5 minutes per account and region), so it is read whole, under the same
 * size guard as every input; callers bound how many files are in flight.
 */
import type { InputError } from '../model/input.js';
import type { TrailEvent } from './cloudtrail.js';
import { readTrailRecord, trailDocument } from './cloudtrail.js';
import { isCloudTrailDigest } from './detect.js';
import { DEFAULT_MAX_FILE_BYTES, readInputFile } from './read-file.js';

/** Records deliberately not read as API calls, by reason. */
export interface TrailSkips {
  nonApi: number;
  insight: number;
}

/** The outcome for one file: its events, or a whole-file skip, or why it could not be read. */
export type TrailFileResult =
  | { kind: 'events'; file: string; events: TrailEvent[]; skipped: TrailSkips; errors: InputError[] }
  | { kind: 'skipped'; file: string; reason: 'digest' | 'insight' }
  | { kind: 'error'; file: string; error: InputError };

const MAX_RECORD_ERRORS = 20;

/** Normalises the records of a parsed document; `file` names the file in error reasons. */
export function trailEventsOf(file: string, raw: unknown): TrailFileResult {
  if (isCloudTrailDigest(raw)) return { kind: 'skipped', file, reason: 'digest' };
  const doc = trailDocument(raw);
  if (doc === null) {
    return {
      kind: 'error',
      file,
      error: {
        where: file,
        reason: 'not CloudTrail: expected {"Records":[…]}, a JSON array or lookup-events output',
      },
    };
  }
  const events: TrailEvent[] = [];
  const skipped: TrailSkips = { nonApi: 0, insight: 0 };
  const errors: InputError[] = [];
  let errorCount = 0;
  for (let i = 0; i < doc.records.length; i++) {
    const r = readTrailRecord(doc.records[i]);
    if (r.kind === 'event') events.push(r.event);
    else if (r.kind === 'skipped') skipped[r.reason === 'insight' ? 'insight' : 'nonApi']++;
    else if (++errorCount <= MAX_RECORD_ERRORS)
      errors.push({ where: `${file} record ${i}`, reason: r.reason });
  }
  if (errorCount > MAX_RECORD_ERRORS) {
    errors.push({ where: file, reason: `${errorCount - MAX_RECORD_ERRORS} more unreadable records` });
  }
  return { kind: 'events', file, events, skipped, errors };
}

/**
 * Reads one CloudTrail file. Digest files (integrity data) and Insight files are skipped as a whole; a file
 * that cannot be read or parsed is one error naming the file and the reason. Never throws.
 */
export async function readCloudTrailFile(
  file: string,
  maxBytes = DEFAULT_MAX_FILE_BYTES,
): Promise<TrailFileResult> {
  // Insight events are delivered under CloudTrail-Insight/ and are not API calls.
  if (/[\\/]CloudTrail-Insight[\\/]/.test(file)) return { kind: 'skipped', file, reason: 'insight' };
  const read = await readInputFile(file, maxBytes);
  if (!read.ok) return { kind: 'error', file, error: { where: file, reason: read.reason } };
  return trailEventsOf(file, read.raw);
}
