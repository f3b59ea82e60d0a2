/**
 * Last activity of an identity: the credential report for users (password and access-key last use),
 * RoleLastUsed for roles, and CloudTrail (any call up to the scan time) when the rule context carries usage
 * for the identity's account — merged in `withCloudTrail`, which the inactivity rules apply.
 */
import type { CredentialReportRow, Role } from '../../model/inventory.js';
import { coveredUsage } from '../../usage/insights.js';
import type { RuleContext } from '../context.js';
import { daysSince, latest, parseDate } from './dates.js';

/** What is known about an identity's use, or why nothing is known. */
export type Activity =
  | { kind: 'used'; lastUsed: Date; source: 'credential-report' | 'role-last-used' | 'cloudtrail' }
  | { kind: 'never-used'; createdAt: Date; source: 'credential-report' | 'role-last-used' }
  | { kind: 'unknown'; reason: string };

/** Activity of a user from its credential report row (password or either access key). */
export function userActivity(row: CredentialReportRow, fallbackCreated: string | null = null): Activity {
  const lastUsed = latest([
    parseDate(row.passwordLastUsed),
    parseDate(row.accessKeys[0].lastUsedDate),
    parseDate(row.accessKeys[1].lastUsedDate),
  ]);
  if (lastUsed !== null) return { kind: 'used', lastUsed, source: 'credential-report' };
  const created = parseDate(row.userCreationTime) ?? parseDate(fallbackCreated);
  if (created === null) return { kind: 'unknown', reason: 'no creation date' };
  return { kind: 'never-used', createdAt: created, source: 'credential-report' };
}

/** Activity of a role from RoleLastUsed; `unknown` when the export does not carry it. */
export function roleActivity(role: Role): Activity {
  if (role.lastUsed === null) return { kind: 'unknown', reason: 'the export has no RoleLastUsed' };
  const lastUsed = parseDate(role.lastUsed.date);
  if (lastUsed !== null) return { kind: 'used', lastUsed, source: 'role-last-used' };
  const created = parseDate(role.createDate);
  if (created === null) return { kind: 'unknown', reason: 'no creation date' };
  return { kind: 'never-used', createdAt: created, source: 'role-last-used' };
}

/**
 * `activity` updated with CloudTrail: a later call in the trail makes the identity active as of that call,
 * and gives a date to an identity whose other sources know none. The absence of calls proves nothing (the
 * trail may be shorter than the threshold), so CloudTrail never makes an identity look less active.
 */
export function withCloudTrail(activity: Activity, ctx: RuleContext, arn: string): Activity {
  const usage = coveredUsage(ctx.usage, arn);
  if (usage === null || usage === 'no-activity' || usage.lastActivity === null) return activity;
  const last = new Date(usage.lastActivity);
  if (activity.kind === 'used' && activity.lastUsed >= last) return activity;
  return { kind: 'used', lastUsed: last, source: 'cloudtrail' };
}

/** The credential report row of a user ARN, if the report for its account was given. */
export function reportRow(ctx: RuleContext, arn: string): CredentialReportRow | undefined {
  return ctx.inventory.credentialReport.find((r) => r.arn === arn);
}

/** Inactivity facts when the identity has been idle for more than `thresholdDays`, else null. */
export function inactivity(
  activity: Activity,
  asOf: Date,
  thresholdDays: number,
): { daysInactive: number; facts: Record<string, unknown> } | null {
  if (activity.kind === 'unknown') return null;
  const since = activity.kind === 'used' ? activity.lastUsed : activity.createdAt;
  const days = daysSince(since, asOf);
  if (days <= thresholdDays) return null;
  return {
    daysInactive: days,
    facts: {
      source: activity.source,
      neverUsed: activity.kind === 'never-used',
      lastUsed: activity.kind === 'used' ? activity.lastUsed.toISOString() : null,
      createdAt: activity.kind === 'never-used' ? activity.createdAt.toISOString() : null,
      daysInactive: days,
      thresholdDays,
    },
  };
}
