import { NameBook } from './names.js';
import type { Prng } from './prng.js';
import type {
  Activity,
  DemoAccount,
  DemoFunction,
  DemoGroup,
  DemoInstance,
  DemoPolicy,
  DemoRole,
  DemoUser,
  InlinePolicyJson,
  PolicyJson,
  UserCredentials,
} from './types.js';

const DAY_MS = 86_400_000;

/** A policy document from statements. */
export function policyDoc(...statements: Record<string, unknown>[]): PolicyJson {
  return { Version: '2012-10-17', Statement: statements };
}

/** An Allow statement. */
export function allowStmt(
  action: string | string[],
  resource: string | string[] = '*',
  extra: object = {},
): Record<string, unknown> {
  return { Effect: 'Allow', Action: action, Resource: resource, ...extra };
}

/** A trust policy letting an AWS service assume the role. */
export function serviceTrust(service: string): PolicyJson {
  return policyDoc({ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' });
}

/** A trust policy letting an account (or principal ARN) assume the role, with an optional condition. */
export function awsTrust(principal: string, condition?: object): PolicyJson {
  const aws = /^\d{12}$/.test(principal) ? `arn:aws:iam::${principal}:root` : principal;
  return policyDoc({
    Effect: 'Allow',
    Principal: { AWS: aws },
    Action: 'sts:AssumeRole',
    ...(condition ? { Condition: condition } : {}),
  });
}

interface UserInit {
  name: string;
  path?: string;
  createdDaysAgo: number;
  groups?: string[];
  managed?: string[];
  inline?: InlinePolicyJson[];
  boundary?: string | null;
  tags?: Record<string, string>;
  credentials: UserCredentials;
  activity?: Activity | null;
}

interface RoleInit {
  name: string;
  path?: string;
  createdDaysAgo: number;
  trust: PolicyJson;
  managed?: string[];
  inline?: InlinePolicyJson[];
  boundary?: string | null;
  tags?: Record<string, string>;
  description?: string | null;
  /** Days since RoleLastUsed; `null`: never used. */
  lastUsedDaysAgo: number | null;
  instanceProfile?: boolean;
  activity?: Activity | null;
}

/** Creates the principals and resources of one account with consistent names, ids and ARNs. */
export class AccountBuilder {
  readonly names = new NameBook();
  readonly policyNames = new NameBook();

  constructor(
    readonly account: DemoAccount,
    readonly prng: Prng,
    readonly asOf: Date,
  ) {}

  /** The date `days` (fractional allowed) before the demo's "now". */
  daysAgo(days: number): Date {
    return new Date(this.asOf.getTime() - Math.round((days * DAY_MS) / 1000) * 1000);
  }

  user(init: UserInit): DemoUser {
    const name = this.names.take(init.name);
    const path = init.path ?? '/';
    const user: DemoUser = {
      kind: 'user',
      name,
      path,
      id: this.prng.iamId('AIDA'),
      arn: `arn:aws:iam::${this.account.id}:user${path}${name}`,
      created: this.daysAgo(init.createdDaysAgo),
      groups: init.groups ?? [],
      managed: init.managed ?? [],
      inline: init.inline ?? [],
      boundary: init.boundary ?? null,
      tags: init.tags ?? {},
      credentials: init.credentials,
      activity: init.activity ?? null,
    };
    this.account.users.push(user);
    return user;
  }

  role(init: RoleInit): DemoRole {
    const name = this.names.take(init.name);
    const path = init.path ?? '/';
    const role: DemoRole = {
      kind: 'role',
      name,
      path,
      id: this.prng.iamId('AROA'),
      arn: `arn:aws:iam::${this.account.id}:role${path}${name}`,
      created: this.daysAgo(init.createdDaysAgo),
      trust: init.trust,
      managed: init.managed ?? [],
      inline: init.inline ?? [],
      boundary: init.boundary ?? null,
      tags: init.tags ?? {},
      description: init.description ?? null,
      lastUsed:
        init.lastUsedDaysAgo === null
          ? null
          : { date: this.daysAgo(init.lastUsedDaysAgo), region: this.prng.pick(this.account.regions) },
      instanceProfile: init.instanceProfile
        ? {
            name,
            id: this.prng.iamId('AIPA'),
            arn: `arn:aws:iam::${this.account.id}:instance-profile${path}${name}`,
          }
        : null,
      activity: init.activity ?? null,
    };
    this.account.roles.push(role);
    return role;
  }

  group(name: string, createdDaysAgo: number, managed: string[], inline: InlinePolicyJson[] = []): DemoGroup {
    const unique = this.names.take(name);
    const group: DemoGroup = {
      kind: 'group',
      name: unique,
      path: '/',
      id: this.prng.iamId('AGPA'),
      arn: `arn:aws:iam::${this.account.id}:group/${unique}`,
      created: this.daysAgo(createdDaysAgo),
      managed,
      inline,
      tags: {},
    };
    this.account.groups.push(group);
    return group;
  }

  policy(
    name: string,
    doc: PolicyJson,
    createdDaysAgo: number,
    oldVersions: PolicyJson[] = [],
    path = '/',
  ): DemoPolicy {
    const unique = this.policyNames.take(name);
    const created = this.daysAgo(createdDaysAgo);
    const policy: DemoPolicy = {
      name: unique,
      path,
      id: this.prng.iamId('ANPA'),
      arn: `arn:aws:iam::${this.account.id}:policy${path}${unique}`,
      doc,
      created,
      updated: oldVersions.length > 0 ? this.daysAgo(Math.max(1, createdDaysAgo / 3)) : created,
      oldVersions,
    };
    this.account.policies.push(policy);
    return policy;
  }

  instance(
    init: Omit<DemoInstance, 'id' | 'profileId' | 'profileArn'> & { role: DemoRole | null },
  ): DemoInstance {
    const { role, ...rest } = init;
    const instance: DemoInstance = {
      ...rest,
      id: `i-0${this.prng.hex(16)}`,
      profileArn: role?.instanceProfile?.arn ?? null,
      profileId: role?.instanceProfile?.id ?? null,
    };
    this.account.instances.push(instance);
    return instance;
  }

  fn(init: DemoFunction): DemoFunction {
    this.account.functions.push(init);
    return init;
  }

  /** The ARN of a Lambda function of this account. */
  functionArn(f: DemoFunction): string {
    return `arn:aws:lambda:${f.region}:${this.account.id}:function:${f.name}`;
  }

  /** The ARN of an EC2 instance of this account. */
  instanceArn(i: DemoInstance): string {
    return `arn:aws:ec2:${i.region}:${this.account.id}:instance/${i.id}`;
  }
}
