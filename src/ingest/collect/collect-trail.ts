import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { AccountClients } from './clients.js';
import type { TimeWindow } from './cloudtrail.js';
import type { TrailLocation } from './cloudtrail-s3.js';
import { getTrailObject, listTrailObjects } from './cloudtrail-s3.js';
import { forEachLimit } from '../for-each-limit.js';
import type { CollectedFile, CollectIssue } from './manifest.js';
import type { SnapshotWriter } from './snapshot-writer.js';
import { isSafeSegment, SnapshotError } from './snapshot-writer.js';
import type { RetryPolicy } from './with-aws-errors.js';
import { withAwsErrors } from './with-aws-errors.js';

/** Where the trail files are, and an earlier snapshot whose files are reused instead of downloaded. */
export interface TrailSource {
  location: TrailLocation;
  previous?: string;
}

/** What the trail download needs from the run. */
export interface TrailRun {
  clients: AccountClients;
  region: string;
  writer: SnapshotWriter;
  files: CollectedFile[];
  issues: CollectIssue[];
  retry?: RetryPolicy;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Downloads the trail files of the window into `cloudtrail/AWSLogs/…` (the S3 layout, which the reader
 * takes), incrementally: a file already in the previous snapshot with the same size is copied, not fetched.
 * A key with an unsafe segment is recorded and skipped, never written.
 */
export async function collectTrail(
  run: TrailRun,
  source: TrailSource,
  window: TimeWindow,
): Promise<{ downloaded: number; reused: number }> {
  const { writer, files, issues } = run;
  const opts = { retry: run.retry };
  const s3 = run.clients.s3(run.region);
  const scope = { account: null, region: null, service: 's3' };
  const counts = { downloaded: 0, reused: 0 };
  const objects = await withAwsErrors(
    { ...scope, what: `list s3://${source.location.bucket}` },
    issues,
    () => listTrailObjects(s3, source.location, window),
    opts.retry,
  );
  if (!objects) return counts;
  let done = 0;
  await forEachLimit(objects, 8, async (o) => {
    const segments = ['cloudtrail', ...o.relative.split('/')];
    if (!segments.every(isSafeSegment)) {
      // Checked before the download: an unsafe key is never fetched, let alone written.
      issues.push({
        ...scope,
        what: `get ${JSON.stringify(o.key.slice(0, 200))}`,
        kind: 'invalid',
        reason: 'unsafe key segment',
      });
      run.onProgress?.(++done, objects.length);
      return;
    }
    try {
      const previous = source.previous ? path.join(source.previous, ...segments) : null;
      const size = previous
        ? await stat(previous)
            .then((s) => s.size)
            .catch(() => -1)
        : -1;
      let written: string | null;
      if (previous && size === o.size) {
        written = await writer.copyIn(segments, previous);
        counts.reused++;
      } else {
        const bytes = await withAwsErrors(
          { ...scope, what: `get ${o.key}` },
          issues,
          () => getTrailObject(s3, source.location.bucket, o.key),
          opts.retry,
        );
        written = bytes ? await writer.writeBytes(segments, bytes) : null;
        if (written) counts.downloaded++;
      }
      if (written) files.push({ path: written, kind: 'cloudtrail', account: null, region: null, records: 0 });
    } catch (e) {
      if (!(e instanceof SnapshotError)) throw e;
      issues.push({ ...scope, what: `get ${o.key.slice(0, 200)}`, kind: 'invalid', reason: e.message });
    }
    run.onProgress?.(++done, objects.length);
  });
  return counts;
}
