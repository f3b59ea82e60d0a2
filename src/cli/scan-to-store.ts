import type { ScanOptions, ScanRun } from '../scan/scan.js';
import { runScan } from '../scan/scan.js';
import { buildInsights } from '../scan/insights.js';
import type { RecordedScan, Store } from '../store/index.js';
import { redact } from '../store/index.js';
import type { CliIo } from './io.js';
import { CliError } from './io.js';
import { scanProgress } from './progress.js';

/**
 * Runs a scan with a terminal progress bar.
 * @throws CliError when no input file was found or none could be read.
 */
export async function scanWithProgress(options: ScanOptions, io: CliIo): Promise<ScanRun> {
  const progress = scanProgress(io);
  let run: ScanRun;
  try {
    run = await runScan({ ...options, onProgress: progress.onProgress });
  } finally {
    progress.stop();
  }
  const { result } = run;
  if (result.inputs.length === 0) throw new CliError(`no input files found in ${options.paths.join(', ')}`);
  if (result.inputs.every((i) => i.records === 0 && i.errors.length > 0)) {
    const first = result.inputs.flatMap((i) => i.errors)[0];
    throw new CliError(`nothing could be read: ${first?.where}: ${first?.reason}`);
  }
  return run;
}

/**
 * Scans with the store's CloudTrail usage history and records the scan (the `scan --db` path, shared with
 * `watch`). `onScanned` runs between the scan and its recording (the report is written there).
 * @param target the store's `--db`, for the message.
 */
export async function scanIntoStore(
  store: Store,
  target: string,
  options: ScanOptions,
  io: CliIo,
  onScanned: (run: ScanRun) => void = () => undefined,
): Promise<{ run: ScanRun; recorded: RecordedScan }> {
  // CloudTrail files the store already folded in are not read again (their days come from the store).
  const ledger = await store.usage.ledger();
  const run = await scanWithProgress(
    {
      ...options,
      usageHistory: { has: (f) => ledger.has(f), readDays: (from, to) => store.usage.readDays(from, to) },
    },
    io,
  );
  onScanned(run);
  // The scan is recorded in one transaction, and new CloudTrail days with their files in another: a crash
  // in between only makes the next run read those files again.
  const recorded = await store.recordScan({
    result: run.result,
    inventory: run.inventory,
    insights: buildInsights({
      inventory: run.inventory,
      authz: run.authz,
      usage: run.usage?.summary.index,
    }),
  });
  if (run.usage && run.usage.newFiles.length > 0) {
    await store.usage.recordFiles(run.usage.newFiles, run.usage.summary.aggregate.days);
  }
  io.stderr.write(`Recorded scan ${recorded.scanId} in ${redact(target)}.\n`);
  if (run.usage) {
    const a = run.usage.summary.aggregate;
    io.stderr.write(
      `CloudTrail: ${a.filesRead} files read (${a.events} events), ${a.filesAlreadyRead} already in the store.\n`,
    );
  }
  return { run, recorded };
}
