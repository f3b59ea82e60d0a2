import type { UsageDay, UsageDayResources } from '../model/usage.js';
import type { AggregateOptions, CloudTrailAggregate } from './aggregate-cloudtrail.js';
import { aggregateCloudTrail } from './aggregate-cloudtrail.js';
import { mergeUsageDays } from './merge-days.js';
import type { UsageIndex } from './rollup.js';
import { rollUpUsage } from './rollup.js';

const DAY_MS = 86_400_000;

/** Options of {@link usageFromFiles}. */
export interface UsageFromFilesOptions extends AggregateOptions {
  asOf: Date;
  /** Default 15 (PRODUCT.md §3). */
  windowDays?: number;
  /** Rows already in the store from earlier runs (with `ledger`, their files are not read again). */
  previousDays?: readonly UsageDay[];
  previousResources?: readonly UsageDayResources[];
}

/** Usage for one scan: the index rules read, and the rows the store keeps. */
export interface UsageSummary {
  index: UsageIndex;
  /** Every per-day row (previous and new), for the store. */
  days: UsageDay[];
  resources: UsageDayResources[];
  /** What this run read. */
  aggregate: CloudTrailAggregate;
}

/**
 * Reads CloudTrail files and rolls usage up over the window ending at `asOf`. The scan calls this with
 * `loadInputs(...).cloudtrailFiles`; with a store, pass its ledger and previous rows.
 *
 * @example const usage = await usageFromFiles(loaded.cloudtrailFiles, { asOf, windowDays: 15 });
 */
export async function usageFromFiles(files: string[], opts: UsageFromFilesOptions): Promise<UsageSummary> {
  const aggregate = await aggregateCloudTrail(files, opts);
  const days = mergeUsageDays(opts.previousDays ?? [], aggregate.days);
  const resources = [...(opts.previousResources ?? []), ...aggregate.resources];
  const windowDays = opts.windowDays ?? 15;
  const from = new Date(opts.asOf.getTime() - windowDays * DAY_MS);
  const accounts = new Set(aggregate.accounts);
  for (const d of days) {
    const a = /^arn:[^:]+:iam::(\d{12}):/.exec(d.principalArn)?.[1];
    if (a !== undefined) accounts.add(a);
  }
  const index = rollUpUsage(days, { from, to: opts.asOf }, accounts, resources);
  return { index, days, resources, aggregate };
}

/** `identities[].usedActions` / `deniedActions` of the JSON output (PRODUCT.md §5), sorted by action. */
export function identityUsage(
  index: UsageIndex | undefined,
  arn: string,
): {
  usedActions: { action: string; lastUsed: string; count: number }[];
  deniedActions: { action: string; lastDenied: string; count: number }[];
} {
  const p = index?.principals.get(arn);
  if (p === undefined) return { usedActions: [], deniedActions: [] };
  const byAction = <T extends { action: string }>(a: T, b: T): number => (a.action < b.action ? -1 : 1);
  return {
    usedActions: [...p.used]
      .map(([action, u]) => ({ action, lastUsed: u.last, count: u.count }))
      .sort(byAction),
    deniedActions: [...p.denied]
      .map(([action, u]) => ({ action, lastDenied: u.last, count: u.count }))
      .sort(byAction),
  };
}
