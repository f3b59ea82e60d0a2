import { expect } from 'vitest';
import { oidcTrustUnrestricted } from './oidc-trust-unrestricted.js';
import { ruleTester } from './test-utils/rule-tester.js';
import { ACCOUNT, gaad, role, trust } from './test-utils/gaad.js';

const GH = 'token.actions.githubusercontent.com';
const provider = (host: string) => ({ Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/${host}` });
const web = (host: string, condition?: Record<string, unknown>) =>
  trust(provider(host), condition ? { Condition: condition } : {}, 'sts:AssumeRoleWithWebIdentity');
const one = (...trusts: Record<string, unknown>[]) => gaad({ roles: [role('ci', { trust: trusts })] });
const aud = { [`${GH}:aud`]: 'sts.amazonaws.com' };
const target = `arn:aws:iam::${ACCOUNT}:role/ci`;

ruleTester(oidcTrustUnrestricted, {
  fires: [
    {
      name: 'GitHub Actions with an aud-only condition',
      inputs: [one(web(GH, { StringEquals: aud }))],
      expect: [
        {
          resourceArn: target,
          message:
            'IAM role ci can be assumed with a github-actions token from any repository: no condition on the sub claim.',
          evidence: {
            trusts: [
              expect.objectContaining({
                provider: 'github-actions',
                reason: 'no condition on the sub claim',
              }),
            ],
          },
        },
      ],
    },
    {
      name: 'sub is "repo:*"',
      inputs: [one(web(GH, { StringEquals: aud, StringLike: { [`${GH}:sub`]: 'repo:*' } }))],
      expect: [
        {
          resourceArn: target,
          evidence: { trusts: [expect.objectContaining({ unrestrictedSubValues: ['repo:*'] })] },
        },
      ],
    },
    {
      name: 'owner prefix without the slash matches other owners',
      inputs: [one(web(GH, { StringLike: { [`${GH}:sub`]: 'repo:my-org*' } }))],
      expect: [{ resourceArn: target }],
    },
    {
      name: 'one open value among specific ones',
      inputs: [one(web(GH, { StringLike: { [`${GH}:sub`]: ['repo:my-org/app:ref:refs/heads/main', '*'] } }))],
      expect: [{ resourceArn: target }],
    },
    {
      name: 'IfExists on sub does not restrict',
      inputs: [one(web(GH, { StringLikeIfExists: { [`${GH}:sub`]: 'repo:my-org/app:*' } }))],
      expect: [{ resourceArn: target }],
    },
    {
      name: 'GitLab without sub',
      inputs: [one(web('gitlab.com', { StringEquals: { 'gitlab.com:aud': 'https://gitlab.com' } }))],
      expect: [
        { resourceArn: target, evidence: { trusts: [expect.objectContaining({ provider: 'gitlab' })] } },
      ],
    },
    {
      name: 'self-hosted GitLab with project_path:*',
      inputs: [
        one(web('gitlab.example.com', { StringLike: { 'gitlab.example.com:sub': 'project_path:*' } })),
      ],
      expect: [{ resourceArn: target }],
    },
    {
      name: 'Terraform Cloud with any organization',
      inputs: [one(web('app.terraform.io', { StringLike: { 'app.terraform.io:sub': 'organization:*' } }))],
      expect: [
        {
          resourceArn: target,
          evidence: { trusts: [expect.objectContaining({ provider: 'terraform-cloud' })] },
        },
      ],
    },
  ],
  silent: [
    {
      name: 'specific repository and branch',
      inputs: [
        one(web(GH, { StringEquals: { ...aud, [`${GH}:sub`]: 'repo:my-org/app:ref:refs/heads/main' } })),
      ],
    },
    {
      name: 'org-wide wildcard (documented as a restriction)',
      inputs: [one(web(GH, { StringEquals: aud, StringLike: { [`${GH}:sub`]: 'repo:my-org/*' } }))],
    },
    {
      name: 'condition key in another case',
      inputs: [
        one(
          web(GH, {
            StringEquals: { 'Token.Actions.GitHubUserContent.com:sub': 'repo:my-org/app:environment:prod' },
          }),
        ),
      ],
    },
    {
      name: 'GitLab project',
      inputs: [
        one(
          web('gitlab.com', {
            StringLike: { 'gitlab.com:sub': 'project_path:my-group/app:ref_type:branch:ref:main' },
          }),
        ),
      ],
    },
    {
      name: 'Terraform workspace',
      inputs: [
        one(
          web('app.terraform.io', {
            StringLike: { 'app.terraform.io:sub': 'organization:acme:project:*:workspace:prod:run_phase:*' },
          }),
        ),
      ],
    },
    {
      name: 'another OIDC provider (EKS) is out of scope',
      inputs: [one(web('oidc.eks.eu-west-1.amazonaws.com/id/ABC'))],
    },
    {
      name: 'a negated sub condition plus a restricting one',
      inputs: [
        one(
          web(GH, {
            StringNotLike: { [`${GH}:sub`]: '*:pull_request' },
            StringLike: { [`${GH}:sub`]: 'repo:my-org/app:*' },
          }),
        ),
      ],
    },
    {
      name: 'GitHub provider in a Deny',
      inputs: [one({ Effect: 'Deny', Principal: provider(GH), Action: 'sts:AssumeRoleWithWebIdentity' })],
    },
  ],
});
