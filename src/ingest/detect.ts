import type { InputKind } from '../model/input.js';
import { looksLikeCredentialReportCsv } from './credential-report.js';
import { isObject } from './fields.js';
import { SERVICE_EXPECTED, detectServiceKind } from './service-readers.js';

/** Whether a value looks like one CloudTrail event (the fields every event record carries). */
function isEvent(v: unknown): boolean {
  return isObject(v) && typeof v.eventName === 'string' && typeof v.eventSource === 'string';
}

/** Checks a sample of a list, not all of it: detection must stay cheap on a 100 000-event file. */
function sample(list: unknown[]): unknown[] {
  return list.length <= 10 ? list : [...list.slice(0, 5), ...list.slice(-5)];
}

/**
 * Recognises an input by its content, never by its file name.
 *
 * @param raw parsed JSON, or the text of a file that is not JSON (a credential report CSV)
 * @example detectKind({ UserDetailList: [] }) // 'iam-authorization-details'
 */
export function detectKind(raw: unknown): InputKind {
  if (typeof raw === 'string') return looksLikeCredentialReportCsv(raw) ? 'credential-report' : 'unknown';
  if (Array.isArray(raw)) {
    return raw.length > 0 && sample(raw).every(isEvent)
      ? 'cloudtrail'
      : (detectServiceKind(raw) ?? 'unknown');
  }
  if (!isObject(raw)) return 'unknown';
  if (Array.isArray(raw.Records) && sample(raw.Records).every(isEvent)) return 'cloudtrail';
  if (Array.isArray(raw.Events) && sample(raw.Events).every((e) => isObject(e) && 'CloudTrailEvent' in e)) {
    return 'cloudtrail';
  }
  if ('UserDetailList' in raw || 'GroupDetailList' in raw || 'RoleDetailList' in raw)
    return 'iam-authorization-details';
  if (
    'Organization' in raw &&
    ('Roots' in raw || 'Accounts' in raw || 'OrganizationalUnits' in raw || 'Policies' in raw)
  ) {
    return 'organization';
  }
  if ('Policies' in raw && isGaadPolicyPage(raw)) return 'iam-authorization-details';
  if (typeof raw.Content === 'string' && ('ReportFormat' in raw || 'GeneratedTime' in raw))
    return 'credential-report';
  if ('Reservations' in raw) return 'ec2-instances';
  if ('Functions' in raw) return 'lambda-functions';
  if ('Organization' in raw) return 'organization';
  return detectServiceKind(raw) ?? 'unknown';
}

/** A GAAD page holding only managed policies: `Policies` entries carry `PolicyVersionList`, or paging keys. */
function isGaadPolicyPage(raw: Record<string, unknown>): boolean {
  if ('IsTruncated' in raw || 'Marker' in raw) return true;
  const list = raw.Policies;
  return Array.isArray(list) && list.length > 0 && isObject(list[0]) && 'PolicyVersionList' in list[0];
}

/** What `detectKind` says it expects, for the "not a recognised AWS export" error. */
export const EXPECTED_KINDS =
  'get-account-authorization-details, get-credential-report, describe-instances, list-functions, ' +
  `an organization document, CloudTrail events, ${SERVICE_EXPECTED}`;

/**
 * A CloudTrail digest file (`AWSLogs/<acct>/CloudTrail-Digest/…`): integrity data, no events; skipped quietly.
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-digest-file-structure.html
 */
export function isCloudTrailDigest(raw: unknown): boolean {
  return isObject(raw) && 'digestStartTime' in raw && 'digestEndTime' in raw && Array.isArray(raw.logFiles);
}

/**
 * The manifest `iamrisk collect` writes beside the exports (`collect-manifest.json`, marked
 * `"iamriskCollectManifest": 1`): bookkeeping, not an AWS export; skipped quietly.
 */
export function isCollectManifest(raw: unknown): boolean {
  return isObject(raw) && raw.iamriskCollectManifest === 1;
}

/** The number of events in a CloudTrail input (`detectKind` said 'cloudtrail'). */
export function cloudTrailRecordCount(raw: unknown): number {
  if (Array.isArray(raw)) return raw.length;
  if (isObject(raw) && Array.isArray(raw.Records)) return raw.Records.length;
  if (isObject(raw) && Array.isArray(raw.Events)) return raw.Events.length;
  return 0;
}
