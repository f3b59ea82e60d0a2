import { ActionSet } from '../policy/action-set.js';
import { actionCatalog } from '../policy/catalog.js';
import { isObservable } from './unobservable.js';

const cache = new Map<string, ActionSet>();

/**
 * Every catalog action CloudTrail cannot show given the data-event families the trail records, as a set
 * (computed once per family combination, so per-identity gap counts are bitset operations).
 */
export function unobservableActions(families: ReadonlySet<string>): ActionSet {
  const key = [...families].sort().join(',');
  let set = cache.get(key);
  if (set === undefined) {
    const c = actionCatalog();
    const hits: number[] = [];
    for (let i = 0; i < c.names.length; i++) if (!isObservable(c.names[i]!, families)) hits.push(i);
    set = ActionSet.fromIndices(c, hits);
    cache.set(key, set);
  }
  return set;
}
