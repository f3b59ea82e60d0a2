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
 * Worker threads for one {@link digestFiles} call, which can be started ahead of it: booting a thread (its
 * modules, the scanner's WebAssembly) takes tens of milliseconds, which can pass while the caller lists and
 * stats its files.
 */
export class DigestPool {
  readonly workers: Worker[];
  /** Why a thread failed before it was given work (the call that gives it work then fails with it). */
  failure: Error | null = null;
  private closing = false;
  /** Set by the call it serves. */
  used = false;
  private readonly booted: Promise<void>[];

  /** `count` threads; 0 reads on the calling thread. */
  constructor(count: number) {
    this.workers = Array.from({ length: Math.max(0, count) }, startWorker);
    this.booted = this.workers.map(
      (w) =>
        new Promise<void>((resolve) => {
          w.on('message', (m: unknown) => {
            if (m === 'ready') resolve();
          });
          w.on('error', (e: Error) => {
            this.failure ??= e;
            resolve();
          });
          w.on('exit', (code) => {
            if (code !== 0 && !this.closing)
              this.failure ??= new Error(`CloudTrail worker exited with code ${code}`);
            resolve();
          });
        }),
    );
  }

  /** The default pool for about `files` files: one thread per core for 64 files or more, else none. */
  static forFiles(files: number, workers?: number): DigestPool {
    return new DigestPool(workers ?? (files < MIN_FILES_FOR_WORKERS ? 0 : availableParallelism()));
  }

  /** Resolves when every thread has booted (or failed: the next call then fails). */
  async ready(): Promise<void> {
    await Promise.all(this.booted);
  }

  /** Ends the threads; not waiting for it is fine (they end on their own cores). */
  close(): Promise<void> {
    this.closing = true;
    return Promise.all(this.workers.map((w) => w.terminate())).then(
      () => undefined,
      () => undefined,
    );
  }
}

/**
 * Reads and digests files on a pool of worker threads (two batches of small files in flight per worker, so
 * memory is bounded by the pool size, whatever the file count). A worker that crashes fails the call: that is
 * a bug, not input. Without `pool`, one is started for the call (see DigestOptions.workers) and closed after.
 */
export async function digestFiles(
  files: string[],
  opts: DigestOptions,
  pool = DigestPool.forFiles(files.length, opts.workers),
): Promise<void> {
  if (pool.used) throw new Error('a DigestPool serves one aggregation: its threads number strings for it');
  pool.used = true;
  try {
    if (pool.failure !== null) throw pool.failure;
    // Never more threads than files.
    const workers = pool.workers.slice(0, files.length);
    if (workers.length === 0) return await onThisThread(files, opts);
    await readOnThreads(files, workers, opts);
  } finally {
    // A pool serves one call: its threads end now (not awaited: 10 to 20 ms for two), freeing their memory
    // while the caller makes its rows.
    void pool.close();
  }
}

async function readOnThreads(files: string[], workers: Worker[], opts: DigestOptions): Promise<void> {
  const count = workers.length;
  const batchSize = Math.min(
    MAX_BATCH,
    Math.max(MIN_BATCH, Math.ceil(files.length / (count * BATCHES_PER_WORKER))),
  );
  let next = 0;
  // Digests are merged one at a time, in arrival order, on this thread.
  let merged: Promise<void> = Promise.resolve();
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
          w.on('message', (digests: FileDigest[] | 'ready') => {
            if (digests === 'ready') return;
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
}
