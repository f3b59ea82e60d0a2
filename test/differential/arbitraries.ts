import fc from 'fast-check';

/** A generated scenario: raw AWS policy JSON plus one concrete request. */
export interface Scenario {
  principalArn: string;
  action: string;
  resource: string;
  context: Record<string, string | string[]>;
  identity: RawPolicy[];
  boundary: RawPolicy | null;
  scps: RawPolicy[][];
}

/** A raw policy document as AWS stores it. */
export interface RawPolicy {
  Version: '2012-10-17';
  Statement: RawStatement[];
}

type RawStatement = Record<string, unknown>;

export const ACCOUNT = '100000000001';
const USER = `arn:aws:iam::${ACCOUNT}:user/alice`;
const ROLE = `arn:aws:iam::${ACCOUNT}:role/app`;

// Requests: real actions with resource ARNs of the type each action takes (iam-simulate validates both).
const REQUESTS: [string, string[]][] = [
  [
    's3:GetObject',
    [
      'arn:aws:s3:::data-bucket/reports/q1.csv',
      'arn:aws:s3:::data-bucket/home/alice/a.txt',
      'arn:aws:s3:::logs/x',
    ],
  ],
  ['s3:PutObject', ['arn:aws:s3:::data-bucket/home/bob/b.txt', 'arn:aws:s3:::logs/x']],
  ['s3:ListBucket', ['arn:aws:s3:::data-bucket', 'arn:aws:s3:::logs']],
  ['iam:PassRole', [ROLE, `arn:aws:iam::${ACCOUNT}:role/admin/ops`]],
  ['iam:CreateUser', [USER, `arn:aws:iam::${ACCOUNT}:user/bob`]],
  ['sts:AssumeRole', [ROLE]],
  ['ec2:DescribeInstances', ['*']],
];

const ACTION_PATTERNS = [
  '*',
  's3:*',
  's3:Get*',
  's3:GetObject',
  's3:*Object',
  'S3:getobject',
  's3:Get?bject',
  's3:List*',
  'iam:*',
  'iam:Pass*',
  'iam:PassRole',
  'iam:CreateUser',
  'ec2:Describe*',
  'sts:AssumeRole',
  'sts:*',
];

const RESOURCE_PATTERNS = [
  '*',
  'arn:aws:s3:::data-bucket/*',
  'arn:aws:s3:::data-bucket',
  'arn:aws:s3:::*',
  'arn:aws:s3:::logs/?',
  'arn:aws:s3:::data-bucket/home/${aws:username}/*',
  'arn:aws:s3:::data-bucket/reports/q?.csv',
  `arn:aws:iam::${ACCOUNT}:role/*`,
  'arn:aws:iam::*:role/app',
  `arn:aws:iam::${ACCOUNT}:user/\${aws:username}`,
  `arn:aws:iam::${ACCOUNT}:user/*`,
];

/** Condition operators per key, and the policy values to draw from. */
const CONDITIONS: { key: string; ops: string[]; values: string[] }[] = [
  {
    key: 'aws:PrincipalTag/team',
    ops: [
      'StringEquals',
      'StringNotEquals',
      'StringEqualsIgnoreCase',
      'StringNotEqualsIgnoreCase',
      'StringLike',
      'StringNotLike',
      'StringEqualsIfExists',
      'StringNotLikeIfExists',
      'Null',
    ],
    values: ['red', 'Red', 'r*', 'blue', '${aws:username}'],
  },
  {
    key: 'aws:MultiFactorAuthAge',
    ops: [
      'NumericLessThan',
      'NumericGreaterThanEquals',
      'NumericEquals',
      'NumericNotEquals',
      'NumericLessThanIfExists',
    ],
    values: ['3600', '100', '50'],
  },
  { key: 'aws:MultiFactorAuthPresent', ops: ['Bool', 'BoolIfExists', 'Null'], values: ['true', 'false'] },
  {
    key: 'aws:SourceIp',
    ops: ['IpAddress', 'NotIpAddress', 'IpAddressIfExists'],
    values: ['10.0.0.0/8', '203.0.113.0/24', '2001:db8::/32', '192.0.2.1/32'],
  },
  {
    key: 'aws:CurrentTime',
    ops: ['DateLessThan', 'DateGreaterThan', 'DateEquals', 'DateNotEquals'],
    values: ['2025-01-01T00:00:00Z', '2024-06-01T00:00:00Z', '1717200000'],
  },
  {
    key: 'aws:PrincipalArn',
    ops: ['ArnLike', 'ArnNotLike', 'ArnEquals', 'ArnNotEquals'],
    values: [`arn:aws:iam::${ACCOUNT}:user/*`, 'arn:aws:iam::*:role/*', USER],
  },
  {
    key: 'aws:TagKeys',
    ops: [
      'ForAllValues:StringEquals',
      'ForAnyValue:StringEquals',
      'ForAnyValue:StringLike',
      'ForAllValues:StringNotEquals',
      'Null',
    ],
    values: ['env', 'team', 'own*'],
  },
];

const CONTEXT_VALUES: Record<string, (string | string[])[]> = {
  'aws:PrincipalTag/team': ['red', 'Red', 'blue', 'alice'],
  'aws:MultiFactorAuthAge': ['50', '5000'],
  'aws:MultiFactorAuthPresent': ['true', 'false'],
  'aws:SourceIp': ['10.1.2.3', '203.0.113.9', '192.0.2.1', '2001:db8::5'],
  'aws:CurrentTime': ['2024-06-01T00:00:00Z', '2026-01-01T00:00:00Z'],
  'aws:TagKeys': [[], ['env'], ['env', 'owner'], ['team']],
  'aws:username': ['alice', 'bob'],
};

const conditionEntry = fc.constantFrom(...CONDITIONS).chain((c) =>
  fc.record({
    op: fc.constantFrom(...c.ops),
    key: fc.constant(c.key),
    values: fc.uniqueArray(fc.constantFrom(...c.values), { minLength: 1, maxLength: 2 }),
  }),
);

// Half the statements carry no condition, so that unconditional grants and denies are common too.
const condition = fc
  .oneof(fc.constant([]), fc.array(conditionEntry, { minLength: 1, maxLength: 2 }))
  .map((entries) => {
    const block: Record<string, Record<string, string[]>> = {};
    for (const e of entries) {
      const values = e.op === 'Null' ? [e.values.length % 2 === 0 ? 'false' : 'true'] : e.values;
      (block[e.op] ??= {})[e.key] = values;
    }
    return block;
  });

/** Pattern pools for one scenario: the fixed vocabulary plus the request's own action and resource. */
interface Pools {
  actions: string[];
  resources: string[];
}

const statement = (allowWeight: number, pools: Pools): fc.Arbitrary<RawStatement> =>
  fc
    .record({
      effect: fc.integer({ min: 1, max: 100 }).map((n) => (n <= allowWeight ? 'Allow' : 'Deny')),
      notAction: fc.integer({ min: 1, max: 10 }).map((n) => n === 1),
      actions: fc.uniqueArray(fc.constantFrom(...pools.actions), { minLength: 1, maxLength: 3 }),
      notResource: fc.integer({ min: 1, max: 10 }).map((n) => n === 1),
      resources: fc.uniqueArray(fc.constantFrom(...pools.resources), { minLength: 1, maxLength: 2 }),
      condition,
    })
    .map((s) => {
      const out: RawStatement = { Effect: s.effect };
      out[s.notAction ? 'NotAction' : 'Action'] = s.actions;
      out[s.notResource ? 'NotResource' : 'Resource'] = s.resources;
      if (Object.keys(s.condition).length > 0) out.Condition = s.condition;
      return out;
    });

const policy = (allowWeight: number, pools: Pools): fc.Arbitrary<RawPolicy> =>
  fc
    .array(statement(allowWeight, pools), { minLength: 1, maxLength: 3 })
    .map((Statement) => ({ Version: '2012-10-17' as const, Statement }));

const allowAll: RawPolicy = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
};

// An SCP level usually carries FullAWSAccess, as real organisations do, plus generated restrictions.
const scpLevel = (pools: Pools): fc.Arbitrary<RawPolicy[]> =>
  fc
    .tuple(fc.boolean(), fc.array(policy(50, pools), { minLength: 0, maxLength: 2 }))
    .map(([full, rest]) => (full || rest.length === 0 ? [allowAll, ...rest] : rest));

const context = fc
  .record(
    Object.fromEntries(
      Object.entries(CONTEXT_VALUES).map(([k, v]) => [
        k,
        fc.option(fc.constantFrom(...v), { nil: undefined }),
      ]),
    ),
  )
  .map(
    (r) =>
      Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as Record<
        string,
        string | string[]
      >,
  );

/** Generates scenarios over a small, realistic vocabulary so that allows and denies both occur often. */
export const scenario: fc.Arbitrary<Scenario> = fc
  .constantFrom(...REQUESTS)
  .chain(([action, resources]) =>
    fc.record({ action: fc.constant(action), resource: fc.constantFrom(...resources) }),
  )
  .chain((request) => {
    // The request's own action and resource join the pools, so grants and denies that apply are common.
    const pools: Pools = {
      actions: [...ACTION_PATTERNS, request.action, request.action],
      resources: [...RESOURCE_PATTERNS, request.resource, request.resource],
    };
    return fc.record({
      principalArn: fc.constantFrom(USER, ROLE),
      request: fc.constant(request),
      context,
      identity: fc.array(policy(85, pools), { minLength: 0, maxLength: 3 }),
      boundary: fc.option(policy(85, pools), { nil: null, freq: 2 }),
      scps: fc.array(scpLevel(pools), { maxLength: 2 }),
    });
  })
  .map((r) => ({
    principalArn: r.principalArn,
    action: r.request.action,
    resource: r.request.resource,
    // aws:PrincipalArn always describes the requester when present.
    context: { ...r.context, 'aws:PrincipalArn': r.principalArn },
    identity: r.identity,
    boundary: r.boundary,
    scps: r.scps,
  }));
