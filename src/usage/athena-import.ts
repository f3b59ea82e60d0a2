/**
 * Reads the result of docs/cloudtrail-athena.sql (Athena's CSV download, or Trino's `--output-format
 * CSV_HEADER`) into per-day usage rows. The heavy GROUP BY runs where the trail lives; the event → action
 * mapping stays in one place (event-actions.ts) and is applied here, row by row.
 */
import { parse } from 'csv-parse/sync';
import type { InputError } from '../model/input.js';
import type { UsageDay } from '../model/usage.js';
import { actionsForEvent } from './event-actions.js';
import { mergeUsageDays } from './merge-days.js';
import type { UnmappedEvent } from './aggregate-cloudtrail.js';

/** The columns the query produces, in order. */
export const ATHENA_COLUMNS = [
  'principal_arn',
  'event_source',
  'event_name',
  'day',
  'used',
  'denied',
  'errors',
  'first_seen',
  'last_seen',
  'last_used',
  'last_denied',
] as const;

/** What an import read. */
export interface AthenaImport {
  days: UsageDay[];
  rows: number;
  unmapped: UnmappedEvent[];
  errors: InputError[];
}

const PRINCIPAL = /^arn:aws[a-z-]*:iam::\d{12}:(user\/[\w+=,.@/-]{1,512}|role\/[\w+=,.@/-]{1,512}|root)$/;
const SOURCE = /^[a-z0-9][a-z0-9.-]{0,127}$/;
const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MAX_ERRORS = 50;

/** Athena writes `2025-05-20 10:00:00.000`; Trino may add a zone; CloudTrail's own form is ISO. */
function time(v: string | undefined): string | null | undefined {
  if (v === undefined || v === '') return null;
  if (v.length > 40) return undefined;
  const iso = /^\d{4}-\d{2}-\d{2} \d/.test(v) ? `${v.replace(' ', 'T').replace(/ UTC$/, '')}` : v;
  const ms = Date.parse(/[zZ]|[+-]\d{2}:?\d{2}$/.test(iso) ? iso : `${iso}Z`);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}

function count(v: string | undefined): number | null {
  return v !== undefined && /^\d{1,12}$/.test(v) ? Number(v) : null;
}

function row(
  cells: Record<string, string>,
): (Omit<UsageDay, 'action'> & { source: string; name: string }) | string {
  const principal = cells.principal_arn ?? '';
  if (!PRINCIPAL.test(principal)) return 'principal_arn is not an IAM user, role or root ARN';
  const source = cells.event_source ?? '';
  const name = cells.event_name ?? '';
  if (!SOURCE.test(source) || !NAME.test(name)) return 'invalid event_source or event_name';
  const day = cells.day ?? '';
  if (!DAY.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`))) return 'day is not YYYY-MM-DD';
  const used = count(cells.used);
  const denied = count(cells.denied);
  const errors = count(cells.errors);
  if (used === null || denied === null || errors === null)
    return 'used, denied and errors must be whole numbers';
  const firstSeen = time(cells.first_seen);
  const lastSeen = time(cells.last_seen);
  const lastUsed = time(cells.last_used);
  const lastDenied = time(cells.last_denied);
  if (!firstSeen || !lastSeen) return 'first_seen and last_seen must be timestamps';
  if (lastUsed === undefined || lastDenied === undefined)
    return 'last_used and last_denied must be timestamps or empty';
  if (firstSeen.slice(0, 10) !== day || lastSeen.slice(0, 10) !== day || firstSeen > lastSeen) {
    return 'first_seen and last_seen must fall on day, in order';
  }
  if (used + errors > 0 !== (lastUsed !== null) || denied > 0 !== (lastDenied !== null)) {
    return 'last_used / last_denied disagree with the counts';
  }
  return {
    principalArn: principal,
    source,
    name,
    day,
    used,
    denied,
    errors,
    firstSeen,
    lastSeen,
    lastUsed,
    lastDenied,
  };
}

/**
 * Parses the query result. Every row is checked (the file may come from anywhere); a bad row is an error
 * naming the file and line, and the rest is imported. Rows mapping to several actions give one row each;
 * rows whose event maps to no action are counted in `unmapped`.
 *
 * @throws never; a file that is not CSV with the expected header is one error
 */
export function parseAthenaUsage(file: string, text: string): AthenaImport {
  const out: AthenaImport = { days: [], rows: 0, unmapped: [], errors: [] };
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: false }) as string[][];
  } catch (e) {
    out.errors.push({ where: file, reason: `not CSV: ${(e as Error).message.slice(0, 200)}` });
    return out;
  }
  const header = (records[0] ?? []).map((h) => h.trim().toLowerCase());
  const missing = ATHENA_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    out.errors.push({
      where: file,
      reason: `missing columns ${missing.join(', ')}: run docs/cloudtrail-athena.sql`,
    });
    return out;
  }
  const unmapped = new Map<string, UnmappedEvent>();
  const days: UsageDay[] = [];
  let errorCount = 0;
  for (let i = 1; i < records.length; i++) {
    out.rows++;
    const cells = Object.fromEntries(header.map((h, j) => [h, records[i]![j] ?? '']));
    const r = row(cells);
    if (typeof r === 'string') {
      if (++errorCount <= MAX_ERRORS) out.errors.push({ where: `${file} line ${i + 1}`, reason: r });
      continue;
    }
    const mapped = actionsForEvent(r.source, r.name);
    const actions =
      mapped.kind === 'actions'
        ? mapped.actions
        : mapped.kind === 'none' && mapped.activity
          ? [mapped.activity]
          : [];
    if (mapped.kind === 'unmapped') {
      const key = `${r.source}\n${r.name}`;
      const u = unmapped.get(key) ?? { eventSource: r.source, eventName: r.name, count: 0 };
      u.count += r.used + r.denied + r.errors;
      unmapped.set(key, u);
    }
    const { source: _s, name: _n, ...day } = r;
    for (const action of actions) days.push({ ...day, action });
  }
  if (errorCount > MAX_ERRORS)
    out.errors.push({ where: file, reason: `${errorCount - MAX_ERRORS} more bad rows` });
  out.days = mergeUsageDays(days);
  out.unmapped = [...unmapped.values()].sort((a, b) => b.count - a.count);
  return out;
}
