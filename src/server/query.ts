import type { Severity } from '../model/finding.js';
import { isSeverity } from '../model/finding.js';
import type { DetectionQuery, DetectionStatus, GroupBy } from '../store/index.js';
import { ApiError } from './errors.js';

/** Query-string values as Fastify parses them: a string, or an array when a key repeats. */
export type RawQuery = Record<string, string | string[] | undefined>;

const STATUSES: readonly DetectionStatus[] = ['open', 'muted', 'resolved'];
const MAX_VALUES = 100;

/** A list parameter: comma-separated and/or repeated (`?severity=high,critical&severity=low`). */
export function listParam(q: RawQuery, name: string): string[] | undefined {
  const raw = q[name];
  if (raw === undefined) return undefined;
  const values = (Array.isArray(raw) ? raw : [raw])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
  if (values.length > MAX_VALUES) throw new ApiError(400, 'bad-query', `${name}: too many values`);
  return values.length ? values : undefined;
}

/** One string parameter (the last when repeated), or undefined. */
export function stringParam(q: RawQuery, name: string, maxLength = 2048): string | undefined {
  const raw = q[name];
  const v = Array.isArray(raw) ? raw.at(-1) : raw;
  if (v !== undefined && v.length > maxLength) throw new ApiError(400, 'bad-query', `${name}: too long`);
  return v;
}

/** A required string parameter. @throws ApiError 400 when it is missing or empty. */
export function requiredParam(q: RawQuery, name: string): string {
  const v = stringParam(q, name);
  if (!v) throw new ApiError(400, 'bad-query', `${name} is required`);
  return v;
}

function intParam(q: RawQuery, name: string, min: number, max: number): number | undefined {
  const v = stringParam(q, name, 12);
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ApiError(400, 'bad-query', `${name}: expected a whole number from ${min} to ${max}`);
  }
  return n;
}

/**
 * The explorer's filters from a query string: status, severity, rule, resourceType, accountId (lists),
 * resourceArn, search, limit (1–500, default 100) and offset.
 * @throws ApiError 400 on an unknown status or severity, or an out-of-range number.
 */
export function detectionQuery(q: RawQuery): DetectionQuery {
  const status = listParam(q, 'status');
  for (const s of status ?? [])
    if (!(STATUSES as readonly string[]).includes(s))
      throw new ApiError(
        400,
        'bad-query',
        `status: unknown value "${s.slice(0, 40)}" (open, muted, resolved)`,
      );
  const severity = listParam(q, 'severity');
  for (const s of severity ?? [])
    if (!isSeverity(s)) throw new ApiError(400, 'bad-query', `severity: unknown value "${s.slice(0, 40)}"`);
  const search = stringParam(q, 'search', 200)?.trim();
  return {
    status: status as DetectionStatus[] | undefined,
    severity: severity as Severity[] | undefined,
    rule: listParam(q, 'rule'),
    resourceType: listParam(q, 'resourceType'),
    accountId: listParam(q, 'accountId'),
    resourceArn: stringParam(q, 'resourceArn'),
    search: search || undefined,
    limit: intParam(q, 'limit', 1, 500) ?? 100,
    offset: intParam(q, 'offset', 0, 10_000_000) ?? 0,
  };
}

/** `by` of the group-by route. @throws ApiError 400 unless it is `rule` or `resource`. */
export function groupByParam(q: RawQuery): GroupBy {
  const by = stringParam(q, 'by');
  if (by !== 'rule' && by !== 'resource')
    throw new ApiError(400, 'bad-query', 'by: expected rule or resource');
  return by;
}
