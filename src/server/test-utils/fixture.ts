import type { Detection } from '../../model/finding.js';
import type { Group, User } from '../../model/inventory.js';
import type { ActionInsight } from '../../store/index.js';
import type { Store } from '../../store/index.js';
import { ACCOUNT, day, detection, role, roleArn, scanInput } from '../../store/test-utils/scan-builder.js';

export const userArn = `arn:aws:iam::${ACCOUNT}:user/dev`;
export const groupArn = `arn:aws:iam::${ACCOUNT}:group/devs`;
export const policyArn = `arn:aws:iam::${ACCOUNT}:policy/dev-policy`;
export const adminRole = roleArn('admin');
export const appRole = roleArn('app');
export const profileArn = `arn:aws:iam::${ACCOUNT}:instance-profile/app`;
export const instanceArn = `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-0123`;

/** A privilege-escalation detection: dev → (PassRole + RunInstances) → admin role. */
export const escalation: Detection = {
  ...detection('privilege-escalation', userArn, 'critical', 'user'),
  path: [
    {
      from: userArn,
      to: adminRole,
      technique: 'ec2-001',
      actions: ['iam:PassRole', 'ec2:RunInstances'],
      conditional: false,
    },
  ],
  remediation: {
    consoleUrl: 'https://us-east-1.console.aws.amazon.com/iam/home#/users/details/dev',
    steps: ['remove iam:PassRole'],
    suggestedPolicy: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: '*' }],
    },
  },
};
export const adminDetection = detection('admin-role', adminRole, 'high');
export const trustDetection = detection('cross-account-trust', appRole, 'low');

const user: User = {
  kind: 'user',
  arn: userArn,
  name: 'dev',
  id: null,
  path: '/',
  accountId: ACCOUNT,
  createDate: null,
  inlinePolicies: [],
  attachedPolicyArns: [],
  tags: { team: 'core' },
  groupNames: ['devs'],
  permissionsBoundaryArn: null,
};
const group: Group = {
  ...user,
  kind: 'group',
  arn: groupArn,
  name: 'devs',
  attachedPolicyArns: [policyArn],
  tags: {},
};

const used: ActionInsight = {
  action: 'ec2:DescribeInstances',
  service: 'ec2',
  status: 'used',
  lastUsed: '2026-11-18T10:00:00Z',
  lastDenied: null,
  count: 4,
};
const unused: ActionInsight = {
  ...used,
  action: 'ec2:RunInstances',
  status: 'unused',
  lastUsed: null,
  count: 0,
};
const passRole: ActionInsight = { ...unused, action: 'iam:PassRole', service: 'iam', status: 'unobservable' };

/** Records one scan: a user in a group with a policy, an admin role, an app role on an instance, three detections. */
export async function seedStore(store: Store): Promise<void> {
  const input = scanInput({ detections: [escalation, adminDetection, trustDetection] });
  input.inventory.users = [user];
  input.inventory.groups = [group];
  input.inventory.roles = [
    role(adminRole),
    role(appRole, {
      trustPolicy: {
        version: '2012-10-17',
        statements: [
          {
            sid: null,
            effect: 'Allow',
            principal: { AWS: ['arn:aws:iam::999999999999:root'] },
            action: ['sts:AssumeRole'],
          },
        ],
      },
    }),
  ];
  input.inventory.instanceProfiles = [
    { arn: profileArn, name: 'app', id: null, accountId: ACCOUNT, roleArns: [appRole] },
  ];
  input.inventory.instances = [
    {
      arn: instanceArn,
      instanceId: 'i-0123',
      accountId: ACCOUNT,
      region: 'us-east-1',
      name: 'web',
      state: 'running',
      publicIp: null,
      instanceProfileArn: profileArn,
      launchTime: null,
      tags: {},
    },
  ];
  await store.recordScan(
    { ...input, insights: [{ arn: userArn, actions: [used, unused, passRole] }] },
    { recordedAt: day(1) },
  );
}
