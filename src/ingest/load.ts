import type { InputSummary } from '../model/input.js';
import type { Inventory } from '../model/inventory.js';
import type { Processed } from './from-raw.js';
import { mergeProcessed, processDocument } from './from-raw.js';
import { sniffCloudTrail } from './cloudtrail-file.js';
import { DEFAULT_MAX_FILE_BYTES, readInputFile } from './read-file.js';
import { listInputFiles } from './walk.js';

/** What `loadInputs` read. */
export interface LoadResult {
  inventory: Inventory;
  /** One summary per file read (and per path that could not be read), in path order. */
  inputs: InputSummary[];
  /** Files recognised as CloudTrail, in path order, for the CloudTrail reader. */
  cloudtrailFiles: string[];
}

/** Options of `loadInputs`. */
export interface LoadOptions {
  /** Called after each file, with the number done and the total. */
  onProgress?: (done: number, total: number) => void;
  /** Refuse any single file (or decompressed gzip) larger than this; default 512 MiB. */
  maxFileBytes?: number;
  /** Files read at once; default 4. */
  concurrency?: number;
}

/**
 * Reads every input under the given files and folders (recursively, `.gz` included), recognises each by its
 * content and merges them into one inventory. Unreadable files and records are reported in `inputs[].errors`;
 * this never rejects because of input content.
 *
 * @example const { inventory, inputs } = await loadInputs(['./snapshot']);
 */
export async function loadInputs(paths: string[], opts: LoadOptions = {}): Promise<LoadResult> {
  const { files, errors } = await listInputFiles(paths);
  const maxBytes = opts.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const processed: Processed[] = errors.map((error) => ({ file: error.where, kind: 'error', error }));
  let next = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    while (next < files.length) {
      const file = files[next++]!;
      processed.push(await processFile(file, maxBytes));
      done++;
      opts.onProgress?.(done, files.length);
    }
  };
  const workers = Math.max(1, Math.min(opts.concurrency ?? 4, files.length));
  await Promise.all(Array.from({ length: workers }, worker));
  const { inventory, inputs } = mergeProcessed(processed);
  const cloudtrailFiles = inputs.filter((i) => i.kind === 'cloudtrail').map((i) => i.path);
  return { inventory, inputs, cloudtrailFiles };
}

async function processFile(file: string, maxBytes: number): Promise<Processed> {
  // CloudTrail is recognised from its first bytes and read once, streamed, by the usage aggregation, which
  // counts its records (the scan puts the count in `inputs[].records`; here it is 0).
  if (await sniffCloudTrail(file)) return { file, kind: 'cloudtrail', records: 0 };
  const read = await readInputFile(file, maxBytes);
  if (!read.ok) return { file, kind: 'error', error: { where: file, reason: read.reason } };
  try {
    return processDocument(file, read.raw);
  } catch (e) {
    // Readers are total; this guards the scan against a reader bug on hostile input.
    return {
      file,
      kind: 'error',
      error: { where: file, reason: `internal error while reading: ${(e as Error).message}` },
    };
  }
}
