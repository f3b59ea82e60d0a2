import type { PrincipalUsage, UsageIndex } from './rollup.js';
import { isObservable } from './unobservable.js';

/** What the Insights tab shows for one granted action. */
export type InsightStatus = 'used' | 'denied' | 'unused' | 'unobservable';

/** One granted action and what the window shows about it. */
export interface GrantedActionInsight {
  action: string;
  service: string;
  status: InsightStatus;
  /** Last use in the window (status `used`), else null. */
  lastUsed: string | null;
  /** Last denied call in the window, or null. */
  lastDenied: string | null;
  /** Calls in the window of the reported status (used or denied); 0 otherwise. */
  count: number;
}

function accountOf(arn: string): string | null {
  return /^arn:[^:]+:iam::(\d{12}):/.exec(arn)?.[1] ?? null;
}

/** The usage of an identity when the trail covers its account, or null (nothing can be said about it). */
export function coveredUsage(
  index: UsageIndex | undefined,
  arn: string,
): PrincipalUsage | 'no-activity' | null {
  if (index === undefined) return null;
  const account = accountOf(arn);
  if (account === null || !index.accounts.has(account)) return null;
  return index.principals.get(arn) ?? 'no-activity';
}

/**
 * Status of every granted action of an identity (Insights tab): `used` in the window, `denied` (tried and
 * refused), `unobservable` (CloudTrail cannot show it, or the trail does not cover the identity's account),
 * else `unused`. A use proven by an event (iam:PassRole inferred from CreateFunction) is `used` even for an
 * action CloudTrail never logs. Sorted by action.
 *
 * @param granted the identity's granted actions (e.g. `authz.effective(arn).allowedSomewhere.names()`)
 */
export function grantedActionInsights(
  arn: string,
  granted: Iterable<string>,
  index: UsageIndex | undefined,
): GrantedActionInsight[] {
  const usage = coveredUsage(index, arn);
  const families = index?.dataEventFamilies ?? new Set<string>();
  const out: GrantedActionInsight[] = [];
  for (const action of granted) {
    const service = action.slice(0, action.indexOf(':'));
    const used = typeof usage === 'object' && usage !== null ? usage.used.get(action) : undefined;
    const denied = typeof usage === 'object' && usage !== null ? usage.denied.get(action) : undefined;
    let status: InsightStatus;
    if (used !== undefined) status = 'used';
    else if (usage === null || !isObservable(action, families)) status = 'unobservable';
    else if (denied !== undefined) status = 'denied';
    else status = 'unused';
    out.push({
      action,
      service,
      status,
      lastUsed: used?.last ?? null,
      lastDenied: denied?.last ?? null,
      count: status === 'used' ? (used?.count ?? 0) : status === 'denied' ? (denied?.count ?? 0) : 0,
    });
  }
  return out.sort((a, b) => (a.action < b.action ? -1 : a.action > b.action ? 1 : 0));
}
