import { renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { Option } from 'commander';
import type { Severity } from '../../model/finding.js';
import { isSeverity, severityRank } from '../../model/finding.js';
import type { ScanResult } from '../../model/scan.js';
import { formatCsv, formatJson, formatSarif, formatTable } from '../../output/index.js';
import { unmutedDetections } from '../../store/index.js';
import { withStore } from '../with-store.js';
import { loadConfig } from '../config.js';
import { EXIT } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { CliError } from '../io.js';
import { scanIntoStore, scanWithProgress } from '../scan-to-store.js';
import { packageVersion } from '../version.js';

export const FORMATS = ['table', 'json', 'sarif', 'csv'] as const;
export type Format = (typeof FORMATS)[number];

export interface ScanCommandOptions {
  paths: string[];
  asOf?: string;
  windowDays: number;
  format: Format;
  out?: string;
  failOn?: string;
  config?: string;
  /** Store to record the scan in; muted detections then no longer count for `--fail-on`. */
  db?: string;
  /** Table format only: list at most this many detections per severity (the explorer shows the rest). */
  perSeverity?: number;
}

/** Registers `iamrisk scan PATH...` (PRODUCT.md §4). */
export function define(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('scan')
    .description('scan AWS exports (files or folders) for identity risks')
    .argument(
      '<paths...>',
      'files or folders of AWS exports (.json, .csv, .gz; folders searched recursively)',
    )
    .option('--as-of <iso-8601>', 'fix "now" for every time-based rule (default: the current time)')
    .option('--window-days <days>', 'CloudTrail usage window in days', parseDays, 15)
    .addOption(new Option('--format <format>', 'output format').choices([...FORMATS]).default('table'))
    .option('--out <file>', 'write the report to a file instead of standard output')
    .option('--fail-on <severity>', 'exit 1 when a detection of this severity or higher is found')
    .option('--config <file>', 'configuration file (default: ./iamrisk.config.json if present)')
    .option('--db <file|url>', 'record the scan in a store: SQLite file (e.g. iamrisk.db) or postgres:// URL')
    .action(async (paths: string[], o: Omit<ScanCommandOptions, 'paths'>) => {
      setExit(await run({ ...o, paths }, io));
    });
}

/** Runs a scan and writes the report; returns the exit code (see exit-codes.ts). */
export async function run(opts: ScanCommandOptions, io: CliIo): Promise<number> {
  const asOf = parseAsOf(opts.asOf);
  if (opts.failOn !== undefined && !isSeverity(opts.failOn)) {
    throw new CliError(
      `--fail-on: unknown severity "${opts.failOn}" (use critical, high, medium, low or info)`,
    );
  }
  const config = loadConfig(io.cwd, opts.config);
  const scanOptions = {
    paths: opts.paths.map((p) => path.resolve(io.cwd, p)),
    asOf,
    windowDays: opts.windowDays,
    config,
  };
  if (!opts.db) {
    const run = await scanWithProgress(scanOptions, io);
    report(run.result, opts, io);
    return exitCode(run.result, opts.failOn as Severity | undefined);
  }
  return withStore(opts.db, io, async (store) => {
    const startedAt = new Date();
    const { run, recorded } = await scanIntoStore(store, opts.db as string, scanOptions, io, (r) =>
      report(r.result, opts, io),
    );
    // Listed by `iamrisk runs` next to the `watch` runs, so the newest run is the one that counts.
    await store.recordRun({
      startedAt,
      finishedAt: new Date(),
      status: run.result.summary.partial ? 'partial' : 'succeeded',
      scanId: recorded.scanId,
      source: 'scan',
      snapshot: scanOptions.paths.length === 1 ? (scanOptions.paths[0] as string) : null,
    });
    // Muted detections stay in the report but do not fail the pipeline.
    const gating = await unmutedDetections(store, run.result.detections);
    return exitCode({ ...run.result, detections: gating }, opts.failOn as Severity | undefined);
  });
}

function report(result: ScanResult, opts: ScanCommandOptions, io: CliIo): void {
  const text = render(result, opts, io, opts.out === undefined);
  if (opts.out) writeAtomically(path.resolve(io.cwd, opts.out), text);
  else io.stdout.write(text);
}

function render(result: ScanResult, opts: ScanCommandOptions, io: CliIo, toTerminal: boolean): string {
  switch (opts.format) {
    case 'json':
      return formatJson(result);
    case 'sarif':
      return formatSarif(result, { version: packageVersion(), cwd: io.cwd });
    case 'csv':
      return formatCsv(result);
    case 'table':
      return formatTable(result, {
        color: toTerminal && Boolean(io.stdout.isTTY) && !io.env.NO_COLOR,
        ...(opts.perSeverity === undefined ? {} : { perSeverity: opts.perSeverity }),
      });
  }
}

/** 1 when a detection reaches `failOn`, else 3 when the scan was partial, else 0. */
export function exitCode(result: ScanResult, failOn?: Severity): number {
  if (failOn && result.detections.some((d) => severityRank(d.severity) >= severityRank(failOn)))
    return EXIT.failOn;
  return result.summary.partial ? EXIT.partial : EXIT.ok;
}

function parseAsOf(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const d = new Date(value);
  if (Number.isNaN(d.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(value)) {
    throw new CliError(
      `--as-of: "${value}" is not an ISO-8601 date (e.g. 2026-11-20 or 2026-11-20T12:00:00Z)`,
    );
  }
  return d;
}

function parseDays(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 3650)
    throw new CliError(`--window-days: "${value}" is not a whole number of days`);
  return n;
}

function writeAtomically(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, file);
  } catch (e) {
    // A full disk leaves a partial temporary file: remove it, so that no half-written report remains.
    rmSync(tmp, { force: true });
    throw new CliError(`cannot write ${file}: ${(e as Error).message}`);
  }
}
