import path from 'node:path';
import type { CloudTrailSource, CollectOptions } from '../../ingest/collect/collect.js';
import { collect } from '../../ingest/collect/collect.js';
import type { ScanOptions } from '../../scan/scan.js';
import type { RunInfo, RunStatus, Store } from '../../store/index.js';
import type { CliIo } from '../io.js';
import { scanIntoStore } from '../scan-to-store.js';
import { newSnapshotPath, pruneSnapshots } from './snapshots.js';

/** The source recorded for `iamrisk watch` runs. */
export const WATCH_SOURCE = 'watch';

/** What one collect-and-scan cycle needs. */
export interface CycleOptions {
  store: Store;
  /** The store's `--db`, for messages. */
  target: string;
  /** Snapshots are collected into `<outRoot>/<start time>`. */
  outRoot: string;
  collect: Omit<CollectOptions, 'out' | 'cloudtrail'>;
  cloudtrail: CloudTrailSource;
  scan: Omit<ScanOptions, 'paths'>;
  /** Snapshot folders kept under `outRoot` (the last good one always is); all when absent. */
  keepSnapshots?: number;
}

/** The newest snapshot under `outRoot` that a successful (or partial) watch run scanned, or null. */
export async function lastGoodSnapshot(store: Store, outRoot: string): Promise<string | null> {
  const good = await store.listRuns({ source: WATCH_SOURCE, status: ['succeeded', 'partial'], limit: 50 });
  for (const r of good) if (r.snapshot && path.dirname(r.snapshot) === outRoot) return r.snapshot;
  return null;
}

/**
 * One cycle of `iamrisk watch`: collect into a new snapshot folder (reusing the last good snapshot's trail
 * files), scan it with the store's usage history, record the scan, then record the run. A failed collect or
 * scan records a failed run with its reason and no scan, so the latest scan stays the last good one.
 * @throws StoreError only when the run itself cannot be recorded.
 */
export async function runCycle(opts: CycleOptions, io: CliIo): Promise<RunInfo> {
  const startedAt = new Date();
  const previous = await lastGoodSnapshot(opts.store, opts.outRoot);
  let stage = 'collect';
  let snapshot: string | null = null;
  let run: RunInfo;
  try {
    const cloudtrail =
      opts.cloudtrail.mode === 's3' && previous ? { ...opts.cloudtrail, previous } : opts.cloudtrail;
    const collected = await collect({
      ...opts.collect,
      out: newSnapshotPath(opts.outRoot, startedAt),
      cloudtrail,
    });
    snapshot = collected.out;
    stage = 'scan';
    const { run: scan, recorded } = await scanIntoStore(
      opts.store,
      opts.target,
      { ...opts.scan, paths: [snapshot] },
      io,
    );
    stage = 'record';
    const missing = collected.manifest.errors.length;
    const status: RunStatus = missing > 0 || scan.result.summary.partial ? 'partial' : 'succeeded';
    run = await opts.store.recordRun({
      startedAt,
      finishedAt: new Date(),
      status,
      scanId: recorded.scanId,
      source: WATCH_SOURCE,
      snapshot,
      error: status === 'partial' ? partialReason(missing) : null,
    });
  } catch (e) {
    if (stage === 'record') throw e;
    run = await opts.store.recordRun({
      startedAt,
      finishedAt: new Date(),
      status: 'failed',
      scanId: null,
      source: WATCH_SOURCE,
      snapshot,
      error: `${stage}: ${oneLine(e instanceof Error ? e.message : String(e))}`,
    });
  }
  if (opts.keepSnapshots !== undefined) {
    const keep = await lastGoodSnapshot(opts.store, opts.outRoot);
    pruneSnapshots(opts.outRoot, opts.keepSnapshots, new Set(keep ? [keep] : []));
  }
  return run;
}

function partialReason(missing: number): string {
  return missing > 0
    ? `${missing} part(s) could not be collected (see collect-manifest.json)`
    : 'some inputs or records could not be read';
}

/** Error text can carry AWS strings: one line, no control characters, bounded. */
function oneLine(s: string): string {
  // eslint-disable-next-line no-control-regex -- the point is to remove control characters
  return s.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').slice(0, 1000);
}
