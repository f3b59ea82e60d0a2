import type { UsageDay, UsageDayResources } from '../model/usage.js';
import { observedFamilies } from './unobservable.js';

/** Use of one action in the window. */
export interface ActionUse {
  count: number;
  last: string;
}

/** One identity's usage: actions used and denied in the window, and its last activity in the whole input. */
export interface PrincipalUsage {
  arn: string;
  /** Used (succeeded or failed for a non-authorization reason) in the window. */
  used: ReadonlyMap<string, ActionUse>;
  /** Denied in the window. */
  denied: ReadonlyMap<string, ActionUse>;
  /** Latest call of any outcome up to the window's end, over every day given (not only the window). */
  lastActivity: string | null;
  /**
   * Resource ARNs the used calls of an action touched in the window; null when some call did not show its
   * resource (or no resource rows were given for that day), so a policy must keep `*`.
   */
  resources: ReadonlyMap<string, readonly string[] | null>;
}

/** What rules and the scan ask about CloudTrail usage; absent from the rule context when there is none. */
export interface UsageIndex {
  window: { from: string; to: string };
  principals: ReadonlyMap<string, PrincipalUsage>;
  /** Account ids the trail holds calls for: identities of other accounts are not judged. */
  accounts: ReadonlySet<string>;
  /** Data-event families the trail records (see unobservable.ts). */
  dataEventFamilies: ReadonlySet<string>;
  /** First and last day of the trail data, or null when empty. */
  firstDay: string | null;
  lastDay: string | null;
}

interface MutablePrincipal {
  arn: string;
  used: Map<string, ActionUse>;
  denied: Map<string, ActionUse>;
  lastActivity: string | null;
  resources: Map<string, Set<string> | null>;
}

function bump(map: Map<string, ActionUse>, action: string, count: number, last: string): void {
  const cur = map.get(action);
  if (cur === undefined) map.set(action, { count, last });
  else {
    cur.count += count;
    if (last > cur.last) cur.last = last;
  }
}

function accountOf(arn: string): string | null {
  return /^arn:[^:]+:iam::(\d{12}):/.exec(arn)?.[1] ?? null;
}

/**
 * Rolls per-day rows up over a window. A day counts when it overlaps the window (rows are per UTC day, so
 * the window's first and last days are counted whole); a row whose calls all fall after the window's end
 * is ignored, so `--as-of` in the past gives the same answer whatever was logged later.
 *
 * @param accounts the accounts the trail covers; default: the accounts of the principals in `days`
 */
export function rollUpUsage(
  days: readonly UsageDay[],
  window: { from: Date; to: Date },
  accounts?: Iterable<string>,
  resources: readonly UsageDayResources[] = [],
): UsageIndex {
  const resourceRows = new Map<string, readonly string[] | null>();
  for (const r of resources) {
    // The same day may come from the store and from new files: union, and "unknown" (null) wins.
    const key = `${r.principalArn}\n${r.action}\n${r.day}`;
    const prev = resourceRows.get(key);
    if (prev === undefined) resourceRows.set(key, r.resources);
    else resourceRows.set(key, prev === null || r.resources === null ? null : [...prev, ...r.resources]);
  }
  const from = window.from.toISOString();
  const to = window.to.toISOString();
  const fromDay = from.slice(0, 10);
  const principals = new Map<string, MutablePrincipal>();
  const covered = new Set<string>(accounts ?? []);
  let firstDay: string | null = null;
  let lastDay: string | null = null;
  for (const d of days) {
    if (accounts === undefined) {
      const a = accountOf(d.principalArn);
      if (a !== null) covered.add(a);
    }
    if (d.firstSeen > to) continue;
    if (firstDay === null || d.day < firstDay) firstDay = d.day;
    if (lastDay === null || d.day > lastDay) lastDay = d.day;
    let p = principals.get(d.principalArn);
    if (p === undefined) {
      p = {
        arn: d.principalArn,
        used: new Map(),
        denied: new Map(),
        lastActivity: null,
        resources: new Map(),
      };
      principals.set(d.principalArn, p);
    }
    const activity = d.lastSeen <= to ? d.lastSeen : d.firstSeen;
    if (p.lastActivity === null || activity > p.lastActivity) p.lastActivity = activity;
    if (d.day < fromDay) continue;
    if (d.used + d.errors > 0 && d.lastUsed !== null) {
      bump(p.used, d.action, d.used + d.errors, d.lastUsed);
      const seen = resourceRows.get(`${d.principalArn}\n${d.action}\n${d.day}`) ?? null;
      const cur = p.resources.has(d.action) ? p.resources.get(d.action)! : new Set<string>();
      if (cur === null || seen === null) p.resources.set(d.action, null);
      else p.resources.set(d.action, new Set([...cur, ...seen]));
    }
    if (d.denied > 0 && d.lastDenied !== null) bump(p.denied, d.action, d.denied, d.lastDenied);
  }
  const frozen = new Map<string, PrincipalUsage>();
  for (const [arn, p] of principals) {
    const res = new Map<string, readonly string[] | null>();
    for (const [action, set] of p.resources) res.set(action, set === null ? null : [...set].sort());
    frozen.set(arn, { ...p, resources: res });
  }
  return {
    window: { from, to },
    principals: frozen,
    accounts: covered,
    dataEventFamilies: observedFamilies(new Set(days.map((d) => d.action))),
    firstDay,
    lastDay,
  };
}
