import type { ResourceRef } from '../../model/finding.js';
import type { AccessKeySlot, CredentialReportRow } from '../../model/inventory.js';
import type { RuleContext } from '../context.js';
import { daysSince, parseDate } from './dates.js';
import { accountRef, userRef } from './resources.js';

/** Credential report rows of IAM users (the root row excluded). */
export function userRows(ctx: RuleContext): CredentialReportRow[] {
  return ctx.inventory.credentialReport.filter((r) => !r.isRoot);
}

/** Credential report rows of root users. */
export function rootRows(ctx: RuleContext): CredentialReportRow[] {
  return ctx.inventory.credentialReport.filter((r) => r.isRoot);
}

/** The detection resource of a credential report row. */
export function rowRef(row: CredentialReportRow): ResourceRef {
  return row.isRoot
    ? accountRef(row.arn, row.accountId)
    : userRef({ arn: row.arn, name: row.user, accountId: row.accountId });
}

/** The facts of one access key slot, with day counts as of the scan. */
export function keyFacts(key: AccessKeySlot, asOf: Date): Record<string, unknown> {
  const rotated = parseDate(key.lastRotated);
  const used = parseDate(key.lastUsedDate);
  return {
    slot: key.slot,
    active: key.active,
    lastRotated: rotated?.toISOString() ?? null,
    ageDays: rotated === null ? null : daysSince(rotated, asOf),
    lastUsed: used?.toISOString() ?? null,
    daysSinceUse: used === null ? null : daysSince(used, asOf),
    lastUsedService: key.lastUsedService,
    lastUsedRegion: key.lastUsedRegion,
  };
}

/** The active access keys of a row. */
export function activeKeys(row: CredentialReportRow): AccessKeySlot[] {
  return row.accessKeys.filter((k) => k.active);
}
