import { readdir } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { aggregateCloudTrail } from '../../src/usage/aggregate-cloudtrail.js';
import { cachedOrg } from '../org-cache.js';
import type { BenchCase, BenchOptions, BenchRow } from './types.js';

const NAME = 'cloudtrail-usage';

async function trailFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.json.gz'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/** Peak resident memory while `fn` runs, sampled every 20 ms. */
async function withPeakRss<T>(fn: () => Promise<T>): Promise<{ value: T; peakMiB: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  try {
    const value = await fn();
    return { value, peakMiB: Math.max(peak, process.memoryUsage().rss) / 1024 / 1024 };
  } finally {
    clearInterval(timer);
  }
}

// The same aggregate in DuckDB: read_json over the same files, identity roll-up, outcome classes, GROUP BY
// (identity, event source, event name, day). The event → action mapping is left out of the peer's work.
// Only the fields the aggregate reads: CloudTrail's requestParameters and responseElements differ per event
// name, so schema inference over them fails; AWS's Athena table declares them as strings for the same reason.
const RECORD_COLUMNS =
  "{Records: 'STRUCT(eventTime VARCHAR, eventSource VARCHAR, eventName VARCHAR, errorCode VARCHAR, " +
  'eventID VARCHAR, userIdentity STRUCT(type VARCHAR, arn VARCHAR, sessionContext STRUCT(sessionIssuer ' +
  "STRUCT(arn VARCHAR))))[]'}";

function duckSql(glob: string): string {
  return `
    WITH r AS (SELECT unnest(Records) AS e FROM read_json('${glob}', format = 'auto', maximum_object_size = 1073741824,
      columns = ${RECORD_COLUMNS}))
    SELECT
      CASE WHEN e.userIdentity.type IN ('AssumedRole', 'FederatedUser')
           THEN e.userIdentity.sessionContext.sessionIssuer.arn ELSE e.userIdentity.arn END AS principal_arn,
      e.eventSource AS event_source, e.eventName AS event_name,
      strftime(CAST(e.eventTime AS TIMESTAMP), '%Y-%m-%d') AS day,
      count(*) FILTER (WHERE e.errorCode IS NULL) AS used,
      count(*) FILTER (WHERE e.errorCode IN ('AccessDenied', 'AccessDeniedException', 'Client.UnauthorizedOperation')) AS denied,
      count(*) FILTER (WHERE e.errorCode IS NOT NULL AND e.errorCode NOT IN ('AccessDenied', 'AccessDeniedException', 'Client.UnauthorizedOperation')) AS errors,
      min(e.eventTime) AS first_seen, max(e.eventTime) AS last_seen, count(DISTINCT e.eventID) AS distinct_events
    FROM r GROUP BY ALL`;
}

interface DuckConnection {
  run(sql: string): Promise<unknown>;
}

/** DuckDB's events/s on the same files, or null when no DuckDB package is installed. */
async function duckDbRate(root: string, events: number): Promise<{ rate: number; peakMiB: number } | null> {
  const pkg = '@duckdb/node-api'; // a devDependency when installed; the case says "peer unavailable" otherwise
  let mod: { DuckDBInstance: { create(path: string): Promise<{ connect(): Promise<DuckConnection> }> } };
  try {
    mod = (await import(pkg)) as typeof mod;
  } catch {
    return null;
  }
  const db = await mod.DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  await conn.run(`SET threads = ${availableParallelism()}`);
  const started = performance.now();
  const { peakMiB } = await withPeakRss(() => conn.run(duckSql(join(root, '**', '*.json.gz'))));
  return { rate: events / ((performance.now() - started) / 1000), peakMiB };
}

/**
 * CloudTrail aggregation throughput: iamrisk's reader (worker threads, one per core) against DuckDB's
 * read_json + GROUP BY producing the same per-day aggregate, on the demo organization's trail files.
 */
export const cloudtrailUsage: BenchCase = {
  name: NAME,
  description:
    'aggregateCloudTrail events/s on the demo org trail vs DuckDB read_json + GROUP BY (if installed)',
  async run(opts: BenchOptions): Promise<BenchRow[]> {
    const org = await cachedOrg({ principals: opts.quick ? 1_000 : 10_000, cloudtrail: true });
    const root = join(org.dir, 'cloudtrail');
    const files = await trailFiles(root);
    const started = performance.now();
    const { value: agg, peakMiB } = await withPeakRss(() => aggregateCloudTrail(files));
    const seconds = (performance.now() - started) / 1000;
    if (agg.errors.length > 0)
      throw new Error(`${agg.errors.length} read errors, first: ${agg.errors[0]?.reason}`);
    const rate = agg.events / seconds;
    const peer = await duckDbRate(root, agg.events);
    const note = `${files.length} files, ${agg.events} events, ${agg.days.length} day rows, ${availableParallelism()} cores`;
    return [
      {
        case: NAME,
        metric: 'events per second',
        unit: 'events/s',
        iamrisk: Math.round(rate),
        peer: peer === null ? null : Math.round(peer.rate),
        ratio: peer === null ? null : rate / peer.rate,
        note: peer === null ? `${note}; DuckDB peer unavailable (@duckdb/node-api not installed)` : note,
      },
      {
        case: NAME,
        metric: 'peak RSS',
        unit: 'MiB',
        iamrisk: Math.round(peakMiB),
        peer: peer === null ? null : Math.round(peer.peakMiB),
        ratio: peer === null ? null : peer.peakMiB / peakMiB,
        note: 'whole process, sampled every 20 ms',
      },
    ];
  },
};
