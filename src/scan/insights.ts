import type { Inventory } from '../model/inventory.js';
import type { EffectiveAuthz } from '../policy/authz.js';
import { grantedActionInsights } from '../usage/insights.js';
import type { GrantedActionInsight } from '../usage/insights.js';
import type { UsageIndex } from '../usage/rollup.js';

/** One identity's Insights: every action it is granted somewhere, with its usage status in the window. */
export interface IdentityInsightRecord {
  arn: string;
  actions: GrantedActionInsight[];
}

/** What {@link buildInsights} reads from a scan run. */
export interface InsightsSource {
  inventory: Inventory;
  authz: EffectiveAuthz;
  /** CloudTrail usage rolled up over the window; absent when the scan had none (every action unobservable). */
  usage?: UsageIndex;
}

/**
 * The Insights of every user and role of a scan run, one identity at a time (a generator: an administrator
 * holds ~20,000 actions, so the store encodes each before the next is built). Pass it as `insights` to
 * `store.recordScan`.
 *
 * @example store.recordScan({ result: run.result, inventory: run.inventory, insights: buildInsights(run) })
 */
export function* buildInsights(run: InsightsSource): Generator<IdentityInsightRecord> {
  for (const p of [...run.inventory.users, ...run.inventory.roles]) {
    const effective = run.authz.effective(p.arn);
    const granted = effective ? effective.allowedSomewhere.names() : [];
    yield { arn: p.arn, actions: grantedActionInsights(p.arn, granted, run.usage) };
  }
}
