/** Bound parameters per statement: under SQLite's 32,766 and PostgreSQL's 65,535. */
const MAX_PARAMS = 30_000;

/** Splits rows into batches that keep a multi-row INSERT under the bound-parameter limit. */
export function batches<T>(rows: readonly T[], columns: number): T[][] {
  const size = Math.max(1, Math.floor(MAX_PARAMS / columns));
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** `count(*)` and sums come back as strings from PostgreSQL (int8) and as numbers from SQLite. */
export function toNumber(v: unknown): number {
  return typeof v === 'number' ? v : Number(v ?? 0);
}
