import type { RecordScanInput } from '../record-scan.js';
import { detection, roleArn, scanInput } from './scan-builder.js';

/** A scan of `n` roles, each with one detection; `tag` makes the detections differ between scans. */
export function bigScan(n: number, tag: string): RecordScanInput {
  const detections = Array.from({ length: n }, (_, i) => detection(`rule-${tag}`, roleArn(`r${i}`)));
  return scanInput({ detections });
}
