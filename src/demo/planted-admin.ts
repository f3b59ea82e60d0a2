import { HUMAN_READS, makeActivity } from './activity.js';
import { awsManagedArn } from './aws-managed-policies.js';
import { allowStmt, awsTrust, policyDoc, serviceTrust } from './builder.js';
import { entry, type Builders } from './manifest-entry.js';
import type { ManifestEntry } from './types.js';

const ADMIN = awsManagedArn('AdministratorAccess');

/**
 * Plants administrators, compute with administrator roles, an orphan administrator policy, inactive
 * administrators and privilege-escalation paths. Every one sits in an account whose only SCP is FullAWSAccess,
 * so nothing in the organization restricts the grant.
 */
export function plantAdmins(b: Builders): ManifestEntry[] {
  const out: ManifestEntry[] = [];
  const { prod, dev, staging, management } = b;
  const shared = b['shared-services'];
  const mfaPassword = (daysAgo: number) => ({
    changed: prod.daysAgo(daysAgo + 30),
    lastUsed: prod.daysAgo(daysAgo),
  });

  const legacyAdmin = prod.user({
    name: 'legacy-admin',
    createdDaysAgo: 900,
    managed: [ADMIN],
    tags: { owner: 'platform@example.com' },
    credentials: { password: mfaPassword(2), mfa: true, keys: [] },
    activity: makeActivity(prod.prng, HUMAN_READS.slice(0, 4), 'us-east-1', 'human', 3),
  });
  out.push(entry('admin-user', legacyAdmin.arn, 'AdministratorAccess attached directly to a user'));

  const admins = management.group('Administrators', 1100, [ADMIN]);
  const opsLead = management.user({
    name: 'ops.lead',
    createdDaysAgo: 1000,
    groups: [admins.name],
    credentials: {
      password: { changed: management.daysAgo(40), lastUsed: management.daysAgo(1) },
      mfa: true,
      keys: [],
    },
  });
  out.push(entry('admin-group', admins.arn, 'group with AdministratorAccess and one member'));
  out.push(entry('admin-user', opsLead.arn, 'administrator through the Administrators group'));

  const breakGlass = prod.policy(
    'BreakGlassAdmin',
    policyDoc(allowStmt('*', '*', { Sid: 'BreakGlass' })),
    700,
  );
  const platformAdmin = prod.role({
    name: 'platform-admin',
    createdDaysAgo: 700,
    trust: awsTrust(`arn:aws:iam::${prod.account.id}:root`),
    managed: [breakGlass.arn],
    lastUsedDaysAgo: 3,
    description: 'Platform team administration',
  });
  out.push(entry('admin-role', platformAdmin.arn, 'customer managed BreakGlassAdmin (*:*) attached'));

  const jumpboxRole = dev.role({
    name: 'dev-jumpbox-role',
    createdDaysAgo: 400,
    trust: serviceTrust('ec2.amazonaws.com'),
    managed: [ADMIN],
    lastUsedDaysAgo: 0.3,
    instanceProfile: true,
  });
  const jumpbox = dev.instance({
    region: 'us-east-1',
    name: 'dev-jumpbox',
    type: 't3.small',
    launched: dev.daysAgo(120),
    publicIp: '54.210.17.203',
    privateIp: '10.4.1.17',
    state: 'running',
    tags: { Name: 'dev-jumpbox', team: 'platform' },
    role: jumpboxRole,
  });
  out.push(
    entry(
      'compute-admin',
      dev.instanceArn(jumpbox),
      'public EC2 instance whose instance profile role has AdministratorAccess (critical)',
    ),
  );
  out.push(entry('admin-role', jumpboxRole.arn, 'EC2 role with AdministratorAccess'));

  const opsRole = dev.role({
    name: 'ops-automation-role',
    path: '/service-role/',
    createdDaysAgo: 500,
    trust: serviceTrust('lambda.amazonaws.com'),
    managed: [ADMIN, awsManagedArn('AWSLambdaBasicExecutionRole')],
    lastUsedDaysAgo: 0.5,
  });
  const opsFn = dev.fn({
    name: 'ops-automation',
    region: 'us-east-1',
    roleArn: opsRole.arn,
    runtime: 'python3.12',
    modified: dev.daysAgo(45),
    description: 'Nightly account housekeeping',
  });
  out.push(
    entry(
      'compute-admin',
      dev.functionArn(opsFn),
      'Lambda function whose execution role has AdministratorAccess',
    ),
  );
  out.push(entry('admin-role', opsRole.arn, 'Lambda execution role with AdministratorAccess'));

  const legacyFull = shared.policy('LegacyFullAccess', policyDoc(allowStmt('*', '*')), 1300);
  out.push(entry('orphan-admin-policy', legacyFull.arn, 'customer managed *:* policy attached to nothing'));

  const contractor = staging.user({
    name: 'former-contractor',
    createdDaysAgo: 800,
    managed: [ADMIN],
    tags: { company: 'contoso-consulting' },
    credentials: {
      password: { changed: staging.daysAgo(500), lastUsed: staging.daysAgo(200) },
      mfa: true,
      keys: [
        {
          active: true,
          rotated: staging.daysAgo(700),
          lastUsed: staging.daysAgo(210),
          lastUsedService: 'iam',
          lastUsedRegion: 'us-east-1',
        },
      ],
    },
  });
  out.push(
    entry('inactive-admin', contractor.arn, 'administrator user with no password or key use for 200 days'),
  );
  out.push(entry('admin-user', contractor.arn, 'AdministratorAccess attached directly'));
  const migration = shared.role({
    name: 'old-migration-admin',
    createdDaysAgo: 700,
    trust: awsTrust(shared.account.id),
    managed: [ADMIN],
    lastUsedDaysAgo: 240,
  });
  out.push(entry('inactive-admin', migration.arn, 'administrator role last used 240 days ago'));
  out.push(entry('admin-role', migration.arn, 'AdministratorAccess'));

  const deployerPolicy = dev.policy(
    'ci-deployer-policy',
    policyDoc(
      allowStmt(
        ['iam:CreatePolicyVersion', 'iam:GetPolicy', 'iam:GetPolicyVersion', 'iam:ListPolicyVersions'],
        '*',
      ),
    ),
    300,
  );
  const deployer = dev.user({
    name: 'ci-deployer',
    path: '/service/',
    createdDaysAgo: 300,
    managed: [deployerPolicy.arn],
    credentials: {
      password: null,
      mfa: false,
      keys: [
        {
          active: true,
          rotated: dev.daysAgo(30),
          lastUsed: dev.daysAgo(0.5),
          lastUsedService: 'iam',
          lastUsedRegion: 'us-east-1',
        },
      ],
    },
    activity: makeActivity(
      dev.prng,
      [
        { action: 'iam:GetPolicy', resource: deployerPolicy.arn },
        { action: 'iam:ListPolicyVersions', resource: deployerPolicy.arn },
      ],
      'us-east-1',
      'pipeline',
      4,
    ),
  });
  out.push(
    entry(
      'privilege-escalation',
      deployer.arn,
      'iam:CreatePolicyVersion on * with a customer managed policy attached to itself (iam-001)',
    ),
  );

  const lambdaDev = dev.user({
    name: 'lambda-developer',
    createdDaysAgo: 250,
    inline: [
      {
        name: 'lambda-dev',
        doc: policyDoc(
          allowStmt(
            [
              'iam:PassRole',
              'iam:ListRoles',
              'lambda:CreateFunction',
              'lambda:InvokeFunction',
              'lambda:GetFunction',
              'lambda:ListFunctions',
            ],
            '*',
          ),
        ),
      },
    ],
    credentials: {
      password: { changed: dev.daysAgo(60), lastUsed: dev.daysAgo(1) },
      mfa: true,
      keys: [
        {
          active: true,
          rotated: dev.daysAgo(20),
          lastUsed: dev.daysAgo(0.2),
          lastUsedService: 'lambda',
          lastUsedRegion: 'us-east-1',
        },
      ],
    },
    activity: makeActivity(
      dev.prng,
      [
        { action: 'lambda:ListFunctions', resource: null },
        { action: 'lambda:GetFunction', resource: dev.functionArn(opsFn) },
        { action: 'iam:CreateRole', resource: null, denied: true },
      ],
      'us-east-1',
      'human',
      5,
    ),
  });
  out.push(
    entry(
      'privilege-escalation',
      lambdaDev.arn,
      'iam:PassRole * + lambda:CreateFunction + lambda:InvokeFunction; ops-automation-role (admin) trusts lambda (lambda-001)',
    ),
  );
  out.push(entry('wildcard-passrole', lambdaDev.arn, 'iam:PassRole on *'));
  return out;
}
