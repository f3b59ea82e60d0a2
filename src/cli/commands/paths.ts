import path from 'node:path';
import type { Command } from 'commander';
import { Option } from 'commander';
import { analyzeEscalation } from '../../privesc/analyze.js';
import { techniqueInfo } from '../../privesc/catalog.js';
import { isConditionalPath, toPathSteps } from '../../privesc/paths.js';
import type { Edge } from '../../privesc/types.js';
import { runScan } from '../../scan/scan.js';
import { EXIT } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { CliError } from '../io.js';
import { parseAsOf, safeText } from './query-common.js';

export interface PathsCommandOptions {
  principal: string;
  paths: string[];
  asOf?: string;
  format: 'text' | 'json';
}

/** Registers `iamrisk paths PRINCIPAL PATH...`: how a principal reaches administrator. */
export function define(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('paths')
    .description('show how a user, role or compute resource reaches administrator, step by step')
    .argument('<principal>', 'ARN (or unique name) of a user, role, EC2 instance or Lambda function')
    .argument('<paths...>', 'files or folders of AWS exports')
    .option('--as-of <iso-8601>', 'fix "now" (default: the current time)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (principal: string, paths: string[], o: { asOf?: string; format: 'text' | 'json' }) => {
      setExit(await run({ ...o, principal, paths }, io));
    });
}

/** Explains one step in three lines (ARNs, technique and actions, reason), terminal-safe. */
export function describeStep(e: Edge, index: number): string {
  const name = techniqueInfo(e.technique)?.name ?? e.technique;
  const actions = e.actions.length > 0 ? ` [${e.actions.join(', ')}]` : '';
  const cond = e.conditional ? ' (conditional: holds only if conditions unknown at scan time hold)' : '';
  const admin = e.grantsAdmin ? ' — this step makes it administrator' : '';
  const t = safeText;
  return `${index + 1}. ${t(e.from)} -> ${t(e.to)}\n   ${e.technique} ${name}${t(actions)}${cond}${admin}\n   ${t(e.reason)}`;
}

/** Runs the query and writes the answer; returns the exit code. */
export async function run(opts: PathsCommandOptions, io: CliIo): Promise<number> {
  const { inventory, authz, result } = await runScan({
    paths: opts.paths.map((p) => path.resolve(io.cwd, p)),
    ...(opts.asOf === undefined ? {} : { asOf: parseAsOf(opts.asOf) }),
  });
  if (result.inputs.length === 0) throw new CliError(`no input files found in ${opts.paths.join(', ')}`);
  const asOf = new Date(result.asOf);
  const { graph, paths } = analyzeEscalation(inventory, authz, asOf);
  const matches = [...graph.nodes.values()].filter(
    (n) => n.arn === opts.principal || n.name === opts.principal,
  );
  if (matches.length !== 1) {
    throw new CliError(
      matches.length === 0
        ? `${safeText(opts.principal)}: no such user, role or compute resource in the inputs (give its ARN)`
        : `${safeText(opts.principal)}: ${matches.length} principals have this name; give the ARN`,
    );
  }
  const node = matches[0]!;
  const found = paths.get(node.arn) ?? [];
  if (opts.format === 'json') {
    io.stdout.write(
      `${JSON.stringify(
        {
          principal: node.arn,
          isAdmin: node.isAdmin,
          conditional: found.length > 0 && isConditionalPath(graph, found),
          path: toPathSteps(found),
          reasons: found.map((e) => e.reason),
        },
        null,
        2,
      )}\n`,
    );
    return EXIT.ok;
  }
  const who = safeText(node.arn);
  if (node.isAdmin)
    io.stdout.write(`${who} is already administrator${node.adminConditional ? ' (conditionally)' : ''}.\n`);
  else if (found.length === 0) io.stdout.write(`${who} has no path to administrator in these inputs.\n`);
  else {
    const cond = isConditionalPath(graph, found) ? ', conditionally' : '';
    io.stdout.write(`${who} reaches administrator in ${found.length} step(s)${cond}:\n`);
    found.forEach((e, i) => io.stdout.write(`${describeStep(e, i)}\n`));
  }
  return EXIT.ok;
}
