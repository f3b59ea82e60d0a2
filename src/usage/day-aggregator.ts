import type { UsageDay, UsageDayResources } from '../model/usage.js';
import { OUTCOME_CODE } from './file-digest.js';
import { Interner } from './interner.js';

const DAY_MS = 86_400_000;
/** Distinct ARNs kept per (principal, action, day); past this the action keeps `*`. */
export const MAX_RESOURCES_PER_DAY = 20;

// Actions are catalog names (~22,000): their numbers stay small.
const MAX_ACTIONS = 2 ** 16;
// Resource state of a row: no call seen yet, or `*` (some call showed no resource, or too many); a number ≥ 0
// is the one resource list every call so far showed; several lists become a set.
const NO_CALL = -2;
const ANY = -1;

/**
 * Per-day aggregates keyed (principal, action, UTC day of eventTime), in the shape the store keeps
 * (`UsageDay`). `used` counts successful calls, `errors` calls that failed for a non-authorization reason;
 * both are use (PRODUCT.md §3), so `lastUsed` is the last call of either kind.
 *
 * Built for hundreds of thousands of calls per second on one thread: callers intern principals, actions and
 * resource lists once (per file, not per call) and add calls by number; rows are columns of numbers.
 */
export class DayAggregator {
  private readonly principals = new Interner();
  private readonly actions = new Interner();
  /** `\n`-joined ARN lists, and each one split, on first use. */
  private readonly resourceLists = new Interner();
  private readonly splitLists: (string[] | undefined)[] = [];
  /** Per principal number: action number → pair number. */
  private readonly pairsOf: Map<number, number>[] = [];
  private readonly pairPrincipal: number[] = [];
  private readonly pairAction: number[] = [];
  /** Per pair, its row added or hit last (calls come roughly in time order), and its rows as a chain. */
  private readonly pairRow: number[] = [];
  private readonly pairHead: number[] = [];
  private readonly nextRowOfPair: number[] = [];
  /** Per pair with rows on several days: day → row. */
  private readonly pairDays: (Map<number, number> | undefined)[] = [];
  // One entry per row.
  private readonly rowPair: number[] = [];
  private readonly rowDay: number[] = [];
  private readonly used: number[] = [];
  private readonly denied: number[] = [];
  private readonly errors: number[] = [];
  private readonly first: number[] = [];
  private readonly last: number[] = [];
  private readonly lastUsed: number[] = [];
  private readonly lastDenied: number[] = [];
  /** NO_CALL, ANY, or the one resource list seen; rows with several lists keep a set in `resourceSets`. */
  private readonly resourceState: number[] = [];
  private readonly resourceSets = new Map<number, Set<string>>();

  /** The number of a principal ARN, for {@link addCall}. */
  principalId(arn: string): number {
    return this.principals.id(arn);
  }

  /** The number of an action (catalog name), for {@link addCall}. */
  actionId(action: string): number {
    const id = this.actions.id(action);
    if (id >= MAX_ACTIONS) throw new Error(`more than ${MAX_ACTIONS} distinct actions`);
    return id;
  }

  /** The number of a `\n`-joined list of resource ARNs, for {@link addCall}. */
  resourceListId(joined: string): number {
    return this.resourceLists.id(joined);
  }

  /** Adds one call; `resourceList` -1 when the event did not show the resource it acted on. */
  addCall(principal: number, action: number, timeMs: number, outcome: number, resourceList: number): void {
    const row = this.rowFor(this.pairFor(principal, action), Math.floor(timeMs / DAY_MS), timeMs);
    if (timeMs < this.first[row]!) this.first[row] = timeMs;
    if (timeMs > this.last[row]!) this.last[row] = timeMs;
    if (outcome === OUTCOME_CODE.denied) {
      this.denied[row]!++;
      if (timeMs > this.lastDenied[row]!) this.lastDenied[row] = timeMs;
      return; // a denied call proves nothing about the resources the identity needs
    }
    if (outcome === OUTCOME_CODE.used) this.used[row]!++;
    else this.errors[row]!++;
    if (timeMs > this.lastUsed[row]!) this.lastUsed[row] = timeMs;
    const state = this.resourceState[row]!;
    if (state === ANY || state === resourceList) return;
    if (state === NO_CALL || resourceList === ANY) {
      this.resourceState[row] = resourceList;
      if (resourceList !== ANY && this.arnsOf(resourceList).length > MAX_RESOURCES_PER_DAY) {
        this.resourceState[row] = ANY;
      }
      return;
    }
    // A second list for this row: union them in a set (state stays ≥ 0 while the set exists).
    let set = this.resourceSets.get(row);
    if (set === undefined) {
      set = new Set(this.arnsOf(state));
      this.resourceSets.set(row, set);
    }
    for (const r of this.arnsOf(resourceList)) set.add(r);
    if (set.size > MAX_RESOURCES_PER_DAY) {
      this.resourceSets.delete(row);
      this.resourceState[row] = ANY;
    }
  }

  private pairFor(principal: number, action: number): number {
    let pairs = this.pairsOf[principal];
    if (pairs === undefined) {
      pairs = new Map();
      this.pairsOf[principal] = pairs;
    }
    let pair = pairs.get(action);
    if (pair === undefined) {
      pair = this.pairPrincipal.length;
      this.pairPrincipal.push(principal);
      this.pairAction.push(action);
      this.pairRow.push(-1);
      this.pairHead.push(-1);
      pairs.set(action, pair);
    }
    return pair;
  }

  private rowFor(pair: number, day: number, timeMs: number): number {
    const hint = this.pairRow[pair]!;
    if (hint >= 0 && this.rowDay[hint] === day) return hint;
    // A pair with one row has it as its hint; one called on several days finds its row by day (calls come in
    // file order, not time order).
    const byDay = this.pairDays[pair];
    const found = byDay?.get(day);
    if (found !== undefined) {
      this.pairRow[pair] = found;
      return found;
    }
    const row = this.rowPair.length;
    this.rowPair.push(pair);
    this.rowDay.push(day);
    this.used.push(0);
    this.denied.push(0);
    this.errors.push(0);
    this.first.push(timeMs);
    this.last.push(timeMs);
    this.lastUsed.push(-Infinity);
    this.lastDenied.push(-Infinity);
    this.resourceState.push(NO_CALL);
    const head = this.pairHead[pair]!;
    this.nextRowOfPair.push(head);
    if (head >= 0) {
      // The pair's second day: from now on its rows are found by day.
      let days = byDay;
      if (days === undefined) {
        days = new Map([[this.rowDay[head]!, head]]);
        this.pairDays[pair] = days;
      }
      days.set(day, row);
    }
    this.pairRow[pair] = row;
    this.pairHead[pair] = row;
    return row;
  }

  /** Adds one call by name (tests and small inputs). */
  add(
    principalArn: string,
    action: string,
    timeMs: number,
    outcome: number,
    resources: string[] | null,
  ): void {
    const list = resources === null ? -1 : this.resourceListId(resources.join('\n'));
    this.addCall(this.principalId(principalArn), this.actionId(action), timeMs, outcome, list);
  }

  private arnsOf(list: number): string[] {
    let arns = this.splitLists[list];
    if (arns === undefined) {
      arns = this.resourceLists.value(list).split('\n');
      this.splitLists[list] = arns;
    }
    return arns;
  }

  /** Number of (principal, action, day) rows so far. */
  get size(): number {
    return this.rowPair.length;
  }

  /** The rows, sorted by principal, action, day. */
  days(): UsageDay[] {
    const dates = new DateText();
    const order = this.sorted();
    // Columns in locals: this loop runs once per row (hundreds of thousands) and allocates what it returns.
    const {
      rowPair,
      pairPrincipal,
      pairAction,
      rowDay,
      used,
      denied,
      errors,
      first,
      last,
      lastUsed,
      lastDenied,
    } = this;
    const principalNames = this.principals.values();
    const actionNames = this.actions.values();
    // Made in row order (each column read front to back), then put in sorted order.
    const byRow: UsageDay[] = new Array<UsageDay>(rowPair.length);
    for (let r = 0; r < rowPair.length; r++) {
      const pair = rowPair[r]!;
      const firstMs = first[r]!;
      const lastMs = last[r]!;
      const usedMs = lastUsed[r]!;
      const deniedMs = lastDenied[r]!;
      // Most rows hold one call or a few at the same second: share the text instead of formatting it again.
      const firstSeen = dates.iso(firstMs);
      const lastSeen = lastMs === firstMs ? firstSeen : dates.iso(lastMs);
      byRow[r] = {
        principalArn: principalNames[pairPrincipal[pair]!]!,
        action: actionNames[pairAction[pair]!]!,
        day: dates.day(rowDay[r]!),
        used: used[r]!,
        denied: denied[r]!,
        errors: errors[r]!,
        firstSeen,
        lastSeen,
        lastUsed: usedMs === lastMs ? lastSeen : usedMs === -Infinity ? null : dates.iso(usedMs),
        lastDenied: deniedMs === lastMs ? lastSeen : deniedMs === -Infinity ? null : dates.iso(deniedMs),
      };
    }
    const out: UsageDay[] = new Array<UsageDay>(order.length);
    for (let i = 0; i < order.length; i++) out[i] = byRow[order[i]!]!;
    return out;
  }

  /** Resource ARNs per row that saw use (rows with only denied calls are left out). */
  dayResources(): UsageDayResources[] {
    const dates = new DateText();
    const order = this.sorted();
    const { rowPair, pairPrincipal, pairAction, rowDay, used, errors, resourceState } = this;
    const principalNames = this.principals.values();
    const actionNames = this.actions.values();
    // A list's ARNs sorted and without repeats, once per list (rows share lists); each row gets its own copy.
    const sortedLists = new Map<number, string[]>();
    // Made in row order (each column read front to back), then put in sorted order.
    const byRow: (UsageDayResources | undefined)[] = new Array<UsageDayResources | undefined>(rowPair.length);
    for (let r = 0; r < rowPair.length; r++) {
      if (used[r]! + errors[r]! === 0) continue;
      const pair = rowPair[r]!;
      const state = resourceState[r]!;
      let resources: string[] | null = null;
      if (state >= 0) {
        const set = this.resourceSets.get(r);
        if (set !== undefined) resources = [...set].sort();
        else {
          let list = sortedLists.get(state);
          if (list === undefined) sortedLists.set(state, (list = [...new Set(this.arnsOf(state))].sort()));
          resources = list.slice();
        }
      }
      byRow[r] = {
        principalArn: principalNames[pairPrincipal[pair]!]!,
        action: actionNames[pairAction[pair]!]!,
        day: dates.day(rowDay[r]!),
        resources,
      };
    }
    const out: UsageDayResources[] = [];
    for (let i = 0; i < order.length; i++) {
      const row = byRow[order[i]!];
      if (row !== undefined) out.push(row);
    }
    return out;
  }

  private order: Int32Array | null = null;

  /** Row numbers ordered by principal ARN, action, day (string order, compared once per distinct name). */
  private sorted(): Int32Array {
    if (this.order !== null && this.order.length === this.rowPair.length) return this.order;
    const pRank = this.principals.ranks();
    const aRank = this.actions.ranks();
    const { pairPrincipal, pairAction, pairHead, nextRowOfPair, rowDay } = this;
    const pairCount = pairPrincipal.length;
    // Each pair's place as one number (principal rank, then action rank below 2^16), sorted as numbers; the
    // pair is found again from the two ranks.
    const keys = new Float64Array(pairCount);
    for (let p = 0; p < pairCount; p++)
      keys[p] = pRank[pairPrincipal[p]!]! * MAX_ACTIONS + aRank[pairAction[p]!]!;
    keys.sort();
    const principalOfRank = new Int32Array(pRank.length);
    pRank.forEach((rank, id) => (principalOfRank[rank] = id));
    const actionOfRank = new Int32Array(aRank.length);
    aRank.forEach((rank, id) => (actionOfRank[rank] = id));
    const rows = new Int32Array(this.rowPair.length);
    let n = 0;
    const own: number[] = [];
    for (let k = 0; k < pairCount; k++) {
      const key = keys[k]!;
      const actionRank = key % MAX_ACTIONS;
      const principal = principalOfRank[(key - actionRank) / MAX_ACTIONS]!;
      const head = pairHead[this.pairsOf[principal]!.get(actionOfRank[actionRank]!)!]!;
      if (nextRowOfPair[head]! < 0) {
        rows[n++] = head;
        continue;
      }
      // A pair called on several days: its rows by day. The chain runs from the newest row, and rows mostly
      // come day after day, so an insertion sort from the oldest has little to move.
      own.length = 0;
      for (let r = head; r >= 0; r = nextRowOfPair[r]!) own.push(r);
      const start = n;
      for (let j = own.length - 1; j >= 0; j--) {
        const r = own[j]!;
        const day = rowDay[r]!;
        let at = n++;
        while (at > start && rowDay[rows[at - 1]!]! > day) {
          rows[at] = rows[at - 1]!;
          at--;
        }
        rows[at] = r;
      }
    }
    this.order = rows;
    return rows;
  }
}

/** ISO dates and times, each date and each second of a day formatted once (`Date#toISOString` is slow). */
class DateText {
  private readonly days = new Map<number, string>();
  /** `THH:MM:SS.` per second of the day, and `THH:MM:SS.000Z` for whole seconds (CloudTrail's times). */
  private readonly seconds: (string | undefined)[] = new Array<string | undefined>(86_400).fill(undefined);
  private readonly wholeSeconds: (string | undefined)[] = new Array<string | undefined>(86_400).fill(
    undefined,
  );

  private lastDay = NaN;
  private lastDayText = '';

  day(day: number): string {
    // Rows come a pair at a time, day after day: the same day is asked for many times in a row.
    if (day === this.lastDay) return this.lastDayText;
    let text = this.days.get(day);
    if (text === undefined) {
      text = new Date(day * DAY_MS).toISOString();
      text = text.slice(0, text.indexOf('T'));
      this.days.set(day, text);
    }
    this.lastDay = day;
    this.lastDayText = text;
    return text;
  }

  /** Same text as `new Date(ms).toISOString()` (for whole milliseconds). */
  iso(ms: number): string {
    const day = Math.floor(ms / DAY_MS);
    const inDay = ms - day * DAY_MS;
    const milli = inDay % 1000;
    const second = (inDay - milli) / 1000;
    if (milli === 0) {
      // One concatenation: most times are whole seconds.
      let whole = this.wholeSeconds[second];
      if (whole === undefined) whole = this.wholeSeconds[second] = `${this.time(second)}000Z`;
      return this.day(day) + whole;
    }
    const mmm = `${milli < 10 ? '00' : milli < 100 ? '0' : ''}${milli}Z`;
    return this.day(day) + this.time(second) + mmm;
  }

  private time(second: number): string {
    let time = this.seconds[second];
    if (time === undefined) {
      const s = second % 60;
      const m = ((second - s) / 60) % 60;
      const h = (second - s - m * 60) / 3600;
      time = `T${two(h)}:${two(m)}:${two(s)}.`;
      this.seconds[second] = time;
    }
    return time;
  }
}

const two = (n: number): string => (n < 10 ? `0${n}` : `${n}`);
