import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { parseAthenaUsage } from '../../usage/athena-import.js';
import type { CliIo } from '../io.js';
import { CliError } from '../io.js';
import { DEFAULT_DB, withStore } from '../with-store.js';

export interface UsageImportOptions {
  file: string;
  db?: string;
}

// The result of a GROUP BY per identity, event and day: even a large organization stays far below this.
const MAX_IMPORT_BYTES = 1024 * 1024 * 1024;

/** Registers `iamrisk usage import FILE`: loads the Athena/Trino aggregation (docs/cloudtrail-athena.md). */
export function define(program: Command, io: CliIo, setExit: (code: number) => void): void {
  const usage = program.command('usage').description('CloudTrail usage kept in the store');
  usage
    .command('import')
    .description('load the CSV result of docs/cloudtrail-athena.sql (Athena or Trino) into the store')
    .argument('<file>', 'CSV result of the aggregation query')
    .option('--db <file|url>', 'store (SQLite file or postgres:// URL)', DEFAULT_DB)
    .action(async (file: string, o: { db?: string }) => setExit(await run({ file, db: o.db }, io)));
}

/** Parses, validates and stores the rows; returns the exit code (1 when some rows were refused). */
export async function run(opts: UsageImportOptions, io: CliIo): Promise<number> {
  const file = path.resolve(io.cwd, opts.file);
  let text: string;
  try {
    if (statSync(file).size > MAX_IMPORT_BYTES)
      throw new CliError(`${file} is larger than 1 GiB; split the query by account`);
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(
      `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? 'error'}; check the path`,
    );
  }
  const parsed = parseAthenaUsage(file, text);
  if (parsed.rows === 0 && parsed.errors.length > 0) {
    throw new CliError(`${parsed.errors[0]!.where}: ${parsed.errors[0]!.reason}`);
  }
  await withStore(opts.db, io, (s) => s.usage.upsertDays(parsed.days));
  io.stdout.write(
    `Imported ${parsed.days.length} usage row(s) from ${parsed.rows} result row(s) of ${path.basename(file)}.\n`,
  );
  for (const u of parsed.unmapped.slice(0, 20)) {
    io.stderr.write(
      `unmapped event ${JSON.stringify(`${u.eventSource} ${u.eventName}`)}: ${u.count} call(s)\n`,
    );
  }
  for (const e of parsed.errors) io.stderr.write(`skipped ${e.where}: ${e.reason}\n`);
  return parsed.errors.length > 0 ? 1 : 0;
}
