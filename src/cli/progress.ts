import cliProgress from 'cli-progress';
import type { ScanProgress } from '../scan/scan.js';
import type { CliIo } from './io.js';

/** A progress reporter for a scan: a bar on a terminal (stderr), silent otherwise. */
export function scanProgress(io: CliIo): { onProgress: (p: ScanProgress) => void; stop: () => void } {
  if (!io.stderr.isTTY || io.env.CI) return { onProgress: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    {
      format: 'reading inputs [{bar}] {value}/{total} files | {phase}',
      stream: process.stderr,
      clearOnComplete: true,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    onProgress: (p) => {
      if (p.phase === 'read') {
        if (!started) {
          bar.start(p.total, 0, { phase: 'read' });
          started = true;
        }
        bar.update(p.done, { phase: 'read' });
      } else if (started) {
        bar.update({ phase: p.phase === 'evaluate' ? 'effective permissions' : p.phase });
      }
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}
