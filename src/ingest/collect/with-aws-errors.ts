import type { CollectIssue, IssueKind } from './manifest.js';
import { WriteRefusedError } from './read-only.js';

/** Where a call happens, for the manifest's error list. */
export interface CallScope {
  account: string | null;
  region: string | null;
  service: string;
  what: string;
}

/** How throttling is retried on top of the SDK's own adaptive retries. */
export interface RetryPolicy {
  /** Extra attempts after the SDK gave up on throttling; default 4. */
  maxRetries?: number;
  /** First backoff in ms, doubled each time with full jitter; default 1000. */
  baseDelayMs?: number;
  /** Backoff cap in ms; default 20 000. */
  maxDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

// https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html (throttling error codes)
const THROTTLING = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'SlowDown',
  'BandwidthLimitExceeded',
  'ProvisionedThroughputExceededException',
  'PriorRequestNotComplete',
  'EC2ThrottledException',
]);

const DENIED = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'UnauthorizedAccess',
  'UnauthorizedException',
  'AuthorizationError',
  'AWSOrganizationsNotInUseException',
  'Forbidden',
]);

// A region that is not enabled for the account answers with an authentication failure or OptInRequired.
// https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-regions.html
const REGION_DISABLED = new Set([
  'OptInRequired',
  'AuthFailure',
  'UnrecognizedClientException',
  'InvalidClientTokenId',
]);

/** Classifies an error thrown by an AWS SDK call. */
export function classifyAwsError(e: unknown): IssueKind {
  const name = errorName(e);
  if (THROTTLING.has(name)) return 'throttled';
  if (DENIED.has(name)) return 'denied';
  if (REGION_DISABLED.has(name)) return 'opt-in';
  const status = (e as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode;
  if (status === 403) return 'denied';
  if (status === 429) return 'throttled';
  return 'error';
}

function errorName(e: unknown): string {
  if (typeof e !== 'object' || e === null) return 'Error';
  const err = e as { name?: unknown; Code?: unknown; code?: unknown };
  for (const v of [err.Code, err.name, err.code]) if (typeof v === 'string' && v !== 'Error') return v;
  return 'Error';
}

/** A one-line, bounded, control-character-free reason: AWS messages can echo attacker-chosen names. */
export function describeAwsError(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  const clean = message
    // eslint-disable-next-line no-control-regex -- terminal escape sequences in AWS text must not reach a terminal
    .replace(/\u001b\[[0-9;?]*[ -/]*[@-~]/g, '')
    // eslint-disable-next-line no-control-regex -- newlines and other control characters would break the one-line report
    .replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ')
    .trim()
    .slice(0, 300);
  return `${errorName(e)}: ${clean}`;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Runs one collection step. Throttling that outlasts the SDK's retries is retried here with bounded,
 * jittered exponential backoff; access denied, a disabled region and any other AWS error are recorded in
 * `issues` and give `null` (the part is unobservable, the rest goes on). A refused write is a bug: rethrown.
 */
export async function withAwsErrors<T>(
  scope: CallScope,
  issues: CollectIssue[],
  fn: () => Promise<T>,
  policy: RetryPolicy = {},
): Promise<T | null> {
  const maxRetries = policy.maxRetries ?? 4;
  const base = policy.baseDelayMs ?? 1000;
  const cap = policy.maxDelayMs ?? 20_000;
  const sleep = policy.sleep ?? defaultSleep;
  const random = policy.random ?? Math.random;
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (e instanceof WriteRefusedError) throw e;
      const kind = classifyAwsError(e);
      if (kind === 'throttled' && attempt < maxRetries) {
        await sleep(Math.floor(random() * Math.min(cap, base * 2 ** attempt)));
        continue;
      }
      issues.push({ ...scope, kind, reason: describeAwsError(e) });
      return null;
    }
  }
}
