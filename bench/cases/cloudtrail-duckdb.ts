/**
 * The DuckDB peer of `cloudtrail-usage`: `read_json` + GROUP BY over the same trail files, producing the
 * same per-day aggregate as `aggregateCloudTrail` — the same record filter (API calls only), de-duplication
 * on eventID, identity roll-up (sessions → role, federated → user), event → action mapping (our table,
 * loaded into DuckDB before the clock starts, as reference data a DuckDB user would keep), outcome classes,
 * first/last/last-used/last-denied per (identity, action, UTC day), the resource ARNs each row touched
 * (event `resources` and S3 bucket/key, kept when an action's resource types match) and `iam:PassRole`
 * proven by the role a successful call passed.
 *
 * A second, bare query (no mapping, no de-duplication, no resources) is timed too, as a floor: it is what
 * DuckDB costs for reading the files and grouping, whatever the aggregate.
 */
import { availableParallelism } from 'node:os';
import type { CloudTrailAggregate } from '../../src/usage/aggregate-cloudtrail.js';
import { OUTCOME_CODE } from '../../src/usage/file-digest.js';
import { DENIED_ERROR_CODES } from '../../src/usage/outcome.js';
import { actionsForEvent } from '../../src/usage/event-actions.js';
import { PASSED_ROLE_PARAMS } from '../../src/usage/event-facts.js';
import { resourcePatternsOf } from '../../src/usage/resource-types.js';

interface DuckResult {
  getRowObjects(): Record<string, unknown>[];
}
interface DuckConnection {
  run(sql: string): Promise<unknown>;
  runAndReadAll(sql: string): Promise<DuckResult>;
}

/** What DuckDB did: events/s for the same aggregate and for the bare floor, and the rows produced. */
export interface DuckPeer {
  rate: number;
  rows: number;
  /** The aggregate as text rows (principal, action, day, counts, times, resources), for comparing with ours. */
  sample: () => Promise<string[]>;
  peakMiB: number;
  bareRate: number;
}

// Only the fields the aggregate reads: requestParameters and responseElements differ per event name, so
// schema inference over them fails; AWS's Athena table declares them as strings for the same reason.
const RECORD_COLUMNS =
  "{Records: 'STRUCT(eventID VARCHAR, eventTime VARCHAR, eventSource VARCHAR, eventName VARCHAR, " +
  'eventType VARCHAR, errorCode VARCHAR, recipientAccountId VARCHAR, userIdentity STRUCT(type VARCHAR, ' +
  'arn VARCHAR, accountId VARCHAR, sessionContext STRUCT(sessionIssuer STRUCT(type VARCHAR, arn VARCHAR))), ' +
  "requestParameters JSON, resources STRUCT(ARN VARCHAR)[])[]'}";

const BARE_COLUMNS =
  "{Records: 'STRUCT(eventTime VARCHAR, eventSource VARCHAR, eventName VARCHAR, errorCode VARCHAR, " +
  'eventID VARCHAR, userIdentity STRUCT(type VARCHAR, arn VARCHAR, sessionContext STRUCT(sessionIssuer ' +
  "STRUCT(arn VARCHAR))))[]'}";

const q = (s: string): string => `'${s.replace(/'/g, "''")}'`;

function readJson(glob: string, columns: string): string {
  return `read_json(${q(glob)}, format = 'auto', maximum_object_size = 1073741824, columns = ${columns})`;
}

/** Our event → action table for the (event source, event name) pairs present, as DuckDB VALUES rows. */
function mappingValues(pairs: { source: string; name: string }[]): string {
  const rows: string[] = [];
  for (const { source, name } of pairs) {
    const m = actionsForEvent(source, name);
    const actions =
      m.kind === 'actions' ? m.actions : m.kind === 'none' && m.activity !== null ? [m.activity] : [];
    for (const action of actions) {
      const patterns = resourcePatternsOf(action);
      const re = patterns === null ? 'NULL' : q(patterns.map((p) => `(?:${p.source})`).join('|'));
      rows.push(`(${q(source)}, ${q(name)}, ${q(action)}, ${re})`);
    }
  }
  return rows.length > 0 ? rows.join(',\n') : `('', '', '', NULL)`;
}

function passRoleValues(): string {
  const rows: string[] = [];
  for (const [key, params] of Object.entries(PASSED_ROLE_PARAMS)) {
    const [source = '', name = ''] = key.split(' ');
    for (const p of params) rows.push(`(${q(source)}, ${q(name)}, ${q(p)})`);
  }
  return rows.join(',\n');
}

const USER = String.raw`^arn:aws[a-z-]*:iam::\d{12}:user/.+$`;
const ROLE = String.raw`^arn:aws[a-z-]*:iam::\d{12}:role/.+$`;
const ROOT = String.raw`^arn:aws[a-z-]*:iam::\d{12}:root$`;
const SESSION = String.raw`^arn:(aws[a-z-]*):sts::(\d{12}):assumed-role/([\w+=,.@-]{1,64})/[^/]+$`;
const PASSED_ROLE = String.raw`^arn:aws[a-z-]*:iam::\d{12}:role/[\w+=,.@/-]{1,512}$`;

function sameAggregateSql(glob: string): string {
  return `
    WITH raw AS (SELECT unnest(Records) AS e FROM ${readJson(glob, RECORD_COLUMNS)}),
    api AS (
      SELECT DISTINCT ON (e.eventID) e.* FROM raw
      WHERE coalesce(e.eventType, 'AwsApiCall') = 'AwsApiCall' AND e.eventID IS NOT NULL
    ),
    who AS (
      SELECT *,
        CASE
          WHEN userIdentity.type = 'IAMUser' AND regexp_full_match(userIdentity.arn, ${q(USER)}) THEN userIdentity.arn
          WHEN userIdentity.type = 'Root' AND regexp_full_match(userIdentity.arn, ${q(ROOT)}) THEN userIdentity.arn
          WHEN userIdentity.type = 'FederatedUser'
            AND regexp_full_match(userIdentity.sessionContext.sessionIssuer.arn, ${q(`${USER}|${ROOT}`)})
            THEN userIdentity.sessionContext.sessionIssuer.arn
          WHEN userIdentity.type = 'AssumedRole'
            AND regexp_full_match(userIdentity.sessionContext.sessionIssuer.arn, ${q(ROLE)})
            THEN userIdentity.sessionContext.sessionIssuer.arn
          WHEN userIdentity.type = 'AssumedRole' AND regexp_full_match(userIdentity.arn, ${q(SESSION)})
            THEN regexp_replace(userIdentity.arn, ${q(SESSION)}, 'arn:\\1:iam::\\2:role/\\3')
        END AS principal,
        CASE
          WHEN errorCode IS NULL THEN ${OUTCOME_CODE.used}
          WHEN regexp_replace(errorCode, '^Client\\.', '') IN (${[...DENIED_ERROR_CODES].map(q).join(', ')}) THEN ${OUTCOME_CODE.denied}
          ELSE ${OUTCOME_CODE.error}
        END AS outcome,
        CAST(eventTime AS TIMESTAMP) AS t,
        list_concat(
          [r.ARN FOR r IN coalesce(resources, [])],
          CASE WHEN eventSource = 's3.amazonaws.com' AND json_extract_string(requestParameters, '$.bucketName') IS NOT NULL
            THEN list_concat(['arn:aws:s3:::' || json_extract_string(requestParameters, '$.bucketName')],
              CASE WHEN json_extract_string(requestParameters, '$.key') IS NOT NULL
                THEN ['arn:aws:s3:::' || json_extract_string(requestParameters, '$.bucketName') || '/' || json_extract_string(requestParameters, '$.key')]
                ELSE [] END)
            ELSE [] END
        ) AS candidates
      FROM api
    ),
    calls AS (
      SELECT w.principal, m.action, w.t, w.outcome,
        CASE WHEN m.resource_re IS NULL THEN NULL
          ELSE list_distinct(list_filter(w.candidates, x -> regexp_full_match(x, m.resource_re))) END AS arns
      FROM who w JOIN mapping m ON m.event_source = w.eventSource AND m.event_name = w.eventName
      WHERE w.principal IS NOT NULL
      UNION ALL
      SELECT w.principal, 'iam:PassRole', w.t, w.outcome, [json_extract_string(w.requestParameters, '$.' || p.param)]
      FROM who w JOIN pass_params p ON p.event_source = w.eventSource
        AND regexp_replace(w.eventName, '20\\d{6}(v\\d+)?$', '') = p.event_name
      WHERE w.principal IS NOT NULL AND w.outcome = ${OUTCOME_CODE.used}
        AND regexp_full_match(json_extract_string(w.requestParameters, '$.' || p.param), ${q(PASSED_ROLE)})
    )
    SELECT principal, action, CAST(t AS DATE) AS day,
      count(*) FILTER (WHERE outcome = ${OUTCOME_CODE.used}) AS used,
      count(*) FILTER (WHERE outcome = ${OUTCOME_CODE.denied}) AS denied,
      count(*) FILTER (WHERE outcome = ${OUTCOME_CODE.error}) AS errors,
      min(t) AS first_seen, max(t) AS last_seen,
      max(t) FILTER (WHERE outcome <> ${OUTCOME_CODE.denied}) AS last_used,
      max(t) FILTER (WHERE outcome = ${OUTCOME_CODE.denied}) AS last_denied,
      CASE WHEN bool_or(outcome <> ${OUTCOME_CODE.denied} AND (arns IS NULL OR len(arns) = 0)) THEN NULL
        ELSE list_sort(list_distinct(flatten(list(arns) FILTER (WHERE outcome <> ${OUTCOME_CODE.denied})))) END AS resources
    FROM calls GROUP BY ALL`;
}

function bareSql(glob: string): string {
  return `
    WITH r AS (SELECT unnest(Records) AS e FROM ${readJson(glob, BARE_COLUMNS)})
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

/** Our aggregate as the same text rows as {@link DuckPeer.sample}. */
export function aggregateLines(agg: CloudTrailAggregate): string[] {
  const resources = new Map(
    agg.resources.map((r) => [`${r.principalArn} ${r.action} ${r.day}`, r.resources]),
  );
  return agg.days
    .map((d) => {
      const key = `${d.principalArn} ${d.action} ${d.day}`;
      const r = resources.get(key);
      const res = r === undefined || r === null ? '*' : r.join(',');
      return `${key} ${d.used} ${d.denied} ${d.errors} ${d.firstSeen} ${d.lastSeen} ${res}`;
    })
    .sort();
}

/** How many rows of `a` are not in `b` and the other way round. */
export function lineDifference(a: string[], b: string[]): number {
  const inA = new Set(a);
  const inB = new Set(b);
  return a.filter((x) => !inB.has(x)).length + b.filter((x) => !inA.has(x)).length;
}

/** Peak resident memory while `fn` runs, sampled every 20 ms. */
export async function withPeakRss<T>(fn: () => Promise<T>): Promise<{ value: T; peakMiB: number }> {
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

/** DuckDB's figures on the files under `glob`, or null when no DuckDB package is installed. */
export async function duckDbPeer(glob: string, events: number): Promise<DuckPeer | null> {
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
  // Reference data, before the clock: the pairs present (one untimed pass) and our mapping of them.
  const pairs = (
    await conn.runAndReadAll(
      `SELECT DISTINCT e.eventSource AS source, e.eventName AS name FROM (SELECT unnest(Records) AS e FROM ${readJson(glob, BARE_COLUMNS)}) WHERE e.eventSource IS NOT NULL AND e.eventName IS NOT NULL`,
    )
  )
    .getRowObjects()
    .map((r) => ({ source: String(r.source), name: String(r.name) }));
  await conn.run(
    `CREATE TABLE mapping AS SELECT * FROM (VALUES ${mappingValues(pairs)}) AS t(event_source, event_name, action, resource_re)`,
  );
  await conn.run(
    `CREATE TABLE pass_params AS SELECT * FROM (VALUES ${passRoleValues()}) AS t(event_source, event_name, param)`,
  );
  let started = performance.now();
  const { value, peakMiB } = await withPeakRss(() =>
    conn.run(`CREATE TABLE agg AS ${sameAggregateSql(glob)}`),
  );
  void value;
  const rate = events / ((performance.now() - started) / 1000);
  const rows = Number((await conn.runAndReadAll('SELECT count(*) AS n FROM agg')).getRowObjects()[0]?.n ?? 0);
  started = performance.now();
  await conn.run(`CREATE TABLE bare AS ${bareSql(glob)}`);
  const bareRate = events / ((performance.now() - started) / 1000);
  const sample = async (): Promise<string[]> =>
    (
      await conn.runAndReadAll(
        `SELECT principal || ' ' || action || ' ' || strftime(day, '%Y-%m-%d') || ' ' || used || ' ' || denied || ' ' || errors || ' ' ||
           strftime(first_seen, '%Y-%m-%dT%H:%M:%S.%gZ') || ' ' || strftime(last_seen, '%Y-%m-%dT%H:%M:%S.%gZ') || ' ' ||
           coalesce(array_to_string(resources, ','), '*') AS line FROM agg ORDER BY line`,
      )
    )
      .getRowObjects()
      .map((r) => String(r.line));
  return { rate, rows, sample, peakMiB, bareRate };
}
