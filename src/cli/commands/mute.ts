import type { Command } from 'commander';
import { terminalSafe } from '../../output/index.js';
import type { Mute, MuteTarget } from '../../store/index.js';
import type { CliIo } from '../io.js';
import { CliError } from '../io.js';
import { withStore } from '../with-store.js';

export interface MuteCommandOptions {
  detectionId?: string;
  rule?: string;
  resource?: string;
  reason?: string;
  author?: string;
  /** ISO-8601 date or a duration in days (`30d`). */
  expires?: string;
  list?: boolean;
  db?: string;
}

/** Registers `iamrisk mute`: accept a risk with a reason (like an Access Analyzer archive rule). */
export function define(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('mute')
    .description(
      'mute a detection by id, or every detection of a rule on resources matching a pattern (* = any text); ' +
        'muted detections stay visible but do not count for --fail-on',
    )
    .argument('[detection-id]', 'the detection id to mute')
    .option('--rule <rule-id>', 'mute this rule on the resources matching --resource')
    .option('--resource <arn-pattern>', 'resource ARN pattern, e.g. "arn:aws:iam::*:role/break-glass-*"')
    .option('--reason <text>', 'why the risk is accepted (required)')
    .option('--author <name>', 'who accepts it (default: $USER)')
    .option('--expires <date|days>', 'when the mute lifts itself: ISO-8601 date or a number of days ("30d")')
    .option('--list', 'list mutes instead (active and past)')
    .option('--db <file|url>', 'store (SQLite file or postgres:// URL)', 'iamrisk.db')
    .action(async (detectionId: string | undefined, o: MuteCommandOptions) =>
      setExit(await run({ ...o, detectionId }, io)),
    );
}

/** Creates (or lists) mutes; returns the exit code. */
export async function run(opts: MuteCommandOptions, io: CliIo, now = new Date()): Promise<number> {
  if (opts.list) {
    const mutes = await withStore(opts.db, io, (s) => s.listMutes({ now }), { mustExist: true });
    io.stdout.write(mutes.length ? `${mutes.map(formatMute).join('\n')}\n` : 'No mutes.\n');
    return 0;
  }
  const target = targetOf(opts);
  if (!opts.reason?.trim()) throw new CliError('mute: --reason is required (why is this risk accepted?)');
  const author = opts.author ?? io.env.USER ?? io.env.LOGNAME ?? '';
  if (!author.trim()) throw new CliError('mute: --author is required ($USER is not set)');
  const expiresAt = parseExpiry(opts.expires, now);
  const m = await withStore(opts.db, io, (s) =>
    s.mute({ ...target, reason: opts.reason as string, author, expiresAt }, now),
  );
  io.stdout.write(`${formatMute(m)}\n`);
  return 0;
}

function targetOf(opts: MuteCommandOptions): MuteTarget {
  if (opts.detectionId && !opts.rule && !opts.resource) return { detectionId: opts.detectionId };
  if (!opts.detectionId && opts.rule && opts.resource)
    return { rule: opts.rule, resourcePattern: opts.resource };
  throw new CliError('mute: give a detection id, or --rule and --resource (not both)');
}

/** Parses `--expires`: an ISO-8601 date, or `N` / `Nd` days from now. */
export function parseExpiry(value: string | undefined, now: Date): Date | null {
  if (value === undefined) return null;
  const days = /^(\d{1,5})d?$/.exec(value);
  if (days) return new Date(now.getTime() + Number(days[1]) * 86_400_000);
  const d = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(d.getTime())) {
    throw new CliError(`--expires: "${value}" is neither an ISO-8601 date nor a number of days (e.g. 30d)`);
  }
  return d;
}

function formatMute(m: Mute): string {
  const target = m.detectionId ?? `${m.rule} on ${m.resourcePattern}`;
  const state = m.isActive
    ? m.expiresAt
      ? `active until ${m.expiresAt}`
      : 'active'
    : m.removedAt
      ? `lifted by ${m.removedBy} at ${m.removedAt}`
      : `expired at ${m.expiresAt}`;
  return terminalSafe(`mute #${m.id}  ${target}  (${state})  by ${m.author} at ${m.createdAt}: ${m.reason}`);
}
