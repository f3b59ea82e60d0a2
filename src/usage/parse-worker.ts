// Worker-thread entry: reads and digests a batch of CloudTrail files per message (see worker-pool.ts).
import { parentPort } from 'node:worker_threads';
import type { FileDigest } from './file-digest.js';
import { digestCloudTrailFile, DigestStrings } from './file-digest.js';
import { prepareScanner } from '../ingest/trail-scan.js';

// One numbering for every file this worker reads (a worker serves one aggregation).
const strings = new DigestStrings();

async function digestBatch(msg: { files: string[]; maxBytes: number }): Promise<void> {
  const digests: FileDigest[] = [];
  for (const file of msg.files) digests.push(await digestCloudTrailFile(file, msg.maxBytes, strings));
  const buffers = digests.flatMap(
    (d) => [d.events.buffer, d.callStart.buffer, d.calls.buffer] as ArrayBuffer[],
  );
  parentPort?.postMessage(digests, buffers);
}

// Batches are read one after the other (a streamed file awaits I/O): digests must leave in the order their
// strings were numbered.
let queue: Promise<void> = Promise.resolve();
parentPort?.on('message', (msg: { files: string[]; maxBytes: number }) => {
  queue = queue.then(() => digestBatch(msg));
});

// Ready once the modules are loaded and the scanner's WebAssembly compiled (see DigestPool.ready).
prepareScanner();
parentPort?.postMessage('ready');
