import type { UsageDay, UsageDayResources } from '../model/usage.js';
import { OUTCOME_CODE } from './file-digest.js';

const DAY_MS = 86_400_000;
/** Distinct ARNs kept per (principal, action, day); past this the action keeps `*`. */
export const MAX_RESOURCES_PER_DAY = 20;

interface Row {
  principalArn: string;
  action: string;
  day: number;
  used: number;
  denied: number;
  errors: number;
  first: number;
  last: number;
  lastUsed: number;
  lastDenied: number;
  /** null: some call showed no resource (or too many). */
  resources: Set<string> | null;
}

function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function iso(ms: number): string | null {
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

/**
 * Per-day aggregates keyed (principal, action, UTC day of eventTime), in the shape the store keeps
 * (`UsageDay`). `used` counts successful calls, `errors` calls that failed for a non-authorization reason;
 * both are use (PRODUCT.md §3), so `lastUsed` is the last call of either kind.
 */
export class DayAggregator {
  private readonly rows = new Map<string, Row>();

  /** Adds one call; `resources` null when the event did not show the resource it acted on. */
  add(
    principalArn: string,
    action: string,
    timeMs: number,
    outcome: number,
    resources: string[] | null,
  ): void {
    const day = Math.floor(timeMs / DAY_MS);
    const key = `${principalArn}\n${action}\n${day}`;
    let row = this.rows.get(key);
    if (row === undefined) {
      row = {
        principalArn,
        action,
        day,
        used: 0,
        denied: 0,
        errors: 0,
        first: timeMs,
        last: timeMs,
        lastUsed: -Infinity,
        lastDenied: -Infinity,
        resources: new Set(),
      };
      this.rows.set(key, row);
    }
    if (timeMs < row.first) row.first = timeMs;
    if (timeMs > row.last) row.last = timeMs;
    if (outcome === OUTCOME_CODE.denied) {
      row.denied++;
      if (timeMs > row.lastDenied) row.lastDenied = timeMs;
      return; // a denied call proves nothing about the resources the identity needs
    }
    if (outcome === OUTCOME_CODE.used) row.used++;
    else row.errors++;
    if (timeMs > row.lastUsed) row.lastUsed = timeMs;
    if (row.resources === null) return;
    if (resources === null) {
      row.resources = null;
      return;
    }
    for (const r of resources) row.resources.add(r);
    if (row.resources.size > MAX_RESOURCES_PER_DAY) row.resources = null;
  }

  /** Number of (principal, action, day) rows so far. */
  get size(): number {
    return this.rows.size;
  }

  /** The rows, sorted by principal, action, day. */
  days(): UsageDay[] {
    return this.sorted().map((r) => ({
      principalArn: r.principalArn,
      action: r.action,
      day: isoDay(r.day),
      used: r.used,
      denied: r.denied,
      errors: r.errors,
      firstSeen: new Date(r.first).toISOString(),
      lastSeen: new Date(r.last).toISOString(),
      lastUsed: iso(r.lastUsed),
      lastDenied: iso(r.lastDenied),
    }));
  }

  /** Resource ARNs per row that saw use (rows with only denied calls are left out). */
  dayResources(): UsageDayResources[] {
    return this.sorted()
      .filter((r) => r.used + r.errors > 0)
      .map((r) => ({
        principalArn: r.principalArn,
        action: r.action,
        day: isoDay(r.day),
        resources: r.resources === null ? null : [...r.resources].sort(),
      }));
  }

  private sorted(): Row[] {
    return [...this.rows.values()].sort(
      (a, b) =>
        (a.principalArn < b.principalArn ? -1 : a.principalArn > b.principalArn ? 1 : 0) ||
        (a.action < b.action ? -1 : a.action > b.action ? 1 : 0) ||
        a.day - b.day,
    );
  }
}
