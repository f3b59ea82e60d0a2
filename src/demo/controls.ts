import { makeActivity } from './activity.js';
import { awsManagedArn } from './aws-managed-policies.js';
import { allowStmt, awsTrust, policyDoc, serviceTrust } from './builder.js';
import { entry, type Builders } from './manifest-entry.js';
import { ORG_ID, PARTNER_ACCOUNT } from './organization.js';
import type { ManifestEntry } from './types.js';

/**
 * Near-miss controls: resources that look like a planted risk but are configured safely, so the named rule
 * must not fire on them. Must run after the planted risks (it refers to BreakGlassAdmin and platform-admin).
 */
export function plantControls(b: Builders, withCloudtrail: boolean): ManifestEntry[] {
  const out: ManifestEntry[] = [];
  const { prod, staging, security, management, dev } = b;

  const orgRead = security.role({
    name: 'org-audit-read',
    createdDaysAgo: 500,
    trust: policyDoc({
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG_ID } },
    }),
    managed: [awsManagedArn('SecurityAudit')],
    lastUsedDaysAgo: 0.5,
  });
  out.push(
    entry('public-trust', orgRead.arn, 'trusts * but only callers of the organization (aws:PrincipalOrgID)'),
  );

  const partner = prod.role({
    name: 'partner-integration',
    createdDaysAgo: 420,
    trust: awsTrust(PARTNER_ACCOUNT, { StringEquals: { 'sts:ExternalId': 'acme-7f3c9e21' } }),
    inline: [
      {
        name: 'exports-read',
        doc: policyDoc(
          allowStmt(
            ['s3:GetObject', 's3:ListBucket'],
            ['arn:aws:s3:::acme-partner-exports', 'arn:aws:s3:::acme-partner-exports/*'],
          ),
        ),
      },
    ],
    lastUsedDaysAgo: 1,
  });
  out.push(entry('cross-account-trust', partner.arn, 'external account trust guarded by sts:ExternalId'));
  out.push(
    entry('external-admin-access', partner.arn, 'cross-account role without administrator or escalation'),
  );

  const infra = prod.role({
    name: 'github-actions-infra',
    createdDaysAgo: 200,
    trust: policyDoc({
      Effect: 'Allow',
      Principal: {
        Federated: `arn:aws:iam::${prod.account.id}:oidc-provider/token.actions.githubusercontent.com`,
      },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: {
        StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
        StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme-corp/infra:ref:refs/heads/main' },
      },
    }),
    inline: [
      {
        name: 'state-bucket',
        doc: policyDoc(
          allowStmt(
            ['s3:GetObject', 's3:PutObject', 's3:ListBucket'],
            ['arn:aws:s3:::acme-terraform-state', 'arn:aws:s3:::acme-terraform-state/*'],
          ),
        ),
      },
    ],
    lastUsedDaysAgo: 0.5,
  });
  out.push(
    entry('oidc-trust-unrestricted', infra.arn, 'GitHub OIDC trust restricted to one repository and branch'),
  );

  out.push(
    entry(
      'orphan-admin-policy',
      `arn:aws:iam::${prod.account.id}:policy/BreakGlassAdmin`,
      'administrator policy, but attached to platform-admin',
    ),
  );
  out.push(
    entry(
      'inactive-admin',
      `arn:aws:iam::${prod.account.id}:role/platform-admin`,
      'administrator role used 3 days ago',
    ),
  );
  out.push(entry('admin-group', `arn:aws:iam::${prod.account.id}:group/Developers`, 'ViewOnlyAccess group'));

  const metrics = prod.user({
    name: 'svc-metrics-push',
    path: '/service/',
    createdDaysAgo: 300,
    inline: [{ name: 'metrics', doc: policyDoc(allowStmt('cloudwatch:PutMetricData')) }],
    credentials: {
      password: null,
      mfa: false,
      keys: [
        {
          active: true,
          rotated: prod.daysAgo(30),
          lastUsed: prod.daysAgo(1),
          lastUsedService: 'monitoring',
          lastUsedRegion: 'us-east-1',
        },
      ],
    },
  });
  out.push(entry('unused-access-key', metrics.arn, 'key created 30 days ago, used yesterday'));
  out.push(entry('old-access-key', metrics.arn, 'key rotated 30 days ago'));

  const release = staging.user({
    name: 'release.manager',
    createdDaysAgo: 700,
    managed: [awsManagedArn('PowerUserAccess')],
    credentials: {
      password: { changed: staging.daysAgo(50), lastUsed: staging.daysAgo(2) },
      mfa: true,
      keys: [],
    },
  });
  out.push(
    entry(
      'admin-user',
      release.arn,
      'PowerUserAccess: everything but iam:*, organizations:*, account:* is not administrator',
    ),
  );
  out.push(entry('no-mfa', release.arn, 'console user with MFA'));

  out.push(
    entry(
      'inactive-role',
      `arn:aws:iam::${management.account.id}:role/aws-service-role/support.amazonaws.com/AWSServiceRoleForSupport`,
      'service-linked role never used: excluded',
    ),
  );
  out.push(entry('root-no-mfa', `arn:aws:iam::${management.account.id}:root`, 'root has MFA'));
  out.push(entry('root-access-key', `arn:aws:iam::${management.account.id}:root`, 'root has no access key'));

  const siem = security.user({
    name: 'svc-siem-export',
    path: '/service/',
    createdDaysAgo: 400,
    inline: [
      {
        name: 'siem',
        doc: policyDoc(
          allowStmt(['cloudtrail:LookupEvents', 'guardduty:ListFindings', 'guardduty:GetFindings']),
        ),
      },
    ],
    credentials: {
      password: null,
      mfa: false,
      keys: [
        {
          active: true,
          rotated: security.daysAgo(20),
          lastUsed: security.daysAgo(0.2),
          lastUsedService: 'guardduty',
          lastUsedRegion: 'us-east-1',
        },
        {
          active: false,
          rotated: security.daysAgo(200),
          lastUsed: security.daysAgo(25),
          lastUsedService: 'guardduty',
          lastUsedRegion: 'us-east-1',
        },
      ],
    },
  });
  out.push(entry('multiple-active-keys', siem.arn, 'second key is inactive'));

  const exportsReader = prod.role({
    name: 'orders-export-reader',
    createdDaysAgo: 300,
    trust: serviceTrust('lambda.amazonaws.com'),
    inline: [
      { name: 'exports', doc: policyDoc(allowStmt('s3:GetObject', 'arn:aws:s3:::acme-orders-exports/*')) },
    ],
    lastUsedDaysAgo: 0.3,
  });
  out.push(entry('broad-data-access', exportsReader.arn, 's3:GetObject on one bucket only'));

  const scheduler = prod.role({
    name: 'batch-scheduler',
    createdDaysAgo: 350,
    trust: serviceTrust('events.amazonaws.com'),
    inline: [
      {
        name: 'submit',
        doc: policyDoc(
          allowStmt('iam:PassRole', `arn:aws:iam::${prod.account.id}:role/batch-job-role`, {
            Condition: { StringEquals: { 'iam:PassedToService': 'batch.amazonaws.com' } },
          }),
          allowStmt('batch:SubmitJob', '*'),
        ),
      },
    ],
    lastUsedDaysAgo: 0.1,
  });
  out.push(
    entry('wildcard-passrole', scheduler.arn, 'iam:PassRole limited to one role and to batch.amazonaws.com'),
  );

  const iamReader = dev.user({
    name: 'iam-inventory',
    path: '/service/',
    createdDaysAgo: 150,
    inline: [{ name: 'iam-read', doc: policyDoc(allowStmt(['iam:Get*', 'iam:List*'])) }],
    credentials: {
      password: null,
      mfa: false,
      keys: [
        {
          active: true,
          rotated: dev.daysAgo(15),
          lastUsed: dev.daysAgo(0.4),
          lastUsedService: 'iam',
          lastUsedRegion: 'us-east-1',
        },
      ],
    },
  });
  out.push(entry('privilege-escalation', iamReader.arn, 'reads IAM only: no escalation technique applies'));

  const webRole = dev.role({
    name: 'web-frontend-role',
    createdDaysAgo: 250,
    trust: serviceTrust('ec2.amazonaws.com'),
    managed: [awsManagedArn('AmazonSSMManagedInstanceCore')],
    lastUsedDaysAgo: 0.1,
    instanceProfile: true,
  });
  const web = dev.instance({
    region: 'us-east-1',
    name: 'web-frontend',
    type: 't3.medium',
    launched: dev.daysAgo(30),
    publicIp: '3.91.120.44',
    privateIp: '10.4.2.9',
    state: 'running',
    tags: { Name: 'web-frontend' },
    role: webRole,
  });
  out.push(entry('compute-admin', dev.instanceArn(web), 'public instance with an SSM-only profile'));

  if (withCloudtrail) {
    const collector = prod.role({
      name: 'metrics-collector',
      createdDaysAgo: 300,
      trust: serviceTrust('ecs-tasks.amazonaws.com'),
      inline: [
        { name: 'describe', doc: policyDoc(allowStmt(['ec2:DescribeInstances', 'ec2:DescribeVolumes'])) },
      ],
      lastUsedDaysAgo: 0.1,
      activity: makeActivity(
        prod.prng,
        [
          { action: 'ec2:DescribeInstances', resource: null },
          { action: 'ec2:DescribeVolumes', resource: null },
        ],
        'us-east-1',
        'workload',
        12,
      ),
    });
    out.push(entry('permissions-gap', collector.arn, 'uses both actions it is granted'));
  }
  return out;
}
