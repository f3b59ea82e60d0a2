import type { Config } from '../model/config.js';
import { defaultConfig } from '../model/config.js';
import type { Detection, Severity } from '../model/finding.js';
import { SEVERITIES } from '../model/finding.js';
import type { Inventory } from '../model/inventory.js';
import type { IdentitySummary, ScanResult } from '../model/scan.js';
import { loadInputs } from '../ingest/load.js';
import { createAuthz } from '../policy/authz.js';
import type { EffectiveAuthz } from '../policy/authz.js';
import type { Authz } from '../policy/types.js';
import type { InputSummary } from '../model/input.js';
import type { UsageDay } from '../model/usage.js';
import type { FileStamp } from '../usage/ledger.js';
import type { UsageIndex } from '../usage/rollup.js';
import type { UsageSummary } from '../usage/usage-from-files.js';
import { identityUsage, usageFromFiles } from '../usage/usage-from-files.js';
import { DigestPool } from '../usage/worker-pool.js';
import type { RuleContext } from '../rules/context.js';
import { runRules } from '../rules/run.js';

/** Progress of a scan, for a terminal progress bar; the scan itself never prints. */
export type ScanProgress =
  | { phase: 'read'; done: number; total: number }
  | { phase: 'cloudtrail'; done: number; total: number; events: number }
  | { phase: 'evaluate' }
  | { phase: 'rules' }
  | { phase: 'done'; detections: number };

export interface ScanOptions {
  /** Files or folders (searched recursively) holding AWS exports. */
  paths: string[];
  /** "Now" for every time-based rule; default: the current time. */
  asOf?: Date;
  /** CloudTrail usage window in days (PRODUCT.md §3), default 15. */
  windowDays?: number;
  config?: Config;
  onProgress?: (p: ScanProgress) => void;
  /** CloudTrail usage kept by the store from earlier runs: those files are not read again. */
  usageHistory?: UsageHistory;
}

/** What earlier runs already aggregated (the store implements it). */
export interface UsageHistory {
  /** True when this file, same size and modification time, is already in `readDays`. */
  has(file: FileStamp): boolean;
  /** Per-day rows kept from earlier runs, `from` to `to` inclusive (`YYYY-MM-DD`). */
  readDays(from: string, to: string): Promise<UsageDay[]>;
}

/** Usage of one scan, and what the store must add to its history. */
export interface ScanUsage {
  summary: UsageSummary;
  /** Files read by this run (to mark in the store together with `summary.aggregate.days`). */
  newFiles: FileStamp[];
}

const DAY_MS = 86_400_000;

/**
 * Runs a whole scan: read the inputs, compute effective permissions, run every rule, and assemble the
 * JSON result of PRODUCT.md §5. Unreadable files and records are reported in `inputs[].errors` and make the
 * result `partial`; they never abort the scan.
 */
export async function scan(opts: ScanOptions): Promise<ScanResult> {
  return (await runScan(opts)).result;
}

/** What a scan produced: the JSON result plus the inventory and authorization service behind it (for the store). */
export interface ScanRun {
  result: ScanResult;
  inventory: Inventory;
  authz: EffectiveAuthz;
  /** CloudTrail usage; absent when there was none. */
  usage?: ScanUsage;
}

/** Like {@link scan}, also returning the inventory and the authorization service (the store snapshots them). */
export async function runScan(opts: ScanOptions): Promise<ScanRun> {
  const asOf = opts.asOf ?? new Date();
  const windowDays = opts.windowDays ?? 15;
  const config = opts.config ?? defaultConfig();
  const loaded = await loadInputs(opts.paths, {
    onProgress: (done, total) => opts.onProgress?.({ phase: 'read', done, total }),
  });
  const usage = await readUsage(loaded.cloudtrailFiles, asOf, windowDays, config, opts);
  const inputs = withUsageErrors(loaded.inputs, usage);
  loaded.inventory.coverage.cloudtrail = usage !== undefined && usage.summary.index.accounts.size > 0;
  opts.onProgress?.({ phase: 'evaluate' });
  const authz = createAuthz(loaded.inventory, { asOf });
  const ctx = buildRuleContext(loaded.inventory, authz, asOf, config);
  if (usage !== undefined) ctx.usage = usage.summary.index;
  opts.onProgress?.({ phase: 'rules' });
  const { detections, skipped } = runRules(ctx);
  opts.onProgress?.({ phase: 'done', detections: detections.length });
  const result: ScanResult = {
    schemaVersion: 1,
    asOf: asOf.toISOString(),
    window: {
      days: windowDays,
      from: new Date(asOf.getTime() - windowDays * DAY_MS).toISOString(),
      to: asOf.toISOString(),
    },
    inputs,
    summary: {
      detections: detections.length,
      bySeverity: countBySeverity(detections),
      byRule: countByRule(detections),
      skippedRules: skipped,
      partial: inputs.some((i) => i.errors.length > 0),
    },
    identities: identities(loaded.inventory, authz, usage?.summary.index),
    detections,
  };
  return { result, inventory: loaded.inventory, authz, ...(usage ? { usage } : {}) };
}

/** Builds the context every rule receives. */
export function buildRuleContext(
  inventory: Inventory,
  authz: Authz,
  asOf: Date,
  config: Config,
): RuleContext {
  const organizationAccounts = new Set(inventory.organization?.accounts.map((a) => a.id) ?? []);
  return {
    inventory,
    asOf,
    config,
    authz,
    scannedAccounts: new Set(inventory.coverage.iamAccounts),
    organizationAccounts,
  };
}

const DAY = (d: Date): string => d.toISOString().slice(0, 10);

/**
 * Aggregates CloudTrail (new files only when the store has a history), over enough days for the window and
 * the inactivity rules. Undefined when there is no CloudTrail at all.
 */
async function readUsage(
  files: string[],
  asOf: Date,
  windowDays: number,
  config: Config,
  opts: ScanOptions,
): Promise<ScanUsage | undefined> {
  const history = opts.usageHistory;
  const days = Math.max(windowDays, config.thresholds.inactiveDays) + 1;
  // The reading threads boot while the store is read.
  const pool = DigestPool.forFiles(files.length);
  try {
    const previousDays = history
      ? await history.readDays(DAY(new Date(asOf.getTime() - days * DAY_MS)), DAY(asOf))
      : [];
    if (files.length === 0 && previousDays.length === 0) return undefined;
    const newFiles: FileStamp[] = [];
    const summary = await usageFromFiles(files, {
      asOf,
      windowDays,
      previousDays,
      pool,
      ...(history
        ? { ledger: { has: (f: FileStamp) => history.has(f), mark: (f: FileStamp) => void newFiles.push(f) } }
        : {}),
      onProgress: (p) => opts.onProgress?.({ phase: 'cloudtrail', ...p }),
    });
    return { summary, newFiles };
  } finally {
    // Not awaited: the threads end on their own cores while the scan goes on.
    void pool.close();
  }
}

/** CloudTrail read errors belong to the input file they came from; so do the records counted while reading. */
function withUsageErrors(inputs: InputSummary[], usage: ScanUsage | undefined): InputSummary[] {
  const errors = usage?.summary.aggregate.errors ?? [];
  const records = usage?.summary.aggregate.fileRecords;
  if (errors.length === 0 && !records?.size) return inputs;
  return inputs.map((i) => {
    const own = errors.filter((e) => e.where === i.path || e.where.startsWith(`${i.path} `));
    const counted = i.kind === 'cloudtrail' ? records?.get(i.path) : undefined;
    if (own.length === 0 && counted === undefined) return i;
    return { ...i, records: counted ?? i.records, errors: [...i.errors, ...own] };
  });
}

function identities(inventory: Inventory, authz: Authz, usage: UsageIndex | undefined): IdentitySummary[] {
  const principals = [...inventory.users, ...inventory.roles];
  return principals
    .map((p) => ({
      arn: p.arn,
      type: p.kind,
      accountId: p.accountId,
      name: p.name,
      isAdmin: authz.adminVerdict(p.arn).isAdmin,
      ...identityUsage(usage, p.arn),
    }))
    .sort((a, b) => (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0));
}

function countBySeverity(detections: Detection[]): Record<Severity, number> {
  const out = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const d of detections) out[d.severity] += 1;
  return out;
}

function countByRule(detections: Detection[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const d of detections) out[d.rule] = (out[d.rule] ?? 0) + 1;
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
}
