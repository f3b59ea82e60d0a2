import { describe, expect, it } from 'vitest';
import { privilegeEscalation } from './privilege-escalation.js';
import { runRule } from './run.js';
import { lambdaFunctions } from './test-utils/exports.js';
import { buildContext, ruleTester } from './test-utils/rule-tester.js';
import {
  ACCOUNT,
  ADMIN_ARN,
  EXTERNAL_ACCOUNT,
  administratorAccess,
  allow,
  doc,
  gaad,
  managedPolicy,
  role,
  trust,
  user,
} from './test-utils/gaad.js';

const arn = (kind: string, name: string) => `arn:aws:iam::${ACCOUNT}:${kind}/${name}`;
const S3_ONLY = arn('policy', 's3-only');
const lambdaTrust = [trust({ Service: 'lambda.amazonaws.com' })];
const base = {
  users: [user('admin', { attached: [ADMIN_ARN] })],
  roles: [role('admin-fn-role', { attached: [ADMIN_ARN], trust: lambdaTrust })],
  policies: [administratorAccess, managedPolicy(S3_ONLY, doc(allow('s3:*')))],
};
const passLambda = doc(allow(['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction']));
const iam = (extra: { users?: unknown[]; roles?: unknown[] }) =>
  gaad({
    users: [...base.users, ...((extra.users ?? []) as Record<string, unknown>[])],
    roles: [...base.roles, ...((extra.roles ?? []) as Record<string, unknown>[])],
    policies: base.policies,
  });

ruleTester(privilegeEscalation, {
  fires: [
    {
      name: 'SetDefaultPolicyVersion back to a stored admin version (versions read from the GAAD export)',
      inputs: [
        gaad({
          users: [user('dev', { attached: [arn('policy', 'dev-tools')] })],
          policies: [
            managedPolicy(
              arn('policy', 'dev-tools'),
              doc(allow(['s3:GetObject', 'iam:SetDefaultPolicyVersion'], '*')),
              { olderVersions: [doc(allow('*'))] },
            ),
          ],
        }),
      ],
      expect: [
        {
          resourceArn: arn('user', 'dev'),
          path: [expect.objectContaining({ technique: 'x-iam-set-default-policy-version' })],
        },
      ],
    },
    {
      name: 'user creating an access key for an administrator: high, path iam-002',
      inputs: [
        iam({
          users: [user('dev', { inline: { p: doc(allow('iam:CreateAccessKey', arn('user', 'admin'))) } })],
        }),
      ],
      expect: [
        {
          resourceArn: arn('user', 'dev'),
          message: /^dev can escalate to administrator in 1 step\(s\) \(iam-002\)/,
          evidence: { conditional: false, administrator: arn('user', 'admin') },
        },
      ],
    },
    {
      name: 'role assumable from another account that can pass an admin role to Lambda: critical',
      inputs: [
        iam({
          roles: [
            role('ci', {
              inline: { p: passLambda },
              trust: [trust({ AWS: `arn:aws:iam::${EXTERNAL_ACCOUNT}:root` })],
            }),
          ],
        }),
      ],
      expect: [
        {
          resourceArn: arn('role', 'ci'),
          severity: 'critical',
          evidence: { severityReason: `the role can be assumed from another account (${EXTERNAL_ACCOUNT})` },
        },
      ],
    },
    {
      name: 'Lambda function whose non-admin role can escalate: the function and its role',
      inputs: [
        iam({ roles: [role('fn-role', { inline: { p: passLambda }, trust: lambdaTrust })] }),
        lambdaFunctions([{ name: 'worker', role: 'fn-role' }]),
      ],
      expect: [
        { resourceArn: arn('role', 'fn-role') },
        {
          resourceArn: `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:worker`,
          message: /in 2 step\(s\) \(x-compute-role, lambda-001\)/,
        },
      ],
    },
    {
      name: 'grant behind an MFA condition: conditional message',
      inputs: [
        iam({
          users: [
            user('ops', {
              inline: {
                p: doc(
                  allow('iam:CreateAccessKey', '*', {
                    Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
                  }),
                ),
              },
            }),
          ],
        }),
      ],
      expect: [
        {
          resourceArn: arn('user', 'ops'),
          message: /if conditions unknown at scan time hold/,
          evidence: { conditional: true },
        },
      ],
    },
  ],
  silent: [
    { name: 'an administrator itself is not reported', inputs: [iam({})] },
    {
      name: 'PassRole to a role that does not trust Lambda',
      inputs: [
        iam({
          users: [
            user('dev', {
              inline: {
                p: doc(
                  allow('iam:PassRole', arn('role', 'ec2-admin')),
                  allow(['lambda:CreateFunction', 'lambda:InvokeFunction']),
                ),
              },
            }),
          ],
          roles: [role('ec2-admin', { attached: [ADMIN_ARN] })],
        }),
      ],
    },
    {
      name: 'a boundary blocks the escalation',
      inputs: [
        iam({
          users: [user('dev', { inline: { p: doc(allow('iam:CreateAccessKey')) }, boundary: S3_ONLY })],
        }),
      ],
    },
    {
      name: 'a function with an admin role is compute-admin’s finding, not an escalation',
      inputs: [iam({}), lambdaFunctions([{ name: 'deploy', role: 'admin-fn-role' }])],
    },
  ],
});

describe('privilege-escalation detections carry the path of PRODUCT.md §5', () => {
  it('steps from the resource to an administrator, with technique, actions and conditional', () => {
    const ctx = buildContext([
      iam({
        users: [user('dev', { inline: { p: doc(allow('sts:AssumeRole', arn('role', 'hop'))) } })],
        roles: [
          role('hop', {
            inline: { p: doc(allow('iam:CreateAccessKey', arn('user', 'admin'))) },
            trust: [trust({ AWS: `arn:aws:iam::${ACCOUNT}:root` })],
          }),
        ],
      }),
    ]);
    const d = runRule(privilegeEscalation, ctx).find((x) => x.resource.arn === arn('user', 'dev'));
    expect(d?.path).toEqual([
      {
        from: arn('user', 'dev'),
        to: arn('role', 'hop'),
        technique: 'sts-001',
        actions: ['sts:AssumeRole'],
        conditional: false,
      },
      {
        from: arn('role', 'hop'),
        to: arn('user', 'admin'),
        technique: 'iam-002',
        actions: ['iam:CreateAccessKey'],
        conditional: false,
      },
    ]);
  });
});
