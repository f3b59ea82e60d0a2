import { CliError } from '../io.js';

const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** Shortest interval between runs: collection calls every service in every region, so no tighter loop. */
const MIN_MS = UNIT_MS.m;
const MAX_MS = 365 * UNIT_MS.d;

/**
 * Parses an interval such as `30m`, `6h`, `1d` or `90s` into milliseconds (1 minute to 365 days).
 * @throws CliError naming the option when the text is not such an interval.
 */
export function parseDuration(text: string, option = '--every'): number {
  const m = /^(\d{1,6})([smhd])$/.exec(text.trim());
  const ms = m ? Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS] : NaN;
  if (!(ms >= MIN_MS && ms <= MAX_MS)) {
    throw new CliError(`${option}: "${text}" is not an interval from 1m to 365d (e.g. 30m, 6h, 1d)`);
  }
  return ms;
}

/** Longest single timer: Node fires a setTimeout above 2^31-1 ms at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Waits `ms`, or less when `signal` aborts; resolves either way. */
export async function sleep(ms: number, signal: AbortSignal): Promise<void> {
  let left = ms;
  while (left > 0 && !signal.aborted) {
    const step = Math.min(left, MAX_TIMER_MS);
    await new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, step);
      signal.addEventListener('abort', done, { once: true });
    });
    left -= step;
  }
}
