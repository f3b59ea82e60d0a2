import { ActionSet } from '../policy/action-set.js';
import { actionCatalog } from '../policy/catalog.js';
import { coveredUsage } from './insights.js';
import type { PrincipalUsage, UsageIndex } from './rollup.js';
import { unobservableActions } from './unobservable-set.js';

/** Granted, used and unused observable actions of one service. */
export interface ServiceGap {
  service: string;
  granted: number;
  used: number;
  unused: number;
}

/** An identity's permissions gap over the window. */
export interface PermissionsGap {
  /** Observable actions granted (on some resource, possibly under conditions). */
  granted: number;
  used: number;
  unused: number;
  /** Share of granted observable actions unused, in percent (one decimal). */
  unusedPercent: number;
  /** Granted actions CloudTrail cannot show (not counted as unused). */
  unobservable: number;
  /** Per service, most unused first. */
  byService: ServiceGap[];
  usage: PrincipalUsage | null;
}

/**
 * The gap between what an identity is granted and what it used in the window (RULES.md `permissions-gap`),
 * over observable actions only. Null when the trail does not cover the identity's account: nothing can
 * then be said, and nothing is guessed.
 *
 * @param granted the identity's granted actions (`effective.allowedSomewhere`)
 */
export function permissionsGap(
  arn: string,
  granted: ActionSet,
  index: UsageIndex | undefined,
): PermissionsGap | null {
  const covered = coveredUsage(index, arn);
  if (covered === null || index === undefined) return null;
  const usage = covered === 'no-activity' ? null : covered;
  const c = actionCatalog();
  const hidden = unobservableActions(index.dataEventFamilies);
  const observable = granted.subtract(hidden);
  const usedSet = ActionSet.fromNames(c, usage?.used.keys() ?? []).intersect(observable);
  const unusedSet = observable.subtract(usedSet);
  const services = new Map<string, ServiceGap>();
  const count = (set: ActionSet, field: 'granted' | 'used' | 'unused'): void => {
    for (const name of set.names()) {
      const service = name.slice(0, name.indexOf(':'));
      const s = services.get(service) ?? { service, granted: 0, used: 0, unused: 0 };
      s[field]++;
      services.set(service, s);
    }
  };
  count(observable, 'granted');
  count(usedSet, 'used');
  count(unusedSet, 'unused');
  const grantedCount = observable.size();
  const unused = unusedSet.size();
  return {
    granted: grantedCount,
    used: usedSet.size(),
    unused,
    unusedPercent: grantedCount === 0 ? 0 : Math.round((unused / grantedCount) * 1000) / 10,
    unobservable: granted.intersect(hidden).size(),
    byService: [...services.values()].sort(
      (a, b) => b.unused - a.unused || (a.service < b.service ? -1 : a.service > b.service ? 1 : 0),
    ),
    usage,
  };
}
