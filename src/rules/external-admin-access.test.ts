import { expect } from 'vitest';
import { externalAdminAccess } from './external-admin-access.js';
import { organization } from './test-utils/exports.js';
import { ruleTester } from './test-utils/rule-tester.js';
import {
  ACCOUNT,
  ADMIN_ARN,
  administratorAccess,
  EXTERNAL_ACCOUNT,
  gaad,
  OTHER_ORG_ACCOUNT,
  role,
  trust,
} from './test-utils/gaad.js';

const target = `arn:aws:iam::${ACCOUNT}:role/target`;
const one = (trusts: Record<string, unknown>[], attached: string[] = [ADMIN_ARN]) =>
  gaad({ roles: [role('target', { trust: trusts, attached })], policies: [administratorAccess] });

ruleTester(externalAdminAccess, {
  fires: [
    {
      name: 'admin role trusted by an org account (organization membership does not help)',
      inputs: [
        one([trust({ AWS: `arn:aws:iam::${OTHER_ORG_ACCOUNT}:root` })]),
        organization([ACCOUNT, OTHER_ORG_ACCOUNT]),
      ],
      expect: [
        {
          resourceArn: target,
          severity: 'critical',
          message: `Administrator IAM role target can be assumed by principals of other accounts (arn:aws:iam::${OTHER_ORG_ACCOUNT}:root).`,
          evidence: {
            trusts: [expect.objectContaining({ account: OTHER_ORG_ACCOUNT })],
            admin: expect.objectContaining({ conditional: false }),
          },
        },
      ],
    },
    {
      name: 'external id does not help',
      inputs: [
        one([trust({ AWS: EXTERNAL_ACCOUNT }, { Condition: { StringEquals: { 'sts:ExternalId': 'x1' } } })]),
      ],
      expect: [{ resourceArn: target }],
    },
    {
      name: 'open trust restricted to the org only',
      inputs: [one([trust('*', { Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-11111111' } } })])],
      expect: [{ resourceArn: target, evidence: { trusts: [expect.objectContaining({ principal: '*' })] } }],
    },
  ],
  silent: [
    {
      name: 'non-admin role trusted by another account',
      inputs: [one([trust({ AWS: EXTERNAL_ACCOUNT })], [])],
    },
    {
      name: 'admin role trusted by its own account',
      inputs: [one([trust({ AWS: `arn:aws:iam::${ACCOUNT}:role/ops` })])],
    },
    { name: 'admin role for a service', inputs: [one([trust({ Service: 'cloudformation.amazonaws.com' })])] },
    {
      name: 'open trust pinned to the own account',
      inputs: [one([trust('*', { Condition: { StringEquals: { 'aws:PrincipalAccount': ACCOUNT } } })])],
    },
    {
      name: 'deny on everything in the trust policy',
      inputs: [one([trust({ AWS: EXTERNAL_ACCOUNT }), { Effect: 'Deny', Principal: '*', Action: 'sts:*' }])],
    },
  ],
});
