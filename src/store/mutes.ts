import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Detection } from '../model/finding.js';
import { bumpDataVersion } from './data-version.js';
import { StoreError } from './errors.js';
import { patternMatcher, patternToLike } from './mute-pattern.js';
import type { Database, MutesTable } from './schema.js';

/** What to mute: one detection id, or every detection of `rule` on a resource matching `resourcePattern`. */
export type MuteTarget = { detectionId: string } | { rule: string; resourcePattern: string };

/** A mute request (like an Access Analyzer archive rule). */
export type MuteInput = MuteTarget & {
  reason: string;
  author: string;
  /** When the mute lifts itself; none means until unmuted. */
  expiresAt?: Date | null;
};

/** A stored mute; `isActive` is computed for the `now` it was read at. */
export interface Mute {
  id: number;
  detectionId: string | null;
  rule: string | null;
  resourcePattern: string | null;
  reason: string;
  author: string;
  createdAt: string;
  expiresAt: string | null;
  removedAt: string | null;
  removedBy: string | null;
  isActive: boolean;
}

/** A row of the mutes table as read. */
export type MuteRow = Omit<MutesTable, 'id'> & { id: number };

/** Converts a stored row; active when not removed and not expired at `now`. */
export function toMute(r: MuteRow, now: Date): Mute {
  const at = now.toISOString();
  return {
    id: r.id,
    detectionId: r.detection_id,
    rule: r.rule,
    resourcePattern: r.resource_pattern,
    reason: r.reason,
    author: r.author,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    removedAt: r.removed_at,
    removedBy: r.removed_by,
    isActive: r.removed_at === null && (r.expires_at === null || r.expires_at > at),
  };
}

/**
 * Creates a mute (and bumps the data version in the same transaction).
 * @throws StoreError when the target, reason or author is empty, or the expiry is not after `now`.
 */
export async function createMute(db: Kysely<Database>, input: MuteInput, now: Date): Promise<Mute> {
  const reason = input.reason.trim();
  const author = input.author.trim();
  if (!reason) throw new StoreError('mute: a reason is required', 'store.mute-invalid');
  if (!author) throw new StoreError('mute: an author is required', 'store.mute-invalid');
  const expiresAt = input.expiresAt ?? null;
  if (expiresAt && !(expiresAt.getTime() > now.getTime())) {
    throw new StoreError(
      `mute: expiry ${expiresAt.toISOString()} is not in the future`,
      'store.mute-invalid',
    );
  }
  const byId = 'detectionId' in input;
  if (byId ? !input.detectionId : !input.rule || !input.resourcePattern) {
    throw new StoreError('mute: give a detection id, or a rule and a resource pattern', 'store.mute-invalid');
  }
  const row = await db.transaction().execute(async (t) => {
    const inserted = await t
      .insertInto('mutes')
      .values({
        detection_id: byId ? input.detectionId : null,
        rule: byId ? null : input.rule,
        resource_pattern: byId ? null : input.resourcePattern,
        like_pattern: byId ? null : patternToLike(input.resourcePattern),
        reason,
        author,
        created_at: now.toISOString(),
        expires_at: expiresAt ? expiresAt.toISOString() : null,
        removed_at: null,
        removed_by: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await bumpDataVersion(t, 'mutes');
    return inserted;
  });
  return toMute(row, now);
}

/** Lifts a mute by id (bumping the data version); null when there is no such mute or it was already lifted. */
export async function removeMute(
  db: Kysely<Database>,
  id: number,
  by: string,
  now: Date,
): Promise<Mute | null> {
  const row = await db.transaction().execute(async (t) => {
    const updated = await t
      .updateTable('mutes')
      .set({ removed_at: now.toISOString(), removed_by: by })
      .where('id', '=', id)
      .where('removed_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
    if (updated) await bumpDataVersion(t, 'mutes');
    return updated;
  });
  return row ? toMute(row, now) : null;
}

/** All mutes, oldest first; with `activeOnly`, only those in force at `now`. */
export async function listMutes(db: Kysely<Database>, now: Date, activeOnly = false): Promise<Mute[]> {
  const rows = await db.selectFrom('mutes').selectAll().orderBy('id').execute();
  return rows.map((r) => toMute(r, now)).filter((m) => !activeOnly || m.isActive);
}

/** What a mute is matched against: a detection's id, rule and resource ARN. */
export interface MuteSubject {
  id: string;
  rule: string;
  resourceArn: string;
}

/** {@link muteCovers} for one mute, compiled once (its pattern) to check many detections. */
export function muteMatcher(
  m: Pick<Mute, 'detectionId' | 'rule' | 'resourcePattern'>,
): (d: MuteSubject) => boolean {
  const { detectionId, rule, resourcePattern } = m;
  if (detectionId !== null) return (d) => d.id === detectionId;
  if (rule === null || resourcePattern === null) return () => false;
  const matches = patternMatcher(resourcePattern);
  return (d) => d.rule === rule && matches(d.resourceArn);
}

/** Whether a mute covers a detection (by id, or by rule and resource pattern), ignoring time. */
export function muteCovers(m: Mute, d: MuteSubject): boolean {
  return muteMatcher(m)(d);
}

/** The ids among `detections` muted at `now`. */
export async function mutedIds(
  db: Kysely<Database>,
  detections: readonly Pick<Detection, 'id' | 'rule' | 'resource'>[],
  now: Date,
): Promise<Set<string>> {
  const active = await listMutes(db, now, true);
  const out = new Set<string>();
  for (const d of detections) {
    const target = { id: d.id, rule: d.rule, resourceArn: d.resource.arn };
    if (active.some((m) => muteCovers(m, target))) out.add(d.id);
  }
  return out;
}

/** SQL truth value: the `findings` row in scope is muted at `now` (same semantics as {@link muteCovers}). */
export function isMutedSql(now: Date) {
  return sql<boolean>`exists (select 1 from mutes m where m.removed_at is null
    and (m.expires_at is null or m.expires_at > ${now.toISOString()})
    and (m.detection_id = findings.detection_id
      or (m.rule = findings.rule and lower(findings.resource_arn) like m.like_pattern escape '!')))`;
}
