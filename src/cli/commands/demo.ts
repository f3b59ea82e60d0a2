import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { Option } from 'commander';
import { DEFAULT_AS_OF, generateDemo } from '../../demo/generate.js';
import { demoInputPaths, MANIFEST_FILE } from '../../demo/input-paths.js';
import type { CliIo } from '../io.js';
import { withStore } from '../with-store.js';
import { FORMATS, run as runScan } from './scan.js';
import type { Format } from './scan.js';
import type { ServeControl } from './serve.js';
import { serveStore } from './serve.js';

export interface DemoCommandOptions {
  dir: string;
  format: Format;
  out?: string;
  regenerate?: boolean;
  /** Scan into a fresh store and serve the explorer (default); `--no-serve` prints the report and exits. */
  serve?: boolean;
  port?: number;
}

/** The demo's store, recreated on every run so the explorer shows exactly this scan. */
export const DEMO_DB = 'iamrisk.db';

/** Registers `iamrisk demo`: generate the bundled demo organization (once) and scan it. */
export function define(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('demo')
    .description('generate the demo AWS organization (no AWS account needed) and scan it')
    .option('--dir <folder>', 'where the demo organization is written', 'iamrisk-demo')
    .addOption(new Option('--format <format>', 'output format').choices([...FORMATS]).default('table'))
    .option('--out <file>', 'write the report to a file instead of standard output')
    .option('--regenerate', 'write the demo organization again even if the folder exists')
    .option('--no-serve', 'print the report and exit instead of serving the explorer')
    .option('--port <port>', 'port of the explorer', (v) => Number(v), 8080)
    .action(async (o: DemoCommandOptions) => setExit(await run(o, io)));
}

/**
 * Generates the demo organization into `dir` unless it is already there, then scans it as of the demo's date;
 * unless `serve` is false, records the scan in a fresh `dir/iamrisk.db` and serves the explorer on 127.0.0.1.
 */
export async function run(opts: DemoCommandOptions, io: CliIo, control: ServeControl = {}): Promise<number> {
  const dir = path.resolve(io.cwd, opts.dir);
  const manifestFile = path.join(dir, MANIFEST_FILE);
  let asOf = DEFAULT_AS_OF.toISOString();
  if (opts.regenerate || !existsSync(manifestFile)) {
    io.stderr.write(`Generating the demo organization in ${dir} …\n`);
    const manifest = await generateDemo({ outDir: dir });
    asOf = manifest.asOf;
    io.stderr.write(
      `  ${manifest.accounts.length} accounts, ${manifest.counts.principals} principals, ` +
        `${manifest.counts.instances} EC2 instances, ${manifest.counts.functions} Lambda functions, ` +
        `${manifest.counts.cloudtrailEvents} CloudTrail events\n`,
    );
  } else {
    asOf = (JSON.parse(readFileSync(manifestFile, 'utf8')) as { asOf: string }).asOf;
  }
  io.stderr.write(`Scanning ${dir} as of ${asOf} …\n`);
  const paths = await demoInputPaths(dir);
  const scan = { paths, asOf, windowDays: 15, format: opts.format, out: opts.out };
  if (opts.serve === false) return runScan(scan, io);
  const db = path.join(dir, DEMO_DB);
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${db}${suffix}`, { force: true });
  // The explorer shows everything: the terminal gets a short summary per severity.
  await runScan({ ...scan, db, perSeverity: 3 }, io);
  return withStore(db, io, (store) =>
    serveStore(store, { host: '127.0.0.1', port: opts.port ?? 8080, token: null }, io, control),
  );
}
