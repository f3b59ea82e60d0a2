import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { UsageDay } from '../model/usage.js';
import { batches, toNumber } from './batch.js';
import type { Database } from './schema.js';

/** A CloudTrail file as the ledger identifies it: a changed size or mtime means it must be read again. */
export interface FileStamp {
  path: string;
  size: number;
  mtimeMs: number;
}

/** The CloudTrail files already folded into the usage table, loaded once for fast `has` checks. */
export interface CloudTrailLedger {
  has(file: FileStamp): boolean;
  readonly size: number;
}

const laterOf = (col: 'last_seen' | 'last_used' | 'last_denied') =>
  sql<string>`case when excluded.${sql.ref(col)} is null then usage_days.${sql.ref(col)}
    when usage_days.${sql.ref(col)} is null or excluded.${sql.ref(col)} > usage_days.${sql.ref(col)}
    then excluded.${sql.ref(col)} else usage_days.${sql.ref(col)} end`;

const later = (a: string | null, b: string | null) => (a === null ? b : b === null || a > b ? a : b);

/** Merges rows with the same principal, action and day (counts add up, times widen). */
export function mergeDays(days: readonly UsageDay[]): UsageDay[] {
  const out = new Map<string, UsageDay>();
  for (const d of days) {
    const key = `${d.principalArn}\u0000${d.action}\u0000${d.day}`;
    const prev = out.get(key);
    if (!prev) {
      out.set(key, { ...d });
      continue;
    }
    prev.used += d.used;
    prev.denied += d.denied;
    prev.errors += d.errors;
    prev.firstSeen = d.firstSeen < prev.firstSeen ? d.firstSeen : prev.firstSeen;
    prev.lastSeen = later(prev.lastSeen, d.lastSeen) as string;
    prev.lastUsed = later(prev.lastUsed, d.lastUsed);
    prev.lastDenied = later(prev.lastDenied, d.lastDenied);
  }
  return [...out.values()];
}

/** Adds day rows: a row for an existing principal, action and day adds its counts and widens its times. */
export async function upsertDays(db: Kysely<Database>, days: readonly UsageDay[]): Promise<void> {
  const rows = mergeDays(days).map((d) => ({
    principal_arn: d.principalArn,
    action: d.action,
    day: d.day,
    used: d.used,
    denied: d.denied,
    errors: d.errors,
    first_seen: d.firstSeen,
    last_seen: d.lastSeen,
    last_used: d.lastUsed,
    last_denied: d.lastDenied,
  }));
  for (const batch of batches(rows, 10)) {
    await db
      .insertInto('usage_days')
      .values(batch)
      .onConflict((oc) =>
        oc.columns(['principal_arn', 'action', 'day']).doUpdateSet({
          used: sql`usage_days.used + excluded.used`,
          denied: sql`usage_days.denied + excluded.denied`,
          errors: sql`usage_days.errors + excluded.errors`,
          first_seen: sql`case when excluded.first_seen < usage_days.first_seen then excluded.first_seen else usage_days.first_seen end`,
          last_seen: laterOf('last_seen'),
          last_used: laterOf('last_used'),
          last_denied: laterOf('last_denied'),
        }),
      )
      .execute();
  }
}

/** Day rows with `from <= day <= to` (`YYYY-MM-DD`), optionally for some principals only. */
export async function readDays(
  db: Kysely<Database>,
  from: string,
  to: string,
  principalArns?: readonly string[],
): Promise<UsageDay[]> {
  let q = db.selectFrom('usage_days').selectAll().where('day', '>=', from).where('day', '<=', to);
  if (principalArns) {
    if (principalArns.length === 0) return [];
    q = q.where('principal_arn', 'in', [...principalArns]);
  }
  const rows = await q.orderBy('principal_arn').orderBy('action').orderBy('day').execute();
  return rows.map((r) => ({
    principalArn: r.principal_arn,
    action: r.action,
    day: r.day,
    used: toNumber(r.used),
    denied: toNumber(r.denied),
    errors: toNumber(r.errors),
    firstSeen: r.first_seen,
    lastSeen: r.last_seen,
    lastUsed: r.last_used,
    lastDenied: r.last_denied,
  }));
}

/** Loads the ledger of CloudTrail files already read. */
export async function readLedger(db: Kysely<Database>): Promise<CloudTrailLedger> {
  const rows = await db.selectFrom('cloudtrail_files').select(['path', 'size', 'mtime_ms']).execute();
  const stamps = new Map(rows.map((r) => [r.path, `${toNumber(r.size)}:${toNumber(r.mtime_ms)}`]));
  return {
    has: (f) => stamps.get(f.path) === `${f.size}:${f.mtimeMs}`,
    size: stamps.size,
  };
}

/** Marks files as read (replacing an older stamp of the same path). */
export async function markFiles(db: Kysely<Database>, files: readonly FileStamp[], now: Date): Promise<void> {
  const latest = new Map(files.map((f) => [f.path, f]));
  const rows = [...latest.values()].map((f) => ({
    path: f.path,
    size: Math.trunc(f.size),
    mtime_ms: Math.trunc(f.mtimeMs),
    read_at: now.toISOString(),
  }));
  for (const batch of batches(rows, 4)) {
    await db
      .insertInto('cloudtrail_files')
      .values(batch)
      .onConflict((oc) =>
        oc.column('path').doUpdateSet({
          size: sql.ref('excluded.size'),
          mtime_ms: sql.ref('excluded.mtime_ms'),
          read_at: sql.ref('excluded.read_at'),
        }),
      )
      .execute();
  }
}
