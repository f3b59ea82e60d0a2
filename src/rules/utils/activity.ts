/**
 * Last activity of an identity, from the sources the inputs hold today: the credential report for users
 * (password and access-key last use) and RoleLastUsed for roles. CloudTrail usage is not read here yet:
 * when RuleContext carries usage it is merged in this one function, and the inactivity rules pick it up.
 */
import type { CredentialReportRow, Role } from '../../model/inventory.js';
import type { RuleContext } from '../context.js';
import { daysSince, latest, parseDate } from './dates.js';

/** What is known about an identity's use, or why nothing is known. */
export type Activity =
  | { kind: 'used'; lastUsed: Date; source: 'credential-report' | 'role-last-used' }
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
