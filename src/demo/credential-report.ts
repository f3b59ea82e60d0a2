import { CREDENTIAL_REPORT_COLUMNS } from '../model/credential-report.js';
import type { DemoAccount, KeySpec } from './types.js';

const HEADER = CREDENTIAL_REPORT_COLUMNS;

/** Credential-report dates look like `2026-11-19T08:12:44+00:00`. */
function ts(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

function keyColumns(key: KeySpec | undefined): string[] {
  if (!key) return ['false', 'N/A', 'N/A', 'N/A', 'N/A'];
  return [
    String(key.active),
    ts(key.rotated),
    key.lastUsed ? ts(key.lastUsed) : 'N/A',
    key.lastUsed ? (key.lastUsedRegion ?? 'N/A') : 'N/A',
    key.lastUsed ? (key.lastUsedService ?? 'N/A') : 'N/A',
  ];
}

/** The credential report CSV of one account: the root row first, then one row per user. */
export function credentialReportCsv(account: DemoAccount): string {
  const rows = [HEADER.join(',')];
  const root = account.root;
  rows.push(
    [
      '<root_account>',
      `arn:aws:iam::${account.id}:root`,
      ts(account.created),
      'not_supported',
      root.passwordLastUsed ? ts(root.passwordLastUsed) : 'no_information',
      'not_supported',
      'not_supported',
      String(root.mfa),
      ...keyColumns(root.key ?? undefined),
      ...keyColumns(undefined),
      'false',
      'N/A',
      'false',
      'N/A',
    ].join(','),
  );
  for (const u of account.users) {
    const pw = u.credentials.password;
    rows.push(
      [
        u.name,
        u.arn,
        ts(u.created),
        String(pw !== null),
        pw ? (pw.lastUsed ? ts(pw.lastUsed) : 'no_information') : 'N/A',
        pw ? ts(pw.changed) : 'N/A',
        'N/A',
        String(u.credentials.mfa),
        ...keyColumns(u.credentials.keys[0]),
        ...keyColumns(u.credentials.keys[1]),
        'false',
        'N/A',
        'false',
        'N/A',
      ].join(','),
    );
  }
  return rows.join('\n') + '\n';
}

/** The `aws iam get-credential-report` JSON: the CSV base64-encoded in `Content`. */
export function credentialReportJson(account: DemoAccount, generated: Date): object {
  return {
    Content: Buffer.from(credentialReportCsv(account), 'utf8').toString('base64'),
    ReportFormat: 'text/csv',
    GeneratedTime: generated.toISOString().replace(/\.\d{3}Z$/, 'Z'),
  };
}
