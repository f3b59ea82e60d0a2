import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Severity } from '../model/finding.js';
import { batches } from './batch.js';
import type { FindingState, LifecyclePlan } from './lifecycle.js';
import type { Database } from './schema.js';

/** Every finding's lifecycle state, keyed by detection id (read inside the recording transaction). */
export async function loadFindingStates(db: Kysely<Database>): Promise<Map<string, FindingState>> {
  const rows = await db
    .selectFrom('findings')
    .select([
      'detection_id',
      'rule',
      'severity',
      'resource_arn',
      'resource_type',
      'account_id',
      'status',
      'first_seen_scan',
      'first_seen_at',
      'reopen_count',
    ])
    .execute();
  return new Map(
    rows.map((r) => [
      r.detection_id,
      {
        detectionId: r.detection_id,
        rule: r.rule,
        severity: r.severity as Severity,
        resourceArn: r.resource_arn,
        resourceType: r.resource_type,
        accountId: r.account_id,
        status: r.status === 'resolved' ? 'resolved' : 'open',
        firstSeenScan: r.first_seen_scan,
        firstSeenAt: r.first_seen_at,
        reopenCount: r.reopen_count,
      },
    ]),
  );
}

const FINDING_COLUMNS = 17;

/** Writes a scan's lifecycle plan: upserts seen findings, marks resolved ones, appends timeline events. */
export async function applyLifecycle(
  db: Kysely<Database>,
  plan: LifecyclePlan,
  scan: { id: number; at: string },
): Promise<void> {
  const rows = plan.seen.map((s) => ({
    detection_id: s.detection.id,
    rule: s.detection.rule,
    severity: s.detection.severity,
    resource_arn: s.detection.resource.arn,
    resource_type: s.detection.resource.type,
    resource_name: s.detection.resource.name,
    account_id: s.detection.resource.accountId,
    title: s.detection.title,
    status: 'open',
    first_seen_scan: s.firstSeenScan,
    first_seen_at: s.firstSeenAt,
    last_seen_scan: scan.id,
    last_seen_at: scan.at,
    resolved_scan: null,
    resolved_at: null,
    reopen_count: s.reopenCount,
    body_json: JSON.stringify(s.detection),
  }));
  for (const batch of batches(rows, FINDING_COLUMNS)) {
    await db
      .insertInto('findings')
      .values(batch)
      .onConflict((oc) =>
        oc.column('detection_id').doUpdateSet({
          rule: sql.ref('excluded.rule'),
          severity: sql.ref('excluded.severity'),
          resource_arn: sql.ref('excluded.resource_arn'),
          resource_type: sql.ref('excluded.resource_type'),
          resource_name: sql.ref('excluded.resource_name'),
          account_id: sql.ref('excluded.account_id'),
          title: sql.ref('excluded.title'),
          status: sql.ref('excluded.status'),
          last_seen_scan: sql.ref('excluded.last_seen_scan'),
          last_seen_at: sql.ref('excluded.last_seen_at'),
          resolved_scan: null,
          resolved_at: null,
          reopen_count: sql.ref('excluded.reopen_count'),
          body_json: sql.ref('excluded.body_json'),
        }),
      )
      .execute();
  }
  const resolvedIds = plan.resolved.map((f) => f.detectionId);
  for (const batch of batches(resolvedIds, 1)) {
    await db
      .updateTable('findings')
      .set({ status: 'resolved', resolved_scan: scan.id, resolved_at: scan.at })
      .where('detection_id', 'in', batch)
      .execute();
  }
  const seenRows = plan.seen.map((s) => ({
    scan_id: scan.id,
    detection_id: s.detection.id,
    severity: s.detection.severity,
  }));
  for (const batch of batches(seenRows, 3)) await db.insertInto('scan_detections').values(batch).execute();
  const events = plan.events.map((e) => ({
    detection_id: e.detectionId,
    resource_arn: e.resourceArn,
    rule: e.rule,
    kind: e.kind,
    scan_id: scan.id,
    at: scan.at,
    from_severity: e.fromSeverity,
    to_severity: e.toSeverity,
  }));
  for (const batch of batches(events, 8)) await db.insertInto('timeline_events').values(batch).execute();
}
