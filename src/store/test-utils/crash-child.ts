// Child process of the crash test: records a large scan and, once inside the transaction with rows written,
// tells the parent (which then sends SIGKILL). With "block" it also stops there, so the kill is certain to land
// mid-transaction; with "run" it keeps writing while the kill arrives.
import { openStore } from '../store.js';
import { bigScan } from './big-scan.js';

const [target, mode, count] = process.argv.slice(2) as [string, 'block' | 'run', string];
const store = await openStore(target);
await store.recordScan(bigScan(Number(count), 'crash'), {
  onStage: (stage) => {
    if (stage !== 'lifecycle' && !(mode === 'run' && stage === 'resources')) return;
    process.stdout.write(`in-transaction ${stage}\n`);
    if (mode === 'block') Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
  },
});
process.stdout.write('committed\n');
await store.close();
