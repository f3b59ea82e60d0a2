import type { Kysely } from 'kysely';
import type { IdentitySummary } from '../model/scan.js';
import { batches } from './batch.js';
import type { Database } from './schema.js';

/** Stores each identity of the scan with its admin verdict and its used and denied actions. */
export async function writeIdentities(
  db: Kysely<Database>,
  scanId: number,
  identities: readonly IdentitySummary[],
): Promise<void> {
  const seen = new Set<string>();
  const rows = identities
    .filter((i) => (seen.has(i.arn) ? false : (seen.add(i.arn), true)))
    .map((i) => ({
      scan_id: scanId,
      arn: i.arn,
      type: i.type,
      account_id: i.accountId,
      name: i.name,
      is_admin: i.isAdmin ? 1 : 0,
      used_json: JSON.stringify(i.usedActions),
      denied_json: JSON.stringify(i.deniedActions),
    }));
  for (const batch of batches(rows, 8)) await db.insertInto('scan_identities').values(batch).execute();
}

/** An identity's summary in `scanId`, or in the newest scan that saw it; null when none did. */
export async function getIdentity(
  db: Kysely<Database>,
  arn: string,
  scanId?: number,
): Promise<(IdentitySummary & { scanId: number }) | null> {
  let q = db.selectFrom('scan_identities').selectAll().where('arn', '=', arn);
  if (scanId !== undefined) q = q.where('scan_id', '=', scanId);
  const r = await q.orderBy('scan_id', 'desc').limit(1).executeTakeFirst();
  if (!r) return null;
  return {
    scanId: r.scan_id,
    arn: r.arn,
    type: r.type === 'role' ? 'role' : 'user',
    accountId: r.account_id,
    name: r.name,
    isAdmin: r.is_admin === 1,
    usedActions: JSON.parse(r.used_json) as IdentitySummary['usedActions'],
    deniedActions: JSON.parse(r.denied_json) as IdentitySummary['deniedActions'],
  };
}
