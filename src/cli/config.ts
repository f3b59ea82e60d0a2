import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../model/config.js';
import { configSchema } from '../model/config.js';
import { CliError } from './io.js';

/** Default config file looked up in the working directory when `--config` is not given. */
export const DEFAULT_CONFIG_FILE = 'iamrisk.config.json';

/**
 * Loads and validates the configuration file: the one named, else `iamrisk.config.json` in `cwd` if it
 * exists, else defaults.
 * @throws CliError naming the file and the invalid field.
 */
export function loadConfig(cwd: string, file?: string): Config {
  const target = file ? path.resolve(cwd, file) : path.join(cwd, DEFAULT_CONFIG_FILE);
  if (!file && !existsSync(target)) return configSchema.parse({});
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(target, 'utf8'));
  } catch (e) {
    throw new CliError(`cannot read config ${target}: ${(e as Error).message}`);
  }
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') || '(top level)';
    throw new CliError(`invalid config ${target}: ${where}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}
