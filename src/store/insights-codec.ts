import { expandActionPattern } from '../policy/catalog.js';

/** What the Insights tab says about one granted action in the scan's window. */
export type InsightStatus = 'used' | 'denied' | 'unused' | 'unobservable';

/** One granted action of an identity and what CloudTrail shows about it in the window. */
export interface ActionInsight {
  action: string;
  service: string;
  status: InsightStatus;
  lastUsed: string | null;
  lastDenied: string | null;
  /** Calls of the reported status (used or denied) in the window; 0 otherwise. */
  count: number;
}

/** Per-service counts of an identity's granted actions by status, with the last use of any of them. */
export interface ServiceInsights {
  service: string;
  granted: number;
  used: number;
  denied: number;
  unused: number;
  unobservable: number;
  lastUsed: string | null;
}

const STATUSES: readonly InsightStatus[] = ['used', 'denied', 'unused', 'unobservable'];

/** Listed action: name without the service prefix, status index, lastUsed, lastDenied, count. */
type Listed = [string, number, string | null, string | null, number];

/** One service of the stored blob; `rest` is the status of every catalog action of it that is not listed. */
export interface EncodedService {
  s: string;
  c: [number, number, number, number];
  u: string | null;
  rest?: number;
  a: Listed[];
}

const catalogCache = new Map<string, string[]>();

function catalogActions(service: string): string[] {
  let names = catalogCache.get(service);
  if (names === undefined) {
    names = expandActionPattern(`${service}:*`).names();
    catalogCache.set(service, names);
  }
  return names;
}

/**
 * Encodes one identity's insights compactly: actions grouped by service; when a service is granted whole
 * (an administrator's `*`), its most common plain status (unused or unobservable, never denied) is stored once
 * as `rest` instead of thousands of names.
 */
export function encodeInsights(actions: Iterable<ActionInsight>): EncodedService[] {
  const byService = new Map<string, ActionInsight[]>();
  for (const a of actions) {
    const list = byService.get(a.service);
    if (list === undefined) byService.set(a.service, [a]);
    else list.push(a);
  }
  const out: EncodedService[] = [];
  for (const [service, list] of [...byService].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const c: EncodedService['c'] = [0, 0, 0, 0];
    let lastUsed: string | null = null;
    for (const a of list) {
      c[STATUSES.indexOf(a.status)] = (c[STATUSES.indexOf(a.status)] ?? 0) + 1;
      if (a.lastUsed !== null && (lastUsed === null || a.lastUsed > lastUsed)) lastUsed = a.lastUsed;
    }
    const plain = (a: ActionInsight) =>
      (a.status === 'unused' || a.status === 'unobservable') && a.lastDenied === null && a.lastUsed === null;
    let rest: number | undefined;
    if (list.length === catalogActions(service).length && list.length > 0) {
      const unused = list.filter((a) => a.status === 'unused' && plain(a)).length;
      const unobservable = list.filter((a) => a.status === 'unobservable' && plain(a)).length;
      rest = unused >= unobservable ? 2 : 3;
    }
    const prefix = service.length + 1;
    const listed = list
      .filter((a) => rest === undefined || !(plain(a) && STATUSES.indexOf(a.status) === rest))
      .map((a): Listed => [
        a.action.slice(prefix),
        STATUSES.indexOf(a.status),
        a.lastUsed,
        a.lastDenied,
        a.count,
      ]);
    out.push({ s: service, c, u: lastUsed, ...(rest === undefined ? {} : { rest }), a: listed });
  }
  return out;
}

/** The per-service counts of an encoded blob. */
export function serviceSummaries(encoded: readonly EncodedService[]): ServiceInsights[] {
  return encoded.map((e) => ({
    service: e.s,
    granted: e.c[0] + e.c[1] + e.c[2] + e.c[3],
    used: e.c[0],
    denied: e.c[1],
    unused: e.c[2],
    unobservable: e.c[3],
    lastUsed: e.u,
  }));
}

/** Every granted action of one service of an encoded blob, sorted by action; [] when the service is absent. */
export function decodeService(encoded: readonly EncodedService[], service: string): ActionInsight[] {
  const e = encoded.find((x) => x.s === service);
  if (!e) return [];
  const out: ActionInsight[] = e.a.map(([name, st, lastUsed, lastDenied, count]) => ({
    action: `${service}:${name}`,
    service,
    status: STATUSES[st] ?? 'unobservable',
    lastUsed,
    lastDenied,
    count,
  }));
  if (e.rest !== undefined) {
    const listed = new Set(out.map((a) => a.action));
    const status = STATUSES[e.rest] ?? 'unobservable';
    for (const action of catalogActions(service))
      if (!listed.has(action))
        out.push({ action, service, status, lastUsed: null, lastDenied: null, count: 0 });
  }
  return out.sort((a, b) => (a.action < b.action ? -1 : a.action > b.action ? 1 : 0));
}
