import type { AccountClients, AwsAccess } from './clients.js';
import { createClients } from './clients.js';
import type { TimeWindow } from './cloudtrail.js';
import type { TrailLocation } from './cloudtrail-s3.js';
import { collectAccount } from './collect-account.js';
import { collectTrail } from './collect-trail.js';
import type { ReportPolling } from './credential-report.js';
import type { CollectedFile, CollectIssue, CollectManifest } from './manifest.js';
import { MANIFEST_FILE, MANIFEST_MARKER } from './manifest.js';
import type { OrganizationDocument } from './organizations.js';
import { activeAccountIds, AUTHZ_POLICY_TYPES, getOrganizationTree, getPolicies } from './organizations.js';
import { isRegionName, SnapshotWriter } from './snapshot-writer.js';
import { assumeRoleCredentials, getCallerAccount, isRoleName } from './sts.js';
import type { RetryPolicy } from './with-aws-errors.js';
import { withAwsErrors } from './with-aws-errors.js';

/** Where CloudTrail comes from: nowhere, the event history (`LookupEvents`), or the trail's S3 bucket. */
export type CloudTrailSource =
  | { mode: 'none' }
  | { mode: 'lookup-events' }
  | {
      mode: 's3';
      location: TrailLocation;
      /** an earlier snapshot whose trail files are reused */ previous?: string;
    };

/** Progress of a collection, for a terminal display; the collector itself never prints. */
export type CollectProgress =
  | { phase: 'account'; account: string; done: number; total: number }
  | { phase: 'cloudtrail'; done: number; total: number }
  | { phase: 'commit' };

/** Options of {@link collect}. */
export interface CollectOptions {
  /** The snapshot folder to create. */
  out: string;
  /** Replace a non-empty `out`. */
  force?: boolean;
  access: AwsAccess;
  /** Regions to visit; default: each account's enabled regions. */
  regions?: string[];
  /** Collect the organization and every active member account. */
  org?: boolean;
  /** Role assumed in member accounts; default `OrganizationAccountAccessRole`. */
  assumeRole?: string;
  cloudtrail?: CloudTrailSource;
  /** CloudTrail window in days before `now`; default 15. */
  windowDays?: number;
  now?: Date;
  retry?: RetryPolicy;
  reportPolling?: ReportPolling;
  /** Page size for every paginated call (tests use small pages); default: the service's. */
  pageSize?: number;
  onProgress?: (p: CollectProgress) => void;
}

/** What {@link collect} wrote. */
export interface CollectResult {
  out: string;
  manifest: CollectManifest;
}

/**
 * Collects an account (or, with `org`, a whole organization through a role assumed by name) read-only into
 * a snapshot folder that `iamrisk scan` reads. Parts that cannot be read are listed in the manifest's
 * `errors`; the folder appears at `out` only when complete.
 * @throws SnapshotError when `out` is not empty (without `force`) or cannot be written
 * @throws Error when the options are invalid or the caller's identity cannot be read
 */
export async function collect(opts: CollectOptions): Promise<CollectResult> {
  const regions = opts.regions?.map((r) => r.trim()).filter(Boolean);
  const badRegion = regions?.find((r) => !isRegionName(r));
  if (badRegion !== undefined)
    throw new Error(`--regions: "${badRegion}" is not a region name (e.g. eu-west-1)`);
  const roleName = opts.assumeRole ?? 'OrganizationAccountAccessRole';
  if (!isRoleName(roleName)) throw new Error(`--assume-role: "${roleName}" is not an IAM role name`);
  const now = opts.now ?? new Date();
  const window: TimeWindow = {
    from: new Date(now.getTime() - (opts.windowDays ?? 15) * 86_400_000),
    to: now,
  };
  const cloudtrail = opts.cloudtrail ?? { mode: 'none' };
  const operations = new Set<string>();
  const onOperation = (op: string): void => void operations.add(op);
  const base = createClients(opts.access, onOperation);
  const caller = await getCallerAccount(base.sts());

  const writer = await SnapshotWriter.open(opts.out, { force: opts.force });
  const files: CollectedFile[] = [];
  const issues: CollectIssue[] = [];
  const visited = new Set<string>();
  const accounts: string[] = [];
  try {
    let org: OrganizationDocument | null = null;
    if (opts.org) org = await collectOrganization(base, issues, opts, caller);
    if (org)
      files.push({
        path: await writer.writeJson(['organization.json'], org),
        kind: 'organization',
        account: null,
        region: null,
        records: org.Accounts.length,
      });
    const targets = org ? activeAccountIds(org) : [caller];
    if (!targets.includes(caller)) targets.unshift(caller);
    let done = 0;
    for (const account of targets) {
      opts.onProgress?.({ phase: 'account', account, done, total: targets.length });
      const clients =
        account === caller
          ? base
          : await memberClients(opts.access, base, account, roleName, onOperation, issues, opts.retry);
      if (clients) {
        accounts.push(account);
        const seen = await collectAccount({
          account,
          clients,
          homeRegion: opts.access.homeRegion,
          regions,
          writer,
          files,
          issues,
          lookupEventsWindow: cloudtrail.mode === 'lookup-events' ? window : null,
          retry: opts.retry,
          reportPolling: opts.reportPolling,
          pageSize: opts.pageSize,
        });
        for (const r of seen) visited.add(r);
      }
      done++;
    }
    const trail =
      cloudtrail.mode === 's3'
        ? await collectTrail(
            {
              clients: base,
              region: opts.access.homeRegion,
              writer,
              files,
              issues,
              retry: opts.retry,
              onProgress: (done, total) => opts.onProgress?.({ phase: 'cloudtrail', done, total }),
            },
            cloudtrail,
            window,
          )
        : undefined;
    opts.onProgress?.({ phase: 'commit' });
    const manifest: CollectManifest = {
      [MANIFEST_MARKER]: 1,
      startedAt: now.toISOString(),
      finishedAt: new Date().toISOString(),
      callerAccount: caller,
      organizationId: org ? ((org.Organization as { Id?: string }).Id ?? null) : null,
      accounts,
      regions: [...visited].sort(),
      files: files.sort((a, b) => (a.path < b.path ? -1 : 1)),
      errors: issues,
      operations: [...operations].sort(),
      cloudtrail: {
        mode: cloudtrail.mode,
        from: window.from.toISOString(),
        to: window.to.toISOString(),
        ...trail,
      },
    };
    await writer.writeJson([MANIFEST_FILE], manifest);
    await writer.commit();
    return { out: writer.out, manifest };
  } catch (e) {
    await writer.abort();
    throw e;
  }
}

async function collectOrganization(
  clients: AccountClients,
  issues: CollectIssue[],
  opts: CollectOptions,
  caller: string,
): Promise<OrganizationDocument | null> {
  const scope = { account: caller, region: null, service: 'organizations' };
  const tree = await withAwsErrors(
    { ...scope, what: 'organization' },
    issues,
    () => getOrganizationTree(clients.organizations(), opts.pageSize),
    opts.retry,
  );
  if (!tree) return null;
  const policies: unknown[] = [];
  for (const type of AUTHZ_POLICY_TYPES) {
    const list = await withAwsErrors(
      { ...scope, what: `policies ${type}` },
      issues,
      () => getPolicies(clients.organizations(), type, opts.pageSize),
      opts.retry,
    );
    policies.push(...(list ?? []));
  }
  return { ...tree, Policies: policies };
}

/** Clients for a member account, or `null` (recorded) when the role cannot be assumed. */
async function memberClients(
  access: AwsAccess,
  base: AccountClients,
  account: string,
  roleName: string,
  onOperation: (op: string) => void,
  issues: CollectIssue[],
  retry?: RetryPolicy,
): Promise<AccountClients | null> {
  const partition = access.homeRegion.startsWith('cn-')
    ? 'aws-cn'
    : access.homeRegion.startsWith('us-gov-')
      ? 'aws-us-gov'
      : 'aws';
  const clients = createClients(
    { ...access, credentials: assumeRoleCredentials(base.sts(), account, roleName, partition) },
    onOperation,
  );
  const probe = await withAwsErrors(
    { account, region: null, service: 'sts', what: `assume-role ${roleName}` },
    issues,
    () => getCallerAccount(clients.sts()),
    retry,
  );
  if (probe === null) return null;
  if (probe !== account) {
    issues.push({
      account,
      region: null,
      service: 'sts',
      what: `assume-role ${roleName}`,
      kind: 'invalid',
      reason: `the assumed role is in account ${probe}, not ${account}`,
    });
    return null;
  }
  return clients;
}
