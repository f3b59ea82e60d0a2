import type { InputError } from '../model/input.js';
import type { Tags } from '../model/inventory.js';

/** A plain JSON object. */
export type JsonObject = Record<string, unknown>;

/** Whether a value is a plain JSON object (not an array, not null). */
export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A non-empty string, or `null`: optional fields never become `''`. */
export function optString(v: unknown): string | null {
  return typeof v === 'string' && v.length > 0 ? v : null;
}

/** A finite number, or `null`. */
export function optNumber(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/**
 * A date as an ISO 8601 string, or `null` when absent or unparseable. Exports spell dates several ways
 * (`2019-12-18T19:10:08Z` from the CLI, `2019-12-18 19:10:08+00:00` from boto-based tools).
 */
export function optDate(v: unknown): string | null {
  if (typeof v !== 'string' || v.length > 64 || !/^\d{4}-\d{2}-\d{2}/.test(v)) return null;
  const ms = Date.parse(v.includes('T') ? v : v.replace(' ', 'T'));
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** `[{Key, Value}]` (the AWS tag list) to a map; entries that are not string pairs are dropped. */
export function tagMap(v: unknown): Tags {
  const tags: Tags = Object.create(null) as Tags;
  if (!Array.isArray(v)) return tags;
  for (const t of v) {
    if (isObject(t) && typeof t.Key === 'string' && typeof t.Value === 'string') tags[t.Key] = t.Value;
  }
  return tags;
}

/** The strings of a list; anything else is dropped. */
export function stringList(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

const ARN_RE = /^arn:(aws|aws-cn|aws-us-gov|aws-iso[a-z-]*):([a-z0-9-]+):([a-z0-9-]*):(\d{12}|aws|):(.+)$/s;

/** The parts of an ARN, or `null` when the string is not one. */
export function parseArn(
  arn: string,
): { partition: string; service: string; region: string; account: string; resource: string } | null {
  const m = ARN_RE.exec(arn);
  if (!m) return null;
  return { partition: m[1]!, service: m[2]!, region: m[3]!, account: m[4]!, resource: m[5]! };
}

/** The 12-digit account id of an ARN, or `null` (AWS managed policies, malformed ARNs). */
export function accountOfArn(arn: string): string | null {
  const p = parseArn(arn);
  return p && /^\d{12}$/.test(p.account) ? p.account : null;
}

/** Shortens an attacker-controlled name for use in an error location. */
export function label(v: unknown): string {
  const s = typeof v === 'string' ? v : '?';
  return s.length > 80 ? `${s.slice(0, 80)}…` : s;
}

/**
 * An error reason as one short printable line. Reasons quote attacker-controlled text (names, policy text,
 * parser messages that echo it): control characters, line and paragraph separators and bidi overrides become
 * visible `\u{NN}` escapes, so that text cannot forge extra lines in a log, move a terminal's cursor or reorder
 * what is shown; and a 200 KB name cannot bloat every report that quotes it.
 *
 * @example oneLine('bad\r\nFAKE: ok') // 'bad\\u{d}\\u{a}FAKE: ok'
 */
export function oneLine(s: string, max = 500): string {
  const cut = s.length > max ? `${s.slice(0, max)}…` : s;
  return cut.replace(
    // eslint-disable-next-line no-control-regex -- control characters are exactly what must not pass
    /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g,
    (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`,
  );
}

/** Collects errors for one file, locating records as `<path> List[i] (name)`. */
export class ErrorSink {
  readonly errors: InputError[] = [];
  constructor(readonly file: string) {}

  /** An error about the whole file. */
  fileError(reason: string): void {
    this.errors.push({ where: this.file, reason: oneLine(reason) });
  }

  /** An error about one record. */
  recordError(list: string, index: number, name: unknown, reason: string): void {
    const who = typeof name === 'string' && name.length > 0 ? ` (${oneLine(label(name))})` : '';
    this.errors.push({ where: `${this.file} ${list}[${index}]${who}`, reason: oneLine(reason) });
  }
}
