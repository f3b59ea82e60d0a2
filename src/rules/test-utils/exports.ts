import { CREDENTIAL_REPORT_COLUMNS } from '../../model/credential-report.js';
import type { CredentialReportColumn as Column } from '../../model/credential-report.js';
import type { RawInput } from './gaad.js';
import { ACCOUNT } from './gaad.js';

const COLUMNS = CREDENTIAL_REPORT_COLUMNS;

/** An access key: `rotated` is its creation / last rotation, `used` its last use (omitted: never). */
export interface KeySpec {
  active?: boolean;
  rotated: string;
  used?: string;
}

/** A credential report row for a user (name) or the root user (`root: true`). */
export interface CredentialRowSpec {
  name: string;
  account?: string;
  root?: boolean;
  created?: string;
  password?: { lastUsed?: string; changed?: string };
  mfa?: boolean;
  keys?: [KeySpec?, KeySpec?];
}

function keyCells(n: 1 | 2, key: KeySpec | undefined): Partial<Record<Column, string>> {
  const p = `access_key_${n}_` as const;
  if (key === undefined) {
    return {
      [`${p}active`]: 'false',
      [`${p}last_rotated`]: 'N/A',
      [`${p}last_used_date`]: 'N/A',
      [`${p}last_used_region`]: 'N/A',
      [`${p}last_used_service`]: 'N/A',
    };
  }
  return {
    [`${p}active`]: String(key.active ?? true),
    [`${p}last_rotated`]: key.rotated,
    [`${p}last_used_date`]: key.used ?? 'N/A',
    [`${p}last_used_region`]: key.used ? 'us-east-1' : 'N/A',
    [`${p}last_used_service`]: key.used ? 's3' : 'N/A',
  };
}

function row(spec: CredentialRowSpec): string {
  const account = spec.account ?? ACCOUNT;
  const cells: Partial<Record<Column, string>> = {
    user: spec.root ? '<root_account>' : spec.name,
    arn: spec.root ? `arn:aws:iam::${account}:root` : `arn:aws:iam::${account}:user/${spec.name}`,
    user_creation_time: spec.created ?? '2020-01-01T00:00:00+00:00',
    password_enabled: spec.root ? 'not_supported' : String(spec.password !== undefined),
    password_last_used: spec.password?.lastUsed ?? (spec.password ? 'no_information' : 'N/A'),
    password_last_changed: spec.root ? 'not_supported' : (spec.password?.changed ?? 'N/A'),
    password_next_rotation: 'N/A',
    mfa_active: String(spec.mfa ?? false),
    ...keyCells(1, spec.keys?.[0]),
    ...keyCells(2, spec.keys?.[1]),
    cert_1_active: 'false',
    cert_1_last_rotated: 'N/A',
    cert_2_active: 'false',
    cert_2_last_rotated: 'N/A',
  };
  return COLUMNS.map((c) => cells[c] ?? 'N/A').join(',');
}

/** The decoded CSV of `get-credential-report`. */
export function credentialReport(rows: CredentialRowSpec[], file = 'credential-report.csv'): RawInput {
  return { file, raw: [COLUMNS.join(','), ...rows.map(row)].join('\n') + '\n' };
}

/** One instance of `describe-instances`. */
export interface InstanceSpec {
  id: string;
  state?: string;
  publicIp?: string;
  profile?: string;
  account?: string;
  az?: string;
}

/** A `describe-instances` file. */
export function ec2Instances(instances: InstanceSpec[], file = 'ec2.json'): RawInput {
  return {
    file,
    raw: {
      Reservations: instances.map((i) => ({
        ReservationId: `r-${i.id}`,
        OwnerId: i.account ?? ACCOUNT,
        Instances: [
          {
            InstanceId: i.id,
            State: { Code: 16, Name: i.state ?? 'running' },
            Placement: { AvailabilityZone: i.az ?? 'eu-west-1a' },
            LaunchTime: '2024-01-01T00:00:00+00:00',
            ...(i.publicIp ? { PublicIpAddress: i.publicIp } : {}),
            ...(i.profile
              ? {
                  IamInstanceProfile: {
                    Arn: `arn:aws:iam::${i.account ?? ACCOUNT}:instance-profile/${i.profile}`,
                    Id: 'AIPAX',
                  },
                }
              : {}),
            Tags: [{ Key: 'Name', Value: i.id }],
          },
        ],
      })),
    },
  };
}

/** A `list-functions` file. */
export function lambdaFunctions(
  fns: { name: string; role: string; region?: string; account?: string }[],
  file = 'lambda.json',
): RawInput {
  return {
    file,
    raw: {
      Functions: fns.map((f) => ({
        FunctionName: f.name,
        FunctionArn: `arn:aws:lambda:${f.region ?? 'eu-west-1'}:${f.account ?? ACCOUNT}:function:${f.name}`,
        Role: `arn:aws:iam::${f.account ?? ACCOUNT}:role/${f.role}`,
        Runtime: 'nodejs20.x',
        LastModified: '2024-01-01T00:00:00.000+0000',
      })),
    },
  };
}

/**
 * An organization document (o-11111111) with the given member accounts; with `fullAwsAccess`, AWS's
 * FullAWSAccess SCP is attached to the root (as in every real organization).
 */
export function organization(
  accounts: string[],
  file = 'organization.json',
  opts: { fullAwsAccess?: boolean } = {},
): RawInput {
  return {
    file,
    raw: {
      Organization: {
        Id: 'o-11111111',
        Arn: 'arn:aws:organizations::100000000000:organization/o-11111111',
        MasterAccountId: '100000000000',
      },
      Roots: [{ Id: 'r-abcd', Name: 'Root' }],
      OrganizationalUnits: [],
      Accounts: accounts.map((id) => ({ Id: id, Name: `acct-${id}`, Status: 'ACTIVE', ParentId: 'r-abcd' })),
      Policies: opts.fullAwsAccess
        ? [
            {
              PolicySummary: {
                Id: 'p-FullAWSAccess',
                Arn: 'arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess',
                Name: 'FullAWSAccess',
                Type: 'SERVICE_CONTROL_POLICY',
                AwsManaged: true,
              },
              Content: JSON.stringify({
                Version: '2012-10-17',
                Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
              }),
              Targets: [{ TargetId: 'r-abcd', Type: 'ROOT', Name: 'Root' }],
            },
          ]
        : [],
    },
  };
}
