import { expect } from 'vitest';
import { publicTrust } from './public-trust.js';
import { ruleTester } from './test-utils/rule-tester.js';
import { ACCOUNT, ADMIN_ARN, administratorAccess, gaad, role, trust } from './test-utils/gaad.js';

const arn = (n: string) => `arn:aws:iam::${ACCOUNT}:role/${n}`;
const one = (trusts: Record<string, unknown>[], attached: string[] = []) =>
  gaad({ roles: [role('target', { trust: trusts, attached })], policies: [administratorAccess] });

ruleTester(publicTrust, {
  fires: [
    {
      name: 'Principal AWS * without condition: high, with a suggested account condition',
      inputs: [one([trust({ AWS: '*' }, { Sid: 'Open' })])],
      expect: [
        {
          resourceArn: arn('target'),
          severity: 'high',
          message: 'IAM role target can be assumed by any AWS principal through trust statement Open.',
          evidence: {
            isAdmin: false,
            trustStatements: [
              expect.objectContaining({ index: 0, sid: 'Open', actions: ['sts:AssumeRole'] }),
            ],
          },
        },
      ],
    },
    {
      name: 'Principal "*" on an administrator role: critical',
      inputs: [one([trust('*')], [ADMIN_ARN])],
      expect: [
        {
          resourceArn: arn('target'),
          severity: 'critical',
          evidence: { severityReason: 'the role is administrator' },
        },
      ],
    },
    {
      name: 'an ARN list containing "*"',
      inputs: [one([trust({ AWS: [`arn:aws:iam::${ACCOUNT}:root`, '*'] })])],
      expect: [{ resourceArn: arn('target') }],
    },
    {
      name: 'sts:* action',
      inputs: [one([trust({ AWS: '*' }, {}, 'sts:*')])],
      expect: [{ resourceArn: arn('target') }],
    },
    {
      name: 'IfExists org condition does not restrict (absent key passes)',
      inputs: [
        one([
          trust(
            { AWS: '*' },
            { Condition: { StringEqualsIfExists: { 'aws:PrincipalOrgID': 'o-11111111' } } },
          ),
        ]),
      ],
      expect: [{ resourceArn: arn('target') }],
    },
    {
      name: 'wildcard org id or account pattern does not restrict',
      inputs: [
        one([
          trust({ AWS: '*' }, { Condition: { StringLike: { 'aws:PrincipalOrgID': 'o-*' } } }),
          trust('*', { Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/ci' } } }),
        ]),
      ],
      expect: [
        {
          resourceArn: arn('target'),
          evidence: {
            trustStatements: [expect.objectContaining({ index: 0 }), expect.objectContaining({ index: 1 })],
          },
        },
      ],
    },
    {
      name: 'Allow with NotPrincipal trusts everyone else',
      inputs: [
        one([
          {
            Effect: 'Allow',
            NotPrincipal: { AWS: `arn:aws:iam::${ACCOUNT}:user/mallory` },
            Action: 'sts:AssumeRole',
          },
        ]),
      ],
      expect: [{ resourceArn: arn('target') }],
    },
    {
      name: 'a negated deny on an unrelated key does not help',
      inputs: [
        one([
          trust({ AWS: '*' }),
          {
            Effect: 'Deny',
            Principal: '*',
            Action: 'sts:AssumeRole',
            Condition: { StringNotEquals: { 'aws:RequestedRegion': 'eu-west-1' } },
          },
        ]),
      ],
      expect: [{ resourceArn: arn('target') }],
    },
  ],
  silent: [
    {
      name: 'PrincipalOrgID condition',
      inputs: [
        one([trust({ AWS: '*' }, { Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-11111111' } } })]),
      ],
    },
    {
      name: 'PrincipalAccount condition',
      inputs: [one([trust('*', { Condition: { StringEquals: { 'aws:PrincipalAccount': ACCOUNT } } })])],
    },
    {
      name: 'ExternalId condition',
      inputs: [
        one([trust({ AWS: '*' }, { Condition: { StringEquals: { 'sts:ExternalId': 'f00d-secret' } } })]),
      ],
    },
    {
      name: 'PrincipalArn of a specific account',
      inputs: [
        one([
          trust('*', { Condition: { ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT}:role/ci-*` } } }),
        ]),
      ],
    },
    {
      name: 'PrincipalOrgPaths under one org',
      inputs: [
        one([
          trust('*', {
            Condition: { 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': 'o-11111111/r-abcd/*' } },
          }),
        ]),
      ],
    },
    { name: 'service principal', inputs: [one([trust({ Service: 'lambda.amazonaws.com' })])] },
    { name: 'a specific account', inputs: [one([trust({ AWS: `arn:aws:iam::${ACCOUNT}:root` })])] },
    {
      name: 'Deny on * stops everyone',
      inputs: [one([trust({ AWS: '*' }), { Effect: 'Deny', Principal: '*', Action: 'sts:*' }])],
    },
    {
      name: 'Deny everyone outside the organization',
      inputs: [
        one([
          trust({ AWS: '*' }),
          {
            Effect: 'Deny',
            Principal: '*',
            Action: 'sts:AssumeRole',
            Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-11111111' } },
          },
        ]),
      ],
    },
    { name: 'Principal * with only sts:TagSession', inputs: [one([trust('*', {}, 'sts:TagSession')])] },
  ],
});
