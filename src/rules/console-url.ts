/**
 * "Fix in AWS" links: the AWS console page of one resource. Every AWS-sourced string (names, ids, ARNs,
 * regions) is attacker-controlled, so each is passed through encodeURIComponent and cannot change the page,
 * the host or the fragment structure of the link.
 */
import { splitArn } from '../policy/arn.js';

const CONSOLE_HOSTS: Record<string, string> = {
  aws: 'console.aws.amazon.com',
  'aws-us-gov': 'console.amazonaws-us-gov.com',
  'aws-cn': 'console.amazonaws.cn',
};

const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

function partitionOf(arn: string): string {
  const fields = splitArn(arn);
  return fields !== null && fields[1] in CONSOLE_HOSTS ? fields[1] : 'aws';
}

function globalHost(arn: string): string {
  return `https://${CONSOLE_HOSTS[partitionOf(arn)] ?? CONSOLE_HOSTS.aws}`;
}

// A region that is not region-shaped never reaches the host name (it could otherwise point elsewhere).
function regionalHost(arn: string, region: string): string {
  const host = CONSOLE_HOSTS[partitionOf(arn)] ?? 'console.aws.amazon.com';
  return REGION.test(region) ? `https://${region}.${host}` : `https://${host}`;
}

const e = encodeURIComponent;

/** The IAM console page of a user. */
export function iamUserUrl(userArn: string, userName: string): string {
  return `${globalHost(userArn)}/iam/home#/users/details/${e(userName)}`;
}

/** The IAM console page of a role. */
export function iamRoleUrl(roleArn: string, roleName: string): string {
  return `${globalHost(roleArn)}/iam/home#/roles/details/${e(roleName)}`;
}

/** The IAM console page of a group. */
export function iamGroupUrl(groupArn: string, groupName: string): string {
  return `${globalHost(groupArn)}/iam/home#/groups/details/${e(groupName)}`;
}

/** The IAM console page of a managed policy (the console keys policies by their ARN). */
export function iamPolicyUrl(policyArn: string): string {
  return `${globalHost(policyArn)}/iam/home#/policies/details/${e(policyArn)}`;
}

/** The root user's security credentials page (MFA and access keys); it is only reachable signed in as root. */
export function rootCredentialsUrl(rootArn: string): string {
  return `${globalHost(rootArn)}/iam/home#/security_credentials`;
}

/** The EC2 console page of one instance, in its region. */
export function ec2InstanceUrl(instanceArn: string, region: string, instanceId: string): string {
  const r = e(region);
  return `${regionalHost(instanceArn, region)}/ec2/home?region=${r}#InstanceDetails:instanceId=${e(instanceId)}`;
}

/** The Lambda console page of one function, in its region. */
export function lambdaFunctionUrl(functionArn: string, region: string, functionName: string): string {
  const r = e(region);
  return `${regionalHost(functionArn, region)}/lambda/home?region=${r}#/functions/${e(functionName)}`;
}
