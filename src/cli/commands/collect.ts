import path from 'node:path';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import type { Command } from 'commander';
import type { CloudTrailSource, CollectOptions, CollectProgress } from '../../ingest/collect/collect.js';
import { collect } from '../../ingest/collect/collect.js';
import { parseS3Url } from '../../ingest/collect/cloudtrail-s3.js';
import type { AwsAccess } from '../../ingest/collect/clients.js';
import { SnapshotError } from '../../ingest/collect/snapshot-writer.js';
import { EXIT } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { CliError } from '../io.js';

export interface CollectCommandOptions {
  out: string;
  profile?: string;
  regions?: string;
  region?: string;
  org?: boolean;
  assumeRole?: string;
  cloudtrail?: string;
  windowDays: number;
  endpointUrl?: string;
  force?: boolean;
  previous?: string;
}

/** Registers `iamrisk collect` (PRODUCT.md §4): live, read-only collection into a snapshot folder. */
/** The options `collect` and `watch` share: where to read from and what to collect. */
export function addSourceOptions(command: Command): Command {
  return command
    .option('--profile <name>', 'AWS profile (default: the standard credential chain)')
    .option('--regions <list>', 'comma-separated regions (default: every enabled region)')
    .option('--region <name>', 'region for IAM, STS and Organizations calls', 'us-east-1')
    .option('--org', 'collect the organization and every active member account')
    .option('--assume-role <name>', 'role assumed in member accounts', 'OrganizationAccountAccessRole')
    .option(
      '--cloudtrail <source>',
      's3://bucket/prefix (trail files), lookup (event history) or none',
      'none',
    )
    .option('--window-days <days>', 'CloudTrail window in days', parseDays, 15)
    .option('--endpoint-url <url>', 'send every AWS call to this endpoint (an emulator such as moto)');
}

export function define(program: Command, io: CliIo, setExit: (code: number) => void): void {
  addSourceOptions(
    program
      .command('collect')
      .description('collect an AWS account or organization (read-only calls only) into a snapshot folder'),
  )
    .requiredOption('--out <dir>', 'snapshot folder to create (written atomically)')
    .option('--previous <dir>', 'an earlier snapshot whose trail files are reused instead of downloaded')
    .option('--force', 'replace a non-empty --out folder')
    .action(async (o: CollectCommandOptions) => setExit(await run(o, io)));
}

/** Collects and prints a one-line summary; returns 0, or 3 when some part could not be collected. */
export async function run(opts: CollectCommandOptions, io: CliIo): Promise<number> {
  const access: AwsAccess = {
    credentials: fromNodeProviderChain(opts.profile ? { profile: opts.profile } : {}),
    homeRegion: opts.region ?? 'us-east-1',
    ...(opts.endpointUrl ? { endpoint: checkEndpoint(opts.endpointUrl) } : {}),
  };
  const options: CollectOptions = {
    out: path.resolve(io.cwd, opts.out),
    force: opts.force,
    access,
    regions: opts.regions?.split(',').filter((r) => r.trim() !== ''),
    org: opts.org,
    assumeRole: opts.assumeRole,
    cloudtrail: cloudTrailSource(opts, io),
    windowDays: opts.windowDays,
    onProgress: progress(io),
  };
  let result;
  try {
    result = await collect(options);
  } catch (e) {
    if (e instanceof SnapshotError) throw new CliError(e.message);
    if (e instanceof Error) {
      throw new CliError(
        `collect: ${oneLine(e.message)} (check --profile, --region and your AWS credentials)`,
      );
    }
    throw e;
  }
  const m = result.manifest;
  io.stderr.write(
    `collected ${m.accounts.length} account(s), ${m.regions.length} region(s), ${m.files.length} file(s) into ${result.out}` +
      (m.errors.length > 0
        ? `; ${m.errors.length} part(s) could not be collected (see collect-manifest.json)\n`
        : '\n'),
  );
  for (const e of m.errors.slice(0, 20)) {
    io.stderr.write(
      oneLine(
        `  ${e.account ?? '-'} ${e.region ?? 'global'} ${e.service} ${e.what}: ${e.kind}: ${e.reason}`,
      ) + '\n',
    );
  }
  return m.errors.length > 0 ? EXIT.partial : EXIT.ok;
}

/** The `--cloudtrail` (and `--previous`) options as a collector source. */
export function cloudTrailSource(opts: CollectCommandOptions, io: CliIo): CloudTrailSource {
  const value = opts.cloudtrail ?? 'none';
  if (value === 'none') return { mode: 'none' };
  if (value === 'lookup') return { mode: 'lookup-events' };
  const location = parseS3Url(value);
  if (!location) throw new CliError(`--cloudtrail: "${value}" is not s3://bucket/prefix, lookup or none`);
  return {
    mode: 's3',
    location,
    ...(opts.previous ? { previous: path.resolve(io.cwd, opts.previous) } : {}),
  };
}

/** Validates `--endpoint-url` (http(s)://host[:port]) and drops a trailing slash. */
export function checkEndpoint(url: string): string {
  if (!/^https?:\/\/[^/\s]+\/?$/.test(url))
    throw new CliError(`--endpoint-url: "${url}" is not http(s)://host[:port]`);
  return url.replace(/\/$/, '');
}

/** Parses the collector's `--window-days` (1 to 90). */
export function parseDays(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 90)
    throw new CliError(`--window-days: "${value}" is not a whole number of days from 1 to 90`);
  return n;
}

/** One status line on a terminal (stderr), rewritten in place; nothing when not a terminal. */
function progress(io: CliIo): ((p: CollectProgress) => void) | undefined {
  if (!io.stderr.isTTY || io.env.CI) return undefined;
  return (p) => {
    const text =
      p.phase === 'account'
        ? `collecting account ${p.account} (${p.done + 1}/${p.total})`
        : p.phase === 'cloudtrail'
          ? `downloading trail files ${p.done}/${p.total}`
          : 'writing snapshot';
    io.stderr.write(`\r\u001b[2K${text}${p.phase === 'commit' ? '\n' : ''}`);
  };
}

/** AWS text (keys, messages) is attacker-influenced: no control characters reach the terminal. */
function oneLine(s: string): string {
  // eslint-disable-next-line no-control-regex -- the point is to remove control characters
  return s.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').slice(0, 400);
}
