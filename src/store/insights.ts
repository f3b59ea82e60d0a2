import type { Kysely } from 'kysely';
import { batches } from './batch.js';
import type { ActionInsight, EncodedService, ServiceInsights } from './insights-codec.js';
import { decodeService, encodeInsights, serviceSummaries } from './insights-codec.js';
import type { Database } from './schema.js';

/** One identity's insights as a scan records them: every granted action with its status in the window. */
export interface IdentityInsightsInput {
  arn: string;
  actions: Iterable<ActionInsight>;
}

/** An identity's granted permissions by service, as a stored scan saw them. */
export interface IdentityInsights {
  arn: string;
  scanId: number;
  window: { days: number; from: string; to: string };
  services: ServiceInsights[];
}

const FLUSH = 500;

/** Stores the insights of each identity (first wins when an ARN repeats), encoded one identity at a time. */
export async function writeInsights(
  db: Kysely<Database>,
  scanId: number,
  identities: Iterable<IdentityInsightsInput>,
): Promise<number> {
  const seen = new Set<string>();
  let pending: { scan_id: number; arn: string; insights_json: string }[] = [];
  const flush = async () => {
    for (const batch of batches(pending, 3)) await db.insertInto('scan_insights').values(batch).execute();
    pending = [];
  };
  for (const i of identities) {
    if (seen.has(i.arn)) continue;
    seen.add(i.arn);
    pending.push({ scan_id: scanId, arn: i.arn, insights_json: JSON.stringify(encodeInsights(i.actions)) });
    if (pending.length >= FLUSH) await flush();
  }
  await flush();
  return seen.size;
}

async function readEncoded(db: Kysely<Database>, arn: string, scanId?: number) {
  let q = db
    .selectFrom('scan_insights as i')
    .innerJoin('scans as s', 's.id', 'i.scan_id')
    .select(['i.scan_id', 'i.insights_json', 's.as_of', 's.window_days'])
    .where('i.arn', '=', arn);
  if (scanId !== undefined) q = q.where('i.scan_id', '=', scanId);
  const row = await q.orderBy('i.scan_id', 'desc').limit(1).executeTakeFirst();
  if (!row) return null;
  const to = new Date(row.as_of);
  const from = new Date(to.getTime() - row.window_days * 86_400_000);
  return {
    scanId: row.scan_id,
    window: { days: row.window_days, from: from.toISOString(), to: to.toISOString() },
    encoded: JSON.parse(row.insights_json) as EncodedService[],
  };
}

/** An identity's per-service summary in `scanId` (default: the newest scan that has it), or null. */
export async function getInsights(
  db: Kysely<Database>,
  arn: string,
  scanId?: number,
): Promise<IdentityInsights | null> {
  const r = await readEncoded(db, arn, scanId);
  return r && { arn, scanId: r.scanId, window: r.window, services: serviceSummaries(r.encoded) };
}

/** Every granted action of one service of an identity, with status and last use; null without insights. */
export async function getServiceInsights(
  db: Kysely<Database>,
  arn: string,
  service: string,
  scanId?: number,
): Promise<ActionInsight[] | null> {
  const r = await readEncoded(db, arn, scanId);
  return r && decodeService(r.encoded, service);
}
