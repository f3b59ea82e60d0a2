import { stringify } from 'csv-stringify/sync';
import type { ScanResult } from '../model/scan.js';

const COLUMNS = [
  'id',
  'rule',
  'severity',
  'title',
  'resource_arn',
  'resource_type',
  'resource_name',
  'account_id',
  'region',
  'message',
  'console_url',
] as const;

/**
 * Neutralises spreadsheet formula injection (OWASP "CSV injection"): a cell that a spreadsheet would
 * evaluate (starting with = + - @, tab or carriage return) is prefixed with a single quote.
 */
export function csvSafe(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** One row per detection, RFC 4180 quoting, formula-safe cells. */
export function formatCsv(result: ScanResult): string {
  const rows = result.detections.map((d) =>
    [
      d.id,
      d.rule,
      d.severity,
      d.title,
      d.resource.arn,
      d.resource.type,
      d.resource.name,
      d.resource.accountId,
      d.resource.region ?? '',
      d.message,
      d.remediation.consoleUrl,
    ].map(csvSafe),
  );
  return stringify([[...COLUMNS], ...rows]);
}
