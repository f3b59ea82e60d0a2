import type { CliIo } from '../io.js';

/**
 * A CLI io for tests: what the command writes to stdout and stderr is kept and read back with `out()` / `err()`.
 *
 * @example const io = captureIo(dir); await main(['scans'], io); io.out()
 */
export function captureIo(
  cwd: string,
  env: Record<string, string> = {},
): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: { write: (s: string) => void (out += s) },
    stderr: { write: (s: string) => void (err += s) },
    cwd,
    env,
    out: () => out,
    err: () => err,
  };
}
