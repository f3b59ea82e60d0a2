import type { Command } from 'commander';
import type { CliIo } from '../io.js';
import { CliError } from '../io.js';
import { withStore } from '../with-store.js';

export interface PruneCommandOptions {
  keep: number;
  db?: string;
}

/** Registers `iamrisk prune --keep N`: retention of scan snapshots. */
export function define(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('prune')
    .description('delete all but the newest N scans (their snapshots); detection history and mutes are kept')
    .requiredOption('--keep <n>', 'how many of the newest scans to keep', parseKeep)
    .option('--db <file|url>', 'store (SQLite file or postgres:// URL)', 'iamrisk.db')
    .action(async (o: PruneCommandOptions) => setExit(await run(o, io)));
}

/** Prunes old scans and says what went; returns the exit code. */
export async function run(opts: PruneCommandOptions, io: CliIo): Promise<number> {
  const r = await withStore(opts.db, io, (s) => s.prune(opts.keep), { mustExist: true });
  io.stdout.write(
    r.scansDeleted.length === 0
      ? `Nothing to prune: at most ${opts.keep} scan(s) stored.\n`
      : `Deleted ${r.scansDeleted.length} scan(s) (${r.scansDeleted.join(', ')}) and ${r.resourceVersionsDeleted} unused resource version(s).\n`,
  );
  return 0;
}

function parseKeep(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new CliError(`--keep: "${value}" is not a whole number ≥ 1`);
  return n;
}
