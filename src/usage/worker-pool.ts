import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { FileDigest } from './file-digest.js';
import { digestCloudTrailFile, DigestStrings } from './file-digest.js';

/** How to read a list of files. */
export interface DigestOptions {
  /** Worker threads; default: one per core for 64 files or more, else none. 0 reads on this thread. */
  workers?: number;
  maxFileBytes: number;
  /** Called once per file, in completion order; the next file is read only after it returns. */
  onDigest: (d: FileDigest) => void | Promise<void>;
}

// Below this many files, starting threads costs more than it saves.
const MIN_FILES_FOR_WORKERS = 64;
// Files per message: CloudTrail files are small, so a round trip per file would dominate. Bigger batches
// cost fewer messages (48 measured ~8% faster than 16 on 3,000 files); each worker still gets at least eight
// batches, so that a short list is shared evenly.
const MIN_BATCH = 16;
const MAX_BATCH = 48;
const BATCHES_PER_WORKER = 8;
// Batches per worker not merged yet.
const IN_FLIGHT = 2;

function startWorker(): Worker {
  const self = import.meta.url;
  // Running from TypeScript sources (tests, tsx): register tsx's loader inside the worker first.
  if (self.endsWith('.ts')) {
    const entry = JSON.stringify(new URL('./parse-worker.ts', self).href);
    const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${entry}); });`;
    return new Worker(boot, { eval: true });
  }
  return new Worker(new URL('./parse-worker.js', self));
}

async function onThisThread(files: string[], opts: DigestOptions): Promise<void> {
  const strings = new DigestStrings();
  for (const file of files) await opts.onDigest(await digestCloudTrailFile(file, opts.maxFileBytes, strings));
}

/**
 * Reads and digests files on a pool of worker threads (two batches of small files in flight per worker, so
 * memory is bounded by the pool size, whatever the file count). A worker that crashes fails the call: that is a bug, not input.
 */
export async function digestFiles(files: string[], opts: DigestOptions): Promise<void> {
  // An explicit worker count is honoured; the default uses threads only when there is enough to read.
  const wanted = opts.workers ?? (files.length < MIN_FILES_FOR_WORKERS ? 0 : availableParallelism());
  const count = Math.min(wanted, files.length);
  if (count <= 0) return onThisThread(files, opts);
  const batchSize = Math.min(
    MAX_BATCH,
    Math.max(MIN_BATCH, Math.ceil(files.length / (count * BATCHES_PER_WORKER))),
  );
  const workers = Array.from({ length: count }, startWorker);
  let next = 0;
  // Digests are merged one at a time, in arrival order, on this thread.
  let merged: Promise<void> = Promise.resolve();
  try {
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            // Batches sent to this worker and not merged yet: two, so the worker reads the next batch while
            // this thread merges the last one, and memory holds at most two batches per worker.
            let outstanding = 0;
            const feed = (): void => {
              while (outstanding < IN_FLIGHT && next < files.length) {
                const batch = files.slice(next, next + batchSize);
                next += batch.length;
                outstanding++;
                w.postMessage({ files: batch, maxBytes: opts.maxFileBytes });
              }
              if (outstanding === 0) resolve();
            };
            w.on('message', (digests: FileDigest[]) => {
              merged = merged.then(async () => {
                for (const d of digests) await opts.onDigest(d);
                outstanding--;
                feed();
              });
              merged.catch(reject);
            });
            w.on('error', reject);
            w.on('exit', (code) => {
              if (code !== 0) reject(new Error(`CloudTrail worker exited with code ${code}`));
            });
            feed();
          }),
      ),
    );
    await merged;
  } finally {
    // Not awaited (10 to 20 ms for two threads): they end on their own cores while the caller makes its rows.
    void Promise.all(workers.map((w) => w.terminate())).catch(() => undefined);
  }
}
