import { HUMAN_READS, makeActivity } from './activity.js';
import { appPolicy } from './app-policy.js';
import { APP_SERVICES } from './catalog.js';
import { awsManagedArn } from './aws-managed-policies.js';
import { allowStmt, awsTrust, policyDoc, serviceTrust, type AccountBuilder } from './builder.js';
import { APPS, COMPONENTS, TEAMS, personName, privateIp, publicIp } from './names.js';
import type { DemoGroup, DemoRole, DemoUser, KeySpec } from './types.js';

/** Where the benign population of one account lives in the organization. */
export interface PopulationContext {
  env: string;
  managementAccount: string;
  sharedServicesAccount: string;
}

const RUNTIMES = ['python3.12', 'nodejs20.x', 'java21', 'python3.11', 'nodejs18.x'];
const INSTANCE_TYPES = ['t3.micro', 't3.medium', 'm6i.large', 'c6i.xlarge', 'r6g.large'];

/**
 * Fills one account with `budget` benign principals (users + roles + groups): baseline roles every account has
 * (service-linked, SSO, the organization access role), groups with members, people and service users, and
 * workload roles with their Lambda functions and EC2 instances. A little ordinary sloppiness is kept at
 * plausible rates (an old key, an unused role, a person without MFA).
 */
export function populateAccount(b: AccountBuilder, budget: number, ctx: PopulationContext): void {
  const start = b.account.users.length + b.account.roles.length + b.account.groups.length;
  baselineRoles(b, ctx);
  const boundary = b.policy(
    'workload-boundary',
    workloadBoundary(),
    b.prng.int(300, 900),
    [],
    '/boundaries/',
  );
  const used = () => b.account.users.length + b.account.roles.length + b.account.groups.length - start;
  const groups = teamGroups(b, Math.max(2, Math.round(budget * 0.07)), ctx.env);
  const remaining = Math.max(0, budget - used());
  const users = Math.round(remaining * 0.42);
  for (let i = 0; i < users; i++) {
    if (b.prng.chance(0.68)) person(b, groups);
    else serviceUser(b, ctx.env).boundary = b.prng.chance(0.3) ? boundary.arn : null;
  }
  while (used() < budget) workloadRole(b, ctx).boundary = b.prng.chance(0.25) ? boundary.arn : null;
}

/** The permissions boundary platform teams put on workloads: data-plane services only, never IAM. */
function workloadBoundary() {
  return policyDoc(
    allowStmt(
      [
        ...APP_SERVICES.map((s) => `${s}:*`),
        'sts:GetCallerIdentity',
        'ssm:*',
        'ssmmessages:*',
        'ec2messages:*',
        'kms:Decrypt',
      ],
      '*',
      { Sid: 'DataPlaneOnly' },
    ),
    { Sid: 'NoIam', Effect: 'Deny', Action: 'iam:*', Resource: '*' },
  );
}

function baselineRoles(b: AccountBuilder, ctx: PopulationContext): void {
  const acct = b.account.id;
  const slr = (service: string, name: string, policy: string, lastUsed: number | null) =>
    b.role({
      name,
      path: `/aws-service-role/${service}/`,
      createdDaysAgo: b.prng.int(300, 1400),
      trust: serviceTrust(service),
      managed: [awsManagedArn(policy)],
      lastUsedDaysAgo: lastUsed,
      description: `Service-linked role for ${service}`,
    });
  slr('support.amazonaws.com', 'AWSServiceRoleForSupport', 'AWSSupportServiceRolePolicy', null);
  slr(
    'trustedadvisor.amazonaws.com',
    'AWSServiceRoleForTrustedAdvisor',
    'AWSTrustedAdvisorServiceRolePolicy',
    b.prng.int(0, 3),
  );
  slr('guardduty.amazonaws.com', 'AWSServiceRoleForAmazonGuardDuty', 'AmazonGuardDutyServiceRolePolicy', 0.2);
  slr('config.amazonaws.com', 'AWSServiceRoleForConfig', 'AWSConfigServiceRolePolicy', 0.1);
  const samlProvider = `arn:aws:iam::${acct}:saml-provider/AWSSSO_${b.prng.hex(16)}_DO_NOT_DELETE`;
  for (const [set, policy] of [
    ['ReadOnlyAccess', 'ViewOnlyAccess'],
    ['PowerUserAccess', 'PowerUserAccess'],
  ] as const) {
    b.role({
      name: `AWSReservedSSO_${set}_${b.prng.hex(16)}`,
      path: '/aws-reserved/sso.amazonaws.com/',
      createdDaysAgo: b.prng.int(200, 900),
      trust: policyDoc({
        Effect: 'Allow',
        Principal: { Federated: samlProvider },
        Action: ['sts:AssumeRoleWithSAML', 'sts:TagSession'],
        Condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } },
      }),
      managed: [awsManagedArn(policy)],
      lastUsedDaysAgo: b.prng.int(0, 4),
      activity: makeActivity(
        b.prng,
        HUMAN_READS.slice(0, b.prng.int(3, 6)),
        b.account.regions[0] as string,
        'human',
      ),
    });
  }
  if (acct !== ctx.managementAccount) {
    b.role({
      name: 'OrganizationAccountAccessRole',
      createdDaysAgo: b.prng.int(600, 1400),
      trust: awsTrust(ctx.managementAccount),
      inline: [{ name: 'AdministratorAccess', doc: policyDoc(allowStmt('*')) }],
      lastUsedDaysAgo: b.prng.int(3, 40),
    });
  }
}

function teamGroups(b: AccountBuilder, count: number, env: string): DemoGroup[] {
  const out = [b.group('Developers', b.prng.int(400, 1200), [awsManagedArn('ViewOnlyAccess')])];
  out.push(b.group('Auditors', b.prng.int(400, 1200), [awsManagedArn('SecurityAudit')]));
  for (let i = out.length; i < count; i++) {
    const team = i - 2 < TEAMS.length ? (TEAMS[i - 2] as string) : b.prng.pick(TEAMS);
    const app = b.prng.pick(APPS);
    const policy = b.policy(
      `${team}-${app}-access`,
      appPolicy(b.prng, b.account.id, b.account.regions[0] as string, app, env).doc,
      b.prng.int(60, 900),
    );
    out.push(b.group(`team-${team}`, b.prng.int(100, 900), [policy.arn]));
  }
  return out;
}

function freshKey(b: AccountBuilder, service: string): KeySpec {
  // About one key in 25 has not been rotated for a long time: the usual sloppiness of a real account.
  const rotated = b.prng.chance(0.04) ? b.prng.int(120, 700) : b.prng.int(3, 80);
  return {
    active: true,
    rotated: b.daysAgo(rotated),
    lastUsed: b.daysAgo(b.prng.next() * 2),
    lastUsedService: service,
    lastUsedRegion: b.prng.pick(b.account.regions),
  };
}

function person(b: AccountBuilder, groups: DemoGroup[]): void {
  const created = b.prng.int(120, 1500);
  const hasKey = b.prng.chance(0.3);
  const memberOf = [groups[0] as DemoGroup, ...b.prng.sample(groups.slice(1), b.prng.int(0, 2))];
  const user = b.user({
    name: personName(b.prng),
    createdDaysAgo: created,
    groups: memberOf.map((g) => g.name),
    tags: { team: b.prng.pick(TEAMS) },
    credentials: {
      password: {
        changed: b.daysAgo(b.prng.int(5, Math.min(created, 300))),
        lastUsed: b.daysAgo(b.prng.next() * 20),
      },
      mfa: !b.prng.chance(0.03),
      keys: hasKey ? [freshKey(b, 'ec2')] : [],
    },
  });
  if (hasKey && b.prng.chance(0.6))
    user.activity = makeActivity(
      b.prng,
      HUMAN_READS.slice(0, b.prng.int(2, 6)),
      b.prng.pick(b.account.regions),
      'human',
    );
}

function serviceUser(b: AccountBuilder, env: string): DemoUser {
  const app = b.prng.pick(APPS);
  const region = b.prng.pick(b.account.regions);
  const policy = appPolicy(b.prng, b.account.id, region, app, env);
  const firstService = (policy.calls[0]?.action ?? 's3:').split(':')[0] as string;
  const key = freshKey(b, firstService);
  return b.user({
    name: `svc-${app}-${b.prng.pick(['export', 'sync', 'uploader', 'reporting', 'integration'])}`,
    path: '/service/',
    createdDaysAgo: Math.ceil((b.asOf.getTime() - key.rotated.getTime()) / 86_400_000) + b.prng.int(0, 400),
    inline: [{ name: `${app}-access`, doc: policy.doc }],
    tags: { app, env, owner: `${b.prng.pick(TEAMS)}@example.com` },
    credentials: { password: null, mfa: false, keys: [key] },
    activity: b.prng.chance(0.75) ? makeActivity(b.prng, policy.calls, region, 'pipeline') : null,
  });
}

function workloadRole(b: AccountBuilder, ctx: PopulationContext): DemoRole {
  const app = b.prng.pick(APPS);
  const component = b.prng.pick(COMPONENTS);
  const region = b.prng.pick(b.account.regions);
  const policy = appPolicy(b.prng, b.account.id, region, app, ctx.env);
  const kind = b.prng.pick(['lambda', 'lambda', 'ecs', 'ecs', 'ec2', 'deploy'] as const);
  const created = b.prng.int(20, 1200);
  // About one workload role in 30 is left behind by a retired service: created long ago, never used since.
  const isAbandoned = created > 120 && b.prng.chance(0.035);
  const lastUsed = isAbandoned ? null : b.prng.next() * 2;
  const isActive = !isAbandoned && b.prng.chance(0.55);
  const tags = { app, env: ctx.env, team: b.prng.pick(TEAMS) };
  const inline = [{ name: `${app}-${component}`, doc: policy.doc }];
  const activity = isActive
    ? makeActivity(b.prng, policy.calls, region, kind === 'deploy' ? 'pipeline' : 'workload')
    : null;
  if (kind === 'lambda') {
    const role = b.role({
      name: `${app}-${component}-lambda-role`,
      path: '/service-role/',
      createdDaysAgo: created,
      trust: serviceTrust('lambda.amazonaws.com'),
      managed: [awsManagedArn('AWSLambdaBasicExecutionRole')],
      inline,
      tags,
      lastUsedDaysAgo: lastUsed,
      activity,
    });
    b.fn({
      name: `${role.name.replace(/-lambda-role(-\d+)?$/, '$1')}-${ctx.env}`,
      region,
      roleArn: role.arn,
      runtime: b.prng.pick(RUNTIMES),
      modified: b.daysAgo(b.prng.int(1, Math.min(created, 400))),
      description: `${app} ${component}`,
    });
    return role;
  }
  if (kind === 'ec2') {
    const role = b.role({
      name: `${app}-${component}-ec2-role`,
      createdDaysAgo: created,
      trust: serviceTrust('ec2.amazonaws.com'),
      managed: [awsManagedArn('AmazonSSMManagedInstanceCore')],
      inline,
      tags,
      lastUsedDaysAgo: lastUsed,
      instanceProfile: true,
      activity,
    });
    for (let i = b.prng.int(1, 2); i > 0; i--) {
      b.instance({
        region,
        name: `${app}-${component}-${i}`,
        type: b.prng.pick(INSTANCE_TYPES),
        launched: b.daysAgo(b.prng.int(1, Math.min(created, 300))),
        publicIp: b.prng.chance(0.08) ? publicIp(b.prng) : null,
        privateIp: privateIp(b.prng),
        state: b.prng.chance(0.9) ? 'running' : 'stopped',
        tags: { Name: `${app}-${component}-${i}`, ...tags },
        role,
      });
    }
    return role;
  }
  if (kind === 'ecs') {
    return b.role({
      name: `${app}-${component}-task-role`,
      createdDaysAgo: created,
      trust: serviceTrust('ecs-tasks.amazonaws.com'),
      inline,
      tags,
      lastUsedDaysAgo: lastUsed,
      activity,
    });
  }
  return b.role({
    name: `${app}-deploy`,
    createdDaysAgo: created,
    trust: awsTrust(`arn:aws:iam::${ctx.sharedServicesAccount}:role/ci-runner`),
    inline,
    tags,
    description: `Assumed by the CI runner to deploy ${app}`,
    lastUsedDaysAgo: lastUsed,
    activity,
  });
}
