import type { Command } from 'commander';
import type { CliIo } from '../io.js';
import { CliError } from '../io.js';
import { withStore } from '../with-store.js';

export interface UnmuteCommandOptions {
  id: number;
  by?: string;
  db?: string;
}

/** Registers `iamrisk unmute MUTE_ID`. */
export function define(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('unmute')
    .description('lift a mute (see "iamrisk mute --list" for ids); the timeline records who lifted it')
    .argument('<mute-id>', 'the mute id', parseId)
    .option('--by <name>', 'who lifts it (default: $USER)')
    .option('--db <file|url>', 'store (SQLite file or postgres:// URL)', 'iamrisk.db')
    .action(async (id: number, o: Omit<UnmuteCommandOptions, 'id'>) => setExit(await run({ ...o, id }, io)));
}

/** Lifts the mute; returns the exit code. */
export async function run(opts: UnmuteCommandOptions, io: CliIo): Promise<number> {
  const by = opts.by ?? io.env.USER ?? io.env.LOGNAME ?? 'unknown';
  const m = await withStore(opts.db, io, (s) => s.unmute(opts.id, by), { mustExist: true });
  if (!m) throw new CliError(`no active mute #${opts.id}; list mutes with "iamrisk mute --list"`);
  io.stdout.write(`Lifted mute #${m.id}.\n`);
  return 0;
}

function parseId(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new CliError(`mute id "${value}" is not a positive whole number`);
  return n;
}
