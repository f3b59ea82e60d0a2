import { makeActivity } from './activity.js';
import { awsManagedArn } from './aws-managed-policies.js';
import { allowStmt, awsTrust, policyDoc, serviceTrust } from './builder.js';
import { entry, type Builders } from './manifest-entry.js';
import { PARTNER_ACCOUNT } from './organization.js';
import type { ManifestEntry } from './types.js';

/** Plants risky trusts, pass-role, broad data access, a permissions gap and an inactive role. */
export function plantAccess(b: Builders, withCloudtrail: boolean): ManifestEntry[] {
  const out: ManifestEntry[] = [];
  const { prod, staging, dev } = b;
  const shared = b['shared-services'];

  const publicRole = staging.role({
    name: 'legacy-public-role',
    createdDaysAgo: 1000,
    trust: policyDoc({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }),
    inline: [
      {
        name: 'read-assets',
        doc: policyDoc(
          allowStmt(
            ['s3:GetObject', 's3:ListBucket'],
            ['arn:aws:s3:::acme-static-assets-staging', 'arn:aws:s3:::acme-static-assets-staging/*'],
          ),
        ),
      },
    ],
    lastUsedDaysAgo: 12,
  });
  out.push(entry('public-trust', publicRole.arn, 'trust policy allows {"AWS":"*"} with no condition'));

  const vendor = prod.role({
    name: 'vendor-monitoring',
    createdDaysAgo: 600,
    trust: awsTrust(PARTNER_ACCOUNT),
    managed: [awsManagedArn('SecurityAudit')],
    lastUsedDaysAgo: 0.4,
    description: 'Third-party monitoring vendor',
  });
  out.push(
    entry(
      'cross-account-trust',
      vendor.arn,
      `trusts external account ${PARTNER_ACCOUNT} without sts:ExternalId`,
    ),
  );

  const partnerAdmin = shared.role({
    name: 'partner-support-admin',
    createdDaysAgo: 450,
    trust: awsTrust(PARTNER_ACCOUNT),
    managed: [awsManagedArn('AdministratorAccess')],
    lastUsedDaysAgo: 6,
  });
  out.push(
    entry('external-admin-access', partnerAdmin.arn, `administrator role assumable from ${PARTNER_ACCOUNT}`),
  );
  out.push(
    entry(
      'cross-account-trust',
      partnerAdmin.arn,
      'external account, no sts:ExternalId (high: administrator)',
    ),
  );
  out.push(entry('admin-role', partnerAdmin.arn, 'AdministratorAccess'));

  const oidcProvider = `arn:aws:iam::${prod.account.id}:oidc-provider/token.actions.githubusercontent.com`;
  const gha = prod.role({
    name: 'github-actions-deploy',
    createdDaysAgo: 200,
    trust: policyDoc({
      Effect: 'Allow',
      Principal: { Federated: oidcProvider },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' } },
    }),
    inline: [
      {
        name: 'deploy-site',
        doc: policyDoc(
          allowStmt(
            ['s3:PutObject', 's3:DeleteObject', 's3:ListBucket'],
            ['arn:aws:s3:::acme-www-prod', 'arn:aws:s3:::acme-www-prod/*'],
          ),
          allowStmt('cloudfront:CreateInvalidation', '*'),
        ),
      },
    ],
    lastUsedDaysAgo: 1,
  });
  out.push(
    entry(
      'oidc-trust-unrestricted',
      gha.arn,
      'GitHub Actions OIDC trust checks only aud, any repository can assume it',
    ),
  );

  const ecsDeploy = staging.role({
    name: 'ecs-deploy-role',
    createdDaysAgo: 380,
    trust: awsTrust(`arn:aws:iam::${shared.account.id}:role/ci-runner`),
    inline: [
      {
        name: 'ecs-deploy',
        doc: policyDoc(
          allowStmt(['iam:PassRole'], '*'),
          allowStmt(['ecs:DescribeServices', 'ecs:DescribeTaskDefinition'], '*'),
        ),
      },
    ],
    lastUsedDaysAgo: 2,
  });
  out.push(entry('wildcard-passrole', ecsDeploy.arn, 'iam:PassRole on * (no iam:PassedToService condition)'));

  const reader = prod.role({
    name: 'analytics-reader',
    createdDaysAgo: 500,
    trust: serviceTrust('ecs-tasks.amazonaws.com'),
    managed: [awsManagedArn('AmazonS3ReadOnlyAccess')],
    lastUsedDaysAgo: 0.2,
  });
  out.push(entry('broad-data-access', reader.arn, 'AmazonS3ReadOnlyAccess: s3:Get* on every bucket'));

  const poc = dev.role({
    name: 'poc-ml-training-role',
    createdDaysAgo: 300,
    trust: serviceTrust('sagemaker.amazonaws.com'),
    inline: [
      {
        name: 'training-data',
        doc: policyDoc(
          allowStmt(
            ['s3:GetObject', 's3:ListBucket'],
            ['arn:aws:s3:::acme-ml-poc', 'arn:aws:s3:::acme-ml-poc/*'],
          ),
        ),
      },
    ],
    lastUsedDaysAgo: null,
  });
  out.push(entry('inactive-role', poc.arn, 'created 300 days ago, never used'));

  if (withCloudtrail) {
    const batch = prod.role({
      name: 'reporting-batch',
      createdDaysAgo: 400,
      trust: serviceTrust('ecs-tasks.amazonaws.com'),
      managed: [awsManagedArn('AmazonEC2FullAccess'), awsManagedArn('CloudWatchAgentServerPolicy')],
      lastUsedDaysAgo: 0.1,
      activity: makeActivity(
        prod.prng,
        [
          { action: 'ec2:DescribeInstances', resource: null },
          { action: 'cloudwatch:PutMetricData', resource: null },
        ],
        'us-east-1',
        'workload',
        20,
      ),
    });
    out.push(
      entry(
        'permissions-gap',
        batch.arn,
        'granted ec2:*, elasticloadbalancing:*, autoscaling:*, cloudwatch:*; uses 2 actions',
      ),
    );
  }
  return out;
}
