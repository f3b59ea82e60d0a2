import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Severity } from '../model/finding.js';
import { SEVERITIES } from '../model/finding.js';
import { toNumber } from './batch.js';
import type { DetectionQuery } from './detections.js';
import { base, filtered, pageOf, SEVERITY_ORDER } from './detections.js';
import type { Database } from './schema.js';

/** The explorer's Group by: Identity Risks (by rule) or Resources (by resource ARN). */
export type GroupBy = 'rule' | 'resource';

/** One group of the explorer's list: its key, a label, how many detections match and the worst severity. */
export interface DetectionGroup {
  /** The rule id, or the resource ARN. */
  key: string;
  /** The rule's title, or the resource's name. */
  label: string;
  /** For resource groups: the resource type and account; null for rule groups. */
  resourceType: string | null;
  accountId: string | null;
  count: number;
  maxSeverity: Severity;
}

/**
 * One page of groups of the detections matching `query` (its limit and offset page the groups), most severe
 * first, then largest, then by key; with the total number of groups and of detections. In SQL: the store
 * answers from its explorer index (explorer-index.ts), tested equal to this.
 */
export async function detectionGroups(
  db: Kysely<Database>,
  query: DetectionQuery,
  by: GroupBy,
  now: Date,
): Promise<{ totalGroups: number; totalDetections: number; groups: DetectionGroup[] }> {
  const q = filtered(base(db, now), query).clearSelect();
  const keyCol = by === 'rule' ? sql.ref<string>('v.rule') : sql.ref<string>('v.resource_arn');
  const totals = await db
    .selectFrom(q.select(keyCol.as('k')).as('g'))
    .select([sql<number>`count(distinct g.k)`.as('groups'), sql<number>`count(*)`.as('detections')])
    .executeTakeFirst();
  const { limit, offset } = pageOf(query);
  // Label, type and account are the same for every row of a group (a rule's title, a resource's name):
  // max() picks that value portably.
  const rows = await q
    .select([
      keyCol.as('k'),
      sql<string>`max(${by === 'rule' ? sql.ref('v.title') : sql.ref('v.resource_name')})`.as('label'),
      sql<string>`max(v.resource_type)`.as('resource_type'),
      sql<string>`max(v.account_id)`.as('account_id'),
      sql<number>`count(*)`.as('n'),
      sql<number>`max(${SEVERITY_ORDER})`.as('worst'),
    ])
    .groupBy(keyCol)
    .orderBy(sql`max(${SEVERITY_ORDER})`, 'desc')
    .orderBy(sql`count(*)`, 'desc')
    .orderBy(keyCol)
    .limit(limit)
    .offset(offset)
    .execute();
  return {
    totalGroups: toNumber(totals?.groups),
    totalDetections: toNumber(totals?.detections),
    groups: rows.map((r) => ({
      key: r.k,
      label: r.label,
      resourceType: by === 'resource' ? r.resource_type : null,
      accountId: by === 'resource' ? r.account_id : null,
      count: toNumber(r.n),
      maxSeverity: SEVERITIES[SEVERITIES.length - 1 - toNumber(r.worst)] ?? 'info',
    })),
  };
}

/**
 * The worst severity of the open (not muted, not resolved) detections of each of `arns`; absent when none. In
 * SQL, the reference of the explorer index's.
 */
export async function worstOpenSeverity(
  db: Kysely<Database>,
  arns: readonly string[],
  now: Date,
): Promise<Map<string, Severity>> {
  const out = new Map<string, Severity>();
  if (arns.length === 0) return out;
  const rows = await filtered(base(db, now), { status: ['open'] })
    .clearSelect()
    .select([sql.ref<string>('v.resource_arn').as('arn'), sql<number>`max(${SEVERITY_ORDER})`.as('worst')])
    .where('v.resource_arn', 'in', [...arns])
    .groupBy('v.resource_arn')
    .execute();
  for (const r of rows) out.set(r.arn, SEVERITIES[SEVERITIES.length - 1 - toNumber(r.worst)] ?? 'info');
  return out;
}
