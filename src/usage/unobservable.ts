/**
 * Actions CloudTrail cannot show (PRODUCT.md §3): they are reported as `unobservable`, never as unused.
 * - Permission-only actions: checked by a service while serving another call and never logged as a call of
 *   their own (`iam:PassRole`, session tagging). An event can still prove one was needed (event-facts.ts).
 * - Whole services whose calls CloudTrail does not record (API Gateway's execute-api invocations).
 * - Data events (S3 object operations, Lambda invocations, DynamoDB items, …), which a trail records only
 *   when configured to: a family counts as observable when the input holds at least one call of it.
 *   https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-data-events-with-cloudtrail.html
 */

const PERMISSION_ONLY = new Set(
  ['iam:PassRole', 'sts:TagSession', 'sts:SetSourceIdentity', 'sts:SetContext'].map((a) => a.toLowerCase()),
);

const UNLOGGED_SERVICES = new Set(['execute-api', 'ssmmessages', 'ec2messages']);

/** Data-event families: id → which actions belong to it. */
export const DATA_EVENT_FAMILIES: Readonly<Record<string, RegExp>> = {
  's3-object':
    /^s3:(GetObject|PutObject|DeleteObject|RestoreObject|AbortMultipartUpload|ListMultipartUploadParts|ListBucket|ListBucketVersions|ListBucketMultipartUploads|Replicate|BypassGovernanceRetention)/i,
  'lambda-invoke': /^lambda:Invoke(Function|FunctionUrl|Async)$/i,
  'dynamodb-item':
    /^dynamodb:(GetItem|PutItem|UpdateItem|DeleteItem|BatchGetItem|BatchWriteItem|Query|Scan|ConditionCheckItem|PartiQL|GetRecords|GetShardIterator)/i,
  'sqs-message': /^sqs:(SendMessage|ReceiveMessage|DeleteMessage|ChangeMessageVisibility)/i,
  'sns-publish': /^sns:Publish$/i,
  'kinesis-record': /^kinesis:(PutRecord|PutRecords|GetRecords|GetShardIterator|SubscribeToShard)$/i,
  'ebs-direct': /^ebs:/i,
  's3-object-lambda': /^s3-object-lambda:/i,
};

/** The data-event family of an action, or null for a management action. */
export function dataEventFamily(action: string): string | null {
  for (const [family, re] of Object.entries(DATA_EVENT_FAMILIES)) if (re.test(action)) return family;
  return null;
}

/** The data-event families a set of observed actions shows the trail records. */
export function observedFamilies(actions: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const a of actions) {
    const f = dataEventFamily(a);
    if (f !== null) out.add(f);
  }
  return out;
}

/**
 * Whether CloudTrail can show a call of `action`, given the data-event families seen in the input.
 *
 * @example isObservable('iam:PassRole', new Set()) // false
 * @example isObservable('s3:GetObject', new Set(['s3-object'])) // true
 */
export function isObservable(action: string, families: ReadonlySet<string>): boolean {
  const lower = action.toLowerCase();
  if (PERMISSION_ONLY.has(lower)) return false;
  if (UNLOGGED_SERVICES.has(lower.slice(0, lower.indexOf(':')))) return false;
  const family = dataEventFamily(action);
  return family === null || families.has(family);
}
