/**
 * Micro-measurement of admin verdicts: 10,000 synthetic principals sharing ~200 managed policies, set-wise
 * (createAuthz) versus the per-request alternative (every catalog action through evaluateRequest), measured
 * on a sample and extrapolated. Run with `npx tsx bench/authz-micro.ts`.
 */
import { performance } from 'node:perf_hooks';
import type { Inventory, ManagedPolicy, Role, User } from '../src/model/inventory.js';
import { emptyInventory } from '../src/model/inventory.js';
import type { PolicyDocument, Statement } from '../src/model/policy.js';
import { createAuthz } from '../src/policy/authz.js';
import { actionCatalog } from '../src/policy/catalog.js';
import { evaluateRequest } from '../src/policy/evaluate.js';

const PRINCIPALS = 10_000;
const POLICIES = 200;
const ACCOUNT = '100000000001';

let seed = 12345;
function rand(): number {
  // Park–Miller: deterministic, good enough to spread synthetic choices.
  seed = (seed * 48271) % 2147483647;
  return seed / 2147483647;
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

function syntheticStatement(services: string[]): Statement {
  const r = rand();
  const svc = pick(services);
  if (r < 0.02) return { sid: 'All', effect: 'Allow', action: ['*'], resource: ['*'] };
  if (r < 0.05)
    return { sid: 'Power', effect: 'Allow', notAction: ['iam:*', 'organizations:*'], resource: ['*'] };
  if (r < 0.12) return { sid: 'NoDelete', effect: 'Deny', action: [`${svc}:Delete*`], resource: ['*'] };
  if (r < 0.2) {
    return {
      sid: 'Mfa',
      effect: 'Allow',
      action: [`${svc}:*`],
      resource: ['*'],
      condition: { Bool: { 'aws:MultiFactorAuthPresent': ['true'] } },
    };
  }
  if (r < 0.4)
    return {
      sid: 'Bucket',
      effect: 'Allow',
      action: [`${svc}:Get*`, `${svc}:List*`],
      resource: [`arn:aws:${svc}:::data-${svc}/*`],
    };
  return { sid: null, effect: 'Allow', action: [`${svc}:*`, `${pick(services)}:Describe*`], resource: ['*'] };
}

function buildInventory(): Inventory {
  const services = [...actionCatalog().services.keys()];
  const inv = emptyInventory();
  const arns: string[] = [];
  for (let i = 0; i < POLICIES; i++) {
    const document: PolicyDocument = {
      version: '2012-10-17',
      statements: Array.from({ length: 1 + Math.floor(rand() * 5) }, () => syntheticStatement(services)),
    };
    const arn = `arn:aws:iam::${ACCOUNT}:policy/p${i}`;
    const p: ManagedPolicy = {
      arn,
      name: `p${i}`,
      id: null,
      path: '/',
      accountId: ACCOUNT,
      isAwsManaged: false,
      defaultVersionId: 'v1',
      document,
      attachmentCount: null,
      permissionsBoundaryUsageCount: null,
      isAttachable: true,
      createDate: null,
      updateDate: null,
    };
    inv.policies.set(arn, p);
    arns.push(arn);
  }
  const base = (kind: 'user' | 'role', i: number) => ({
    arn: `arn:aws:iam::${ACCOUNT}:${kind}/${kind}${i}`,
    name: `${kind}${i}`,
    id: null,
    path: '/',
    accountId: ACCOUNT,
    createDate: null,
    tags: { team: `t${i % 7}` },
    attachedPolicyArns: Array.from({ length: 2 + Math.floor(rand() * 4) }, () => pick(arns)),
    inlinePolicies:
      rand() < 0.3
        ? [
            {
              name: 'inline',
              document: { version: '2012-10-17', statements: [syntheticStatement(services)] },
            },
          ]
        : [],
  });
  for (let i = 0; i < PRINCIPALS; i++) {
    if (i % 3 === 0) {
      const u: User = {
        ...base('user', i),
        kind: 'user',
        groupNames: [],
        permissionsBoundaryArn: rand() < 0.1 ? pick(arns) : null,
      };
      inv.users.push(u);
    } else {
      const r: Role = {
        ...base('role', i),
        kind: 'role',
        trustPolicy: { version: null, statements: [] },
        permissionsBoundaryArn: null,
        description: null,
        maxSessionDuration: null,
        lastUsed: null,
        instanceProfileArns: [],
        isServiceLinked: false,
      };
      inv.roles.push(r);
    }
  }
  return inv;
}

let t = performance.now();
const catalog = actionCatalog();
console.log(
  `catalog: ${catalog.names.length} actions, ${catalog.services.size} services, loaded in ${(performance.now() - t).toFixed(0)} ms`,
);
const inventory = buildInventory();
const principals = [...inventory.users, ...inventory.roles].map((p) => p.arn);

t = performance.now();
const authz = createAuthz(inventory, { asOf: new Date('2026-01-01T00:00:00Z') });
let admins = 0;
let conditional = 0;
for (const arn of principals) {
  const v = authz.adminVerdict(arn);
  if (v.isAdmin) admins++;
  if (v.isAdmin && v.conditional) conditional++;
}
const setWiseMs = performance.now() - t;
console.log(
  `set-wise: ${principals.length} admin verdicts in ${setWiseMs.toFixed(0)} ms (${admins} admin, ${conditional} conditional)`,
);

// Steady state: a second scan of the same inventory, with policy documents already compiled.
t = performance.now();
const again = createAuthz(inventory, { asOf: new Date('2026-01-01T00:00:00Z') });
for (const arn of principals) again.adminVerdict(arn);
console.log(`set-wise, documents already compiled: ${(performance.now() - t).toFixed(0)} ms`);
console.log(`heap used: ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`);

// The per-request alternative: ask the evaluator about every catalog action, one request each.
const SAMPLE = Number(process.env.AUTHZ_MICRO_SAMPLE ?? 10);
t = performance.now();
let agree = 0;
for (const arn of principals.slice(0, SAMPLE)) {
  const set = authz.policySet(arn)!;
  const context = authz.context(arn)!;
  let all = true;
  for (const action of catalog.names) {
    const d = evaluateRequest(
      { principalArn: arn, action, resource: '*', resourceAccountId: null, context },
      set,
    );
    if (d.decision !== 'allowed') all = false;
  }
  if (all === authz.adminVerdict(arn).isAdmin) agree++;
}
const perRequestMs = ((performance.now() - t) / Math.max(1, SAMPLE)) * principals.length;
console.log(
  `per-request: ${SAMPLE} principals × ${catalog.names.length} actions, extrapolated to ${principals.length}: ${(perRequestMs / 1000).toFixed(1)} s (verdicts agree on ${agree}/${SAMPLE})`,
);
console.log(`ratio: per-request / set-wise = ${(perRequestMs / setWiseMs).toFixed(0)}×`);
