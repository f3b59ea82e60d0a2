import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildEvent, type Caller } from './cloudtrail-event.js';
import { personName } from './names.js';
import type { Prng } from './prng.js';
import type { DemoAccount, DemoRole, DemoUser } from './types.js';

const DAY_MS = 86_400_000;
/** Hours covered by one trail file; CloudTrail delivers every few minutes, coarser blocks keep the demo small. */
const BLOCK_HOURS = 6;

type Json = Record<string, unknown>;

/** What was written. */
export interface CloudTrailStats {
  files: number;
  events: number;
}

function sessionName(prng: Prng, p: DemoUser | DemoRole): string {
  if (p.kind === 'user') return p.name;
  if (p.path.startsWith('/aws-reserved/sso')) return `${personName(prng)}@example.com`;
  if (p.name.endsWith('-lambda-role')) return p.name.replace(/-lambda-role$/, '');
  if (p.name.endsWith('-ec2-role')) return `i-0${prng.hex(16)}`;
  return prng.hex(32);
}

/** Generates the events of one principal over `days` days before `asOf`. */
function principalEvents(
  prng: Prng,
  account: DemoAccount,
  p: DemoUser | DemoRole,
  asOf: Date,
  days: number,
): Json[] {
  const a = p.activity;
  if (!a || a.calls.length === 0) return [];
  const caller: Caller = {
    principal: p,
    accountId: account.id,
    accessKeyId: (p.kind === 'user' ? 'AKIA' : 'ASIA') + prng.chars(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'),
    sessionName: sessionName(prng, p),
  };
  const out: Json[] = [];
  for (let d = days; d >= 1; d--) {
    if (!prng.chance(a.dayRate)) continue;
    const dayStart = asOf.getTime() - d * DAY_MS;
    const n = prng.int(Math.max(1, Math.floor(a.perDay / 2)), Math.ceil(a.perDay * 1.5));
    for (let i = 0; i < n; i++) {
      const when = new Date(dayStart + prng.int(0, DAY_MS / 1000 - 1) * 1000);
      out.push(buildEvent(prng, caller, prng.pick(a.calls), when, a.region, a.sourceIp, a.userAgent));
    }
  }
  return out;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * Writes trail files in the organization-trail S3 layout
 * `AWSLogs/<orgId>/<account>/CloudTrail/<region>/YYYY/MM/DD/<account>_CloudTrail_<region>_<YYYYMMDDTHHmmZ>_<rand16>.json.gz`,
 * one file per account, region and block of hours, each `{"Records":[…]}` sorted by time.
 */
export async function writeCloudTrail(
  root: string,
  orgId: string,
  accounts: DemoAccount[],
  asOf: Date,
  days: number,
  prng: Prng,
): Promise<CloudTrailStats> {
  const blocks = new Map<string, Json[]>();
  for (const account of accounts) {
    for (const p of [...account.users, ...account.roles]) {
      for (const e of principalEvents(prng.fork(p.arn), account, p, asOf, days)) {
        const t = Date.parse(e.eventTime as string);
        const block = Math.floor(t / (BLOCK_HOURS * 3_600_000));
        const key = `${account.id}|${e.awsRegion as string}|${block}`;
        const list = blocks.get(key);
        if (list) list.push(e);
        else blocks.set(key, [e]);
      }
    }
  }
  const names = prng.fork('cloudtrail-file-names');
  let events = 0;
  const keys = [...blocks.keys()].sort();
  for (const key of keys) {
    const records = (blocks.get(key) as Json[]).sort((x, y) =>
      (x.eventTime as string) < (y.eventTime as string)
        ? -1
        : (x.eventTime as string) > (y.eventTime as string)
          ? 1
          : 0,
    );
    const [account, region, blockStr] = key.split('|') as [string, string, string];
    // Delivered a few minutes after the block closes.
    const delivered = new Date((Number(blockStr) + 1) * BLOCK_HOURS * 3_600_000 + names.int(2, 14) * 60_000);
    const day = new Date((Number(blockStr) * BLOCK_HOURS + 1) * 3_600_000);
    const dir = join(
      root,
      'AWSLogs',
      orgId,
      account,
      'CloudTrail',
      region,
      String(day.getUTCFullYear()),
      pad(day.getUTCMonth() + 1),
      pad(day.getUTCDate()),
    );
    const stamp = `${delivered.getUTCFullYear()}${pad(delivered.getUTCMonth() + 1)}${pad(delivered.getUTCDate())}T${pad(delivered.getUTCHours())}${pad(delivered.getUTCMinutes())}Z`;
    const file = `${account}_CloudTrail_${region}_${stamp}_${names.chars(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789')}.json.gz`;
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, file), gzipSync(JSON.stringify({ Records: records })));
    events += records.length;
  }
  return { files: keys.length, events };
}
