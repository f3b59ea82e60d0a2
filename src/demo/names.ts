import type { Prng } from './prng.js';

const FIRST = [
  'alex',
  'amira',
  'ben',
  'carla',
  'chen',
  'dana',
  'diego',
  'elena',
  'farah',
  'felix',
  'grace',
  'hana',
  'ivan',
  'jamal',
  'julia',
  'kai',
  'kenji',
  'lara',
  'leo',
  'maria',
  'mateo',
  'mia',
  'nadia',
  'noah',
  'olga',
  'omar',
  'priya',
  'quinn',
  'rafael',
  'rosa',
  'sam',
  'sofia',
  'tariq',
  'tom',
  'uma',
  'vera',
  'wei',
  'yara',
  'yusuf',
  'zoe',
];
const LAST = [
  'adams',
  'alvarez',
  'bauer',
  'costa',
  'dubois',
  'evans',
  'fischer',
  'garcia',
  'haddad',
  'ito',
  'jensen',
  'khan',
  'kowalski',
  'lopez',
  'martin',
  'meyer',
  'nakamura',
  'novak',
  'okafor',
  'olsen',
  'patel',
  'petrov',
  'rossi',
  'santos',
  'schmidt',
  'singh',
  'tanaka',
  'torres',
  'ueda',
  'varga',
  'wagner',
  'walsh',
  'weber',
  'yilmaz',
  'zhang',
];
/** Application names used for roles, policies, buckets, functions and instances. */
export const APPS = [
  'orders',
  'payments',
  'catalog',
  'checkout',
  'search',
  'inventory',
  'billing',
  'ledger',
  'notifications',
  'auth',
  'profile',
  'shipping',
  'pricing',
  'reports',
  'analytics',
  'ingest',
  'etl',
  'recommendations',
  'media',
  'gateway',
  'invoicing',
  'fraud',
  'loyalty',
  'support',
  'chat',
  'scheduler',
  'exports',
  'webhooks',
  'audit',
  'mailer',
];
/** Components of an application (role and function suffixes). */
export const COMPONENTS = [
  'api',
  'worker',
  'consumer',
  'processor',
  'sync',
  'cron',
  'indexer',
  'handler',
  'batch',
  'stream',
];
export const TEAMS = [
  'platform',
  'payments',
  'data',
  'growth',
  'identity',
  'mobile',
  'web',
  'sre',
  'security',
  'finance',
];

/** Hands out names that are unique within one account, suffixing `-2`, `-3`… on collision. */
export class NameBook {
  private readonly used = new Set<string>();

  /** Reserves `name`, or the first free suffixed variant of it. */
  take(name: string): string {
    let candidate = name;
    for (let n = 2; this.used.has(candidate); n++) candidate = `${name}-${n}`;
    this.used.add(candidate);
    return candidate;
  }
}

/** A person's user name such as `maria.okafor`. */
export function personName(prng: Prng): string {
  return `${prng.pick(FIRST)}.${prng.pick(LAST)}`;
}

/** A plausible public IPv4 address (documentation ranges avoided so it looks real). */
export function publicIp(prng: Prng): string {
  return `${prng.pick([3, 18, 34, 35, 44, 52, 54])}.${prng.int(0, 255)}.${prng.int(0, 255)}.${prng.int(1, 254)}`;
}

/** A private VPC address. */
export function privateIp(prng: Prng): string {
  return `10.${prng.int(0, 31)}.${prng.int(0, 255)}.${prng.int(4, 254)}`;
}
