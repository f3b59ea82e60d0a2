import type { NamedPolicy, PolicyDocument } from './policy.js';

/** Tags as a plain map; keys and values are attacker-controlled strings. */
export type Tags = Record<string, string>;

/** An inline policy embedded in a user, group or role. */
export interface InlinePolicy {
  name: string;
  document: PolicyDocument;
}

/** A managed policy at its default version (AWS managed or customer managed). */
export interface ManagedPolicy {
  arn: string;
  name: string;
  id: string | null;
  path: string;
  /** Account that owns it; `null` for AWS managed policies (`arn:aws:iam::aws:policy/...`). */
  accountId: string | null;
  isAwsManaged: boolean;
  defaultVersionId: string | null;
  document: PolicyDocument;
  /** Attachment count as reported by IAM; `null` when the export does not say. */
  attachmentCount: number | null;
  permissionsBoundaryUsageCount: number | null;
  isAttachable: boolean;
  /** Versions other than the default, when the export lists them (SetDefaultPolicyVersion can switch to one). */
  nonDefaultVersions?: { versionId: string; document: PolicyDocument }[];
  createDate: string | null;
  updateDate: string | null;
}

interface PrincipalBase {
  arn: string;
  name: string;
  id: string | null;
  path: string;
  accountId: string;
  createDate: string | null;
  inlinePolicies: InlinePolicy[];
  attachedPolicyArns: string[];
  tags: Tags;
}

/** An IAM user. */
export interface User extends PrincipalBase {
  kind: 'user';
  groupNames: string[];
  permissionsBoundaryArn: string | null;
}

/** An IAM group. */
export interface Group extends PrincipalBase {
  kind: 'group';
}

/** An IAM role. */
export interface Role extends PrincipalBase {
  kind: 'role';
  trustPolicy: PolicyDocument;
  permissionsBoundaryArn: string | null;
  description: string | null;
  maxSessionDuration: number | null;
  /** `RoleLastUsed` from the export: `null` date means never used (in IAM's tracking period). */
  lastUsed: { date: string | null; region: string | null } | null;
  instanceProfileArns: string[];
  /** Service-linked roles live under `/aws-service-role/`. */
  isServiceLinked: boolean;
}

/** An instance profile and the role(s) it carries. */
export interface InstanceProfile {
  arn: string;
  name: string;
  id: string | null;
  accountId: string;
  roleArns: string[];
}

/** An EC2 instance (from `describe-instances`). */
export interface Ec2Instance {
  arn: string;
  instanceId: string;
  accountId: string;
  region: string;
  name: string | null;
  state: string | null;
  publicIp: string | null;
  instanceProfileArn: string | null;
  launchTime: string | null;
  tags: Tags;
}

/** A Lambda function (from `list-functions`). */
export interface LambdaFunction {
  arn: string;
  name: string;
  accountId: string;
  region: string;
  roleArn: string;
  runtime: string | null;
  lastModified: string | null;
}

/** Kinds of service resources that run code as a role (inputs beyond EC2 and Lambda). */
export type ServiceResourceKind =
  | 'cloudformation-stack'
  | 'cloudformation-stack-set'
  | 'codebuild-project'
  | 'sagemaker-notebook'
  | 'glue-dev-endpoint'
  | 'glue-job'
  | 'ecs-task-definition'
  | 'apprunner-service'
  | 'bedrock-code-interpreter'
  | 'ec2-launch-template';

/**
 * A service resource that runs code as a role, from the service's documented CLI output (CloudFormation
 * `describe-stacks` RoleARN, CodeBuild `batch-get-projects` serviceRole, SageMaker notebook RoleArn, Glue
 * dev endpoint / job Role, ECS task definition taskRoleArn, …). Privilege-escalation techniques on existing
 * resources are edges only for the resources listed here.
 */
export interface ServiceResource {
  kind: ServiceResourceKind;
  arn: string;
  name: string;
  accountId: string;
  region: string | null;
  /** The role the resource acts as; `null` when it has none. */
  roleArn: string | null;
}

/** One access-key slot of a credential report row. */
export interface AccessKeySlot {
  slot: 1 | 2;
  active: boolean;
  lastRotated: string | null;
  lastUsedDate: string | null;
  lastUsedRegion: string | null;
  lastUsedService: string | null;
}

/** One row of `get-credential-report`; dates are ISO strings or `null` for N/A / no_information. */
export interface CredentialReportRow {
  accountId: string;
  user: string;
  arn: string;
  isRoot: boolean;
  userCreationTime: string | null;
  passwordEnabled: boolean;
  passwordLastUsed: string | null;
  passwordLastChanged: string | null;
  mfaActive: boolean;
  accessKeys: [AccessKeySlot, AccessKeySlot];
}

/** A service or resource control policy with the targets it is attached to. */
export interface OrgPolicy {
  id: string;
  arn: string;
  name: string;
  type: 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY';
  awsManaged: boolean;
  document: PolicyDocument;
  /** Root, OU or account ids. */
  targetIds: string[];
}

/** AWS Organizations structure (PRODUCT.md §2, organization input). */
export interface Organization {
  id: string;
  arn: string | null;
  managementAccountId: string | null;
  roots: { id: string; arn: string | null; name: string | null }[];
  organizationalUnits: { id: string; arn: string | null; name: string | null; parentId: string }[];
  accounts: {
    id: string;
    arn: string | null;
    name: string | null;
    email: string | null;
    status: string | null;
    parentId: string | null;
  }[];
  policies: OrgPolicy[];
}

/** Which input kinds were present, overall and per account: rules skip (and say so) when theirs is missing. */
export interface Coverage {
  iamAccounts: Set<string>;
  credentialReportAccounts: Set<string>;
  ec2Accounts: Set<string>;
  lambdaAccounts: Set<string>;
  organization: boolean;
  cloudtrail: boolean;
  /** Per service resource kind, the accounts whose resources of that kind were read (absent: none read). */
  serviceResourceAccounts?: Partial<Record<ServiceResourceKind, Set<string>>>;
}

/** Everything read from the inputs, merged across files and accounts. */
export interface Inventory {
  users: User[];
  groups: Group[];
  roles: Role[];
  /** Keyed by ARN; AWS managed policies appear once however many accounts list them. */
  policies: Map<string, ManagedPolicy>;
  instanceProfiles: InstanceProfile[];
  instances: Ec2Instance[];
  functions: LambdaFunction[];
  /** Other compute-like resources with a role (optional: absent when no such input was read). */
  serviceResources?: ServiceResource[];
  credentialReport: CredentialReportRow[];
  organization: Organization | null;
  coverage: Coverage;
}

/** Creates an empty inventory. */
export function emptyInventory(): Inventory {
  return {
    users: [],
    groups: [],
    roles: [],
    policies: new Map(),
    instanceProfiles: [],
    instances: [],
    functions: [],
    credentialReport: [],
    organization: null,
    coverage: {
      iamAccounts: new Set(),
      credentialReportAccounts: new Set(),
      ec2Accounts: new Set(),
      lambdaAccounts: new Set(),
      organization: false,
      cloudtrail: false,
    },
  };
}

/** The policies that apply to one principal, as the evaluator takes them. */
export interface PrincipalPolicies {
  principalArn: string;
  accountId: string;
  /** Inline, attached managed, and (for users) group policies. */
  identity: NamedPolicy[];
  boundary: NamedPolicy | null;
  /** One entry per level of the organization tree (root, each OU, the account); every level must allow. */
  scps: NamedPolicy[][];
}
