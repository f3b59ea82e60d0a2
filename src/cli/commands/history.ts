import type { Command } from 'commander';
import { Option } from 'commander';
import { terminalSafe } from '../../output/index.js';
import type { TimelineEvent } from '../../store/index.js';
import type { CliIo } from '../io.js';
import { withStore } from '../with-store.js';

export interface HistoryCommandOptions {
  resource: string;
  db?: string;
  format: 'table' | 'json';
}

/** Registers `iamrisk history RESOURCE`: the risk timeline of one resource. */
export function define(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('history')
    .description(
      'show the risk timeline of a resource: detected, severity changed, resolved, reopened, muted',
    )
    .argument('<resource-arn>', 'the resource ARN')
    .option('--db <file|url>', 'store (SQLite file or postgres:// URL)', 'iamrisk.db')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .action(async (resource: string, o: Omit<HistoryCommandOptions, 'resource'>) =>
      setExit(await run({ ...o, resource }, io)),
    );
}

/** Prints a resource's timeline, oldest first; returns the exit code. */
export async function run(opts: HistoryCommandOptions, io: CliIo): Promise<number> {
  const events = await withStore(opts.db, io, (s) => s.history(opts.resource), { mustExist: true });
  if (opts.format === 'json') {
    io.stdout.write(`${JSON.stringify(events, null, 2)}\n`);
    return 0;
  }
  if (events.length === 0) {
    io.stdout.write(`No recorded risk for ${terminalSafe(opts.resource)}.\n`);
    return 0;
  }
  io.stdout.write(`${events.map(formatEvent).join('\n')}\n`);
  return 0;
}

/** One line per event: time, scan, kind, severity change, rule, detection id, mute details. */
export function formatEvent(e: TimelineEvent): string {
  const severity =
    e.kind === 'severity-changed' || e.kind === 'reopened'
      ? `${e.fromSeverity} → ${e.toSeverity}`
      : (e.toSeverity ?? e.fromSeverity ?? '');
  const scan = e.scanId === null ? 'scan -' : `scan ${e.scanId}`;
  let mute = '';
  if (e.mute && e.kind === 'muted') {
    const until = e.mute.expiresAt ? ` until ${e.mute.expiresAt}` : '';
    mute = `  mute #${e.mute.id} by ${e.mute.author}${until}: ${e.mute.reason}`;
  } else if (e.mute) {
    mute = `  mute #${e.mute.id} ${e.mute.liftedBy ? `lifted by ${e.mute.liftedBy}` : 'expired'}`;
  }
  return terminalSafe(
    `${e.at}  ${scan.padEnd(8)}  ${e.kind.padEnd(16)}  ${severity.padEnd(18)}  ${e.rule}  ${e.detectionId}${mute}`,
  );
}
