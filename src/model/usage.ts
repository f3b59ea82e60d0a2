/** Outcome classes of a CloudTrail call (PRODUCT.md §3 "Usage"). */
export type UsageOutcome = 'used' | 'denied' | 'error';

/**
 * One per-day aggregate: how often a principal's calls needed `action` on `day`, by outcome. The store keeps
 * these rows so that re-running reads only new CloudTrail files; the scan rolls them up over the window.
 */
export interface UsageDay {
  /** IAM user or role ARN (assumed-role sessions roll up to their role, federated sessions to their user). */
  principalArn: string;
  /** IAM action, catalog casing (`s3:GetObject`). */
  action: string;
  /** UTC day, `YYYY-MM-DD`, from `eventTime`. */
  day: string;
  used: number;
  denied: number;
  errors: number;
  /** ISO timestamps of the first and last call that day (any outcome). */
  firstSeen: string;
  lastSeen: string;
  /** Last successful (used) call that day, or null. */
  lastUsed: string | null;
  /** Last denied call that day, or null. */
  lastDenied: string | null;
}

/**
 * The resource ARNs a principal's calls of `action` touched on `day`, for least-privilege policies.
 * `resources` is null when some call did not show its resource, or showed too many to list: the policy then
 * keeps `*` for that action, so it never denies what was used.
 */
export interface UsageDayResources {
  principalArn: string;
  action: string;
  day: string;
  resources: string[] | null;
}
