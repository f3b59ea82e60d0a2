/**
 * A small account for escalation scenarios: an attacker (user and role) holding exactly the given actions,
 * and every kind of target a technique may need — users with and without keys or a password, a role trusting
 * the account and every compute service (with an instance profile), a role without a profile, a group, a
 * Lambda function, an EC2 instance and one service resource of each kind. Targets are administrators unless
 * `adminTargets` is false. Goes through the real ingest layer and the real authorization service.
 */
import { inventoryFromRaw } from '../../ingest/from-raw.js';
import type { Inventory, ServiceResourceKind } from '../../model/inventory.js';
import { createAuthz } from '../../policy/authz.js';
import { credentialReport, ec2Instances, lambdaFunctions } from '../../rules/test-utils/exports.js';
import type { RawInput } from '../../rules/test-utils/gaad.js';
import {
  ACCOUNT,
  ADMIN_ARN,
  administratorAccess,
  allow,
  doc,
  gaad,
  group,
  managedPolicy,
  role,
  trust,
  user,
} from '../../rules/test-utils/gaad.js';
import type { EscalationAnalysis } from '../analyze.js';
import { analyzeEscalation } from '../analyze.js';

type Json = Record<string, unknown>;

export { ACCOUNT };
export const AS_OF = new Date('2025-06-01T00:00:00Z');
export const arnOf = (kind: 'user' | 'role' | 'group' | 'policy', name: string, account = ACCOUNT): string =>
  `arn:aws:iam::${account}:${kind}/${name}`;
export const ATTACKER = arnOf('user', 'attacker');
export const ATTACKER_ROLE = arnOf('role', 'attacker-role');
export const TARGET_ROLE = arnOf('role', 'target-role');
export const TARGET_USER = arnOf('user', 'target-user');
export const FN_ARN = `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:target-fn`;
export const INSTANCE_ARN = `arn:aws:ec2:eu-west-1:${ACCOUNT}:instance/i-0aaaaaaaaaaaaaaa1`;

/** Every service principal a PassRole technique passes a role to. */
export const SERVICES = [
  'ec2.amazonaws.com',
  'lambda.amazonaws.com',
  'ecs-tasks.amazonaws.com',
  'glue.amazonaws.com',
  'cloudformation.amazonaws.com',
  'codebuild.amazonaws.com',
  'sagemaker.amazonaws.com',
  'datapipeline.amazonaws.com',
  'tasks.apprunner.amazonaws.com',
  'bedrock-agentcore.amazonaws.com',
];

const SERVICE_KINDS: ServiceResourceKind[] = [
  'cloudformation-stack',
  'cloudformation-stack-set',
  'codebuild-project',
  'sagemaker-notebook',
  'glue-dev-endpoint',
  'glue-job',
  'ecs-task-definition',
  'apprunner-service',
  'bedrock-code-interpreter',
  'ec2-launch-template',
];

const HARMLESS = managedPolicy(arnOf('policy', 'harmless'), doc(allow('s3:ListAllMyBuckets')));
const S3_ONLY = managedPolicy(arnOf('policy', 's3-only'), doc(allow('s3:*')));

export interface WorldOptions {
  /** The attacker's inline grants (statements). */
  attacker: Json[];
  /** Targets are administrators (default true). */
  adminTargets?: boolean;
  /** Permission boundary ARN on the attacker user and role (`s3-only` exists). */
  attackerBoundary?: string;
  /** Permission boundary ARN on the modifiable targets (`plain-role`, `plain-user`). */
  targetBoundary?: string;
  /** Target role trust statements (default: the account root and every service). */
  targetTrust?: Json[];
  /** Extra GAAD parts. */
  extraRoles?: Json[];
  extraUsers?: Json[];
  /** Extra input files (organization, credential report, …). */
  extraInputs?: RawInput[];
  /** The credential report (default: target-user has no password and no key, full-user both and two keys). */
  report?: RawInput | null;
}

/** The inputs of the scenario account. */
export function worldInputs(o: WorldOptions): RawInput[] {
  const targetPolicy = o.adminTargets === false ? HARMLESS : administratorAccess;
  const targetArn = o.adminTargets === false ? arnOf('policy', 'harmless') : ADMIN_ARN;
  const attackerInline = { grants: doc(...o.attacker) };
  const bound = o.attackerBoundary ? { boundary: o.attackerBoundary } : {};
  const tBound = o.targetBoundary ? { boundary: o.targetBoundary } : {};
  const trustAll = o.targetTrust ?? [
    trust({ AWS: `arn:aws:iam::${ACCOUNT}:root` }),
    trust({ Service: SERVICES }),
  ];
  const iam = gaad({
    users: [
      user('attacker', {
        inline: attackerInline,
        attached: [arnOf('policy', 'attacker-policy')],
        groups: ['attacker-group'],
        ...bound,
      }),
      user('target-user', { attached: [targetArn] }),
      user('full-user', { attached: [targetArn] }),
      user('plain-user', { attached: [arnOf('policy', 'harmless')], ...tBound }),
      ...(o.extraUsers ?? []),
    ],
    groups: [
      group('attacker-group', { attached: [arnOf('policy', 'harmless')] }),
      group('admins', { attached: [targetArn] }),
    ],
    roles: [
      role('attacker-role', {
        inline: attackerInline,
        attached: [arnOf('policy', 'attacker-policy')],
        trust: [trust({ Service: 'ec2.amazonaws.com' })],
        ...bound,
      }),
      role('target-role', { attached: [targetArn], trust: trustAll, instanceProfile: 'target-profile' }),
      role('noprofile-role', { attached: [targetArn], trust: [trust({ Service: 'ec2.amazonaws.com' })] }),
      role('plain-role', {
        attached: [arnOf('policy', 'plain-policy')],
        trust: [trust({ AWS: `arn:aws:iam::${ACCOUNT}:root` })],
        ...tBound,
      }),
      ...(o.extraRoles ?? []),
    ],
    policies: [
      targetPolicy,
      HARMLESS,
      S3_ONLY,
      managedPolicy(arnOf('policy', 'attacker-policy'), doc(allow('s3:ListAllMyBuckets'))),
      managedPolicy(arnOf('policy', 'plain-policy'), doc(allow('s3:ListAllMyBuckets'))),
    ],
  });
  const report =
    o.report === undefined
      ? credentialReport([
          { name: 'target-user' },
          {
            name: 'full-user',
            password: { lastUsed: '2025-05-01T00:00:00+00:00' },
            keys: [{ rotated: '2025-01-01T00:00:00+00:00' }, { rotated: '2025-01-01T00:00:00+00:00' }],
          },
          { name: 'plain-user', password: { lastUsed: '2025-05-01T00:00:00+00:00' } },
        ])
      : o.report;
  return [
    iam,
    ec2Instances([{ id: 'i-0aaaaaaaaaaaaaaa1', profile: 'target-profile' }]),
    lambdaFunctions([{ name: 'target-fn', role: 'target-role' }]),
    ...(report === null ? [] : [report]),
    ...(o.extraInputs ?? []),
  ];
}

/** Adds one service resource of every kind (running as target-role) and a stored admin policy version. */
export function enrich(inventory: Inventory): Inventory {
  inventory.serviceResources = SERVICE_KINDS.map((kind) => ({
    kind,
    arn: `arn:aws:${kind.split('-')[0]}:eu-west-1:${ACCOUNT}:${kind}/target-${kind}`,
    name: `target-${kind}`,
    accountId: ACCOUNT,
    region: 'eu-west-1',
    roleArn: TARGET_ROLE,
  }));
  const p = inventory.policies.get(arnOf('policy', 'attacker-policy'));
  if (p)
    p.nonDefaultVersions = [
      {
        versionId: 'v0',
        document: {
          version: '2012-10-17',
          statements: [{ sid: null, effect: 'Allow', action: ['*'], resource: ['*'] }],
        },
      },
    ];
  return inventory;
}

/** Ingests the inputs, enriches them and analyses escalation. */
export function analyzeWorld(inputs: RawInput[], opts: { enrich?: boolean } = {}): EscalationAnalysis {
  const { inventory } = inventoryFromRaw(inputs);
  if (opts.enrich !== false) enrich(inventory);
  return analyzeEscalation(inventory, createAuthz(inventory, { asOf: AS_OF }), AS_OF);
}

/** The scenario world for a list of allowed actions on every resource. */
export function worldFor(actions: string[], o: Omit<WorldOptions, 'attacker'> = {}): EscalationAnalysis {
  const attacker = actions.length > 0 ? [allow(actions)] : [allow('s3:ListAllMyBuckets')];
  return analyzeWorld(worldInputs({ ...o, attacker }));
}
