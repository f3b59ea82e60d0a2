/**
 * One CloudTrail file reduced to what aggregation needs, in a compact form that crosses a worker-thread
 * boundary cheaply (typed arrays are transferred, strings are interned once per file).
 */
import type { TrailFileResult } from '../ingest/cloudtrail-file.js';
import type { InputError } from '../model/input.js';
import { actionsForEvent } from './event-actions.js';
import { passedRoles, resourcesFor } from './event-facts.js';
import { principalOf } from './identity.js';
import { outcomeOf } from './outcome.js';

/** Outcome codes in `FileDigest.events`. */
export const OUTCOME_CODE = { used: 0, denied: 1, error: 2 } as const;

/** Fields per event in `FileDigest.events`: id hash, time (ms), principal string index, outcome code. */
export const EVENT_STRIDE = 4;

/** What one file contributed. */
export interface FileDigest {
  file: string;
  status: 'read' | 'skipped' | 'error';
  errors: InputError[];
  skipped: { nonApi: number; insight: number; digest: number };
  /** Interned strings: principals, actions, and `\n`-joined resource ARN lists. */
  strings: string[];
  /** `EVENT_STRIDE` numbers per attributed event with at least one action. */
  events: Float64Array;
  /** Per event, the offset of its first call in `calls` (one more entry than events). */
  callStart: Int32Array;
  /** Two numbers per call: action string index, resource-list string index (-1: the event shows none). */
  calls: Int32Array;
  /** Events whose name maps to no action: `[eventSource, eventName, count]`. */
  unmapped: [string, string, number][];
  /** API calls read, including those that need no permission or belong to no IAM identity. */
  apiEvents: number;
  noPermission: number;
  unattributed: number;
  dataEvents: number;
  /** Account ids the events were recorded for. */
  accounts: string[];
}

/** A 52-bit hash of an event id (two FNV-1a passes), for de-duplication without keeping the ids. */
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

function emptyDigest(file: string, status: FileDigest['status'], errors: InputError[]): FileDigest {
  return {
    file,
    status,
    errors,
    skipped: { nonApi: 0, insight: 0, digest: 0 },
    strings: [],
    events: new Float64Array(0),
    callStart: new Int32Array(1),
    calls: new Int32Array(0),
    unmapped: [],
    apiEvents: 0,
    noPermission: 0,
    unattributed: 0,
    dataEvents: 0,
    accounts: [],
  };
}

/** Reduces a read file to its digest: identities rolled up, actions mapped, outcomes classified. */
export function digestTrailFile(r: TrailFileResult): FileDigest {
  if (r.kind === 'error') return emptyDigest(r.file, 'error', [r.error]);
  if (r.kind === 'skipped') {
    const d = emptyDigest(r.file, 'skipped', []);
    d.skipped[r.reason]++;
    return d;
  }
  const d = emptyDigest(r.file, 'read', r.errors);
  d.skipped.nonApi = r.skipped.nonApi;
  d.skipped.insight = r.skipped.insight;
  const index = new Map<string, number>();
  const intern = (s: string): number => {
    let i = index.get(s);
    if (i === undefined) {
      i = d.strings.length;
      d.strings.push(s);
      index.set(s, i);
    }
    return i;
  };
  const events: number[] = [];
  const callStart: number[] = [0];
  const calls: number[] = [];
  const unmapped = new Map<string, number>();
  const accounts = new Set<string>();
  for (const e of r.events) {
    d.apiEvents++;
    if (e.isDataEvent) d.dataEvents++;
    const account = e.recipientAccountId ?? e.identity.accountId;
    if (account !== null) accounts.add(account);
    const mapped = actionsForEvent(e.eventSource, e.eventName);
    if (mapped.kind === 'unmapped') {
      const key = `${e.eventSource}\n${e.eventName}`;
      unmapped.set(key, (unmapped.get(key) ?? 0) + 1);
    }
    if (mapped.kind === 'none') d.noPermission++;
    const actions =
      mapped.kind === 'actions'
        ? mapped.actions
        : mapped.kind === 'none' && mapped.activity
          ? [mapped.activity]
          : [];
    if (actions.length === 0) continue;
    const principal = principalOf(e.identity);
    if (principal === null) {
      d.unattributed++;
      continue;
    }
    const outcome = OUTCOME_CODE[outcomeOf(e.errorCode)];
    events.push(hashEventId(e.eventId), e.timeMs, intern(principal), outcome);
    for (const action of actions) {
      const res = resourcesFor(action, e);
      calls.push(intern(action), res === null ? -1 : intern(res.join('\n')));
    }
    // A role passed in a call that succeeded proves iam:PassRole was allowed (CloudTrail never logs it).
    const passed = outcome === OUTCOME_CODE.used ? passedRoles(e) : [];
    if (passed.length > 0) calls.push(intern('iam:PassRole'), intern(passed.join('\n')));
    callStart.push(calls.length / 2);
  }
  d.events = Float64Array.from(events);
  d.callStart = Int32Array.from(callStart);
  d.calls = Int32Array.from(calls);
  d.unmapped = [...unmapped].map(([k, n]) => {
    const [source = '', name = ''] = k.split('\n');
    return [source, name, n];
  });
  d.accounts = [...accounts];
  return d;
}
