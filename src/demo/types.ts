/** Options of the demo organization generator. */
export interface DemoOptions {
  /** Folder the organization is written to (created when missing). */
  outDir: string;
  /** PRNG seed; the same options always produce the same bytes. Default 1. */
  seed?: number;
  /** Users + roles + groups across the organization, planted ones included. Default 600. */
  principals?: number;
  /** "Now" of the demo: credential-report dates, RoleLastUsed and CloudTrail are relative to it. */
  asOf?: Date;
  /** Write CloudTrail trail files (30 days before `asOf`). Default true. */
  cloudtrail?: boolean;
  /** Days of CloudTrail before `asOf`. Default 30. */
  cloudtrailDays?: number;
}

/** One resource the generator placed on purpose, with the rule it is about. */
export interface ManifestEntry {
  rule: string;
  resourceArn: string;
  note: string;
}

/** What was generated: planted risks (must fire), controls (must not fire) and counts. */
export interface DemoManifest {
  seed: number;
  asOf: string;
  organizationId: string;
  accounts: { id: string; name: string }[];
  planted: ManifestEntry[];
  controls: ManifestEntry[];
  counts: {
    principals: number;
    users: number;
    roles: number;
    groups: number;
    customerManagedPolicies: number;
    instances: number;
    functions: number;
    files: number;
    cloudtrailFiles: number;
    cloudtrailEvents: number;
  };
}

/** A policy document in AWS JSON spelling, as written to the exports. */
export interface PolicyJson {
  Version: '2012-10-17';
  Statement: Record<string, unknown>[];
}

/** An access key slot of a demo user. */
export interface KeySpec {
  active: boolean;
  rotated: Date;
  lastUsed: Date | null;
  lastUsedService: string | null;
  lastUsedRegion: string | null;
}

/** The credentials of a demo user, as the credential report shows them. */
export interface UserCredentials {
  password: { changed: Date; lastUsed: Date | null } | null;
  mfa: boolean;
  keys: KeySpec[];
}

/** An IAM action a principal performs in CloudTrail, with the resource it touches. */
export interface ActivityCall {
  action: string;
  resource: string | null;
  /** Fails with AccessDenied (the principal lacks the permission). */
  denied?: boolean;
}

/** How a principal shows up in CloudTrail. */
export interface Activity {
  calls: ActivityCall[];
  /** Average events per active day. */
  perDay: number;
  /** Share of days within the window with activity. */
  dayRate: number;
  region: string;
  userAgent: string;
  sourceIp: string;
}

export interface InlinePolicyJson {
  name: string;
  doc: PolicyJson;
}

interface DemoPrincipalBase {
  name: string;
  path: string;
  id: string;
  arn: string;
  created: Date;
  managed: string[];
  inline: InlinePolicyJson[];
  tags: Record<string, string>;
}

export interface DemoUser extends DemoPrincipalBase {
  kind: 'user';
  groups: string[];
  boundary: string | null;
  credentials: UserCredentials;
  activity: Activity | null;
}

export interface DemoRole extends DemoPrincipalBase {
  kind: 'role';
  trust: PolicyJson;
  boundary: string | null;
  description: string | null;
  lastUsed: { date: Date; region: string } | null;
  instanceProfile: { name: string; id: string; arn: string } | null;
  activity: Activity | null;
}

export interface DemoGroup extends DemoPrincipalBase {
  kind: 'group';
}

/** A customer managed policy; `versions` older non-default versions (documents only). */
export interface DemoPolicy {
  name: string;
  path: string;
  id: string;
  arn: string;
  doc: PolicyJson;
  created: Date;
  updated: Date;
  oldVersions: PolicyJson[];
}

export interface DemoInstance {
  id: string;
  region: string;
  name: string;
  type: string;
  launched: Date;
  publicIp: string | null;
  privateIp: string;
  profileArn: string | null;
  profileId: string | null;
  state: 'running' | 'stopped';
  tags: Record<string, string>;
}

export interface DemoFunction {
  name: string;
  region: string;
  roleArn: string;
  runtime: string;
  modified: Date;
  description: string;
}

/** One account of the demo organization and everything in it. */
export interface DemoAccount {
  id: string;
  name: string;
  email: string;
  parentId: string;
  created: Date;
  regions: string[];
  root: { mfa: boolean; key: KeySpec | null; passwordLastUsed: Date | null };
  users: DemoUser[];
  roles: DemoRole[];
  groups: DemoGroup[];
  policies: DemoPolicy[];
  instances: DemoInstance[];
  functions: DemoFunction[];
  /** CloudFormation stacks (written as describe-stacks); absent when the account has none. */
  stacks?: DemoStack[];
  /** EC2 launch templates (written as describe-launch-template-versions); absent when the account has none. */
  launchTemplates?: DemoLaunchTemplate[];
}

/** An EC2 launch template's default version and the instance profile it launches with. */
export interface DemoLaunchTemplate {
  id: string;
  name: string;
  region: string;
  version: number;
  profileArn: string;
  created: Date;
  createdBy: string;
}

/** A CloudFormation stack and its service role. */
export interface DemoStack {
  name: string;
  region: string;
  /** The StackId ARN. */
  arn: string;
  roleArn: string | null;
  created: Date;
}
