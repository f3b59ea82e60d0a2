import type { Kysely } from 'kysely';
import type { Severity } from '../model/finding.js';
import type { LifecycleKind } from './lifecycle.js';
import type { Mute } from './mutes.js';
import { listMutes, muteCovers } from './mutes.js';
import { scanClock } from './scans.js';
import type { Database } from './schema.js';

/** Kinds of timeline event. */
export type TimelineKind = LifecycleKind | 'muted' | 'unmuted';

/** One event of a resource's risk history. */
export interface TimelineEvent {
  kind: TimelineKind;
  detectionId: string;
  rule: string;
  resourceArn: string;
  /** The scan that saw it; for mute events, the newest scan recorded by then (null before any scan). */
  scanId: number | null;
  at: string;
  fromSeverity: Severity | null;
  toSeverity: Severity | null;
  /** For mute events: the mute, and whether an unmute was an expiry or done by someone. */
  mute?: { id: number; reason: string; author: string; expiresAt: string | null; liftedBy: string | null };
}

/**
 * The risk history of one resource, oldest first: lifecycle events written by scans, plus mute events
 * derived from the mutes that cover its detections (a mute past its expiry yields an `unmuted` event at the
 * expiry time, with `liftedBy: null`).
 */
export async function resourceHistory(
  db: Kysely<Database>,
  resourceArn: string,
  now: Date,
): Promise<TimelineEvent[]> {
  const rows = await db
    .selectFrom('timeline_events')
    .selectAll()
    .where('resource_arn', '=', resourceArn)
    .orderBy('id')
    .execute();
  const lifecycle: TimelineEvent[] = rows.map((r) => ({
    kind: r.kind as LifecycleKind,
    detectionId: r.detection_id,
    rule: r.rule,
    resourceArn: r.resource_arn,
    scanId: r.scan_id,
    at: r.at,
    fromSeverity: r.from_severity as Severity | null,
    toSeverity: r.to_severity as Severity | null,
  }));
  const findings = await db
    .selectFrom('findings')
    .select(['detection_id', 'rule', 'resource_arn'])
    .where('resource_arn', '=', resourceArn)
    .orderBy('detection_id')
    .execute();
  const mutes = await listMutes(db, now);
  const clock = await scanClock(db);
  const scanAt = (at: string) => clock.filter((s) => s.recordedAt <= at).at(-1)?.id ?? null;
  const muteEvents: TimelineEvent[] = [];
  for (const f of findings) {
    const target = { id: f.detection_id, rule: f.rule, resourceArn: f.resource_arn };
    for (const m of mutes.filter((x) => muteCovers(x, target))) {
      const base = { detectionId: f.detection_id, rule: f.rule, resourceArn: f.resource_arn };
      muteEvents.push({
        ...base,
        ...muteFields(m, null),
        kind: 'muted',
        at: m.createdAt,
        scanId: scanAt(m.createdAt),
      });
      const lifted = liftedAt(m, now);
      if (lifted) {
        muteEvents.push({
          ...base,
          ...muteFields(m, lifted.by),
          kind: 'unmuted',
          at: lifted.at,
          scanId: scanAt(lifted.at),
        });
      }
    }
  }
  // Stable merge by time: lifecycle events keep their write order; at equal times scans come before mutes.
  return [
    ...lifecycle.map((e, i) => ({ e, i })),
    ...muteEvents.map((e, i) => ({ e, i: lifecycle.length + i })),
  ]
    .sort((a, b) => (a.e.at < b.e.at ? -1 : a.e.at > b.e.at ? 1 : a.i - b.i))
    .map((x) => x.e);
}

function muteFields(m: Mute, liftedBy: string | null) {
  return {
    fromSeverity: null,
    toSeverity: null,
    mute: { id: m.id, reason: m.reason, author: m.author, expiresAt: m.expiresAt, liftedBy },
  };
}

/** When and by whom a mute stopped applying, if it has by `now`: removal or expiry, whichever came first. */
function liftedAt(m: Mute, now: Date): { at: string; by: string | null } | null {
  const expired = m.expiresAt !== null && m.expiresAt <= now.toISOString() ? m.expiresAt : null;
  if (m.removedAt !== null && (expired === null || m.removedAt <= expired)) {
    return { at: m.removedAt, by: m.removedBy };
  }
  return expired === null ? null : { at: expired, by: null };
}
