import { expect } from 'vitest';
import { crossAccountTrust } from './cross-account-trust.js';
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
const one = (trusts: Record<string, unknown>[], attached: string[] = []) =>
  gaad({ roles: [role('target', { trust: trusts, attached })], policies: [administratorAccess] });

ruleTester(crossAccountTrust, {
  fires: [
    {
      name: 'external account root without external id; suggested policy adds one',
      inputs: [one([trust({ AWS: `arn:aws:iam::${EXTERNAL_ACCOUNT}:root` }, { Sid: 'Vendor' })])],
      expect: [
        {
          resourceArn: target,
          severity: 'medium',
          message: `IAM role target can be assumed from external account(s) ${EXTERNAL_ACCOUNT} without an external id.`,
          evidence: {
            externalAccounts: [EXTERNAL_ACCOUNT],
            trusts: [expect.objectContaining({ sid: 'Vendor', account: EXTERNAL_ACCOUNT })],
          },
        },
      ],
    },
    {
      name: 'bare account id, administrator role: high',
      inputs: [one([trust({ AWS: EXTERNAL_ACCOUNT })], [ADMIN_ARN])],
      expect: [
        {
          resourceArn: target,
          severity: 'high',
          evidence: { isAdmin: true, severityReason: 'the role is administrator' },
        },
      ],
    },
    {
      name: 'external role ARN; the org account next to it is fine',
      inputs: [
        one([
          trust({
            AWS: [`arn:aws:iam::${EXTERNAL_ACCOUNT}:role/scanner`, `arn:aws:iam::${OTHER_ORG_ACCOUNT}:root`],
          }),
        ]),
        organization([ACCOUNT, OTHER_ORG_ACCOUNT]),
      ],
      expect: [
        {
          resourceArn: target,
          evidence: { externalAccounts: [EXTERNAL_ACCOUNT], organizationDataPresent: true },
        },
      ],
    },
    {
      name: 'a wildcard external id is no external id',
      inputs: [
        one([trust({ AWS: EXTERNAL_ACCOUNT }, { Condition: { StringLike: { 'sts:ExternalId': '*' } } })]),
      ],
      expect: [{ resourceArn: target }],
    },
  ],
  silent: [
    {
      name: 'external id required',
      inputs: [
        one([
          trust(
            { AWS: EXTERNAL_ACCOUNT },
            { Condition: { StringEquals: { 'sts:ExternalId': 'f00d-secret' } } },
          ),
        ]),
      ],
    },
    { name: 'same account', inputs: [one([trust({ AWS: `arn:aws:iam::${ACCOUNT}:role/ci` })])] },
    {
      name: 'organization account',
      inputs: [one([trust({ AWS: OTHER_ORG_ACCOUNT })]), organization([ACCOUNT, OTHER_ORG_ACCOUNT])],
    },
    {
      name: 'configured trusted account',
      config: { trustedAccounts: [EXTERNAL_ACCOUNT] },
      inputs: [one([trust({ AWS: EXTERNAL_ACCOUNT })])],
    },
    {
      name: 'another scanned account',
      inputs: [
        one([trust({ AWS: OTHER_ORG_ACCOUNT })]),
        gaad({ roles: [role('x', { account: OTHER_ORG_ACCOUNT })] }, 'other.json'),
      ],
    },
    { name: 'service principal', inputs: [one([trust({ Service: 'ec2.amazonaws.com' })])] },
    {
      name: 'federated principal',
      inputs: [
        one([
          trust({ Federated: `arn:aws:iam::${ACCOUNT}:saml-provider/okta` }, {}, 'sts:AssumeRoleWithSAML'),
        ]),
      ],
    },
    {
      name: 'Deny statement naming an external account',
      inputs: [one([{ Effect: 'Deny', Principal: { AWS: EXTERNAL_ACCOUNT }, Action: 'sts:AssumeRole' }])],
    },
    { name: 'deleted principal left as a unique id', inputs: [one([trust({ AWS: 'AROAEXAMPLEDELETED1' })])] },
  ],
});
