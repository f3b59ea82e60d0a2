// Worker-thread entry: reads and digests a batch of CloudTrail files per message (see worker-pool.ts).
import { parentPort } from 'node:worker_threads';
import type { FileDigest } from './file-digest.js';
import { digestCloudTrailFile } from './file-digest.js';

parentPort?.on('message', (msg: { files: string[]; maxBytes: number }) => {
  void (async () => {
    const digests: FileDigest[] = [];
    for (const file of msg.files) digests.push(await digestCloudTrailFile(file, msg.maxBytes));
    const buffers = digests.flatMap(
      (d) => [d.events.buffer, d.callStart.buffer, d.calls.buffer] as ArrayBuffer[],
    );
    parentPort?.postMessage(digests, buffers);
  })();
});
