/**
 * Facts an event proves beyond its own action: the resource ARNs it touched, and the roles it passed.
 * `iam:PassRole` is never logged, but a successful CreateFunction names the role it was given, and a
 * RunInstances names the instance profile, so the permission was needed (PRODUCT.md §3, issue 5).
 */
import type { TrailEvent } from '../ingest/cloudtrail.js';
import { isObject } from '../ingest/fields.js';
import { resourcePatternsOf } from './resource-types.js';

const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
const PROFILE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:instance-profile\/[\w+=,.@/-]{1,512}$/;
const PROFILE_NAME = /^[\w+=,.@-]{1,128}$/;
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,62}$/;
// eslint-disable-next-line no-control-regex -- control characters are exactly what must be refused
const KEY = /^[^\u0000-\u001f\u007f]{1,1024}$/;

/** Request parameters that name a role the service will assume (the role is passed, so iam:PassRole is needed). */
export const PASSED_ROLE_PARAMS: Readonly<Record<string, readonly string[]>> = {
  'lambda.amazonaws.com CreateFunction': ['role'],
  'lambda.amazonaws.com UpdateFunctionConfiguration': ['role'],
  'ecs.amazonaws.com RegisterTaskDefinition': ['taskRoleArn', 'executionRoleArn'],
  'cloudformation.amazonaws.com CreateStack': ['roleARN'],
  'cloudformation.amazonaws.com UpdateStack': ['roleARN'],
  'glue.amazonaws.com CreateJob': ['role'],
  'states.amazonaws.com CreateStateMachine': ['roleArn'],
  'states.amazonaws.com UpdateStateMachine': ['roleArn'],
  'codebuild.amazonaws.com CreateProject': ['serviceRole'],
  'codebuild.amazonaws.com UpdateProject': ['serviceRole'],
  'sagemaker.amazonaws.com CreateNotebookInstance': ['roleArn'],
  'sagemaker.amazonaws.com CreateTrainingJob': ['roleArn'],
};

// EC2 calls that attach an instance profile: the profile's role is passed.
const PROFILE_CALLS = new Set([
  'RunInstances',
  'AssociateIamInstanceProfile',
  'ReplaceIamInstanceProfileAssociation',
]);

function strip(name: string): string {
  return name.replace(/20\d{6}(?:v\d+)?$/, '');
}

// Event names whose calls may pass a role (version suffixes stripped); any other name is answered at once.
const PASSING_NAMES = new Set(Object.keys(PASSED_ROLE_PARAMS).map((k) => k.slice(k.indexOf(' ') + 1)));

function passedRoleParams(eventSource: string, eventName: string): readonly string[] | undefined {
  const last = eventName.charCodeAt(eventName.length - 1);
  // Only versioned names (Lambda's `CreateFunction20150331`, `…v2`) end with a digit.
  const name = last >= 48 && last <= 57 ? strip(eventName) : eventName;
  if (!PASSING_NAMES.has(name)) return undefined;
  const key = `${eventSource} ${name}`;
  return Object.hasOwn(PASSED_ROLE_PARAMS, key) ? PASSED_ROLE_PARAMS[key] : undefined;
}

function accountOf(e: TrailEvent): string | null {
  return e.recipientAccountId ?? e.identity.accountId;
}

/** Whether calls of this name can pass a role at all ({@link passedRoles} is empty for any other). */
export function mayPassRoles(eventSource: string, eventName: string): boolean {
  return (
    passedRoleParams(eventSource, eventName) !== undefined ||
    (eventSource === 'ec2.amazonaws.com' && PROFILE_CALLS.has(eventName))
  );
}

/**
 * The role ARNs (or, for EC2, instance-profile ARNs whose role the caller resolves) that a call passed to a
 * service. Empty for calls that pass nothing.
 */
export function passedRoles(e: TrailEvent): string[] {
  const params = passedRoleParams(e.eventSource, e.eventName);
  const profileCall = e.eventSource === 'ec2.amazonaws.com' && PROFILE_CALLS.has(e.eventName);
  // Request parameters are read only for calls that can pass a role (the reader parses them on first read).
  if (params === undefined && !profileCall) return [];
  const p = e.requestParameters;
  if (p === null) return [];
  const out: string[] = [];
  if (params !== undefined) {
    for (const k of params) {
      const v = p[k];
      if (typeof v === 'string' && ROLE_ARN.test(v)) out.push(v);
    }
  }
  if (profileCall) {
    const profile = p.iamInstanceProfile;
    if (isObject(profile)) {
      const account = accountOf(e);
      if (typeof profile.arn === 'string' && PROFILE_ARN.test(profile.arn)) out.push(profile.arn);
      else if (typeof profile.name === 'string' && PROFILE_NAME.test(profile.name) && account !== null) {
        out.push(`arn:aws:iam::${account}:instance-profile/${profile.name}`);
      }
    }
  }
  return out;
}

function s3Arns(e: TrailEvent): string[] {
  const p = e.requestParameters;
  if (p === null || typeof p.bucketName !== 'string' || !BUCKET.test(p.bucketName)) return [];
  const bucket = `arn:aws:s3:::${p.bucketName}`;
  return typeof p.key === 'string' && KEY.test(p.key) ? [bucket, `${bucket}/${p.key}`] : [bucket];
}

/**
 * The ARNs of this event that a statement for `action` may name, or null when the event does not show
 * one (the least-privilege policy then keeps `*` for the action, so it never denies what was used).
 */
export function resourcesFor(action: string, e: TrailEvent): string[] | null {
  // Most calls show no ARN at all: nothing to match, whatever the action.
  if (e.resourceArns.length === 0 && e.eventSource !== 's3.amazonaws.com') return null;
  const patterns = resourcePatternsOf(action);
  if (patterns === null) return null;
  const candidates =
    e.eventSource === 's3.amazonaws.com' ? [...e.resourceArns, ...s3Arns(e)] : e.resourceArns;
  const hits = [...new Set(candidates.filter((arn) => patterns.some((re) => re.test(arn))))];
  return hits.length === 0 ? null : hits;
}
