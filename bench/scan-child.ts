// Child process of the scan benchmarks: runs one full scan so that its peak memory is its own.
// Usage: tsx bench/scan-child.ts <asOf ISO> <path>...  Prints one JSON line on stdout.
import { scan } from '../src/scan/scan.js';

const [asOf, ...paths] = process.argv.slice(2);
if (!asOf || paths.length === 0) {
  console.error('usage: scan-child.ts <asOf> <path>...');
  process.exit(2);
}
const started = performance.now();
const result = await scan({ paths, asOf: new Date(asOf) });
const wallSeconds = (performance.now() - started) / 1000;
console.log(
  JSON.stringify({
    wallSeconds,
    // resourceUsage().maxRSS is in kilobytes.
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    detections: result.summary.detections,
    identities: result.identities.length,
    partial: result.summary.partial,
  }),
);
