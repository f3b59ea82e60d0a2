/**
 * CloudTrail records (PRODUCT.md §2): the three forms a trail comes in, and one record normalised into the
 * few fields usage analysis needs. Every field is attacker-controlled text (anyone able to write to the
 * bucket, or to hand us a file, chooses it), so each one is checked for shape and length here, once.
 * Record contents: https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html
 */
import type { JsonObject } from './fields.js';
import { isObject } from './fields.js';

/** Who made the call, as `userIdentity` says (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-user-identity.html). */
export interface TrailIdentity {
  /** `IAMUser`, `AssumedRole`, `FederatedUser`, `Root`, `AWSService`, `AWSAccount`, … */
  type: string;
  arn: string | null;
  accountId: string | null;
  /** `sessionContext.sessionIssuer.arn`: the role of an assumed-role session, the user of a federated one. */
  issuerArn: string | null;
  issuerType: string | null;
}

/** One management or data API call. */
export interface TrailEvent {
  eventId: string;
  /** `hashEventId(eventId)`, when the reader computed it already. */
  idHash?: number;
  /** Milliseconds since the epoch, from `eventTime`. */
  timeMs: number;
  /** `s3.amazonaws.com`. */
  eventSource: string;
  eventName: string;
  errorCode: string | null;
  /** A data event (`managementEvent: false` or `eventCategory: "Data"`). */
  isDataEvent: boolean;
  recipientAccountId: string | null;
  identity: TrailIdentity;
  requestParameters: JsonObject | null;
  /** `resources[].ARN` of the event (data events and some management events carry them). */
  resourceArns: readonly string[];
}

/** What one record is: an API call, something deliberately skipped, or unreadable. */
export type TrailRecord =
  | { kind: 'event'; event: TrailEvent }
  | { kind: 'skipped'; reason: 'non-api' | 'insight' }
  | { kind: 'error'; reason: string };

/** The record list of a CloudTrail document, with the form it came in; null when it is none of them. */
export type TrailDocument = { form: 'records' | 'array' | 'lookup-events'; records: unknown[] };

const SOURCE = /^[a-z0-9][a-z0-9.-]{0,127}$/;
const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;
const ACCOUNT = /^\d{12}$/;
const ARN =
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must be refused
  /^arn:aws[a-z-]{0,20}:[a-z0-9-]{1,64}:[a-z0-9-]{0,32}:(\d{12}|aws)?:[^\s\u0000-\u001f\u007f]{1,1000}$/;
const MIN_TIME = Date.UTC(2013, 0, 1); // CloudTrail launched in November 2013.

/**
 * The checks `readTrailRecord` applies to record fields, for the fast path (trail-scan.ts), which applies them
 * once per distinct string rather than once per record.
 */
export const TRAIL_CHECKS = {
  source: (s: string): boolean => SOURCE.test(s),
  name: (s: string): boolean => NAME.test(s),
  account: (s: string): boolean => ACCOUNT.test(s),
  arn: (s: string): boolean => ARN.test(s),
  minTimeMs: MIN_TIME,
  maxEventIdLength: 128,
  maxErrorCodeLength: 128,
} as const;

/**
 * Finds the records of a trail file (`{"Records":[…]}`), a plain JSON array of events, or `lookup-events`
 * output (`{"Events":[{"CloudTrailEvent":"<json>"}]}`).
 */
export function trailDocument(raw: unknown): TrailDocument | null {
  if (Array.isArray(raw)) return { form: 'array', records: raw };
  if (!isObject(raw)) return null;
  if (Array.isArray(raw.Records)) return { form: 'records', records: raw.Records };
  if (Array.isArray(raw.Events)) return { form: 'lookup-events', records: raw.Events };
  return null;
}

/** Shows an attacker-controlled value in an error reason: short, and quoted so it cannot pass for our text. */
function shown(v: unknown): string {
  const s = typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v));
  return JSON.stringify(s.length > 60 ? `${s.slice(0, 60)}…` : s);
}

function optArn(v: unknown): string | null {
  return typeof v === 'string' && ARN.test(v) ? v : null;
}

function identityOf(v: unknown): TrailIdentity | string {
  if (!isObject(v)) return 'missing userIdentity';
  if (typeof v.type !== 'string' || !NAME.test(v.type)) return `invalid userIdentity.type ${shown(v.type)}`;
  const issuer =
    isObject(v.sessionContext) && isObject(v.sessionContext.sessionIssuer)
      ? v.sessionContext.sessionIssuer
      : null;
  return {
    type: v.type,
    arn: optArn(v.arn),
    accountId: typeof v.accountId === 'string' && ACCOUNT.test(v.accountId) ? v.accountId : null,
    issuerArn: issuer === null ? null : optArn(issuer.arn),
    issuerType:
      issuer !== null && typeof issuer.type === 'string' && NAME.test(issuer.type) ? issuer.type : null,
  };
}

/** `resources[].ARN` of a record's `resources` value (at most 100). */
export function resourceArns(v: unknown): string[] {
  if (!Array.isArray(v)) return [];
  const out: string[] = [];
  for (const r of v) {
    const arn = isObject(r) ? optArn(r.ARN) : null;
    if (arn !== null && out.length < 100) out.push(arn);
  }
  return out;
}

/** A `lookup-events` entry carries the event as a JSON string. */
function unwrap(rec: unknown): JsonObject | string {
  if (isObject(rec) && typeof rec.CloudTrailEvent === 'string') {
    try {
      const inner: unknown = JSON.parse(rec.CloudTrailEvent);
      return isObject(inner) ? inner : 'CloudTrailEvent is not a JSON object';
    } catch {
      return 'CloudTrailEvent is not valid JSON';
    }
  }
  return isObject(rec) ? rec : 'not a JSON object';
}

/**
 * A 52-bit hash of an event id (two FNV-1a passes), for de-duplication without keeping the ids. The trail
 * scanner (wasm/trail-scan.ts `eventIdHash`) computes the same over a plain id's bytes.
 */
export function hashEventId(id: string): number {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
  }
  return (a >>> 0) * 0x100000 + ((b >>> 0) & 0xfffff);
}

const dayStarts = new Map<string, number>();
const DAY_CACHE_LIMIT = 10_000;

/** Two decimal digits at `i`, or 99 when either is not a digit. */
function twoDigits(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : 99;
}

/**
 * `Date.parse(text)`, faster for the form CloudTrail writes (`2026-11-03T12:01:56Z`): the date part is parsed
 * once per day and the time read digit by digit. Any other form, or an out-of-range time, goes to Date.parse.
 */
export function eventTimeMs(text: string): number {
  if (
    text.length === 20 &&
    text.charCodeAt(10) === 84 && // T
    text.charCodeAt(13) === 58 && // :
    text.charCodeAt(16) === 58 &&
    text.charCodeAt(19) === 90 // Z
  ) {
    const h = twoDigits(text, 11);
    const m = twoDigits(text, 14);
    const sec = twoDigits(text, 17);
    if (h < 24 && m < 60 && sec < 60) {
      const date = text.slice(0, 10);
      let start = dayStarts.get(date);
      if (start === undefined) {
        start = Date.parse(`${date}T00:00:00Z`);
        if (dayStarts.size >= DAY_CACHE_LIMIT) dayStarts.clear(); // dates come from attacker-controlled files
        dayStarts.set(date, start);
      }
      return start + ((h * 60 + m) * 60 + sec) * 1000;
    }
  }
  return Date.parse(text);
}

/**
 * Normalises one record. Only API calls (`eventType` `AwsApiCall`, or absent in old records) are events;
 * console sign-ins, service events and Insight records are skipped, and counted by the caller. A missing
 * or malformed required field (eventID, eventTime, eventSource, eventName, userIdentity) makes the record
 * an error; optional fields become null.
 */
export function readTrailRecord(rec: unknown): TrailRecord {
  const e = unwrap(rec);
  if (typeof e === 'string') return { kind: 'error', reason: e };
  if (e.eventType === 'AwsCloudTrailInsight' || 'insightDetails' in e)
    return { kind: 'skipped', reason: 'insight' };
  if (e.eventType !== undefined && e.eventType !== 'AwsApiCall')
    return { kind: 'skipped', reason: 'non-api' };
  if (
    typeof e.eventID !== 'string' ||
    e.eventID.length === 0 ||
    e.eventID.length > TRAIL_CHECKS.maxEventIdLength
  ) {
    return { kind: 'error', reason: 'missing or invalid eventID' };
  }
  const timeMs = typeof e.eventTime === 'string' && e.eventTime.length <= 40 ? eventTimeMs(e.eventTime) : NaN;
  if (!Number.isFinite(timeMs) || timeMs < MIN_TIME) {
    return { kind: 'error', reason: `invalid eventTime ${shown(e.eventTime)}` };
  }
  if (typeof e.eventSource !== 'string' || !SOURCE.test(e.eventSource)) {
    return { kind: 'error', reason: `invalid eventSource ${shown(e.eventSource)}` };
  }
  if (typeof e.eventName !== 'string' || !NAME.test(e.eventName)) {
    return { kind: 'error', reason: `invalid eventName ${shown(e.eventName)}` };
  }
  const identity = identityOf(e.userIdentity);
  if (typeof identity === 'string') return { kind: 'error', reason: identity };
  const errorCode =
    typeof e.errorCode === 'string' && e.errorCode.length > 0
      ? e.errorCode.slice(0, TRAIL_CHECKS.maxErrorCodeLength)
      : null;
  return {
    kind: 'event',
    event: {
      eventId: e.eventID,
      timeMs,
      eventSource: e.eventSource,
      eventName: e.eventName,
      errorCode,
      isDataEvent: e.managementEvent === false || e.eventCategory === 'Data',
      recipientAccountId:
        typeof e.recipientAccountId === 'string' && ACCOUNT.test(e.recipientAccountId)
          ? e.recipientAccountId
          : null,
      identity,
      requestParameters: isObject(e.requestParameters) ? e.requestParameters : null,
      resourceArns: resourceArns(e.resources),
    },
  };
}
