/** Builders of CloudTrail records for tests (fixture ids of org o-11111111: accounts 100000000001…). */
export const ACCOUNT = '100000000001';

import type { TrailEvent, TrailRecord } from '../cloudtrail.js';

type Json = Record<string, unknown>;

let counter = 0;

/** A user identity. */
export function iamUser(name: string, account = ACCOUNT): Json {
  return { type: 'IAMUser', arn: `arn:aws:iam::${account}:user/${name}`, accountId: account, userName: name };
}

/** An assumed-role session of `role` (path included in the issuer ARN). */
export function assumedRole(role: string, session = 'session', account = ACCOUNT, path = '/'): Json {
  return {
    type: 'AssumedRole',
    arn: `arn:aws:sts::${account}:assumed-role/${role}/${session}`,
    accountId: account,
    sessionContext: {
      sessionIssuer: { type: 'Role', arn: `arn:aws:iam::${account}:role${path}${role}`, accountId: account },
    },
  };
}

/** One API call record; `over` replaces or adds fields. */
export function apiCall(
  source: string,
  name: string,
  identity: Json,
  time = '2025-05-20T10:00:00Z',
  over: Json = {},
): Json {
  counter++;
  return {
    eventVersion: '1.09',
    eventID: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    eventTime: time,
    eventSource: `${source}.amazonaws.com`,
    eventName: name,
    eventType: 'AwsApiCall',
    awsRegion: 'us-east-1',
    recipientAccountId: ACCOUNT,
    managementEvent: true,
    eventCategory: 'Management',
    userIdentity: identity,
    ...over,
  };
}

/** An event as plain data, every field read explicitly (`requestParameters` may be a lazy getter). */
export function plainEvent(e: TrailEvent): unknown {
  return {
    eventId: e.eventId,
    timeMs: e.timeMs,
    eventSource: e.eventSource,
    eventName: e.eventName,
    errorCode: e.errorCode,
    isDataEvent: e.isDataEvent,
    recipientAccountId: e.recipientAccountId,
    identity: {
      type: e.identity.type,
      arn: e.identity.arn,
      accountId: e.identity.accountId,
      issuerArn: e.identity.issuerArn,
      issuerType: e.identity.issuerType,
    },
    requestParameters: e.requestParameters,
    resourceArns: [...e.resourceArns],
  };
}

/** A record as plain data, for comparing the two reading paths. */
export function plainRecord(r: TrailRecord): unknown {
  return r.kind === 'event'
    ? { kind: 'event', event: plainEvent(r.event) }
    : { kind: r.kind, reason: r.reason };
}
