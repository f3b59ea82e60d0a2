import { actionInfo } from '../policy/catalog.js';
import { EVENT_ACTION_EXCEPTIONS } from './event-action-exceptions.js';
import { servicePrefixOf } from './event-source-prefixes.js';

/** The IAM actions one CloudTrail call needed. */
export type EventActions =
  | { kind: 'actions'; actions: readonly string[] }
  /**
   * The call needs no IAM permission (GetCallerIdentity). `activity` is the call's own catalog name, kept
   * as activity (an identity calling GetCallerIdentity is not inactive) but never put in a policy.
   */
  | { kind: 'none'; activity: string | null }
  /** Neither the exceptions nor the catalog know it: counted and reported, never dropped silently. */
  | { kind: 'unmapped' };

// Lambda event names carry the API version: `ListFunctions20150331`, `UpdateFunctionCode20150331v2`.
const LAMBDA_VERSION = /^([A-Za-z]+?)20\d{6}(?:v\d+)?$/;

const CACHE_LIMIT = 20_000;
// Event source → event name → mapping: two look-ups of the event's own strings, no key to build per event.
const cache = new Map<string, Map<string, EventActions>>();
let cached = 0;

function own(key: string): readonly string[] | undefined {
  return Object.hasOwn(EVENT_ACTION_EXCEPTIONS, key) ? EVENT_ACTION_EXCEPTIONS[key] : undefined;
}

function resolve(eventSource: string, eventName: string): EventActions {
  const prefix = servicePrefixOf(eventSource);
  if (prefix === null) return { kind: 'unmapped' };
  let name = eventName;
  if (prefix === 'lambda') name = LAMBDA_VERSION.exec(eventName)?.[1] ?? eventName;
  const listed = own(`${prefix}:${name}`);
  const info = actionInfo(`${prefix}:${name}`);
  if (listed !== undefined) {
    return listed.length === 0
      ? { kind: 'none', activity: info?.name ?? null }
      : { kind: 'actions', actions: listed };
  }
  return info === null ? { kind: 'unmapped' } : { kind: 'actions', actions: [info.name] };
}

/** Whether an action is one that calls need no permission for (it may appear as activity, never in a policy). */
export function needsNoPermission(action: string): boolean {
  return Object.hasOwn(EVENT_ACTION_EXCEPTIONS, action) && EVENT_ACTION_EXCEPTIONS[action]?.length === 0;
}

/**
 * The IAM action(s) a CloudTrail event needs: event source → service prefix, event name → action, with the
 * known exceptions (S3 renames, versioned Lambda names, calls needing several actions or none). Every action
 * returned exists in the catalog, in its casing.
 *
 * @example actionsForEvent('s3.amazonaws.com', 'ListBuckets') // { kind: 'actions', actions: ['s3:ListAllMyBuckets'] }
 */
export function actionsForEvent(eventSource: string, eventName: string): EventActions {
  let names = cache.get(eventSource);
  let hit = names?.get(eventName);
  if (hit === undefined) {
    hit = resolve(eventSource, eventName);
    // Bounded: names come from attacker-controlled files.
    if (cached >= CACHE_LIMIT) {
      cache.clear();
      cached = 0;
      names = undefined;
    }
    if (names === undefined) {
      names = new Map();
      cache.set(eventSource, names);
    }
    names.set(eventName, hit);
    cached++;
  }
  return hit;
}
