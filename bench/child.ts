import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** What bench/scan-child.ts reports. */
export interface ChildScanResult {
  wallSeconds: number;
  maxRssMb: number;
  detections: number;
  identities: number;
  partial: boolean;
}

const CHILD = join(dirname(fileURLToPath(import.meta.url)), 'scan-child.ts');

/** Runs one scan in a fresh Node process (through tsx) and returns its own wall time and peak RSS. */
export function runScanChild(asOf: string, paths: string[]): Promise<ChildScanResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, asOf, ...paths], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !last.startsWith('{')) {
        reject(new Error(`scan child exited with ${code}: ${err.trim().split('\n').slice(-5).join(' | ')}`));
        return;
      }
      resolve(JSON.parse(last) as ChildScanResult);
    });
  });
}
