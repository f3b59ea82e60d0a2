import { Command, CommanderError } from 'commander';
import * as collectCommand from './commands/collect.js';
import * as demoCommand from './commands/demo.js';
import * as historyCommand from './commands/history.js';
import * as muteCommand from './commands/mute.js';
import * as pathsCommand from './commands/paths.js';
import * as pruneCommand from './commands/prune.js';
import * as runsCommand from './commands/runs.js';
import * as scanCommand from './commands/scan.js';
import * as scansCommand from './commands/scans.js';
import * as serveCommand from './commands/serve.js';
import * as unmuteCommand from './commands/unmute.js';
import * as usageCommand from './commands/usage.js';
import * as watchCommand from './commands/watch.js';
import * as whoCanCommand from './commands/who-can.js';
import { EXIT } from './exit-codes.js';
import type { CliIo } from './io.js';
import { CliError, processIo } from './io.js';
import { packageVersion } from './version.js';

/**
 * Runs the command line and returns the exit code; the only place that decides it.
 * @param argv arguments after the program name.
 */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  let code: number = EXIT.ok;
  const setExit = (c: number): void => {
    code = c;
  };
  const program = new Command('iamrisk')
    .description(
      'Identity-risk analyzer for AWS: administrators, escalation paths, risky trusts, unused access.',
    )
    .version(packageVersion())
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });
  // Every command, in help order.
  for (const command of [
    scanCommand,
    collectCommand,
    watchCommand,
    demoCommand,
    serveCommand,
    scansCommand,
    runsCommand,
    historyCommand,
    muteCommand,
    unmuteCommand,
    pruneCommand,
    usageCommand,
    pathsCommand,
    whoCanCommand,
  ])
    command.define(program, io, setExit);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.exitCode === 0 ? EXIT.ok : EXIT.error;
    }
    if (e instanceof CliError) {
      io.stderr.write(`iamrisk: ${e.message}\n`);
      return EXIT.error;
    }
    io.stderr.write(
      `iamrisk: unexpected error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
    );
    return EXIT.error;
  }
}
