const DAY_MS = 86_400_000;

/** Parses an ISO (or GAAD `2019-12-18 19:10:08+00:00`) date; anything unparseable is `null`, never a guess. */
export function parseDate(value: string | null | undefined): Date | null {
  if (value === null || value === undefined || value === '') return null;
  const d = new Date(value.includes(' ') && !value.includes('T') ? value.replace(' ', 'T') : value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** Whole days from `from` to `asOf` (negative when `from` is in the future). */
export function daysSince(from: Date, asOf: Date): number {
  return Math.floor((asOf.getTime() - from.getTime()) / DAY_MS);
}

/** The latest of some dates, or `null` when none is known. */
export function latest(dates: (Date | null)[]): Date | null {
  let best: Date | null = null;
  for (const d of dates) if (d !== null && (best === null || d > best)) best = d;
  return best;
}
