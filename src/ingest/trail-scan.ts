/**
 * The fast path for CloudTrail's delivery files (`{"Records":[…]}`). JSON.parse builds every field of every
 * record (about fifty strings each), then usage analysis reads a dozen; with the text decoding before it,
 * that was most of the time spent on a trail. Here a WebAssembly scanner (wasm/trail-scan.ts, AssemblyScript)
 * checks the whole file as JSON and notes where each record's needed values are; only those become
 * JavaScript values.
 *
 * The answer is the same as JSON.parse's, by construction:
 * - a plain record (every field `readTrailRecord` checks is a plain ASCII string or absent, and it passes
 *   every one of those checks) becomes an event straight from the table;
 * - any other record goes through `readTrailRecord`, each value exactly as JSON.parse would have produced it
 *   (a plain ASCII string as its bytes; anything else, such as an escaped or non-ASCII string, a number or an
 *   object, through JSON.parse of its own text);
 * - a repeated key keeps its last value, as in JSON.parse;
 * - a record the scanner cannot describe plainly (a `CloudTrailEvent` or `insightDetails` key) is
 *   JSON.parse'd whole;
 * - a file of any other shape, invalid JSON, a key with an escape, or nesting deeper than 512 is not read
 *   here at all (null), and the caller parses it as before, with the same error messages.
 * test: src/ingest/trail-scan.test.ts compares both paths on real recordings, the demo trail and generated
 * hostile files.
 */
import type { TrailEvent, TrailIdentity, TrailRecord } from './cloudtrail.js';
import { readTrailRecord, resourceArns, TRAIL_CHECKS } from './cloudtrail.js';
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
// Per record: start, end, kind, event day, event second, event id hash (two halves); per field: start, end,
// kind, string number.
const RECORD_HEAD = 7;
const SLOT_I32 = 4;
const RECORD_I32 = RECORD_HEAD + FIELDS * SLOT_I32;

// Value kinds.
const K_ABSENT = 0;
const K_STRING = 1;
const K_STRING_OTHER = 2;
const K_OBJECT = 3;
const K_ARRAY = 4;
const K_TRUE = 6;
const K_FALSE = 7;
const K_NULL = 8;

/** Records per byte of text the first table has room for; a file of smaller records is JSON.parse'd. */
const BYTES_PER_RECORD = 128;
const DAY_MS = 86_400_000;

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
  generation(): number;
}

// Buffer's own decoder, without toString's argument checks: the scanner gave ASCII bytes and their bounds.
interface Latin1 {
  latin1Slice(start: number, end: number): string;
}
const latin1 = (text: Buffer, start: number, end: number): string =>
  (text as unknown as Latin1).latin1Slice(start, end);

/**
 * The strings the scanner numbered, made once each, and what the field checks said of them (undefined:
 * not asked yet). Numbers hold until the scanner starts a new generation.
 */
class Numbered {
  strings: (string | undefined)[] = [];
  source: (boolean | undefined)[] = [];
  name: (boolean | undefined)[] = [];
  account: (boolean | undefined)[] = [];
  arn: (boolean | undefined)[] = [];
  /** Identities made, by memo key (see plainIdentity). */
  identities = new Map<number, IdentityMemo>();
}

interface IdentityMemo {
  type: number;
  account: number;
  issuerType: number;
  identity: TrailIdentity;
}

// Memo codes of a field: a string number (below the scanner's 32,768), or this for a value read as null.
const ABSENT_CODE = 32_768;
const MEMO_CODES = ABSENT_CODE + 1;

/** One WebAssembly instance per thread; its memory grows to the largest file scanned. */
class Scanner {
  private readonly wasm: ScannerExports;
  private readonly free: number;
  private generation: number;
  numbered = new Numbered();

  constructor() {
    const module = new WASM.Module(Buffer.from(TRAIL_SCAN_WASM, 'base64'));
    this.wasm = new WASM.Instance(module, {}).exports as ScannerExports;
    this.free = this.wasm.freeStart();
    this.generation = this.wasm.generation();
  }

  /**
   * The record table of `text`, or null when the file must be JSON.parse'd. The table is a view of the
   * scanner's memory: valid until its next scan.
   */
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
    const generation = this.wasm.generation();
    if (generation !== this.generation) {
      this.generation = generation;
      this.numbered = new Numbered();
    }
    // FULL (records smaller than BYTES_PER_RECORD on average), INVALID or FALLBACK: JSON.parse reads it.
    if (n < 0) return null;
    return new Int32Array(memory.buffer, table, n * RECORD_I32);
  }
}

// Scanners not in use on this thread. One is enough, unless a scan starts while another one's records are
// being handed over (a record callback that scans): each scan then has a scanner, and so a table, of its own.
const idle: Scanner[] = [];
let available = true;

/** A scanner for one scan; null where WebAssembly SIMD is not available (every file is then JSON.parse'd). */
function takeScanner(): Scanner | null {
  if (!available) return null;
  const idleOne = idle.pop();
  if (idleOne !== undefined) return idleOne;
  try {
    return new Scanner();
  } catch {
    available = false;
    return null;
  }
}

/** Compiles this thread's scanner now rather than at its first file (a thread pool's warm-up). */
export function prepareScanner(): void {
  const scanner = takeScanner();
  if (scanner !== null) idle.push(scanner);
}

const slot = (o: number, field: number): number => o + RECORD_HEAD + field * SLOT_I32;

/** One scanned file: its text, its record table, and the thread's numbered strings. */
class ScannedFile {
  constructor(
    readonly text: Buffer,
    readonly t: Int32Array,
    readonly numbered: Numbered,
  ) {}

  kind(at: number): number {
    return this.t[at + 2] ?? K_ABSENT;
  }

  /** The value of the slot at `at`, as JSON.parse would have produced it. */
  value(at: number): unknown {
    const t = this.t;
    const start = t[at] ?? 0;
    const end = t[at + 1] ?? 0;
    switch (t[at + 2]) {
      case K_STRING:
        return this.plain(at);
      case K_STRING_OTHER:
        return JSON.parse(this.text.toString('utf8', start - 1, end + 1)) as unknown;
      case K_TRUE:
        return true;
      case K_FALSE:
        return false;
      case K_NULL:
        return null;
      default:
        return JSON.parse(this.text.toString('utf8', start, end)) as unknown;
    }
  }

  optional(at: number): unknown {
    return this.kind(at) === K_ABSENT ? undefined : this.value(at);
  }

  /** The text of a plain string slot: made once per number for numbered fields. */
  plain(at: number): string {
    const t = this.t;
    const id = t[at + 3] ?? -1;
    if (id < 0) return latin1(this.text, t[at] ?? 0, t[at + 1] ?? 0);
    const strings = this.numbered.strings;
    return (strings[id] ??= latin1(this.text, t[at] ?? 0, t[at + 1] ?? 0));
  }

  /** A plain string slot that passes `check` (asked once per number), or null. */
  checked(at: number, cache: (boolean | undefined)[], check: (s: string) => boolean): string | null {
    const s = this.plain(at);
    const id = this.t[at + 3] ?? -1;
    if (id < 0) return check(s) ? s : null;
    let ok = cache[id];
    if (ok === undefined) ok = cache[id] = check(s);
    return ok ? s : null;
  }

  /**
   * An optional string field as `readTrailRecord` reads it: the plain string (when it passes `check`, if
   * given), null for anything else, or undefined when only `readTrailRecord` can tell (an escaped or non-ASCII
   * string).
   */
  optionalString(
    at: number,
    cache?: (boolean | undefined)[],
    check?: (s: string) => boolean,
  ): string | null | undefined {
    const kind = this.kind(at);
    if (kind === K_STRING) {
      return cache === undefined || check === undefined ? this.plain(at) : this.checked(at, cache, check);
    }
    return kind === K_STRING_OTHER ? undefined : null;
  }
}

/**
 * The event of a plain record (every field `readTrailRecord` checks is a plain string or absent, and the
 * record is an API call that passes every check), built straight from the table; null for any other record,
 * which `readTrailRecord` then reads. The two agree on every plain record (trail-scan.test.ts).
 */
function plainEvent(f: ScannedFile, o: number, into: ScannedEvent | null): TrailEvent | null {
  const n = f.numbered;
  const t = f.t;
  const typeAt = slot(o, F_EVENT_TYPE);
  const typeKind = f.kind(typeAt);
  if (typeKind !== K_ABSENT && (typeKind !== K_STRING || f.plain(typeAt) !== 'AwsApiCall')) return null;
  const idAt = slot(o, F_EVENT_ID);
  const idLength = (t[idAt + 1] ?? 0) - (t[idAt] ?? 0);
  if (f.kind(idAt) !== K_STRING || idLength === 0 || idLength > TRAIL_CHECKS.maxEventIdLength) return null;
  const day = t[o + 3] ?? -1;
  if (f.kind(slot(o, F_EVENT_TIME)) !== K_STRING || day < 0) return null;
  const timeMs = day * DAY_MS + (t[o + 4] ?? 0) * 1000;
  if (timeMs < TRAIL_CHECKS.minTimeMs) return null;
  const sourceAt = slot(o, F_EVENT_SOURCE);
  const nameAt = slot(o, F_EVENT_NAME);
  if (f.kind(sourceAt) !== K_STRING || f.kind(nameAt) !== K_STRING) return null;
  const eventSource = f.checked(sourceAt, n.source, TRAIL_CHECKS.source);
  const eventName = f.checked(nameAt, n.name, TRAIL_CHECKS.name);
  if (eventSource === null || eventName === null) return null;
  const identity = plainIdentity(f, o);
  if (identity === null) return null;
  const errorAt = slot(o, F_ERROR_CODE);
  const errorCode = f.optionalString(errorAt);
  const recipientAccountId = f.optionalString(slot(o, F_RECIPIENT_ACCOUNT), n.account, TRAIL_CHECKS.account);
  const categoryAt = slot(o, F_EVENT_CATEGORY);
  const categoryKind = f.kind(categoryAt);
  if (errorCode === undefined || recipientAccountId === undefined || categoryKind === K_STRING_OTHER)
    return null;
  const resourcesAt = slot(o, F_RESOURCES);
  // The id's hash was computed by the scanner; the id itself is made only if someone reads it.
  const idHash = ((t[o + 5] ?? 0) >>> 0) * 0x100000 + ((t[o + 6] ?? 0) & 0xfffff);
  const event = into ?? new ScannedEvent();
  event.set(
    f,
    o,
    null,
    idHash,
    timeMs,
    eventSource,
    eventName,
    errorCode === null || errorCode.length === 0 ? null : errorCode.slice(0, TRAIL_CHECKS.maxErrorCodeLength),
    f.kind(slot(o, F_MANAGEMENT_EVENT)) === K_FALSE ||
      (categoryKind === K_STRING && f.plain(categoryAt) === 'Data'),
    recipientAccountId,
    identity,
    f.kind(resourcesAt) === K_ARRAY ? resourceArns(f.value(resourcesAt)) : NO_ARNS,
  );
  return event;
}

const NO_ARNS: readonly string[] = Object.freeze([]);
const NO_IDENTITY: TrailIdentity = Object.freeze({
  type: '',
  arn: null,
  accountId: null,
  issuerArn: null,
  issuerType: null,
});
const EMPTY = Buffer.alloc(0);

/**
 * An event built from the table. Its id is made when first read (aggregation reads only its hash), and
 * `requestParameters` parsed when first read (usage analysis reads them for a few calls), from the file's
 * text, which the event keeps; the fields holding it are private. A transient scan reuses one object for
 * every record (see scanTrailRecords).
 */
class ScannedEvent implements TrailEvent {
  timeMs = 0;
  eventSource = '';
  eventName = '';
  errorCode: string | null = null;
  isDataEvent = false;
  recipientAccountId: string | null = null;
  identity: TrailIdentity = NO_IDENTITY;
  resourceArns: readonly string[] = NO_ARNS;
  idHash: number | undefined = undefined;
  #text: Buffer = EMPTY;
  #id: string | null = null;
  #idFrom = 0;
  #idTo = 0;
  /** Where the parameters object is in the text (-1: none), and the object once parsed. */
  #paramsFrom = -1;
  #paramsTo = 0;
  #params: JsonObject | undefined = undefined;

  /**
   * Makes this the event of record `o`: these fields, its id (`eventId`, or read from the record when null),
   * and its own `requestParameters`, parsed when read.
   */
  set(
    f: ScannedFile,
    o: number,
    eventId: string | null,
    idHash: number | undefined,
    timeMs: number,
    eventSource: string,
    eventName: string,
    errorCode: string | null,
    isDataEvent: boolean,
    recipientAccountId: string | null,
    identity: TrailIdentity,
    arns: readonly string[],
  ): void {
    const idAt = slot(o, F_EVENT_ID);
    const at = slot(o, F_REQUEST_PARAMETERS);
    this.timeMs = timeMs;
    this.eventSource = eventSource;
    this.eventName = eventName;
    this.errorCode = errorCode;
    this.isDataEvent = isDataEvent;
    this.recipientAccountId = recipientAccountId;
    this.identity = identity;
    this.resourceArns = arns;
    this.idHash = idHash;
    this.#text = f.text;
    this.#id = eventId;
    this.#idFrom = f.t[idAt] ?? 0;
    this.#idTo = f.t[idAt + 1] ?? 0;
    // Any other kind of value is no parameters object.
    this.#paramsFrom = f.kind(at) === K_OBJECT ? (f.t[at] ?? 0) : -1;
    this.#paramsTo = f.t[at + 1] ?? 0;
    this.#params = undefined;
  }

  get eventId(): string {
    return (this.#id ??= latin1(this.#text, this.#idFrom, this.#idTo));
  }

  get requestParameters(): JsonObject | null {
    if (this.#paramsFrom < 0) return null;
    return (this.#params ??= JSON.parse(
      this.#text.toString('utf8', this.#paramsFrom, this.#paramsTo),
    ) as JsonObject);
  }
}

/**
 * `userIdentity` of a plain record, or null when `readTrailRecord` must read it. Records of one identity
 * (the same numbered strings in the same places) share one object, made once: callers may memoise per
 * identity object.
 */
function plainIdentity(f: ScannedFile, o: number): TrailIdentity | null {
  const t = f.t;
  const typeAt = slot(o, F_IDENTITY_TYPE);
  if (f.kind(slot(o, F_USER_IDENTITY)) !== K_OBJECT || f.kind(typeAt) !== K_STRING) return null;
  const withIssuer =
    f.kind(slot(o, F_SESSION_CONTEXT)) === K_OBJECT && f.kind(slot(o, F_SESSION_ISSUER)) === K_OBJECT;
  // Each field as a code: its string number, ABSENT_CODE for a value read as null, or -1 when the memo cannot
  // tell (a string without a number, or one only readTrailRecord reads).
  const type = t[typeAt + 3]!;
  const arn = memoCode(t, slot(o, F_IDENTITY_ARN));
  const account = memoCode(t, slot(o, F_IDENTITY_ACCOUNT));
  const issuerArn = withIssuer ? memoCode(t, slot(o, F_ISSUER_ARN)) : ABSENT_CODE;
  const issuerType = withIssuer ? memoCode(t, slot(o, F_ISSUER_TYPE)) : ABSENT_CODE;
  if (type < 0 || arn < 0 || account < 0 || issuerArn < 0 || issuerType < 0)
    return readIdentity(f, o, withIssuer);
  const memo = f.numbered.identities;
  const key = arn * MEMO_CODES + issuerArn;
  const known = memo.get(key);
  if (
    known !== undefined &&
    known.type === type &&
    known.account === account &&
    known.issuerType === issuerType
  ) {
    return known.identity;
  }
  const identity = readIdentity(f, o, withIssuer);
  // A record whose identity fails a check is not plain: nothing to remember.
  if (identity !== null) memo.set(key, { type, account, issuerType, identity });
  return identity;
}

/** A memo code of an optional string field (see plainIdentity). */
function memoCode(t: Int32Array, at: number): number {
  const kind = t[at + 2]!;
  if (kind === K_STRING) return t[at + 3]!;
  return kind === K_STRING_OTHER ? -1 : ABSENT_CODE;
}

/** `userIdentity` of a plain record, read field by field (see plainIdentity). */
function readIdentity(f: ScannedFile, o: number, withIssuer: boolean): TrailIdentity | null {
  const n = f.numbered;
  const type = f.checked(slot(o, F_IDENTITY_TYPE), n.name, TRAIL_CHECKS.name);
  const arn = f.optionalString(slot(o, F_IDENTITY_ARN), n.arn, TRAIL_CHECKS.arn);
  const accountId = f.optionalString(slot(o, F_IDENTITY_ACCOUNT), n.account, TRAIL_CHECKS.account);
  if (type === null || arn === undefined || accountId === undefined) return null;
  let issuerArn: string | null | undefined = null;
  let issuerType: string | null | undefined = null;
  if (withIssuer) {
    issuerArn = f.optionalString(slot(o, F_ISSUER_ARN), n.arn, TRAIL_CHECKS.arn);
    issuerType = f.optionalString(slot(o, F_ISSUER_TYPE), n.name, TRAIL_CHECKS.name);
    if (issuerArn === undefined || issuerType === undefined) return null;
  }
  return { type, arn, accountId, issuerArn, issuerType };
}

/** `userIdentity` with the keys `readTrailRecord` reads, each as JSON.parse would give it. */
function identityValue(f: ScannedFile, o: number): unknown {
  const at = slot(o, F_USER_IDENTITY);
  if (f.kind(at) !== K_OBJECT) return f.value(at);
  const sessionAt = slot(o, F_SESSION_CONTEXT);
  const issuerAt = slot(o, F_SESSION_ISSUER);
  const issuer =
    f.kind(issuerAt) === K_OBJECT
      ? { type: f.optional(slot(o, F_ISSUER_TYPE)), arn: f.optional(slot(o, F_ISSUER_ARN)) }
      : f.optional(issuerAt);
  return {
    type: f.optional(slot(o, F_IDENTITY_TYPE)),
    arn: f.optional(slot(o, F_IDENTITY_ARN)),
    accountId: f.optional(slot(o, F_IDENTITY_ACCOUNT)),
    sessionContext: f.kind(sessionAt) === K_OBJECT ? { sessionIssuer: issuer } : f.optional(sessionAt),
  };
}

/**
 * One record: plain ones built straight from the table, any other read by `readTrailRecord`. With `into`, an
 * event is written into it (and handed over in `wrapper`) instead of a new object.
 */
function recordAt(
  f: ScannedFile,
  o: number,
  into: ScannedEvent | null,
  wrapper: EventRecord | null,
): TrailRecord {
  const t = f.t;
  if (
    t[o + 2] !== K_OBJECT ||
    f.kind(slot(o, F_CLOUDTRAIL_EVENT)) !== K_ABSENT ||
    f.kind(slot(o, F_INSIGHT_DETAILS)) !== K_ABSENT
  ) {
    return readTrailRecord(JSON.parse(f.text.toString('utf8', t[o] ?? 0, t[o + 1] ?? 0)));
  }
  const plain = plainEvent(f, o, into);
  if (plain !== null) return eventRecord(plain, wrapper);
  // Absent keys are undefined values: readTrailRecord tells them apart only with `in` for insightDetails.
  const at = (field: number): unknown => f.optional(slot(o, field));
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
    userIdentity: f.kind(slot(o, F_USER_IDENTITY)) === K_ABSENT ? undefined : identityValue(f, o),
  });
  // readTrailRecord was not given requestParameters: the event reads them from the record when asked.
  if (read.kind !== 'event') return read;
  const e = read.event;
  const event = into ?? new ScannedEvent();
  event.set(
    f,
    o,
    e.eventId,
    undefined,
    e.timeMs,
    e.eventSource,
    e.eventName,
    e.errorCode,
    e.isDataEvent,
    e.recipientAccountId,
    e.identity,
    e.resourceArns,
  );
  return eventRecord(event, wrapper);
}

type EventRecord = Extract<TrailRecord, { kind: 'event' }>;

/** The record of an event: `wrapper`, rewritten, in a transient scan; else a new one. */
function eventRecord(event: TrailEvent, wrapper: EventRecord | null): EventRecord {
  if (wrapper === null) return { kind: 'event', event };
  wrapper.event = event;
  return wrapper;
}

/**
 * The records of a `{"Records":[…]}` file (UTF-8 text without a byte-order mark), each read as
 * `readTrailRecord` reads it and handed to `onRecord`; the record count, or null when the file is of another
 * shape, not plain enough, or not JSON (nothing was handed over: the caller then parses it).
 *
 * `transient`: the caller keeps neither the records nor their events past each call (it reads what it needs
 * at once), so one record and one event object serve every record: no allocation per record.
 */
export function scanTrailRecords(
  text: Buffer,
  onRecord: (r: TrailRecord, i: number) => void,
  transient = false,
): number | null {
  const scanner = takeScanner();
  if (scanner === null) return null;
  try {
    const table = scanner.scan(text);
    if (table === null) return null;
    const file = new ScannedFile(text, table, scanner.numbered);
    const n = table.length / RECORD_I32;
    const into = transient ? new ScannedEvent() : null;
    const wrapper: EventRecord | null = into === null ? null : { kind: 'event', event: into };
    for (let i = 0; i < n; i++) onRecord(recordAt(file, i * RECORD_I32, into, wrapper), i);
    return n;
  } finally {
    idle.push(scanner);
  }
}
