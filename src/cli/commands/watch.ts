import path from 'node:path';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import type { Command } from 'commander';
import type { RunInfo } from '../../store/index.js';
import { redact } from '../../store/index.js';
import { loadConfig } from '../config.js';
import { EXIT } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { CliError } from '../io.js';
import { DEFAULT_DB, withStore } from '../with-store.js';
import type { CycleOptions } from '../watch/cycle.js';
import { runCycle } from '../watch/cycle.js';
import { parseDuration, sleep } from '../watch/duration.js';
import { addSourceOptions, checkEndpoint, cloudTrailSource } from './collect.js';

export interface WatchCommandOptions {
  every: string;
  outRoot: string;
  db?: string;
  once?: boolean;
  keepSnapshots?: number;
  profile?: string;
  regions?: string;
  region?: string;
  org?: boolean;
  assumeRole?: string;
  cloudtrail?: string;
  windowDays: number;
  endpointUrl?: string;
  config?: string;
}

/** Lets a caller stop the loop (tests); SIGINT and SIGTERM always do. `onRun` sees each recorded run. */
export interface WatchControl {
  signal?: AbortSignal;
  onRun?: (run: RunInfo) => void;
}

/** Registers `iamrisk watch`: collect and scan on a schedule into the store (ongoing detection). */
export function define(program: Command, io: CliIo, setExit: (code: number) => void): void {
  addSourceOptions(
    program
      .command('watch')
      .description('collect and scan on a schedule into a store; every run, failed or not, is recorded'),
  )
    .requiredOption('--out-root <dir>', 'folder that receives one snapshot folder per run')
    .option('--every <interval>', 'wait between runs: 30m, 6h, 1d …', '6h')
    .option('--once', 'run one cycle and exit (0 succeeded, 3 partial, 2 failed)')
    .option('--db <file|url>', `store: SQLite file or postgres:// URL (default: ${DEFAULT_DB})`)
    .option(
      '--keep-snapshots <n>',
      'delete older snapshot folders under --out-root beyond the newest n',
      parseKeep,
    )
    .option('--config <file>', 'configuration file (default: ./iamrisk.config.json if present)')
    .action(async (o: WatchCommandOptions) => setExit(await run(o, io)));
}

/**
 * Runs collect-and-scan cycles until stopped (or one with `--once`); returns the exit code. The first SIGINT
 * or SIGTERM stops the loop after the running cycle (a second one ends the process at once).
 */
export async function run(opts: WatchCommandOptions, io: CliIo, control: WatchControl = {}): Promise<number> {
  const every = parseDuration(opts.every);
  const target = opts.db ?? DEFAULT_DB;
  const outRoot = path.resolve(io.cwd, opts.outRoot);
  const base: Omit<CycleOptions, 'store'> = {
    target,
    outRoot,
    keepSnapshots: opts.keepSnapshots,
    cloudtrail: cloudTrailSource({ ...opts, out: outRoot, previous: undefined }, io),
    collect: {
      access: {
        credentials: fromNodeProviderChain(opts.profile ? { profile: opts.profile } : {}),
        homeRegion: opts.region ?? 'us-east-1',
        ...(opts.endpointUrl ? { endpoint: checkEndpoint(opts.endpointUrl) } : {}),
      },
      regions: opts.regions?.split(',').filter((r) => r.trim() !== ''),
      org: opts.org,
      assumeRole: opts.assumeRole,
      windowDays: opts.windowDays,
    },
    scan: { windowDays: opts.windowDays, config: loadConfig(io.cwd, opts.config) },
  };
  return withStore(target, io, async (store) => {
    const cycle = async (): Promise<RunInfo> => {
      const r = await runCycle({ ...base, store }, io);
      io.stderr.write(`${describeRun(r)}\n`);
      control.onRun?.(r);
      return r;
    };
    if (opts.once) {
      const r = await cycle();
      return r.status === 'failed' ? EXIT.error : r.status === 'partial' ? EXIT.partial : EXIT.ok;
    }
    const stop = new AbortController();
    const onSignal = (): void => {
      io.stderr.write('Stopping after the current run (send the signal again to stop now).\n');
      stop.abort();
    };
    const onAbort = (): void => stop.abort();
    control.signal?.addEventListener('abort', onAbort, { once: true });
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    try {
      io.stderr.write(
        `Watching: a run every ${opts.every} into ${outRoot}, recorded in ${redact(target)}.\n`,
      );
      while (!stop.signal.aborted && !control.signal?.aborted) {
        // The store may be briefly unreachable: say so and try again at the next run.
        await cycle().catch((e: unknown) => {
          io.stderr.write(
            `iamrisk: the run could not be recorded: ${e instanceof Error ? e.message : String(e)}\n`,
          );
        });
        await sleep(every, stop.signal);
      }
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      control.signal?.removeEventListener('abort', onAbort);
    }
    return EXIT.ok;
  });
}

/** One line per run, e.g. `Run 4 failed: collect: …; the latest scan is unchanged.` */
function describeRun(r: RunInfo): string {
  if (r.status === 'failed')
    return `Run ${r.id} failed: ${r.error ?? 'unknown error'}; the latest scan is unchanged.`;
  const note = r.status === 'partial' ? ` (partial: ${r.error ?? 'see the scan'})` : '';
  return `Run ${r.id} ${r.status}: scan ${r.scanId} from ${r.snapshot}${note}.`;
}

function parseKeep(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 100_000)
    throw new CliError(`--keep-snapshots: "${value}" is not a whole number of at least 1`);
  return n;
}
