// npm run bench [-- --only NAME] [-- --quick]: runs the benchmark cases, prints a table and writes
// bench/results/latest.json.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { apiLatency } from './cases/api-latency.js';
import { explorerLoad } from './cases/explorer-load.js';
import { cloudtrailUsage } from './cases/cloudtrail-usage.js';
import { effectiveVsSimulate } from './cases/effective-vs-simulate.js';
import { evaluateThroughput } from './cases/evaluate-throughput.js';
import { privesc10k } from './cases/privesc-10k.js';
import { scan10k } from './cases/scan-10k.js';
import { scan1k } from './cases/scan-1k.js';
import { store10k } from './cases/store-10k.js';
import type { BenchCase, BenchRow } from './cases/types.js';

const CASES: BenchCase[] = [scan1k, scan10k, effectiveVsSimulate, evaluateThroughput, store10k, privesc10k, cloudtrailUsage, apiLatency, explorerLoad];

function parseArgs(argv: string[]): { only: string | null; quick: boolean } {
  const i = argv.indexOf('--only');
  const only = i >= 0 ? (argv[i + 1] ?? null) : null;
  if (only && !CASES.some((c) => c.name === only)) {
    console.error(`unknown case ${only}; cases: ${CASES.map((c) => c.name).join(', ')}`);
    process.exit(2);
  }
  return { only, quick: argv.includes('--quick') };
}

function fmt(n: number | null): string {
  if (n === null) return '';
  if (Number.isInteger(n)) return String(n);
  return n >= 100 ? n.toFixed(0) : n >= 1 ? n.toFixed(2) : n.toPrecision(3);
}

function printTable(rows: BenchRow[]): void {
  const header = ['case', 'metric', 'iamrisk', 'peer', 'ratio', 'note'];
  const cells = rows.map((r) => [
    r.case,
    r.unit ? `${r.metric} (${r.unit})` : r.metric,
    fmt(r.iamrisk),
    fmt(r.peer),
    r.ratio === null ? '' : `${fmt(r.ratio)}×`,
    r.note ?? '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] as string).length)));
  const line = (c: string[]) =>
    c
      .map((v, i) => (i >= 2 && i <= 4 ? v.padStart(widths[i] as number) : v.padEnd(widths[i] as number)))
      .join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const c of cells) console.log(line(c));
}

const { only, quick } = parseArgs(process.argv.slice(2));
const rows: BenchRow[] = [];
const failures: string[] = [];
for (const c of CASES) {
  if (only ? c.name !== only : quick && c.isSlow) continue;
  console.error(`… ${c.name}: ${c.description}`);
  try {
    rows.push(...(await c.run({ quick })));
  } catch (e) {
    failures.push(`${c.name}: ${e instanceof Error ? e.message : String(e)}`);
  }
}
printTable(rows);
for (const f of failures) console.error(`FAILED ${f}`);
const out = join(dirname(fileURLToPath(import.meta.url)), 'results', 'latest.json');
await mkdir(dirname(out), { recursive: true });
await writeFile(
  out,
  JSON.stringify({ date: new Date().toISOString(), node: process.version, quick, rows, failures }, null, 2) +
    '\n',
);
console.error(`wrote ${out}`);
if (failures.length > 0) process.exitCode = 1;
