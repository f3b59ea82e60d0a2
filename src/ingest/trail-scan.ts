/**
 * The fast path for CloudTrail's delivery files (`{"Records":[…]}`). JSON.parse builds every field of every
 * record (about fifty strings each), then usage analysis reads a dozen; with the text decoding before it,
 * that was most of the time spent on a trail. Here a WebAssembly scanner (wasm/trail-scan.ts, AssemblyScript)
 * checks the whole file as JSON and notes where each record's needed values are; only those become
 * JavaScript values, and each record then goes through the same `readTrailRecord` as a parsed one.
 *
 * The answer is the same as JSON.parse's, by construction:
 * - a value is given to `readTrailRecord` exactly as JSON.parse would have produced it (a plain ASCII string
 *   as its bytes; anything else, such as an escaped or non-ASCII string, a number or an object, through
 *   JSON.parse of its own text);
 * - a repeated key keeps its last value, as in JSON.parse;
 * - a record the scanner cannot describe plainly (a `CloudTrailEvent` or `insightDetails` key) is
 *   JSON.parse'd whole;
 * - a file of any other shape, invalid JSON, a key with an escape, or nesting deeper than 512 is not read
 *   here at all (null), and the caller parses it as before, with the same error messages.
 * test: src/ingest/trail-scan.test.ts compares both paths on real recordings, the demo trail and generated
 * hostile files.
 */
import type { TrailRecord } from './cloudtrail.js';
import { readTrailRecord } from './cloudtrail.js';
import type { JsonObject } from './fields.js';
import { TRAIL_SCAN_WASM } from './trail-scan-wasm.js';

// Field slots, in the order of wasm/trail-scan.ts.
const F_EVENT_ID = 0;
const F_EVENT_TIME = 1;
const F_EVENT_SOURCE = 2;
const F_EVENT_NAME = 3;
const F_EVENT_TYPE = 4;
const F_INSIGHT_DETAILS = 5;
const F_ERROR_CODE = 6;
const F_MANAGEMENT_EVENT = 7;
const F_EVENT_CATEGORY = 8;
const F_RECIPIENT_ACCOUNT = 9;
const F_REQUEST_PARAMETERS = 10;
const F_RESOURCES = 11;
const F_USER_IDENTITY = 12;
const F_CLOUDTRAIL_EVENT = 13;
const F_IDENTITY_TYPE = 14;
const F_IDENTITY_ARN = 15;
const F_IDENTITY_ACCOUNT = 16;
const F_SESSION_CONTEXT = 17;
const F_SESSION_ISSUER = 18;
const F_ISSUER_TYPE = 19;
const F_ISSUER_ARN = 20;
const FIELDS = 21;
const RECORD_I32 = 3 + FIELDS * 3;

// Value kinds.
const K_ABSENT = 0;
const K_STRING = 1;
const K_STRING_OTHER = 2;
const K_OBJECT = 3;
const K_TRUE = 6;
const K_FALSE = 7;
const K_NULL = 8;

/** Records per byte of text the first table has room for; a file of smaller records is JSON.parse'd. */
const BYTES_PER_RECORD = 128;


// The WebAssembly API as used here (the project's TypeScript libraries do not describe it).
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
}
const WASM = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

interface ScannerExports {
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
  scan(input: number, len: number, out: number, capacity: number): number;
  freeStart(): number;
}

/** One WebAssembly instance per thread; its memory grows to the largest file scanned. */
class Scanner {
  private readonly wasm: ScannerExports;
  private readonly free: number;

  constructor() {
    const module = new WASM.Module(Buffer.from(TRAIL_SCAN_WASM, 'base64'));
    this.wasm = new WASM.Instance(module, {}).exports as ScannerExports;
    this.free = this.wasm.freeStart();
  }

  /** The record table of `text`, or null when the file must be JSON.parse'd. */
  scan(text: Uint8Array): Int32Array | null {
    const capacity = Math.ceil(text.length / BYTES_PER_RECORD) + 16;
    const input = this.free;
    const table = (input + text.length + 16 + 7) & ~7;
    const needed = table + capacity * RECORD_I32 * 4;
    const memory = this.wasm.memory;
    if (needed > memory.buffer.byteLength) {
      memory.grow(Math.ceil((needed - memory.buffer.byteLength) / 65_536));
    }
    const bytes = new Uint8Array(memory.buffer);
    bytes.set(text, input);
    bytes.fill(0, input + text.length, input + text.length + 16);
    const n = this.wasm.scan(input, text.length, table, capacity);
    // FULL (records smaller than BYTES_PER_RECORD on average), INVALID or FALLBACK: JSON.parse reads it.
    if (n < 0) return null;
    return new Int32Array(memory.buffer, table, n * RECORD_I32).slice();
  }
}

let scanner: Scanner | null | undefined;

/** This thread's scanner; null where WebAssembly SIMD is not available (every file is then JSON.parse'd). */
function theScanner(): Scanner | null {
  if (scanner === undefined) {
    try {
      scanner = new Scanner();
    } catch {
      scanner = null;
    }
  }
  return scanner;
}

/** The value of the slot at `at` (of `text`), as JSON.parse would have produced it. */
function valueAt(text: Buffer, t: Int32Array, at: number): unknown {
  const start = t[at] ?? 0;
  const end = t[at + 1] ?? 0;
  switch (t[at + 2]) {
    case K_STRING:
      return (text as unknown as Latin1).latin1Slice(start, end);
    case K_STRING_OTHER:
      return JSON.parse(text.toString('utf8', start - 1, end + 1)) as unknown;
    case K_TRUE:
      return true;
    case K_FALSE:
      return false;
    case K_NULL:
      return null;
    default:
      return JSON.parse(text.toString('utf8', start, end)) as unknown;
  }
}

// Buffer's own decoder, without toString's argument checks: the scanner gave ASCII bytes and their bounds.
interface Latin1 {
  latin1Slice(start: number, end: number): string;
}

const kindAt = (t: Int32Array, at: number): number => t[at + 2] ?? K_ABSENT;
const slot = (o: number, field: number): number => o + 3 + field * 3;

function optionalAt(text: Buffer, t: Int32Array, at: number): unknown {
  return kindAt(t, at) === K_ABSENT ? undefined : valueAt(text, t, at);
}

/** `userIdentity` with the keys `readTrailRecord` reads. */
function identityAt(text: Buffer, t: Int32Array, o: number): unknown {
  const at = slot(o, F_USER_IDENTITY);
  if (kindAt(t, at) !== K_OBJECT) return valueAt(text, t, at);
  const sessionAt = slot(o, F_SESSION_CONTEXT);
  const issuerAt = slot(o, F_SESSION_ISSUER);
  const issuer =
    kindAt(t, issuerAt) === K_OBJECT
      ? { type: optionalAt(text, t, slot(o, F_ISSUER_TYPE)), arn: optionalAt(text, t, slot(o, F_ISSUER_ARN)) }
      : optionalAt(text, t, issuerAt);
  return {
    type: optionalAt(text, t, slot(o, F_IDENTITY_TYPE)),
    arn: optionalAt(text, t, slot(o, F_IDENTITY_ARN)),
    accountId: optionalAt(text, t, slot(o, F_IDENTITY_ACCOUNT)),
    sessionContext: kindAt(t, sessionAt) === K_OBJECT ? { sessionIssuer: issuer } : optionalAt(text, t, sessionAt),
  };
}

/**
 * One record of a scanned file, read by `readTrailRecord`. An event's `requestParameters` are parsed only
 * when first read (usage analysis reads them for a few calls), from `text`, which the event keeps.
 */
function recordAt(text: Buffer, t: Int32Array, o: number): TrailRecord {
  if (
    t[o + 2] !== K_OBJECT ||
    kindAt(t, slot(o, F_CLOUDTRAIL_EVENT)) !== K_ABSENT ||
    kindAt(t, slot(o, F_INSIGHT_DETAILS)) !== K_ABSENT
  ) {
    return readTrailRecord(JSON.parse(text.toString('utf8', t[o] ?? 0, t[o + 1] ?? 0)));
  }
  // Absent keys are undefined values: readTrailRecord tells them apart only with `in` for insightDetails.
  const at = (field: number): unknown => optionalAt(text, t, slot(o, field));
  const read = readTrailRecord({
    eventID: at(F_EVENT_ID),
    eventTime: at(F_EVENT_TIME),
    eventSource: at(F_EVENT_SOURCE),
    eventName: at(F_EVENT_NAME),
    eventType: at(F_EVENT_TYPE),
    errorCode: at(F_ERROR_CODE),
    managementEvent: at(F_MANAGEMENT_EVENT),
    eventCategory: at(F_EVENT_CATEGORY),
    recipientAccountId: at(F_RECIPIENT_ACCOUNT),
    resources: at(F_RESOURCES),
    userIdentity: kindAt(t, slot(o, F_USER_IDENTITY)) === K_ABSENT ? undefined : identityAt(text, t, o),
  });
  const paramsAt = slot(o, F_REQUEST_PARAMETERS);
  // Any other kind of value is no parameters object: readTrailRecord's null stands.
  if (read.kind === 'event' && kindAt(t, paramsAt) === K_OBJECT) {
    const from = t[paramsAt] ?? 0;
    const to = t[paramsAt + 1] ?? 0;
    let parsed: JsonObject | undefined;
    Object.defineProperty(read.event, 'requestParameters', {
      enumerable: true,
      get: () => (parsed ??= JSON.parse(text.toString('utf8', from, to)) as JsonObject),
    });
  }
  return read;
}

/**
 * The records of a `{"Records":[…]}` file (UTF-8 text without a byte-order mark), each read by
 * `readTrailRecord` and handed to `onRecord`; the record count, or null when the file is of another shape,
 * not plain enough, or not JSON (nothing was handed over: the caller then parses it).
 */
export function scanTrailRecords(
  text: Buffer,
  onRecord: (r: TrailRecord, i: number) => void,
): number | null {
  const table = theScanner()?.scan(text) ?? null;
  if (table === null) return null;
  const n = table.length / RECORD_I32;
  for (let i = 0; i < n; i++) onRecord(recordAt(text, table, i * RECORD_I32), i);
  return n;
}
