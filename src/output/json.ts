import type { ScanResult } from '../model/scan.js';

/** The JSON of PRODUCT.md §5, pretty-printed. JSON escaping keeps AWS strings inert. */
export function formatJson(result: ScanResult): string {
  return JSON.stringify(result, null, 2) + '\n';
}
