/**
 * Reads one CloudTrail file (any form of PRODUCT.md §2, gzip or not) into normalised events. One file is
 * small (CloudTrail delivers every ~5 minutes per account and region), so it is read whole, under the same
 * size guard as every input; callers bound how many files are in flight.
 */
import type { InputError } from '../model/input.js';
import type { TrailEvent } from './cloudtrail.js';
import { readTrailRecord, trailDocument } from './cloudtrail.js';
import { isCloudTrailDigest } from './detect.js';
import { oneLine } from './fields.js';
import { readFile, stat } from 'node:fs/promises';
import { isUtf8 } from 'node:buffer';
import { gunzipSync } from 'node:zlib';
import { DEFAULT_MAX_FILE_BYTES } from './read-file.js';

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
  const read = await readJson(file, maxBytes);
  if (typeof read === 'string') return { kind: 'error', file, error: { where: file, reason: read } };
  return trailEventsOf(file, read.raw);
}

/**
 * Reads, gunzips (by magic bytes) and parses one file; the reason why not as a string. Synchronous gunzip:
 * this runs on a worker thread, one small file at a time, where a thread-pool round trip costs more than
 * it saves. Same limits as every input: `maxBytes` compressed and decompressed, strict UTF-8.
 */
async function readJson(file: string, maxBytes: number): Promise<{ raw: unknown } | string> {
  let bytes: Buffer;
  try {
    if ((await stat(file)).size > maxBytes) return `file is larger than the ${maxBytes} byte limit`;
    bytes = await readFile(file);
  } catch (e) {
    return `cannot read file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`;
  }
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes, { maxOutputLength: maxBytes });
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === 'ERR_BUFFER_TOO_LARGE') return `gzip content is larger than the ${maxBytes} byte limit`;
      if (code === 'Z_BUF_ERROR') return 'truncated gzip: unexpected end of file';
      return `corrupt gzip: ${(e as Error).message}`;
    }
  }
  if (!isUtf8(bytes)) return 'not UTF-8 text: the file holds an invalid byte sequence';
  const start = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  try {
    return { raw: JSON.parse(bytes.toString('utf8', start)) };
  } catch (e) {
    return `invalid JSON: ${oneLine((e as Error).message, 200)}`;
  }
}
