import type { Detection, Severity } from '../model/finding.js';
import type { ScanCoverage } from './coverage.js';
import { canResolve } from './coverage.js';

/** Lifecycle event kinds written by a scan (mute events come from the mutes table). */
export type LifecycleKind = 'detected' | 'severity-changed' | 'resolved' | 'reopened';

/** What the store knows of one detection id before a scan. */
export interface FindingState {
  detectionId: string;
  rule: string;
  severity: Severity;
  resourceArn: string;
  resourceType: string;
  accountId: string;
  status: 'open' | 'resolved';
  firstSeenScan: number;
  firstSeenAt: string;
  reopenCount: number;
}

export interface LifecycleEvent {
  kind: LifecycleKind;
  detectionId: string;
  resourceArn: string;
  rule: string;
  fromSeverity: Severity | null;
  toSeverity: Severity | null;
}

/** A detection seen in this scan, with the lifecycle fields its finding row gets. */
export interface SeenFinding {
  detection: Detection;
  firstSeenScan: number;
  firstSeenAt: string;
  reopenCount: number;
}

export interface LifecyclePlan {
  seen: SeenFinding[];
  /** Open findings this scan proves fixed. */
  resolved: FindingState[];
  events: LifecycleEvent[];
}

/**
 * Decides, for one scan, each detection id's transition: new → detected; resolved → reopened; open with a
 * different severity → severity-changed; open and absent → resolved, but only when {@link canResolve} says the
 * scan covered its account and rule (else it stays open, its last-seen unchanged).
 */
export function planLifecycle(
  existing: ReadonlyMap<string, FindingState>,
  detections: readonly Detection[],
  coverage: ScanCoverage,
  scan: { id: number; at: string },
): LifecyclePlan {
  const seen: SeenFinding[] = [];
  const events: LifecycleEvent[] = [];
  const present = new Set<string>();
  for (const d of detections) {
    if (present.has(d.id)) continue;
    present.add(d.id);
    const prev = existing.get(d.id);
    const base = { detectionId: d.id, resourceArn: d.resource.arn, rule: d.rule };
    if (!prev) {
      seen.push({ detection: d, firstSeenScan: scan.id, firstSeenAt: scan.at, reopenCount: 0 });
      events.push({ ...base, kind: 'detected', fromSeverity: null, toSeverity: d.severity });
      continue;
    }
    const isReopened = prev.status === 'resolved';
    seen.push({
      detection: d,
      firstSeenScan: prev.firstSeenScan,
      firstSeenAt: prev.firstSeenAt,
      reopenCount: prev.reopenCount + (isReopened ? 1 : 0),
    });
    if (isReopened) {
      events.push({ ...base, kind: 'reopened', fromSeverity: prev.severity, toSeverity: d.severity });
    } else if (prev.severity !== d.severity) {
      events.push({ ...base, kind: 'severity-changed', fromSeverity: prev.severity, toSeverity: d.severity });
    }
  }
  const resolved = [...existing.values()]
    .filter(
      (f) =>
        f.status === 'open' &&
        !present.has(f.detectionId) &&
        canResolve(coverage, f.rule, f.accountId, f.resourceType),
    )
    .sort((a, b) => (a.detectionId < b.detectionId ? -1 : 1));
  for (const f of resolved) {
    events.push({
      kind: 'resolved',
      detectionId: f.detectionId,
      resourceArn: f.resourceArn,
      rule: f.rule,
      fromSeverity: f.severity,
      toSeverity: null,
    });
  }
  return { seen, resolved, events };
}
