import type { Command } from 'commander';
import { Option } from 'commander';
import type { RunInfo } from '../../store/index.js';
import type { CliIo } from '../io.js';
import { CliError } from '../io.js';
import { DEFAULT_DB, withStore } from '../with-store.js';

export interface RunsCommandOptions {
  db?: string;
  format: 'table' | 'json';
  limit: number;
}

/** Registers `iamrisk runs`: the recorded collect-and-scan runs (`watch`, `scan --db`), failed ones included. */
export function define(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('runs')
    .description('list the recorded runs (iamrisk watch, scan --db), failed ones included, newest first')
    .option('--db <file|url>', 'store (SQLite file or postgres:// URL)', DEFAULT_DB)
    .option('--limit <n>', 'show at most n runs', parseLimit, 50)
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .action(async (o: RunsCommandOptions) => setExit(await run(o, io)));
}

/** Prints the recorded runs; returns the exit code. */
export async function run(opts: RunsCommandOptions, io: CliIo): Promise<number> {
  const runs = await withStore(opts.db, io, (s) => s.listRuns({ limit: opts.limit }), { mustExist: true });
  if (opts.format === 'json') {
    io.stdout.write(`${JSON.stringify(runs, null, 2)}\n`);
    return 0;
  }
  if (runs.length === 0) {
    io.stdout.write('No runs recorded yet; run "iamrisk watch" or "iamrisk scan PATH --db …".\n');
    return 0;
  }
  const header = ['id', 'started', 'finished', 'source', 'status', 'scan', 'detail'];
  const rows = runs.map((r) => [
    String(r.id),
    r.startedAt,
    r.finishedAt,
    r.source,
    r.status,
    r.scanId === null ? '-' : String(r.scanId),
    r.error ?? r.snapshot ?? '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] as number)))
      .join('  ')
      .trimEnd();
  io.stdout.write(`${[line(header), ...rows.map(line)].join('\n')}\n`);
  const last = lastRunNote(runs[0]);
  if (last) io.stdout.write(`${last}\n`);
  return 0;
}

/** "Last run failed: …" when the newest run failed, else null (also shown by `iamrisk scans`). */
export function lastRunNote(last: RunInfo | undefined): string | null {
  if (!last || last.status !== 'failed') return null;
  return `Last run failed (${last.source}, ${last.startedAt}): ${last.error ?? 'unknown error'}`;
}

function parseLimit(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new CliError(`--limit: "${value}" is not a whole number of at least 1`);
  return n;
}
