import { CliError } from '../io.js';

/** Parses `--as-of`. @throws CliError when it is not an ISO-8601 date. */
export function parseAsOf(value: string): Date {
  const d = new Date(value);
  if (Number.isNaN(d.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(value)) {
    throw new CliError(
      `--as-of: "${value}" is not an ISO-8601 date (e.g. 2026-11-20 or 2026-11-20T12:00:00Z)`,
    );
  }
  return d;
}

/** Text from AWS data made safe for a terminal (control characters and bidi overrides escaped). */
export { terminalSafe as safeText } from '../../output/terminal-safe.js';
