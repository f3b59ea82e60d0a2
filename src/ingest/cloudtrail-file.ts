/**
 * Reads one CloudTrail file (any form of PRODUCT.md §2, gzip or not) into normalised events. A delivered
 * file is small (CloudTrail delivers every ~5 minutes per account and region) and is read whole; a big one
 * (an export, a merged file of a million records) is streamed record by record (trail-stream.ts), so memory
 * holds one record at a time, not the file. Same size guard as every input; callers bound files in flight.
 */
import type { InputError } from '../model/input.js';
import type { TrailEvent, TrailRecord } from './cloudtrail.js';
import { readTrailRecord, trailDocument } from './cloudtrail.js';
import { isCloudTrailDigest } from './detect.js';
import { isObject, oneLine } from './fields.js';
import { closeSync, createReadStream, fstatSync, openSync, readSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { isUtf8 } from 'node:buffer';
import { constants, createGunzip, gunzipSync } from 'node:zlib';
import { DEFAULT_MAX_FILE_BYTES } from './read-file.js';
import { scanTrailRecords } from './trail-scan.js';
import { TrailSplitter, TrailStreamError } from './trail-stream.js';

/** Records deliberately not read as API calls, by reason. */
export interface TrailSkips {
  nonApi: number;
  insight: number;
}

/** The outcome for one file: its events, or a whole-file skip, or why it could not be read. */
export type TrailFileResult =
  | { kind: 'events'; file: string; events: TrailEvent[]; skipped: TrailSkips; errors: InputError[] }
  | TrailFileSkip;

type TrailFileSkip =
  | { kind: 'skipped'; file: string; reason: 'digest' | 'insight' }
  | { kind: 'error'; file: string; error: InputError };

/** What {@link scanCloudTrailFile} saw; the events went to its callback. `records` counts every record. */
export type TrailFileScan =
  | { kind: 'events'; file: string; records: number; skipped: TrailSkips; errors: InputError[] }
  | TrailFileSkip;

const MAX_RECORD_ERRORS = 20;
const NOT_CLOUDTRAIL = 'not CloudTrail: expected {"Records":[…]}, a JSON array or lookup-events output';
/** Files up to this size (compressed) are read into memory at once; bigger ones are streamed. */
const WHOLE_FILE_BYTES = 8 * 1024 * 1024;
/** A small gzip file whose text is bigger than this is streamed instead of parsed at once. */
const WHOLE_PARSE_BYTES = 64 * 1024 * 1024;

/** Normalises records one by one, counting skips and (a bounded number of) record errors. */
class RecordReader {
  readonly skipped: TrailSkips = { nonApi: 0, insight: 0 };
  readonly errors: InputError[] = [];
  private errorCount = 0;
  constructor(
    private readonly file: string,
    private readonly onEvent: (e: TrailEvent) => void,
  ) {}
  add(rec: unknown, i: number): void {
    this.addRead(readTrailRecord(rec), i);
  }
  addRead(r: TrailRecord, i: number): void {
    if (r.kind === 'event') this.onEvent(r.event);
    else if (r.kind === 'skipped') this.skipped[r.reason === 'insight' ? 'insight' : 'nonApi']++;
    else if (++this.errorCount <= MAX_RECORD_ERRORS)
      this.errors.push({ where: `${this.file} record ${i}`, reason: r.reason });
  }
  done(records: number): TrailFileScan {
    const errors = [...this.errors];
    if (this.errorCount > MAX_RECORD_ERRORS) {
      errors.push({
        where: this.file,
        reason: `${this.errorCount - MAX_RECORD_ERRORS} more unreadable records`,
      });
    }
    return { kind: 'events', file: this.file, records, skipped: this.skipped, errors };
  }
}

/** Normalises the records of a parsed document, each event to `onEvent`. */
function scanDocument(file: string, raw: unknown, onEvent: (e: TrailEvent) => void): TrailFileScan {
  if (isCloudTrailDigest(raw)) return { kind: 'skipped', file, reason: 'digest' };
  const doc = trailDocument(raw);
  if (doc === null) return { kind: 'error', file, error: { where: file, reason: NOT_CLOUDTRAIL } };
  const reader = new RecordReader(file, onEvent);
  for (let i = 0; i < doc.records.length; i++) reader.add(doc.records[i], i);
  return reader.done(doc.records.length);
}

/** Normalises the records of a parsed document; `file` names the file in error reasons. */
export function trailEventsOf(file: string, raw: unknown): TrailFileResult {
  const events: TrailEvent[] = [];
  return withEvents(
    scanDocument(file, raw, (e) => events.push(e)),
    events,
  );
}

function withEvents(r: TrailFileScan, events: TrailEvent[]): TrailFileResult {
  if (r.kind !== 'events') return r;
  return { kind: 'events', file: r.file, events, skipped: r.skipped, errors: r.errors };
}

/**
 * Reads one CloudTrail file, collecting its events (see {@link scanCloudTrailFile}, which does not).
 * Digest files (integrity data) and Insight files are skipped as a whole; a file that cannot be read or
 * parsed is one error naming the file and the reason. Never throws.
 */
export async function readCloudTrailFile(
  file: string,
  maxBytes = DEFAULT_MAX_FILE_BYTES,
): Promise<TrailFileResult> {
  const events: TrailEvent[] = [];
  return withEvents(await scanCloudTrailFile(file, maxBytes, (e) => events.push(e)), events);
}

/** Options of {@link scanCloudTrailFile}. */
export interface ScanFileOptions {
  /** Files above this size are streamed (tests lower it). */
  wholeFileBytes?: number;
  /**
   * `onEvent` keeps no event past its call (it reads what it needs at once): the reader may then hand over
   * the same event object, rewritten, for each record.
   */
  transient?: boolean;
}

/**
 * Reads one CloudTrail file, handing each API call to `onEvent` as it is read, so a huge file is never in
 * memory whole. On a whole-file error or skip, events already handed over must be discarded by the caller
 * (a file is one unit: read entirely or reported). Never throws.
 */
export async function scanCloudTrailFile(
  file: string,
  maxBytes: number,
  onEvent: (e: TrailEvent) => void,
  { wholeFileBytes = WHOLE_FILE_BYTES, transient = false }: ScanFileOptions = {},
): Promise<TrailFileScan> {
  // Insight events are delivered under CloudTrail-Insight/ and are not API calls.
  if (/[\\/]CloudTrail-Insight[\\/]/.test(file)) return { kind: 'skipped', file, reason: 'insight' };
  const read = readSmall(file, maxBytes, wholeFileBytes);
  if (read === STREAM) return streamFile(file, maxBytes, onEvent);
  if (typeof read === 'string') return fileError(file, read);
  if (!isUtf8(read)) return fileError(file, NOT_UTF8);
  const fast = scanPlainFile(file, read, onEvent, transient);
  if (fast !== null) return fast;
  const parsed = parseJson(read);
  if (typeof parsed === 'string') return fileError(file, parsed);
  return scanDocument(file, parsed.raw, onEvent);
}

function fileError(file: string, reason: string): TrailFileScan {
  return { kind: 'error', file, error: { where: file, reason } };
}

function errorCode(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? (e as Error).message;
}

function gzipReason(e: unknown, maxBytes: number): string {
  const code = (e as { code?: string }).code;
  if (code === 'ERR_BUFFER_TOO_LARGE') return `gzip content is larger than the ${maxBytes} byte limit`;
  if (code === 'Z_BUF_ERROR') return 'truncated gzip: unexpected end of file';
  return `corrupt gzip: ${oneLine((e as Error).message, 200)}`;
}

const isGzip = (b: Uint8Array): boolean => b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;

/**
 * Reads and gunzips (by magic bytes) one small file; the reason why not as a string; STREAM when the file
 * (or its decompressed text) is big enough to be streamed instead. Synchronous, with one open and one fstat:
 * this runs on worker threads, one small file at a time, where thread-pool round trips cost more than the
 * read itself (CloudTrail delivers files of a few kB). `maxBytes` compressed and decompressed.
 */
function readSmall(file: string, maxBytes: number, wholeFileBytes: number): Buffer | string | typeof STREAM {
  let bytes: Buffer;
  let fd: number | null = null;
  try {
    fd = openSync(file, 'r');
    const size = fstatSync(fd).size;
    if (size > maxBytes) return `file is larger than the ${maxBytes} byte limit`;
    if (size > wholeFileBytes) return STREAM;
    bytes = Buffer.allocUnsafe(size);
    let got = 0;
    while (got < size) {
      const n = readSync(fd, bytes, got, size - got, got);
      if (n === 0) break;
      got += n;
    }
    bytes = bytes.subarray(0, got);
  } catch (e) {
    return `cannot read file: ${errorCode(e)}`;
  } finally {
    if (fd !== null) closeSync(fd);
  }
  if (!isGzip(bytes)) return bytes;
  const limit = Math.min(maxBytes, WHOLE_PARSE_BYTES);
  try {
    // One output chunk of the size the gzip trailer announces (ISIZE, the text size modulo 2^32) instead of
    // 16 kB chunks joined at the end: a third less time in zlib. A wrong ISIZE costs only speed.
    const announced = bytes.length >= 18 ? bytes.readUInt32LE(bytes.length - 4) : 0;
    const chunkSize = Math.min(Math.max(announced + 64, 16 * 1024), limit, 64 * 1024 * 1024);
    return gunzipSync(bytes, { maxOutputLength: limit, chunkSize });
  } catch (e) {
    // Highly compressed: more text than one JSON.parse should hold; stream it instead.
    if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' && limit < maxBytes) return STREAM;
    return gzipReason(e, maxBytes);
  }
}

const STREAM = Symbol('stream');

const NOT_UTF8 = 'not UTF-8 text: the file holds an invalid byte sequence';

/**
 * The fast path for a trail file (UTF-8) as CloudTrail delivers it (trail-scan.ts): null when the file is not
 * one (or not plainly one), and the caller parses it.
 */
function scanPlainFile(
  file: string,
  bytes: Buffer,
  onEvent: (e: TrailEvent) => void,
  transient: boolean,
): TrailFileScan | null {
  const text = hasBom(bytes) ? bytes.subarray(3) : bytes;
  const reader = new RecordReader(file, onEvent);
  const records = scanTrailRecords(text, (r, i) => reader.addRead(r, i), transient);
  return records === null ? null : reader.done(records);
}

const hasBom = (b: Uint8Array): boolean => b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf;

/** One JSON.parse of UTF-8 text (the caller checked it). */
function parseJson(bytes: Buffer): { raw: unknown } | string {
  const start = hasBom(bytes) ? 3 : 0;
  try {
    return { raw: JSON.parse(bytes.toString('utf8', start)) };
  } catch (e) {
    return `invalid JSON: ${oneLine((e as Error).message, 200)}`;
  }
}

function finishSplit(file: string, splitter: TrailSplitter, reader: RecordReader): TrailFileScan {
  // A digest has digestStartTime, digestEndTime and a logFiles array (detect.ts `isCloudTrailDigest`).
  if (splitter.digestKeys >= 3) return { kind: 'skipped', file, reason: 'digest' };
  if (splitter.form === null) return fileError(file, NOT_CLOUDTRAIL);
  return reader.done(splitter.records);
}

/** Streams a big file: read → gunzip (by magic bytes) → record splitter, under `maxBytes` decompressed. */
async function streamFile(
  file: string,
  maxBytes: number,
  onEvent: (e: TrailEvent) => void,
): Promise<TrailFileScan> {
  const reader = new RecordReader(file, onEvent);
  const splitter = new TrailSplitter((v, i) => reader.add(v, i));
  let gzip = false;
  try {
    const fh = await open(file);
    try {
      const head = Buffer.alloc(2);
      gzip = isGzip(head.subarray(0, (await fh.read(head, 0, 2, 0)).bytesRead));
    } finally {
      await fh.close();
    }
  } catch (e) {
    return fileError(file, `cannot read file: ${errorCode(e)}`);
  }
  const input = createReadStream(file, { highWaterMark: 1024 * 1024 });
  const source = gzip ? input.pipe(createGunzip({ chunkSize: 256 * 1024 })) : input;
  if (gzip) input.on('error', (e) => source.destroy(e));
  let total = 0;
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > maxBytes) {
        return fileError(
          file,
          gzip ? `gzip content is larger than the ${maxBytes} byte limit` : 'file grew while read',
        );
      }
      splitter.push(chunk);
    }
    splitter.end();
  } catch (e) {
    if (e instanceof TrailStreamError) return fileError(file, e.message);
    if (gzip && (e as { code?: string }).code?.startsWith('Z_'))
      return fileError(file, gzipReason(e, maxBytes));
    return fileError(file, `cannot read file: ${errorCode(e)}`);
  } finally {
    input.destroy();
    source.destroy();
  }
  return finishSplit(file, splitter, reader);
}

/** How much of a file {@link sniffCloudTrail} looks at: compressed, and decompressed. */
const SNIFF_BYTES = 64 * 1024;
const SNIFF_MAX_TEXT = 1024 * 1024;

/** Whether a value looks like one CloudTrail event (detect.ts `isEvent`). */
const isEvent = (v: unknown): boolean =>
  isObject(v) && typeof v.eventName === 'string' && typeof v.eventSource === 'string';

/**
 * Recognises a CloudTrail file by the first bytes of its (decompressed) content, without reading it whole:
 * `{"Records":[` whose first records are events (or none), a JSON array whose first elements are events,
 * or `{"Events":[` of lookup-events entries. False means "not known from the start": the caller parses the
 * file as any other input, and `detectKind` decides.
 */
export async function sniffCloudTrail(file: string): Promise<boolean> {
  let head: Buffer;
  try {
    const fh = await open(file);
    try {
      const buf = Buffer.alloc(SNIFF_BYTES);
      head = buf.subarray(0, (await fh.read(buf, 0, SNIFF_BYTES, 0)).bytesRead);
    } finally {
      await fh.close();
    }
    if (isGzip(head)) {
      head = gunzipSync(head, { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: SNIFF_MAX_TEXT });
    }
  } catch {
    return false;
  }
  const firsts: unknown[] = [];
  const splitter = new TrailSplitter((v) => {
    firsts.push(v);
    if (firsts.length >= 5) throw new SniffDone();
  });
  try {
    splitter.push(head);
  } catch (e) {
    if (!(e instanceof SniffDone)) return false;
  }
  if (splitter.form === null || splitter.digestKeys > 0) return false;
  if (firsts.length === 0) {
    // `{"Records":[]}` is an empty trail file; an empty array is nothing in particular.
    return splitter.form === 'records' && splitter.closedRecords;
  }
  if (splitter.form === 'lookup-events') return firsts.every((e) => isObject(e) && 'CloudTrailEvent' in e);
  return firsts.every(isEvent);
}

class SniffDone extends Error {}
