import path from 'node:path';
import type { Command } from 'commander';
import { Option } from 'commander';
import { analyzeEscalation } from '../../privesc/analyze.js';
import { toPathSteps } from '../../privesc/paths.js';
import { whoCan } from '../../privesc/who-can.js';
import { runScan } from '../../scan/scan.js';
import { EXIT } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { CliError } from '../io.js';
import { describeStep } from './paths.js';
import { parseAsOf, safeText } from './query-common.js';

export interface WhoCanCommandOptions {
  action: string;
  resource: string;
  paths: string[];
  asOf?: string;
  format: 'text' | 'json';
}

/** Registers `iamrisk who-can ACTION RESOURCE PATH...`. */
export function define(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('who-can')
    .description('list the principals that can perform an action on a resource, directly or by escalation')
    .argument('<action>', 'IAM action, e.g. s3:GetObject')
    .argument('<resource>', 'resource ARN, or * for actions without resource-level permissions')
    .argument('<paths...>', 'files or folders of AWS exports')
    .option('--as-of <iso-8601>', 'fix "now" (default: the current time)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(
      async (
        action: string,
        resource: string,
        paths: string[],
        o: { asOf?: string; format: 'text' | 'json' },
      ) => {
        setExit(await run({ ...o, action, resource, paths }, io));
      },
    );
}

/** Runs the query and writes the answer; returns the exit code. */
export async function run(opts: WhoCanCommandOptions, io: CliIo): Promise<number> {
  if (!/^[A-Za-z0-9-]+:[A-Za-z0-9*?]+$/.test(opts.action)) {
    throw new CliError(`${safeText(opts.action)}: not an IAM action (service:Action, e.g. s3:GetObject)`);
  }
  const { inventory, authz, result } = await runScan({
    paths: opts.paths.map((p) => path.resolve(io.cwd, p)),
    ...(opts.asOf === undefined ? {} : { asOf: parseAsOf(opts.asOf) }),
  });
  if (result.inputs.length === 0) throw new CliError(`no input files found in ${opts.paths.join(', ')}`);
  const entries = whoCan(
    analyzeEscalation(inventory, authz, new Date(result.asOf)),
    opts.action,
    opts.resource,
  );
  if (opts.format === 'json') {
    const json = entries.map((e) => ({
      arn: e.arn,
      via: e.via,
      conditional: e.conditional,
      path: toPathSteps(e.path),
    }));
    io.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
    return EXIT.ok;
  }
  if (entries.length === 0)
    io.stdout.write(`Nobody in these inputs can ${safeText(opts.action)} on ${safeText(opts.resource)}.\n`);
  for (const e of entries) {
    const cond = e.conditional ? ' (conditional)' : '';
    io.stdout.write(
      `${safeText(e.arn)}: ${e.via === 'direct' ? 'directly' : `by escalation in ${e.path.length} step(s)`}${cond}\n`,
    );
    e.path.forEach((step, i) =>
      io.stdout.write(`  ${safeText(describeStep(step, i)).replace(/\n/g, '\n  ')}\n`),
    );
  }
  return EXIT.ok;
}
