// AssemblyScript, compiled to WebAssembly by `npm run build:wasm` (scripts/build-wasm.ts); not part of the
// TypeScript project. It checks that a CloudTrail file `{"Records":[…]}` is valid JSON and notes, for each
// record, where the few values usage analysis reads begin and end, so that JavaScript creates a dozen short
// strings per record instead of parsing every field (src/ingest/trail-scan.ts explains the contract).
//
// It never decides anything about content: whatever is not the plain case (another document shape, a key
// with an escape, nesting deeper than MAX_DEPTH) answers FALLBACK, and invalid JSON answers INVALID, so
// that the caller reads the file with JSON.parse as before and reports the same error.

// Value kinds in a field slot.
const K_ABSENT: i32 = 0;
const K_STRING: i32 = 1; // a string of printable ASCII without escapes: its bytes are its text
const K_STRING_OTHER: i32 = 2; // a string with an escape or a non-ASCII byte: the caller decodes it
const K_OBJECT: i32 = 3;
const K_ARRAY: i32 = 4;
const K_NUMBER: i32 = 5;
const K_TRUE: i32 = 6;
const K_FALSE: i32 = 7;
const K_NULL: i32 = 8;

// Field slots per record (the order is src/ingest/trail-scan.ts).
const F_EVENT_ID: i32 = 0;
const F_EVENT_TIME: i32 = 1;
const F_EVENT_SOURCE: i32 = 2;
const F_EVENT_NAME: i32 = 3;
const F_EVENT_TYPE: i32 = 4;
const F_INSIGHT_DETAILS: i32 = 5;
const F_ERROR_CODE: i32 = 6;
const F_MANAGEMENT_EVENT: i32 = 7;
const F_EVENT_CATEGORY: i32 = 8;
const F_RECIPIENT_ACCOUNT: i32 = 9;
const F_REQUEST_PARAMETERS: i32 = 10;
const F_RESOURCES: i32 = 11;
const F_USER_IDENTITY: i32 = 12;
const F_CLOUDTRAIL_EVENT: i32 = 13;
const F_IDENTITY_TYPE: i32 = 14;
const F_IDENTITY_ARN: i32 = 15;
const F_IDENTITY_ACCOUNT: i32 = 16;
const F_SESSION_CONTEXT: i32 = 17;
const F_SESSION_ISSUER: i32 = 18;
const F_ISSUER_TYPE: i32 = 19;
const F_ISSUER_ARN: i32 = 20;
const FIELDS: i32 = 21;
// Per record: start, end and kind of the record value, the event time (day since 1970, second of the day;
// -1 when not in CloudTrail's own form), the event id's hash (two halves, valid when eventID is a plain
// string), then per field: start, end, kind and string number (-1: none).
const RECORD_HEAD: i32 = 7;
const SLOT_I32: i32 = 4;
const RECORD_I32: i32 = RECORD_HEAD + FIELDS * SLOT_I32;

// Fields whose strings repeat from record to record (names, ARNs, account ids) and are numbered: the caller
// makes one JavaScript string per number, not one per record.
const NUMBERED: u32 =
  (1 << F_EVENT_SOURCE) | (1 << F_EVENT_NAME) | (1 << F_EVENT_TYPE) | (1 << F_ERROR_CODE) |
  (1 << F_EVENT_CATEGORY) | (1 << F_RECIPIENT_ACCOUNT) | (1 << F_IDENTITY_TYPE) | (1 << F_IDENTITY_ARN) |
  (1 << F_IDENTITY_ACCOUNT) | (1 << F_ISSUER_TYPE) | (1 << F_ISSUER_ARN);

// Results other than a record count.
const INVALID: i32 = -1;
const FALLBACK: i32 = -2;
const FULL: i32 = -3;

// Objects whose keys are looked at.
const IN_NONE: i32 = 0;
const IN_RECORD: i32 = 1;
const IN_IDENTITY: i32 = 2;
const IN_SESSION: i32 = 3;
const IN_ISSUER: i32 = 4;

const MAX_DEPTH: i32 = 512;

let base: usize = 0;
let pos: usize = 0;
let end: usize = 0;
let record: usize = 0;
let status: i32 = 0;
let depth: i32 = 0;
// The value just read.
let valueStart: usize = 0;
let valueEnd: usize = 0;
let valueKind: i32 = 0;

function stop(code: i32): void {
  if (status == 0) status = code;
  pos = end;
}

@inline function skipSpace(): void {
  while (pos < end) {
    const c = load<u8>(pos);
    if (c == 0x20 || c == 0x0a || c == 0x0d || c == 0x09) pos++;
    else break;
  }
}

@inline function isHex(h: u32): bool {
  return h - 0x30 <= 9 || (h | 0x20) - 0x61 <= 5;
}

// A string whose opening quote is just before `pos`; the value is its content, without quotes.
function readString(): void {
  valueStart = pos;
  let plain = true;
  const two = i8x16.splat(0x02);
  const bang = i8x16.splat(0x21);
  const backslash = i8x16.splat(0x5c);
  while (true) {
    // 16 bytes at a time up to the next quote, backslash, control or non-ASCII byte. The caller pads the
    // input with 16 zero bytes, so this never reads past it, and a zero stops the loop like a control.
    // One signed comparison finds three of the four: flipping bit 1 turns `"` (0x22) into 0x20, keeps
    // controls below 0x20 and non-ASCII bytes negative, and keeps every other byte at 0x21 or above.
    while (true) {
      const v = v128.load(pos);
      const hits = v128.or(i8x16.lt_s(v128.xor(v, two), bang), i8x16.eq(v, backslash));
      const bits = i8x16.bitmask(hits);
      if (bits != 0) {
        pos += <usize>ctz(bits);
        break;
      }
      pos += 16;
    }
    if (pos >= end) return stop(INVALID);
    const c = load<u8>(pos);
    if (c == 0x22) {
      valueEnd = pos;
      pos++;
      valueKind = plain ? K_STRING : K_STRING_OTHER;
      return;
    }
    if (c == 0x5c) {
      plain = false;
      if (pos + 1 >= end) return stop(INVALID);
      const e = load<u8>(pos + 1);
      if (e == 0x75) {
        if (pos + 6 > end) return stop(INVALID);
        if (!(isHex(load<u8>(pos + 2)) && isHex(load<u8>(pos + 3)) && isHex(load<u8>(pos + 4)) && isHex(load<u8>(pos + 5))))
          return stop(INVALID);
        pos += 6;
      } else if (e == 0x22 || e == 0x5c || e == 0x2f || e == 0x62 || e == 0x66 || e == 0x6e || e == 0x72 || e == 0x74) {
        pos += 2;
      } else return stop(INVALID);
      continue;
    }
    if (c < 0x20) return stop(INVALID);
    // A byte of a multi-byte UTF-8 sequence (the caller checked that the input is UTF-8).
    plain = false;
    pos++;
  }
}

@inline function skipDigits(): void {
  while (pos < end && <u32>load<u8>(pos) - 0x30 <= 9) pos++;
}

// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
function readNumber(): void {
  valueStart = pos;
  if (pos < end && load<u8>(pos) == 0x2d) pos++;
  if (pos >= end) return stop(INVALID);
  const c = load<u8>(pos);
  if (c == 0x30) pos++;
  else if (c >= 0x31 && c <= 0x39) skipDigits();
  else return stop(INVALID);
  if (pos < end && load<u8>(pos) == 0x2e) {
    pos++;
    const digits = pos;
    skipDigits();
    if (pos == digits) return stop(INVALID);
  }
  if (pos < end && (load<u8>(pos) | 0x20) == 0x65) {
    pos++;
    if (pos < end && (load<u8>(pos) == 0x2b || load<u8>(pos) == 0x2d)) pos++;
    const digits = pos;
    skipDigits();
    if (pos == digits) return stop(INVALID);
  }
  valueEnd = pos;
  valueKind = K_NUMBER;
}

// `true`, `null` (4 bytes, compared as one little-endian word) or `alse` after an `f`.
function readWord(word: u32, skip: usize, kind: i32): void {
  const at = pos + skip;
  if (at + 4 > end || load<u32>(at) != word) return stop(INVALID);
  valueStart = pos;
  pos = at + 4;
  valueEnd = pos;
  valueKind = kind;
}

// The field names looked for, as bytes (AssemblyScript strings are UTF-16), copied once by layOut().
const KEY_BYTES: usize = memory.data(256);
let keyBytesUsed: usize = 0;

function keyBytes(key: string): usize {
  const at = KEY_BYTES + keyBytesUsed;
  for (let i = 0; i < key.length; i++) store<u8>(at + <usize>i, <u8>key.charCodeAt(i));
  keyBytesUsed += <usize>key.length;
  return at;
}

let kEventId: usize = 0;
let kEventTime: usize = 0;
let kEventName: usize = 0;
let kEventType: usize = 0;
let kErrorCode: usize = 0;
let kResources: usize = 0;
let kEventSource: usize = 0;
let kUserIdentity: usize = 0;
let kEventCategory: usize = 0;
let kInsightDetails: usize = 0;
let kManagementEvent: usize = 0;
let kCloudTrailEvent: usize = 0;
let kRequestParameters: usize = 0;
let kRecipientAccountId: usize = 0;
let kType: usize = 0;
let kArn: usize = 0;
let kAccountId: usize = 0;
let kSessionContext: usize = 0;
let kSessionIssuer: usize = 0;

function copyKeys(): void {
  kEventId = keyBytes('eventID');
  kEventTime = keyBytes('eventTime');
  kEventName = keyBytes('eventName');
  kEventType = keyBytes('eventType');
  kErrorCode = keyBytes('errorCode');
  kResources = keyBytes('resources');
  kEventSource = keyBytes('eventSource');
  kUserIdentity = keyBytes('userIdentity');
  kEventCategory = keyBytes('eventCategory');
  kInsightDetails = keyBytes('insightDetails');
  kManagementEvent = keyBytes('managementEvent');
  kCloudTrailEvent = keyBytes('CloudTrailEvent');
  kRequestParameters = keyBytes('requestParameters');
  kRecipientAccountId = keyBytes('recipientAccountId');
  kType = keyBytes('type');
  kArn = keyBytes('arn');
  kAccountId = keyBytes('accountId');
  kSessionContext = keyBytes('sessionContext');
  kSessionIssuer = keyBytes('sessionIssuer');
}

// The slot a key fills in an object of kind `inside`, or 100 + the kind of object its value opens, or -1.
function keyMeaning(inside: i32, at: usize, n: usize): i32 {
  if (inside == IN_RECORD) {
    switch (<i32>n) {
      case 7:
        if (sameBytes(at, kEventId, n)) return F_EVENT_ID;
        break;
      case 9:
        if (sameBytes(at, kEventTime, n)) return F_EVENT_TIME;
        if (sameBytes(at, kEventName, n)) return F_EVENT_NAME;
        if (sameBytes(at, kEventType, n)) return F_EVENT_TYPE;
        if (sameBytes(at, kErrorCode, n)) return F_ERROR_CODE;
        if (sameBytes(at, kResources, n)) return F_RESOURCES;
        break;
      case 11:
        if (sameBytes(at, kEventSource, n)) return F_EVENT_SOURCE;
        break;
      case 12:
        if (sameBytes(at, kUserIdentity, n)) return 100 + IN_IDENTITY;
        break;
      case 13:
        if (sameBytes(at, kEventCategory, n)) return F_EVENT_CATEGORY;
        break;
      case 14:
        if (sameBytes(at, kInsightDetails, n)) return F_INSIGHT_DETAILS;
        break;
      case 15:
        if (sameBytes(at, kManagementEvent, n)) return F_MANAGEMENT_EVENT;
        if (sameBytes(at, kCloudTrailEvent, n)) return F_CLOUDTRAIL_EVENT;
        break;
      case 17:
        if (sameBytes(at, kRequestParameters, n)) return F_REQUEST_PARAMETERS;
        break;
      case 18:
        if (sameBytes(at, kRecipientAccountId, n)) return F_RECIPIENT_ACCOUNT;
        break;
    }
  } else if (inside == IN_IDENTITY) {
    if (n == 4 && sameBytes(at, kType, n)) return F_IDENTITY_TYPE;
    if (n == 3 && sameBytes(at, kArn, n)) return F_IDENTITY_ARN;
    if (n == 9 && sameBytes(at, kAccountId, n)) return F_IDENTITY_ACCOUNT;
    if (n == 14 && sameBytes(at, kSessionContext, n)) return 100 + IN_SESSION;
  } else if (inside == IN_SESSION) {
    if (n == 13 && sameBytes(at, kSessionIssuer, n)) return 100 + IN_ISSUER;
  } else if (inside == IN_ISSUER) {
    if (n == 4 && sameBytes(at, kType, n)) return F_ISSUER_TYPE;
    if (n == 3 && sameBytes(at, kArn, n)) return F_ISSUER_ARN;
  }
  return -1;
}

@inline function slotAt(field: i32): usize {
  return record + (<usize>(RECORD_HEAD + field * SLOT_I32) << 2);
}

function fill(field: i32): void {
  const at = slotAt(field);
  store<i32>(at, <i32>(valueStart - base));
  store<i32>(at + 4, <i32>(valueEnd - base));
  store<i32>(at + 8, valueKind);
  let id: i32 = -1;
  if (valueKind == K_STRING) {
    if ((NUMBERED >> <u32>field) & 1) id = numberOfField(field, valueStart, valueEnd - valueStart);
    else if (field == F_EVENT_TIME) eventTime(valueStart, valueEnd - valueStart);
    else if (field == F_EVENT_ID) eventIdHash(valueStart, valueEnd - valueStart);
  }
  store<i32>(at + 12, id);
}

@inline function clear(field: i32): void {
  store<i32>(slotAt(field) + 8, K_ABSENT);
}

// The slot of the object a key opens, and the slots inside it: a repeated key replaces the whole value,
// as JSON.parse does (the last one wins).
function openSlot(inside: i32): i32 {
  return inside == IN_IDENTITY ? F_USER_IDENTITY : inside == IN_SESSION ? F_SESSION_CONTEXT : F_SESSION_ISSUER;
}

function clearInside(inside: i32): void {
  if (inside == IN_IDENTITY) {
    clear(F_IDENTITY_TYPE);
    clear(F_IDENTITY_ARN);
    clear(F_IDENTITY_ACCOUNT);
    clear(F_SESSION_CONTEXT);
  }
  if (inside == IN_IDENTITY || inside == IN_SESSION) clear(F_SESSION_ISSUER);
  clear(F_ISSUER_TYPE);
  clear(F_ISSUER_ARN);
}


// String numbering: an open-addressing table of (hash, number), and per number where its bytes are kept.
// It lives in memory past the static data; the caller's input goes after it (freeStart).
const TABLE_SIZE: u32 = 1 << 16;
const MAX_STRINGS: u32 = TABLE_SIZE >> 1;
const ARENA_BYTES: u32 = 4 << 20;
const MAX_NUMBERED_LENGTH: u32 = 1024;
let tableAt: usize = 0; // TABLE_SIZE × (hash u32, number i32)
let stringsAt: usize = 0; // MAX_STRINGS × (arena offset u32, length u32)
let arenaAt: usize = 0;
let stringCount: u32 = 0;
let arenaUsed: u32 = 0;
let generationCount: i32 = 0;
let laidOut: bool = false;

function layOut(): void {
  if (laidOut) return;
  laidOut = true;
  copyKeys();
  tableAt = (__heap_base + 15) & ~(<usize>15);
  stringsAt = tableAt + (<usize>TABLE_SIZE << 3);
  arenaAt = stringsAt + (<usize>MAX_STRINGS << 3);
  const needed = arenaAt + <usize>ARENA_BYTES;
  const have = <usize>memory.size() << 16;
  if (needed > have) memory.grow(<i32>((needed - have + 0xffff) >> 16));
  forget();
}

// Drops every number (the caller sees a new generation and drops its strings).
function forget(): void {
  memory.fill(tableAt, 0xff, <usize>TABLE_SIZE << 3);
  memory.fill(LAST_OF_FIELD, 0xff, <usize>FIELDS << 2);
  stringCount = 0;
  arenaUsed = 0;
  generationCount++;
}

// Whether `n` bytes at `a` and `b` are equal, a word at a time. The last word is read whole and masked: every
// caller has at least 7 readable bytes past both (the input's 16 bytes of padding; the string arena, key names
// and predicted keys are followed by more of this module's memory).
function sameBytes(a: usize, b: usize, n: usize): bool {
  let i: usize = 0;
  while (i + 8 <= n) {
    if (load<u64>(a + i) != load<u64>(b + i)) return false;
    i += 8;
  }
  const rest = n - i;
  if (rest == 0) return true;
  const mask: u64 = (<u64>1 << (<u64>rest << 3)) - 1;
  return ((load<u64>(a + i) ^ load<u64>(b + i)) & mask) == 0;
}

function hashOf(at: usize, n: usize): u32 {
  let h: u64 = 0x9e3779b97f4a7c15 ^ <u64>n;
  let i: usize = 0;
  while (i + 8 <= n) {
    h = (h ^ load<u64>(at + i)) * 0xff51afd7ed558ccd;
    h ^= h >> 32;
    i += 8;
  }
  if (i < n) {
    // The input is followed by 16 padding bytes, so reading a whole word past a string's end is safe.
    const tail = load<u64>(at + i) & ((<u64>1 << (<u64>(n - i) << 3)) - 1);
    h = (h ^ tail) * 0xc4ceb9fe1a85ec53;
    h ^= h >> 32;
  }
  return <u32>h;
}

// The number of the string of `n` bytes at `at`, numbering it on first sight; -1 when the table is full.
function numberOf(at: usize, n: usize): i32 {
  if (<u32>n > MAX_NUMBERED_LENGTH) return -1;
  const h = hashOf(at, n);
  let i = h & (TABLE_SIZE - 1);
  while (true) {
    const e = tableAt + (<usize>i << 3);
    const id = load<i32>(e + 4);
    if (id < 0) break;
    if (load<u32>(e) == h) {
      const s = stringsAt + (<usize>id << 3);
      if (load<u32>(s + 4) == <u32>n && sameBytes(arenaAt + load<u32>(s), at, n)) return id;
    }
    i = (i + 1) & (TABLE_SIZE - 1);
  }
  if (stringCount >= MAX_STRINGS || arenaUsed + <u32>n > ARENA_BYTES) return -1;
  const id = <i32>stringCount;
  stringCount++;
  const e = tableAt + (<usize>i << 3);
  store<u32>(e, h);
  store<i32>(e + 4, id);
  const s = stringsAt + (<usize>id << 3);
  store<u32>(s, arenaUsed);
  store<u32>(s + 4, <u32>n);
  memory.copy(arenaAt + arenaUsed, at, n);
  arenaUsed += <u32>n;
  return id;
}

// Per numbered field, the number of the string it held last (-1: none): most fields repeat from one record
// to the next (event type, account, caller), and comparing with one string costs less than finding it.
const LAST_OF_FIELD: usize = memory.data(FIELDS << 2);

function numberOfField(field: i32, at: usize, n: usize): i32 {
  const lastAt = LAST_OF_FIELD + (<usize>field << 2);
  const last = load<i32>(lastAt);
  if (last >= 0) {
    const s = stringsAt + (<usize>last << 3);
    if (load<u32>(s + 4) == <u32>n && sameBytes(arenaAt + load<u32>(s), at, n)) return last;
  }
  const id = numberOf(at, n);
  store<i32>(lastAt, id);
  return id;
}

/** Incremented whenever string numbers are dropped (the table filled up); numbers are per generation. */
export function generation(): i32 {
  return generationCount;
}

@inline function digitAt(at: usize): u32 {
  return <u32>load<u8>(at) - 0x30;
}

@inline function twoDigits(at: usize): u32 {
  const a = digitAt(at);
  const b = digitAt(at + 1);
  return a <= 9 && b <= 9 ? a * 10 + b : 99;
}

// The two 32-bit halves of the event id's hash, into the record: the same FNV-1a passes as `hashEventId`
// (src/ingest/cloudtrail.ts) over the id's characters, which are its bytes for a plain string.
function eventIdHash(at: usize, n: usize): void {
  let a: u32 = 0x811c9dc5;
  let b: u32 = 0x01000193 ^ 0x5bd1e995;
  for (let i: usize = 0; i < n; i++) {
    const c = <u32>load<u8>(at + i);
    a = (a ^ c) * 0x01000193;
    b = ((b ^ c) * 0x5bd1e995) ^ (b >>> 15);
  }
  store<u32>(record + 20, a);
  store<u32>(record + 24, b);
}

// `YYYY-MM-DDTHH:MM:SSZ` (CloudTrail's form) as day since 1970 and second of the day, into the record;
// -1 for any other text (each of the 14 digits checked), a year before 1970, or a date that is not in the
// calendar: the caller then reads the text itself.
function eventTime(at: usize, n: usize): void {
  store<i32>(record + 12, -1);
  if (n != 20 || load<u8>(at + 4) != 0x2d || load<u8>(at + 7) != 0x2d || load<u8>(at + 10) != 0x54) return;
  if (load<u8>(at + 13) != 0x3a || load<u8>(at + 16) != 0x3a || load<u8>(at + 19) != 0x5a) return;
  const y0 = digitAt(at);
  const y1 = digitAt(at + 1);
  const y2 = digitAt(at + 2);
  const y3 = digitAt(at + 3);
  if (y0 > 9 || y1 > 9 || y2 > 9 || y3 > 9) return;
  const month = twoDigits(at + 5);
  const day = twoDigits(at + 8);
  const hour = twoDigits(at + 11);
  const minute = twoDigits(at + 14);
  const second = twoDigits(at + 17);
  if (hour > 23 || minute > 59 || second > 59) return;
  const year = ((y0 * 10 + y1) * 10 + y2) * 10 + y3;
  if (year < 1970 || month < 1 || month > 12 || day < 1) return;
  const leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  const monthDays: u32 = month == 2 ? (leap ? 29 : 28) : month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
  if (day > monthDays) return;
  // Days since 1970-01-01 of a proleptic Gregorian date, with March as the first month of the year.
  const y = month <= 2 ? year - 1 : year;
  const era = y / 400;
  const yearOfEra = y - era * 400;
  const m = month > 2 ? month - 3 : month + 9;
  const dayOfYear = (153 * m + 2) / 5 + day - 1;
  const dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
  const days = <i32>(era * 146097 + dayOfEra) - 719468;
  store<i32>(record + 12, days);
  store<i32>(record + 16, <i32>((hour * 60 + minute) * 60 + second));
}

function readValue(inside: i32): void {
  skipSpace();
  if (pos >= end) return stop(INVALID);
  const c = load<u8>(pos);
  if (c == 0x22) {
    pos++;
    readString();
  } else if (c == 0x7b && inside != IN_NONE) readObject(inside);
  else if (c == 0x7b || c == 0x5b) skipContainer();
  else if (c == 0x74) readWord(0x65757274, 0, K_TRUE); // true
  else if (c == 0x66) readWord(0x65736c61, 1, K_FALSE); // f + alse
  else if (c == 0x6e) readWord(0x6c6c756e, 0, K_NULL); // null
  else readNumber();
}

// Predicted keys (see readObject): per kind of object looked at, per key index, a slot of the key's length + 1,
// its meaning and its bytes.
const PREDICTED_KEYS: i32 = 64;
const PREDICTED_BYTES: usize = 48;
const PREDICTED_SLOT: usize = 8 + PREDICTED_BYTES;
const PREDICTED: usize = memory.data(<i32>((IN_ISSUER + 1) * PREDICTED_KEYS * <i32>PREDICTED_SLOT) + 16);

// The containers open inside skipContainer, innermost last: `{` or `[`.
const OPEN: usize = memory.data(MAX_DEPTH + 16);

// After an object's `{` or `,`: a key (checked as a string, not looked at), `:`, and the space before the
// value. False (and the scan stopped) when that is not there.
function skipKey(): bool {
  skipSpace();
  if (pos >= end || load<u8>(pos) != 0x22) {
    stop(INVALID);
    return false;
  }
  pos++;
  readString();
  if (status != 0) return false;
  skipSpace();
  if (pos >= end || load<u8>(pos) != 0x3a) {
    stop(INVALID);
    return false;
  }
  pos++;
  skipSpace();
  return true;
}

// An object or array whose content nobody reads (most of a record: request parameters, response elements,
// TLS details…), checked as JSON in one loop with its own stack of open containers rather than a call per
// value. The value is its span.
function skipContainer(): void {
  const start = pos;
  let level: i32 = 0;
  let c = load<u8>(pos);
  while (true) {
    // `pos` is at the first byte of a value, `c`.
    if (c == 0x7b || c == 0x5b) {
      if (depth + level + 1 > MAX_DEPTH) return stop(FALLBACK);
      store<u8>(OPEN + <usize>level, c);
      level++;
      pos++;
      skipSpace();
      if (pos >= end) return stop(INVALID);
      const next = load<u8>(pos);
      if (next == c + 2) {
        // `{}` or `[]` (`}` and `]` are two past their opening bracket)
        pos++;
        level--;
      } else {
        if (c == 0x7b && !skipKey()) return;
        if (pos >= end) return stop(INVALID);
        c = load<u8>(pos);
        continue;
      }
    } else {
      if (c == 0x22) {
        pos++;
        readString();
      } else if (c == 0x74) readWord(0x65757274, 0, K_TRUE);
      else if (c == 0x66) readWord(0x65736c61, 1, K_FALSE);
      else if (c == 0x6e) readWord(0x6c6c756e, 0, K_NULL);
      else readNumber();
      if (status != 0) return;
    }
    // After a value: close containers, or move to the next member.
    while (true) {
      if (level == 0) {
        valueStart = start;
        valueEnd = pos;
        valueKind = load<u8>(start) == 0x7b ? K_OBJECT : K_ARRAY;
        return;
      }
      skipSpace();
      if (pos >= end) return stop(INVALID);
      const open = load<u8>(OPEN + <usize>(level - 1));
      const d = load<u8>(pos);
      pos++;
      if (d == 0x2c) {
        if (open == 0x7b && !skipKey()) return;
        skipSpace();
        if (pos >= end) return stop(INVALID);
        c = load<u8>(pos);
        break;
      }
      if (d != open + 2) return stop(INVALID);
      level--;
    }
  }
}

function readObject(inside: i32): void {
  const start = pos;
  pos++;
  if (++depth > MAX_DEPTH) return stop(FALLBACK);
  skipSpace();
  if (pos < end && load<u8>(pos) == 0x7d) {
    pos++;
  } else {
    // The keys of the last object of this kind, in order: records repeat their keys in the same order, and
    // comparing with the key expected next costs less than reading a key and looking it up.
    let predicted = PREDICTED + (<usize>inside * PREDICTED_KEYS) * PREDICTED_SLOT;
    let k: i32 = 0;
    while (true) {
      skipSpace();
      if (pos >= end || load<u8>(pos) != 0x22) return stop(INVALID);
      pos++;
      let meaning: i32 = -1;
      const known = k < PREDICTED_KEYS ? load<u32>(predicted) : 0;
      // A slot holds the key's length + 1 (0: none), its meaning and its bytes, a plain key's (no escape, no
      // control, ASCII): the same bytes before a quote are the same key.
      if (known != 0 && pos + known <= end && load<u8>(pos + known - 1) == 0x22 && sameBytes(predicted + 8, pos, known - 1)) {
        pos += known;
        meaning = load<i32>(predicted + 4);
      } else {
        readString();
        if (status != 0) return;
        if (inside != IN_NONE) {
          // A key with an escape may spell a field name: JSON.parse reads that file.
          if (valueKind != K_STRING) return stop(FALLBACK);
          meaning = keyMeaning(inside, valueStart, valueEnd - valueStart);
        }
        if (k < PREDICTED_KEYS) {
          const n = valueEnd - valueStart;
          if (n <= PREDICTED_BYTES) {
            store<u32>(predicted, <u32>n + 1);
            store<i32>(predicted + 4, meaning);
            memory.copy(predicted + 8, valueStart, n);
          } else store<u32>(predicted, 0);
        }
      }
      k++;
      predicted += PREDICTED_SLOT;
      skipSpace();
      if (pos >= end || load<u8>(pos) != 0x3a) return stop(INVALID);
      pos++;
      if (meaning >= 100) {
        const opened = meaning - 100;
        clearInside(opened);
        readValue(opened);
        if (status != 0) return;
        fill(openSlot(opened));
      } else {
        readValue(IN_NONE);
        if (status != 0) return;
        if (meaning >= 0) fill(meaning);
      }
      skipSpace();
      if (pos >= end) return stop(INVALID);
      const c = load<u8>(pos);
      pos++;
      if (c == 0x2c) continue;
      if (c == 0x7d) break;
      return stop(INVALID);
    }
  }
  depth--;
  valueStart = start;
  valueEnd = pos;
  valueKind = K_OBJECT;
}


/**
 * Scans `len` bytes at `input` (followed by 16 zero bytes) as `{"Records":[…]}`, writing RECORD_I32 numbers
 * per record at `out` (room for `capacity` records; offsets are relative to `input`). Returns the record
 * count, INVALID (not JSON), FALLBACK (JSON of another shape, or not plain enough) or FULL (more records).
 */
export function scan(input: usize, len: usize, out: usize, capacity: i32): i32 {
  layOut();
  if (stringCount > MAX_STRINGS >> 1 || arenaUsed > ARENA_BYTES >> 1) forget();
  base = input;
  pos = input;
  end = input + len;
  status = 0;
  depth = 0;
  skipSpace();
  if (pos >= end || load<u8>(pos) != 0x7b) return FALLBACK;
  pos++;
  skipSpace();
  // The only key must be "Records" (0x7364726f63655222 is `"Records` read as a little-endian word).
  if (pos + 9 > end || load<u64>(pos) != 0x7364726f63655222 || load<u8>(pos + 8) != 0x22) return FALLBACK;
  pos += 9;
  skipSpace();
  if (pos >= end || load<u8>(pos) != 0x3a) return FALLBACK;
  pos++;
  skipSpace();
  if (pos >= end || load<u8>(pos) != 0x5b) return FALLBACK;
  pos++;
  skipSpace();
  let count: i32 = 0;
  if (pos < end && load<u8>(pos) == 0x5d) {
    pos++;
  } else {
    while (true) {
      if (count >= capacity) return FULL;
      record = out + (<usize>(count * RECORD_I32) << 2);
      for (let f: i32 = 0; f < FIELDS; f++) clear(f);
      store<i32>(record + 12, -1);
      skipSpace();
      const start = pos;
      if (pos < end && load<u8>(pos) == 0x7b) readObject(IN_RECORD);
      else readValue(IN_NONE);
      if (status != 0) return status;
      store<i32>(record, <i32>(start - base));
      store<i32>(record + 4, <i32>(pos - base));
      store<i32>(record + 8, valueKind);
      count++;
      skipSpace();
      if (pos >= end) return INVALID;
      const c = load<u8>(pos);
      pos++;
      if (c == 0x2c) continue;
      if (c == 0x5d) break;
      return INVALID;
    }
  }
  skipSpace();
  if (pos >= end) return INVALID;
  // Another top-level key after the records: JSON.parse reads the file (it may repeat "Records").
  if (load<u8>(pos) != 0x7d) return load<u8>(pos) == 0x2c ? FALLBACK : INVALID;
  pos++;
  skipSpace();
  return pos == end ? count : INVALID;
}

/** Where the caller may put its input: past the scanner's static data and string table, 16-byte aligned. */
export function freeStart(): usize {
  layOut();
  return (arenaAt + <usize>ARENA_BYTES + 15) & ~(<usize>15);
}
