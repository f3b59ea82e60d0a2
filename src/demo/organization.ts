/** The demo organization's fixed structure: OUs, accounts and SCPs, written as PRODUCT.md §2's organization JSON. */

export const ORG_ID = 'o-11111111';
export const ROOT_ID = 'r-1111';
export const MANAGEMENT_ACCOUNT = '100000000001';
/** The external partner account; it appears only in trust policies. */
export const PARTNER_ACCOUNT = '999999999999';
export const REGIONS = ['us-east-1', 'eu-west-1'] as const;

const ORG_ARN_BASE = `arn:aws:organizations::${MANAGEMENT_ACCOUNT}`;

interface OuSpec {
  id: string;
  name: string;
  parentId: string;
}

/** OUs: Security, Infrastructure, Workloads (Prod, NonProd) and Sandbox. */
export const OUS: OuSpec[] = [
  { id: 'ou-1111-10000001', name: 'Security', parentId: ROOT_ID },
  { id: 'ou-1111-10000002', name: 'Infrastructure', parentId: ROOT_ID },
  { id: 'ou-1111-10000003', name: 'Workloads', parentId: ROOT_ID },
  { id: 'ou-1111-10000004', name: 'Prod', parentId: 'ou-1111-10000003' },
  { id: 'ou-1111-10000005', name: 'NonProd', parentId: 'ou-1111-10000003' },
  { id: 'ou-1111-10000006', name: 'Sandbox', parentId: ROOT_ID },
];

/** A member account of the demo organization and its share of the principals. */
export interface AccountSpec {
  id: string;
  name: string;
  parentId: string;
  /** Relative share of the benign population. */
  weight: number;
}

const BASE_ACCOUNTS: AccountSpec[] = [
  { id: '100000000001', name: 'management', parentId: ROOT_ID, weight: 0.5 },
  { id: '100000000002', name: 'security', parentId: 'ou-1111-10000001', weight: 0.8 },
  { id: '100000000003', name: 'shared-services', parentId: 'ou-1111-10000002', weight: 1.1 },
  { id: '100000000004', name: 'prod', parentId: 'ou-1111-10000004', weight: 2 },
  { id: '100000000005', name: 'staging', parentId: 'ou-1111-10000005', weight: 1.2 },
  { id: '100000000006', name: 'dev', parentId: 'ou-1111-10000005', weight: 1.8 },
  { id: '100000000007', name: 'sandbox', parentId: 'ou-1111-10000006', weight: 0.6 },
];

/** The accounts of an organization of `principals` principals: the 7 base accounts plus one per ~800 beyond. */
export function accountSpecs(principals: number): AccountSpec[] {
  const extra = Math.max(0, Math.ceil(principals / 800) - BASE_ACCOUNTS.length);
  const out = [...BASE_ACCOUNTS];
  for (let i = 0; i < extra; i++) {
    const isProd = i % 2 === 0;
    out.push({
      id: String(100000000008 + i),
      name: `workload-${String(Math.floor(i / 2) + 1).padStart(2, '0')}-${isProd ? 'prod' : 'nonprod'}`,
      parentId: isProd ? 'ou-1111-10000004' : 'ou-1111-10000005',
      weight: 1.5,
    });
  }
  return out;
}

const FULL_ACCESS = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };

const DENY_LEAVE = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'DenyLeaveOrganization',
      Effect: 'Deny',
      Action: 'organizations:LeaveOrganization',
      Resource: '*',
    },
  ],
};

// The usual region guardrail: global services are exempt, everything else must stay in the approved regions.
const REGION_RESTRICTION = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'DenyOutsideApprovedRegions',
      Effect: 'Deny',
      NotAction: [
        'iam:*',
        'organizations:*',
        'sts:*',
        'support:*',
        'cloudfront:*',
        'route53:*',
        'budgets:*',
        'waf:*',
      ],
      Resource: '*',
      Condition: { StringNotEquals: { 'aws:RequestedRegion': [...REGIONS] } },
    },
  ],
};

const PROTECT_SECURITY_TOOLING = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'ProtectSecurityTooling',
      Effect: 'Deny',
      Action: [
        'cloudtrail:StopLogging',
        'cloudtrail:DeleteTrail',
        'guardduty:DeleteDetector',
        'config:DeleteConfigurationRecorder',
      ],
      Resource: '*',
      Condition: { ArnNotLike: { 'aws:PrincipalARN': 'arn:aws:iam::*:role/SecurityBreakGlass' } },
    },
  ],
};

function target(id: string, accounts: AccountSpec[]): Record<string, string> {
  if (id === ROOT_ID)
    return { TargetId: id, Arn: `${ORG_ARN_BASE}:root/${ORG_ID}/${id}`, Name: 'Root', Type: 'ROOT' };
  const ou = OUS.find((o) => o.id === id);
  if (ou)
    return {
      TargetId: id,
      Arn: `${ORG_ARN_BASE}:ou/${ORG_ID}/${id}`,
      Name: ou.name,
      Type: 'ORGANIZATIONAL_UNIT',
    };
  const acct = accounts.find((a) => a.id === id);
  return {
    TargetId: id,
    Arn: `${ORG_ARN_BASE}:account/${ORG_ID}/${id}`,
    Name: acct?.name ?? id,
    Type: 'ACCOUNT',
  };
}

function scp(
  id: string,
  name: string,
  description: string,
  content: object,
  targets: string[],
  accounts: AccountSpec[],
) {
  const awsManaged = id === 'p-FullAWSAccess';
  return {
    PolicySummary: {
      Id: id,
      Arn: awsManaged
        ? 'arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess'
        : `${ORG_ARN_BASE}:policy/${ORG_ID}/service_control_policy/${id}`,
      Name: name,
      Description: description,
      Type: 'SERVICE_CONTROL_POLICY',
      AwsManaged: awsManaged,
    },
    Content: JSON.stringify(content),
    Targets: targets.map((t) => target(t, accounts)),
  };
}

/**
 * The organization JSON. FullAWSAccess is attached to the root, every OU and every account, as AWS does by
 * default; the guardrail SCPs sit on the Security and Sandbox OUs only, so planted administrators elsewhere stay
 * unconditionally administrators.
 */
export function organizationJson(accounts: AccountSpec[], joined: (id: string) => Date): object {
  return {
    Organization: {
      Id: ORG_ID,
      Arn: `${ORG_ARN_BASE}:organization/${ORG_ID}`,
      FeatureSet: 'ALL',
      MasterAccountArn: `${ORG_ARN_BASE}:account/${ORG_ID}/${MANAGEMENT_ACCOUNT}`,
      MasterAccountId: MANAGEMENT_ACCOUNT,
      MasterAccountEmail: 'aws-management@example.com',
      AvailablePolicyTypes: [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }],
    },
    Roots: [
      {
        Id: ROOT_ID,
        Arn: `${ORG_ARN_BASE}:root/${ORG_ID}/${ROOT_ID}`,
        Name: 'Root',
        PolicyTypes: [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }],
      },
    ],
    OrganizationalUnits: OUS.map((o) => ({
      Id: o.id,
      Arn: `${ORG_ARN_BASE}:ou/${ORG_ID}/${o.id}`,
      Name: o.name,
      ParentId: o.parentId,
    })),
    Accounts: accounts.map((a) => ({
      Id: a.id,
      Arn: `${ORG_ARN_BASE}:account/${ORG_ID}/${a.id}`,
      Email: `aws-${a.name}@example.com`,
      Name: a.name,
      Status: 'ACTIVE',
      JoinedMethod: a.id === MANAGEMENT_ACCOUNT ? 'INVITED' : 'CREATED',
      JoinedTimestamp: joined(a.id).toISOString(),
      ParentId: a.parentId,
    })),
    Policies: [
      scp(
        'p-FullAWSAccess',
        'FullAWSAccess',
        'Allows access to every operation',
        FULL_ACCESS,
        [ROOT_ID, ...OUS.map((o) => o.id), ...accounts.map((a) => a.id)],
        accounts,
      ),
      scp(
        'p-11111111aa',
        'DenyLeaveOrganization',
        'Member accounts cannot leave the organization',
        DENY_LEAVE,
        ['ou-1111-10000001', 'ou-1111-10000006'],
        accounts,
      ),
      scp(
        'p-11111111bb',
        'RegionRestriction',
        'Only us-east-1 and eu-west-1',
        REGION_RESTRICTION,
        ['ou-1111-10000006'],
        accounts,
      ),
      scp(
        'p-11111111cc',
        'ProtectSecurityTooling',
        'CloudTrail, GuardDuty and Config cannot be disabled',
        PROTECT_SECURITY_TOOLING,
        ['ou-1111-10000001'],
        accounts,
      ),
    ],
  };
}
