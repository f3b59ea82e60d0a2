import type { UsageDay } from '../model/usage.js';

function maxOrNull(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a > b ? a : b;
}

/**
 * Merges per-day rows (e.g. those in the store with those just read): rows with the same principal, action
 * and day add their counts and widen their times. Sorted by principal, action, day.
 */
export function mergeUsageDays(...lists: readonly (readonly UsageDay[])[]): UsageDay[] {
  const rows = new Map<string, UsageDay>();
  for (const list of lists) {
    for (const d of list) {
      const key = `${d.principalArn}\n${d.action}\n${d.day}`;
      const cur = rows.get(key);
      if (cur === undefined) {
        rows.set(key, { ...d });
        continue;
      }
      cur.used += d.used;
      cur.denied += d.denied;
      cur.errors += d.errors;
      if (d.firstSeen < cur.firstSeen) cur.firstSeen = d.firstSeen;
      if (d.lastSeen > cur.lastSeen) cur.lastSeen = d.lastSeen;
      cur.lastUsed = maxOrNull(cur.lastUsed, d.lastUsed);
      cur.lastDenied = maxOrNull(cur.lastDenied, d.lastDenied);
    }
  }
  return [...rows.values()].sort((a, b) =>
    a.principalArn !== b.principalArn
      ? a.principalArn < b.principalArn
        ? -1
        : 1
      : a.action !== b.action
        ? a.action < b.action
          ? -1
          : 1
        : a.day < b.day
          ? -1
          : a.day > b.day
            ? 1
            : 0,
  );
}
