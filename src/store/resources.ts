import type { Kysely } from 'kysely';
import { batches } from './batch.js';
import type { Database } from './schema.js';
import type { Relationship, ResourceRecord } from './snapshot.js';

/** A resource as one scan saw it: configuration JSON and its relationships in both directions. */
export interface ResourceSnapshot {
  arn: string;
  type: ResourceRecord['type'];
  name: string;
  accountId: string | null;
  scanId: number;
  config: unknown;
  outgoing: Relationship[];
  /** Resources of the same scan that point at this one (`from` is their ARN). */
  incoming: { kind: Relationship['kind']; from: string }[];
}

/**
 * Links every resource to the scan, reusing the stored version when its content hash is unchanged and
 * storing configuration and relationships only for new or changed resources.
 */
export async function writeResources(
  db: Kysely<Database>,
  scanId: number,
  records: readonly ResourceRecord[],
): Promise<{ newVersions: number }> {
  const key = (arn: string, hash: string) => `${arn}\u0000${hash}`;
  const ids = new Map<string, number>();
  const hashes = [...new Set(records.map((r) => r.hash))];
  for (const batch of batches(hashes, 1)) {
    const rows = await db
      .selectFrom('resource_versions')
      .select(['id', 'arn', 'hash'])
      .where('hash', 'in', batch)
      .execute();
    for (const r of rows) ids.set(key(r.arn, r.hash), r.id);
  }
  const missing = records.filter((r) => !ids.has(key(r.arn, r.hash)));
  for (const batch of batches(missing, 6)) {
    const rows = await db
      .insertInto('resource_versions')
      .values(
        batch.map((r) => ({
          arn: r.arn,
          type: r.type,
          account_id: r.accountId,
          name: r.name,
          hash: r.hash,
          config_json: JSON.stringify(r.config),
        })),
      )
      // A concurrent writer (PostgreSQL) may have stored the same version since our read: reuse it.
      .onConflict((oc) => oc.columns(['arn', 'hash']).doNothing())
      .returning(['id', 'arn', 'hash'])
      .execute();
    for (const r of rows) ids.set(key(r.arn, r.hash), r.id);
  }
  const raced = missing.filter((r) => !ids.has(key(r.arn, r.hash)));
  for (const r of raced) {
    const row = await db
      .selectFrom('resource_versions')
      .select('id')
      .where('arn', '=', r.arn)
      .where('hash', '=', r.hash)
      .executeTakeFirstOrThrow();
    ids.set(key(r.arn, r.hash), row.id);
  }
  const racedSet = new Set(raced);
  const created = missing.filter((r) => !racedSet.has(r));
  const edges = created.flatMap((r) =>
    r.relationships.map((e) => ({
      version_id: ids.get(key(r.arn, r.hash)) as number,
      kind: e.kind,
      to_arn: e.to,
    })),
  );
  for (const batch of batches(edges, 3)) await db.insertInto('relationships').values(batch).execute();
  const links = records.map((r) => ({
    scan_id: scanId,
    arn: r.arn,
    version_id: ids.get(key(r.arn, r.hash)) as number,
  }));
  for (const batch of batches(links, 3)) await db.insertInto('scan_resources').values(batch).execute();
  return { newVersions: created.length };
}

/**
 * A resource's snapshot in `scanId`, or (without one) in the newest scan that saw it, so a deleted resource
 * still shows its last known configuration. Null when no stored scan has it.
 */
export async function getResource(
  db: Kysely<Database>,
  arn: string,
  scanId?: number,
): Promise<ResourceSnapshot | null> {
  let q = db
    .selectFrom('scan_resources as sr')
    .innerJoin('resource_versions as rv', 'rv.id', 'sr.version_id')
    .select(['sr.scan_id', 'rv.id', 'rv.arn', 'rv.type', 'rv.name', 'rv.account_id', 'rv.config_json'])
    .where('sr.arn', '=', arn);
  if (scanId !== undefined) q = q.where('sr.scan_id', '=', scanId);
  const row = await q.orderBy('sr.scan_id', 'desc').limit(1).executeTakeFirst();
  if (!row) return null;
  const outgoing = await db
    .selectFrom('relationships')
    .select(['kind', 'to_arn'])
    .where('version_id', '=', row.id)
    .orderBy('kind')
    .orderBy('to_arn')
    .execute();
  const incoming = await db
    .selectFrom('relationships as r')
    .innerJoin('scan_resources as sr', 'sr.version_id', 'r.version_id')
    .select(['r.kind', 'sr.arn'])
    .where('sr.scan_id', '=', row.scan_id)
    .where('r.to_arn', '=', arn)
    .orderBy('r.kind')
    .orderBy('sr.arn')
    .execute();
  return {
    arn: row.arn,
    type: row.type as ResourceRecord['type'],
    name: row.name,
    accountId: row.account_id,
    scanId: row.scan_id,
    config: JSON.parse(row.config_json) as unknown,
    outgoing: outgoing.map((r) => ({ kind: r.kind as Relationship['kind'], to: r.to_arn })),
    incoming: incoming.map((r) => ({ kind: r.kind as Relationship['kind'], from: r.arn })),
  };
}
