import type { Command } from 'commander';
import { Option } from 'commander';
import type { CliIo } from '../io.js';
import { withStore } from '../with-store.js';
import { lastRunNote } from './runs.js';

export interface ScansCommandOptions {
  db?: string;
  format: 'table' | 'json';
}

/** Registers `iamrisk scans`: the recorded scans, newest first. */
export function define(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('scans')
    .description('list the scans recorded in the store, newest first')
    .option('--db <file|url>', 'store (SQLite file or postgres:// URL)', 'iamrisk.db')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .action(async (o: ScansCommandOptions) => setExit(await run(o, io)));
}

/** Prints the recorded scans; returns the exit code. */
export async function run(opts: ScansCommandOptions, io: CliIo): Promise<number> {
  const [scans, lastRun] = await withStore(
    opts.db,
    io,
    async (s) => [await s.listScans(), (await s.listRuns({ limit: 1 }))[0]] as const,
    { mustExist: true },
  );
  if (opts.format === 'json') {
    io.stdout.write(`${JSON.stringify(scans, null, 2)}\n`);
    return 0;
  }
  // A failed run recorded no scan; say so, or the list would look current.
  const note = lastRunNote(lastRun);
  if (scans.length === 0) {
    io.stdout.write('No scans recorded yet; run "iamrisk scan PATH --db …".\n');
    if (note) io.stdout.write(`${note}\n`);
    return 0;
  }
  const header = ['id', 'recorded', 'as of', 'detections', 'identities', 'resources', 'accounts', 'partial'];
  const rows = scans.map((s) => [
    String(s.id),
    s.recordedAt,
    s.asOf,
    String(s.detections),
    String(s.identities),
    String(s.resources),
    String(s.coverage.iamAccounts.length),
    s.partial ? 'yes' : 'no',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] as number))
      .join('  ')
      .trimEnd();
  io.stdout.write(`${[line(header), ...rows.map(line)].join('\n')}\n`);
  if (note) io.stdout.write(`${note}\n`);
  return 0;
}
