/**
 * One CloudTrail file reduced to what aggregation needs, in a compact form that crosses a worker-thread
 * boundary cheaply (typed arrays are transferred, strings are interned once per file).
 */
import { threadId } from 'node:worker_threads';
import type { TrailFileScan } from '../ingest/cloudtrail-file.js';
import { scanCloudTrailFile } from '../ingest/cloudtrail-file.js';
import type { TrailEvent, TrailIdentity } from '../ingest/cloudtrail.js';
import { hashEventId } from '../ingest/cloudtrail.js';
import type { InputError } from '../model/input.js';
import type { EventActions } from './event-actions.js';
import { actionsForEvent } from './event-actions.js';
import { mayPassRoles, passedRoles, resourcesFor } from './event-facts.js';
import { principalOf } from './identity.js';
import { Interner } from './interner.js';
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
  /**
   * The reader that made the digest. Its strings (principals, actions, `\n`-joined resource ARN lists) are
   * numbered once per reader, not per file: each digest carries only the strings it numbered first, and the
   * receiver appends them, in digest order, to what that reader sent before (error digests included).
   */
  source: number;
  newStrings: string[];
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
  /** Records in the file (every form, read or skipped), for `inputs[].records`. */
  records: number;
}

/**
 * The string numbering of one reader (a worker thread, or this thread for one aggregation), shared by all the
 * digests it makes, so that a principal or action is sent and looked up once, not once per file. It also
 * remembers, for the reader's life, what each event name and each identity came to (bounded: names and
 * identities come from attacker-controlled files).
 */
export class DigestStrings {
  readonly interner = new Interner();
  private sent = 0;
  private readonly plans = new Map<string, Map<string, CallPlan>>();
  private planCount = 0;
  /** Per identity object (the scanner shares one per identity): its principal's number, or -1 for none. */
  private readonly principals = new Map<TrailIdentity, number>();
  private readonly outcomes = new Map<string, number>();

  /** The strings numbered since the previous digest. */
  take(): string[] {
    const all = this.interner.values();
    const fresh = all.slice(this.sent);
    this.sent = all.length;
    return fresh;
  }

  /** What calls of this event name need, with the actions already numbered. */
  plan(eventSource: string, eventName: string): CallPlan {
    let names = this.plans.get(eventSource);
    const known = names?.get(eventName);
    if (known !== undefined) return known;
    if (this.planCount >= MEMO_LIMIT) {
      this.plans.clear();
      this.planCount = 0;
      names = undefined;
    }
    if (names === undefined) this.plans.set(eventSource, (names = new Map()));
    const mapped = actionsForEvent(eventSource, eventName);
    const actions =
      mapped.kind === 'actions'
        ? mapped.actions
        : mapped.kind === 'none' && mapped.activity
          ? [mapped.activity]
          : [];
    const plan: CallPlan = {
      mapped,
      actions,
      actionIds: actions.map((a) => this.interner.id(a)),
      mayPassRoles: mayPassRoles(eventSource, eventName),
    };
    names.set(eventName, plan);
    this.planCount++;
    return plan;
  }

  /** The number of the identity's principal (see `principalOf`), or -1 when it is no IAM identity of ours. */
  principal(identity: TrailIdentity): number {
    const known = this.principals.get(identity);
    if (known !== undefined) return known;
    if (this.principals.size >= MEMO_LIMIT) this.principals.clear();
    const arn = principalOf(identity);
    const id = arn === null ? -1 : this.interner.id(arn);
    this.principals.set(identity, id);
    return id;
  }

  /** The outcome code of a call's error code. */
  outcome(errorCode: string | null): number {
    if (errorCode === null) return OUTCOME_CODE.used;
    let code = this.outcomes.get(errorCode);
    if (code === undefined) {
      if (this.outcomes.size >= MEMO_LIMIT) this.outcomes.clear();
      code = OUTCOME_CODE[outcomeOf(errorCode)];
      this.outcomes.set(errorCode, code);
    }
    return code;
  }
}

// Entries per memo before it starts again.
const MEMO_LIMIT = 20_000;

/** What calls of one event name need (see DigestStrings.plan). */
interface CallPlan {
  mapped: EventActions;
  /** The actions each call needs or shows as activity (empty: none to record). */
  actions: readonly string[];
  actionIds: number[];
  mayPassRoles: boolean;
}

function emptyDigest(file: string, status: FileDigest['status'], errors: InputError[]): FileDigest {
  return {
    file,
    status,
    errors,
    skipped: { nonApi: 0, insight: 0, digest: 0 },
    source: threadId,
    newStrings: [],
    events: new Float64Array(0),
    callStart: new Int32Array(1),
    calls: new Int32Array(0),
    unmapped: [],
    apiEvents: 0,
    noPermission: 0,
    unattributed: 0,
    dataEvents: 0,
    accounts: [],
    records: 0,
  };
}

/** Reads and digests one file, event by event: memory holds the digest, never the file's events. */
export async function digestCloudTrailFile(
  file: string,
  maxBytes: number,
  strings: DigestStrings,
): Promise<FileDigest> {
  const b = new DigestBuilder(strings);
  // The builder reads each event at once and keeps nothing of it but numbers and strings.
  const r = await scanCloudTrailFile(file, maxBytes, (e) => b.add(e), { transient: true });
  const d = digestOf(r, b);
  // Strings numbered while reading a file travel with its digest, even when the file is then dropped.
  d.newStrings = strings.take();
  return d;
}

function digestOf(r: TrailFileScan, b: DigestBuilder): FileDigest {
  if (r.kind === 'error') return emptyDigest(r.file, 'error', [r.error]);
  if (r.kind === 'skipped') {
    const d = emptyDigest(r.file, 'skipped', []);
    d.skipped[r.reason]++;
    return d;
  }
  const d = b.finish(emptyDigest(r.file, 'read', r.errors));
  d.skipped.nonApi = r.skipped.nonApi;
  d.skipped.insight = r.skipped.insight;
  d.records = r.records;
  return d;
}

/** Accumulates one file's events into the compact digest form. */
class DigestBuilder {
  constructor(private readonly strings: DigestStrings) {}

  // Written in place, doubling when full (a file's digest is then a view of the first `n`).
  private events = new Float64Array(EVENT_STRIDE * 256);
  private eventCount = 0;
  private callStart = new Int32Array(257);
  private calls = new Int32Array(2 * 512);
  private callCount = 0;
  private readonly unmapped = new Map<string, number>();
  private readonly accounts = new Set<string>();
  private lastAccount: string | null = null;
  private apiEvents = 0;
  private noPermission = 0;
  private unattributed = 0;
  private dataEvents = 0;

  private intern(s: string): number {
    return this.strings.interner.id(s);
  }

  add(e: TrailEvent): void {
    this.apiEvents++;
    if (e.isDataEvent) this.dataEvents++;
    const account = e.recipientAccountId ?? e.identity.accountId;
    // Consecutive events mostly share their account.
    if (account !== null && account !== this.lastAccount) {
      this.accounts.add(account);
      this.lastAccount = account;
    }
    const plan = this.strings.plan(e.eventSource, e.eventName);
    const { mapped, actions } = plan;
    if (mapped.kind === 'unmapped') {
      const key = `${e.eventSource}\n${e.eventName}`;
      this.unmapped.set(key, (this.unmapped.get(key) ?? 0) + 1);
    }
    if (mapped.kind === 'none') this.noPermission++;
    if (actions.length === 0) return;
    const principal = this.strings.principal(e.identity);
    if (principal < 0) {
      this.unattributed++;
      return;
    }
    const outcome = this.strings.outcome(e.errorCode);
    if ((this.eventCount + 1) * EVENT_STRIDE > this.events.length) this.growEvents();
    const at = this.eventCount * EVENT_STRIDE;
    this.events[at] = e.idHash ?? hashEventId(e.eventId);
    this.events[at + 1] = e.timeMs;
    this.events[at + 2] = principal;
    this.events[at + 3] = outcome;
    this.eventCount++;
    for (let i = 0; i < actions.length; i++) {
      const res = resourcesFor(actions[i]!, e);
      this.addCall(plan.actionIds[i]!, res === null ? -1 : this.intern(res.join('\n')));
    }
    // A role passed in a call that succeeded proves iam:PassRole was allowed (CloudTrail never logs it).
    if (outcome === OUTCOME_CODE.used && plan.mayPassRoles) {
      const passed = passedRoles(e);
      if (passed.length > 0) this.addCall(this.intern('iam:PassRole'), this.intern(passed.join('\n')));
    }
    this.callStart[this.eventCount] = this.callCount;
  }

  private addCall(action: number, resources: number): void {
    if ((this.callCount + 1) * 2 > this.calls.length) {
      const wider = new Int32Array(this.calls.length * 2);
      wider.set(this.calls);
      this.calls = wider;
    }
    this.calls[this.callCount * 2] = action;
    this.calls[this.callCount * 2 + 1] = resources;
    this.callCount++;
  }

  private growEvents(): void {
    const events = new Float64Array(this.events.length * 2);
    events.set(this.events);
    this.events = events;
    const callStart = new Int32Array(this.callStart.length * 2);
    callStart.set(this.callStart);
    this.callStart = callStart;
  }

  finish(d: FileDigest): FileDigest {
    d.events = this.events.subarray(0, this.eventCount * EVENT_STRIDE);
    d.callStart = this.callStart.subarray(0, this.eventCount + 1);
    d.calls = this.calls.subarray(0, this.callCount * 2);
    d.unmapped = [...this.unmapped].map(([k, n]) => {
      const [source = '', name = ''] = k.split('\n');
      return [source, name, n];
    });
    d.accounts = [...this.accounts];
    d.apiEvents = this.apiEvents;
    d.noPermission = this.noPermission;
    d.unattributed = this.unattributed;
    d.dataEvents = this.dataEvents;
    return d;
  }
}
