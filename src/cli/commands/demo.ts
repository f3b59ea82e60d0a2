import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { Option } from 'commander';
import { DEFAULT_AS_OF, generateDemo } from '../../demo/generate.js';
import type { CliIo } from '../io.js';
import { FORMATS, run as runScan } from './scan.js';
import type { Format } from './scan.js';

export interface DemoCommandOptions {
  dir: string;
  format: Format;
  out?: string;
  regenerate?: boolean;
}

/** Registers `iamrisk demo`: generate the bundled demo organization (once) and scan it. */
export function define(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('demo')
    .description('generate the demo AWS organization (no AWS account needed) and scan it')
    .option('--dir <folder>', 'where the demo organization is written', 'iamrisk-demo')
    .addOption(new Option('--format <format>', 'output format').choices([...FORMATS]).default('table'))
    .option('--out <file>', 'write the report to a file instead of standard output')
    .option('--regenerate', 'write the demo organization again even if the folder exists')
    .action(async (o: DemoCommandOptions) => setExit(await run(o, io)));
}

/** Generates the demo organization into `dir` unless it is already there, then scans it as of the demo's date. */
export async function run(opts: DemoCommandOptions, io: CliIo): Promise<number> {
  const dir = path.resolve(io.cwd, opts.dir);
  const manifestFile = path.join(dir, 'demo-manifest.json');
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
  // The manifest describes the demo (planted risks); it is not an AWS export, so it is not scanned.
  const paths = readdirSync(dir)
    .filter((name) => name !== 'demo-manifest.json')
    .map((name) => path.join(dir, name));
  return runScan({ paths, asOf, windowDays: 15, format: opts.format, out: opts.out }, io);
}
