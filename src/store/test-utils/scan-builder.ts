import type { Detection, ResourceType, Severity } from '../../model/finding.js';
import type { Role } from '../../model/inventory.js';
import { emptyInventory } from '../../model/inventory.js';
import type { ScanResult } from '../../model/scan.js';
import type { RecordScanInput } from '../record-scan.js';

export const ACCOUNT = '100000000001';
export const OTHER_ACCOUNT = '100000000002';

export const roleArn = (name: string, account = ACCOUNT) => `arn:aws:iam::${account}:role/${name}`;

/** A detection with a readable stable id (`rule:arn`). */
export function detection(
  rule: string,
  arn: string,
  severity: Severity = 'high',
  type: ResourceType = 'role',
): Detection {
  const accountId = arn.split(':')[4] ?? ACCOUNT;
  const name = arn.split('/').at(-1) ?? arn;
  return {
    id: `${rule}:${arn}`,
    rule,
    severity,
    title: `${rule} title`,
    message: `${name} is risky`,
    resource: { arn, type, name, accountId, region: null },
    evidence: { note: 'test' },
    remediation: { consoleUrl: 'https://console.aws.amazon.com/iam/', steps: ['fix it'] },
  };
}

export function role(arn: string, extra: Partial<Role> = {}): Role {
  const accountId = arn.split(':')[4] ?? ACCOUNT;
  return {
    kind: 'role',
    arn,
    name: arn.split('/').at(-1) ?? arn,
    id: null,
    path: '/',
    accountId,
    createDate: null,
    inlinePolicies: [],
    attachedPolicyArns: [],
    tags: {},
    trustPolicy: { version: '2012-10-17', statements: [] },
    permissionsBoundaryArn: null,
    description: null,
    maxSessionDuration: null,
    lastUsed: null,
    instanceProfileArns: [],
    isServiceLinked: false,
    ...extra,
  };
}

export interface ScanSpec {
  detections?: Detection[];
  roles?: Role[];
  /** Accounts with IAM and credential-report data (default: ACCOUNT). */
  accounts?: string[];
  skippedRules?: string[];
  partial?: boolean;
  asOf?: string;
}

/** A scan result and inventory as `runScan` would return them, built from a few facts. */
export function scanInput(spec: ScanSpec = {}): RecordScanInput {
  const detections = spec.detections ?? [];
  const inventory = emptyInventory();
  const accounts = spec.accounts ?? [ACCOUNT];
  for (const a of accounts) {
    inventory.coverage.iamAccounts.add(a);
    inventory.coverage.credentialReportAccounts.add(a);
  }
  const roles = new Map((spec.roles ?? []).map((r) => [r.arn, r]));
  for (const d of detections)
    if (d.resource.type === 'role' && !roles.has(d.resource.arn))
      roles.set(d.resource.arn, role(d.resource.arn));
  inventory.roles = [...roles.values()];
  const result: ScanResult = {
    schemaVersion: 1,
    asOf: spec.asOf ?? '2026-11-20T00:00:00.000Z',
    window: { days: 15, from: '2026-11-05T00:00:00.000Z', to: '2026-11-20T00:00:00.000Z' },
    inputs: [
      { path: '/exports/gaad.json', kind: 'iam-authorization-details', records: roles.size, errors: [] },
    ],
    summary: {
      detections: detections.length,
      bySeverity: { critical: 0, high: 0, medium: 0, low: 0, info: 0 },
      byRule: {},
      skippedRules: (spec.skippedRules ?? []).map((rule) => ({ rule, reason: 'missing input: test' })),
      partial: spec.partial ?? false,
    },
    identities: inventory.roles.map((r) => ({
      arn: r.arn,
      type: 'role' as const,
      accountId: r.accountId,
      name: r.name,
      isAdmin: false,
      usedActions: [],
      deniedActions: [],
    })),
    detections,
  };
  return { result, inventory };
}

/** A clock for recordedAt / now: day N of November 2026 at noon UTC. */
export const day = (n: number) => new Date(Date.UTC(2026, 10, n, 12));
