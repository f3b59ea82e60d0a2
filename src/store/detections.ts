import type { Kysely, Selectable } from 'kysely';
import { sql } from 'kysely';
import type { Detection, Severity } from '../model/finding.js';
import { batches, toNumber } from './batch.js';
import { isMutedSql } from './mutes.js';
import type { Database, FindingsTable } from './schema.js';

/** A detection's status now: open, muted (open but covered by an active mute) or resolved. */
export type DetectionStatus = 'open' | 'muted' | 'resolved';

/** Filters for the explorer's list; every list is "any of". Defaults: status open only, 50 per page. */
export interface DetectionQuery {
  status?: DetectionStatus[];
  severity?: Severity[];
  rule?: string[];
  resourceType?: string[];
  accountId?: string[];
  resourceArn?: string;
  /** Case-insensitive substring of the ARN, resource name, title, rule or detection id. */
  search?: string;
  limit?: number;
  offset?: number;
}

/** A detection with its lifecycle, as the latest recorded scan left it. */
export interface DetectionView {
  detection: Detection;
  status: DetectionStatus;
  firstSeenAt: string;
  firstSeenScan: number;
  lastSeenAt: string;
  lastSeenScan: number;
  resolvedAt: string | null;
  reopenCount: number;
}

/** Facet counts of the explorer: each dimension counted with every other filter applied. */
export interface DetectionFacets {
  status: Record<string, number>;
  severity: Record<string, number>;
  rule: Record<string, number>;
  resourceType: Record<string, number>;
  accountId: Record<string, number>;
}

const FACETS = {
  status: 'view_status',
  severity: 'severity',
  rule: 'rule',
  resourceType: 'resource_type',
  accountId: 'account_id',
} as const;

/** Every finding with its status at `now` (`v.view_status`), as a subquery the explorer's reads filter. */
export function base(db: Kysely<Database>, now: Date) {
  const muted = isMutedSql(now);
  return db
    .selectFrom(
      db
        .selectFrom('findings')
        .selectAll()
        .select(
          sql<DetectionStatus>`case when findings.status = 'resolved' then 'resolved' when ${muted} then 'muted' else 'open' end`.as(
            'view_status',
          ),
        )
        .as('v'),
    )
    .selectAll();
}

/** The query {@link base} builds. */
export type Base = ReturnType<typeof base>;

function escapeLike(s: string): string {
  return s.toLowerCase().replace(/[!%_]/g, (c) => `!${c}`);
}

/** The statuses a query asks for: open only when it names none. */
export function viewStatuses(query: DetectionQuery): readonly DetectionStatus[] {
  return query.status?.length ? query.status : ['open'];
}

/** A query's page: limit 1–1000 (default 50) and offset ≥ 0. */
export function pageOf(query: DetectionQuery): { limit: number; offset: number } {
  return { limit: Math.min(Math.max(query.limit ?? 50, 1), 1000), offset: Math.max(query.offset ?? 0, 0) };
}

/** Applies the explorer's filters (default status: open); `skip` leaves one facet out for its counts. */
export function filtered(q: Base, query: DetectionQuery, skip?: keyof typeof FACETS): Base {
  let out = q;
  if (skip !== 'status') out = out.where('v.view_status', 'in', [...viewStatuses(query)]);
  if (skip !== 'severity' && query.severity?.length) out = out.where('v.severity', 'in', query.severity);
  if (skip !== 'rule' && query.rule?.length) out = out.where('v.rule', 'in', query.rule);
  if (skip !== 'resourceType' && query.resourceType?.length)
    out = out.where('v.resource_type', 'in', query.resourceType);
  if (skip !== 'accountId' && query.accountId?.length) out = out.where('v.account_id', 'in', query.accountId);
  if (query.resourceArn !== undefined) out = out.where('v.resource_arn', '=', query.resourceArn);
  if (query.search) {
    const like = `%${escapeLike(query.search)}%`;
    out = out.where((eb) =>
      eb.or(
        (['resource_arn', 'resource_name', 'title', 'rule', 'detection_id'] as const).map(
          (c) => sql<boolean>`lower(${sql.ref(`v.${c}`)}) like ${like} escape '!'`,
        ),
      ),
    );
  }
  return out;
}

/** Severity as a number (critical = 4 … info = 0) in SQL, for ordering. */
export const SEVERITY_ORDER = sql<number>`case v.severity when 'critical' then 4 when 'high' then 3 when 'medium' then 2 when 'low' then 1 else 0 end`;

/**
 * One page of detections (most severe first, then rule, resource and id) and the total matching, in SQL. The
 * store answers from its explorer index instead (explorer-index.ts); this is the reference it is tested
 * against.
 */
export async function listDetections(
  db: Kysely<Database>,
  query: DetectionQuery,
  now: Date,
): Promise<{ total: number; items: DetectionView[] }> {
  const q = filtered(base(db, now), query);
  const total = await q
    .clearSelect()
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirst();
  const { limit, offset } = pageOf(query);
  const rows = await q
    .orderBy(SEVERITY_ORDER, 'desc')
    .orderBy('v.rule')
    .orderBy('v.resource_arn')
    .orderBy('v.detection_id')
    .limit(limit)
    .offset(offset)
    .execute();
  return { total: toNumber(total?.n), items: rows.map(toView) };
}

/** One detection by id with its lifecycle, or null. */
export async function getDetection(
  db: Kysely<Database>,
  id: string,
  now: Date,
): Promise<DetectionView | null> {
  const row = await base(db, now).where('v.detection_id', '=', id).executeTakeFirst();
  return row ? toView(row) : null;
}

/** Facet counts for the explorer's filters, in SQL (the reference of the explorer index's). */
export async function detectionFacets(
  db: Kysely<Database>,
  query: DetectionQuery,
  now: Date,
): Promise<DetectionFacets> {
  const out = { status: {}, severity: {}, rule: {}, resourceType: {}, accountId: {} } as DetectionFacets;
  for (const [facet, column] of Object.entries(FACETS) as [keyof typeof FACETS, string][]) {
    const rows = await filtered(base(db, now), query, facet)
      .clearSelect()
      .select([sql.ref<string>(`v.${column}`).as('k'), sql<number>`count(*)`.as('n')])
      .groupBy(sql.ref(`v.${column}`))
      .execute();
    for (const r of rows) out[facet][r.k] = toNumber(r.n);
  }
  return out;
}

/**
 * The full views of the detections `ids`, in that order, each with its status from `statuses` (as the
 * explorer index computed it in the same snapshot).
 * @throws Error when an id has no finding: the findings changed without a data version bump.
 */
export async function detectionViews(
  db: Kysely<Database>,
  ids: readonly string[],
  statuses: readonly DetectionStatus[],
): Promise<DetectionView[]> {
  const rows = new Map<string, FindingRow>();
  for (const batch of batches(ids, 1)) {
    const found = await db.selectFrom('findings').selectAll().where('detection_id', 'in', batch).execute();
    for (const r of found) rows.set(r.detection_id, r);
  }
  return ids.map((id, i) => {
    const r = rows.get(id);
    if (!r) throw new Error(`finding ${id} is gone: findings changed without a data version bump`);
    return toView({ ...r, view_status: statuses[i] ?? 'open' });
  });
}

type FindingRow = Selectable<FindingsTable>;
type Row = Awaited<ReturnType<ReturnType<Base['selectAll']>['executeTakeFirstOrThrow']>>;

function toView(r: Row): DetectionView {
  return {
    detection: JSON.parse(r.body_json) as Detection,
    status: r.view_status,
    firstSeenAt: r.first_seen_at,
    firstSeenScan: r.first_seen_scan,
    lastSeenAt: r.last_seen_at,
    lastSeenScan: r.last_seen_scan,
    resolvedAt: r.resolved_at,
    reopenCount: r.reopen_count,
  };
}
