import { parse } from 'csv-parse/sync';
import { CREDENTIAL_REPORT_COLUMNS } from '../model/credential-report.js';
import type { AccessKeySlot, CredentialReportRow, Inventory } from '../model/inventory.js';
import { ErrorSink, accountOfArn, isObject, optDate } from './fields.js';
import type { TransformedBase } from './reader.js';

/** The rows of one credential report. */
export interface CredentialReportTransformed extends TransformedBase {
  rows: CredentialReportRow[];
  accounts: string[];
}

/** Columns every report since 2015 has; certificate columns and the rotation forecast are not needed. */
export const REQUIRED_COLUMNS: readonly string[] = CREDENTIAL_REPORT_COLUMNS.filter(
  (c) => !c.startsWith('cert_') && c !== 'password_next_rotation',
);

/** Values the report uses for "nothing here" (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html). */
const NO_VALUE = new Set(['', 'N/A', 'no_information', 'not_supported']);

/** Whether a text starts with the credential report's header line. */
export function looksLikeCredentialReportCsv(text: string): boolean {
  return /^\uFEFF?user,arn,/.test(text);
}

/**
 * Turns a credential report into rows: `aws iam get-credential-report` output (JSON with the CSV in base64
 * `Content`) or the decoded CSV text. Pure.
 */
export function transform(raw: unknown, file: string): CredentialReportTransformed {
  const sink = new ErrorSink(file);
  const out: CredentialReportTransformed = { rows: [], accounts: [], records: 0, errors: sink.errors };
  const csv = csvText(raw, sink);
  if (csv === null) return out;
  let records: Record<string, string>[];
  try {
    records = parse(csv, {
      columns: true,
      skip_empty_lines: true,
      bom: true,
      trim: true,
      relax_column_count: true,
    }) as Record<string, string>[];
  } catch (e) {
    sink.fileError(`credential report is not valid CSV: ${(e as Error).message.split('\n')[0]}`);
    return out;
  }
  const header = firstLineColumns(csv);
  const missing = REQUIRED_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    sink.fileError(`credential report lacks required columns: ${missing.join(', ')}`);
    return out;
  }
  const seen = new Set<string>();
  records.forEach((rec, index) => {
    const row = transformRow(rec, index, sink);
    if (row && !seen.has(row.arn)) {
      seen.add(row.arn);
      out.rows.push(row);
    }
  });
  out.records = out.rows.length;
  out.accounts = [...new Set(out.rows.map((r) => r.accountId))].sort();
  return out;
}

function csvText(raw: unknown, sink: ErrorSink): string | null {
  if (typeof raw === 'string') return raw;
  if (!isObject(raw) || typeof raw.Content !== 'string') {
    sink.fileError('not a credential report (expected the CSV or JSON with a base64 Content field)');
    return null;
  }
  if (raw.ReportFormat !== undefined && raw.ReportFormat !== 'text/csv') {
    sink.fileError('credential report ReportFormat is not text/csv');
    return null;
  }
  const b64 = raw.Content.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64)) {
    sink.fileError('credential report Content is not base64');
    return null;
  }
  const text = new TextDecoder('utf-8', { fatal: false }).decode(Buffer.from(b64, 'base64'));
  if (!looksLikeCredentialReportCsv(text)) {
    sink.fileError(
      'credential report Content does not decode to the report CSV (expected a user,arn,… header)',
    );
    return null;
  }
  return text;
}

function firstLineColumns(csv: string): string[] {
  const line = csv.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  return line.split(',').map((c) => c.trim());
}

function transformRow(
  rec: Record<string, string>,
  index: number,
  sink: ErrorSink,
): CredentialReportRow | null {
  const user = rec.user ?? '';
  const arn = rec.arn ?? '';
  const fail = (reason: string): null => (sink.recordError('row', index + 1, user, reason), null);
  if (!user) return fail('row has no user');
  const accountId = accountOfArn(arn);
  if (!accountId) return fail(`row ${user} has a malformed arn`);
  const isRoot = user === '<root_account>' && arn === `arn:${arn.split(':')[1]}:iam::${accountId}:root`;
  // The report says `not_supported` for the root user's password_enabled: the root user always has a password
  // (it signs in with its email address and password), which IAM cannot disable; we record it as enabled.
  // Member accounts whose root credentials were removed centrally show no password use and no MFA either way.
  const pw = isRoot && rec.password_enabled === 'not_supported' ? true : bool(rec.password_enabled);
  const mfa = bool(rec.mfa_active);
  const k1 = keySlot(rec, 1);
  const k2 = keySlot(rec, 2);
  if (pw === null) return fail(`row ${user} has an invalid password_enabled value`);
  if (mfa === null) return fail(`row ${user} has an invalid mfa_active value`);
  if (!k1 || !k2) return fail(`row ${user} has an invalid access_key_N_active value`);
  return {
    accountId,
    user,
    arn,
    isRoot,
    userCreationTime: date(rec.user_creation_time),
    passwordEnabled: pw,
    passwordLastUsed: date(rec.password_last_used),
    passwordLastChanged: date(rec.password_last_changed),
    mfaActive: mfa,
    accessKeys: [k1, k2],
  };
}

function keySlot(rec: Record<string, string>, slot: 1 | 2): AccessKeySlot | null {
  const p = `access_key_${slot}_`;
  const active = bool(rec[`${p}active`]);
  if (active === null) return null;
  return {
    slot,
    active,
    lastRotated: date(rec[`${p}last_rotated`]),
    lastUsedDate: date(rec[`${p}last_used_date`]),
    lastUsedRegion: text(rec[`${p}last_used_region`]),
    lastUsedService: text(rec[`${p}last_used_service`]),
  };
}

function bool(v: string | undefined): boolean | null {
  const s = (v ?? '').toLowerCase();
  return s === 'true' ? true : s === 'false' ? false : null;
}

function text(v: string | undefined): string | null {
  return v === undefined || NO_VALUE.has(v) ? null : v;
}

function date(v: string | undefined): string | null {
  return v === undefined || NO_VALUE.has(v) ? null : optDate(v);
}

/** Adds the rows to the inventory; a user already reported (same ARN, e.g. an older report) keeps its first row. */
export function load(inventory: Inventory, t: CredentialReportTransformed): void {
  const seen = new Set(inventory.credentialReport.map((r) => r.arn));
  for (const row of t.rows) {
    if (seen.has(row.arn)) continue;
    seen.add(row.arn);
    inventory.credentialReport.push(row);
  }
  for (const a of t.accounts) inventory.coverage.credentialReportAccounts.add(a);
}
