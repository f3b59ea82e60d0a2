// Worker-thread entry: reads and digests one CloudTrail file per message (see worker-pool.ts).
import { parentPort } from 'node:worker_threads';
import { readCloudTrailFile } from '../ingest/cloudtrail-file.js';
import { digestTrailFile } from './file-digest.js';

parentPort?.on('message', (msg: { file: string; maxBytes: number }) => {
  void readCloudTrailFile(msg.file, msg.maxBytes).then((r) => {
    const d = digestTrailFile(r);
    const buffers = [d.events.buffer, d.callStart.buffer, d.calls.buffer] as ArrayBuffer[];
    parentPort?.postMessage(d, buffers);
  });
});
