import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { Detection } from '../model/finding.js';
import type { ScanResult } from '../model/scan.js';
import { csvSafe, formatCsv, formatJson, formatSarif, formatTable, terminalSafe } from './index.js';

const hostileName = '=HYPERLINK("http://x")\u001b[2J<script>alert(1)</script>';

function detection(overrides: Partial<Detection> = {}): Detection {
  return {
    id: 'admin-user/0123456789abcdef',
    rule: 'admin-user',
    severity: 'high',
    title: 'IAM user has administrative privileges',
    message: `IAM user ${hostileName} can perform every action on every resource.`,
    resource: {
      arn: `arn:aws:iam::100000000001:user/${hostileName}`,
      type: 'user',
      name: hostileName,
      accountId: '100000000001',
      region: null,
    },
    evidence: {},
    remediation: {
      consoleUrl: 'https://console.aws.amazon.com/iam/home#/users/details/x',
      steps: ['Detach it.'],
    },
    ...overrides,
  };
}

function result(detections: Detection[], errors = 0): ScanResult {
  return {
    schemaVersion: 1,
    asOf: '2026-11-20T00:00:00.000Z',
    window: { days: 15, from: '2026-11-05T00:00:00.000Z', to: '2026-11-20T00:00:00.000Z' },
    inputs: [
      {
        path: 'exports/100000000001/gaad.json',
        kind: 'iam-authorization-details',
        records: 3,
        errors: Array.from({ length: errors }, (_, i) => ({
          where: `bad-${i}.json`,
          reason: 'invalid JSON',
        })),
      },
      { path: 'exports/100000000001/cred.csv', kind: 'credential-report', records: 2, errors: [] },
    ],
    summary: {
      detections: detections.length,
      bySeverity: { critical: 0, high: detections.length, medium: 0, low: 0, info: 0 },
      byRule: { 'admin-user': detections.length },
      skippedRules: [{ rule: 'compute-admin', reason: 'missing input: EC2 instances' }],
      partial: errors > 0,
    },
    identities: [],
    detections,
  };
}

describe('terminal output', () => {
  it('escapes control characters so AWS strings cannot drive the terminal', () => {
    expect(terminalSafe('a\u001b[31mb\u0007c\rd\u202eevil')).toBe('a\\x1b[31mb\\x07c\\x0dd\\u{202e}evil');
    const text = formatTable(result([detection()]), { color: false });
    // eslint-disable-next-line no-control-regex -- asserting that no raw control character reaches the terminal
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
    expect(text).toContain('HIGH (1)');
    expect(text).toContain('Rules not run: compute-admin (missing input: EC2 instances)');
  });
  it('caps the lines per severity when asked, and says how many are left', () => {
    const many = [1, 2, 3, 4].map((i) => detection({ id: `admin-user/${i}` }));
    const text = formatTable(result(many), { color: false, perSeverity: 3 });
    expect(text).toContain('HIGH (4)');
    expect(text.match(/^ {2}admin-user/gm)).toHaveLength(3);
    expect(text).toContain('… and 1 more high');
    expect(formatTable(result(many), { color: false })).not.toContain('more high');
  });
  it('uses colour only when asked', () => {
    expect(formatTable(result([detection()]), { color: true })).toContain('\u001b[31m');
    expect(formatTable(result([detection()]), { color: false })).not.toContain('\u001b[');
  });
  it('reports input problems as a partial scan', () => {
    const text = formatTable(result([], 2), { color: false });
    expect(text).toContain('Input problems (2) — the scan is partial:');
    expect(text).toContain('bad-1.json: invalid JSON');
    expect(text).toContain('No identity risks detected.');
  });
});

describe('CSV output', () => {
  it('neutralises formula injection and keeps the text', () => {
    expect(csvSafe('=1+1')).toBe("'=1+1");
    expect(csvSafe('+cmd')).toBe("'+cmd");
    expect(csvSafe('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvSafe('arn:aws:iam::1:user/a')).toBe('arn:aws:iam::1:user/a');
    const rows = parse(formatCsv(result([detection()])), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(1);
    expect(rows[0]?.resource_name).toBe(`'${hostileName}`);
    expect(rows[0]?.rule).toBe('admin-user');
    expect(rows[0]?.console_url).toBe('https://console.aws.amazon.com/iam/home#/users/details/x');
  });
});

describe('JSON output', () => {
  it('round-trips the schema-1 result exactly', () => {
    const r = result([detection()]);
    expect(JSON.parse(formatJson(r))).toEqual(r);
  });
});

describe('SARIF output', () => {
  it('is SARIF 2.1.0 with a rule per rule id, stable fingerprints and a physical location per result', () => {
    const sarif = JSON.parse(
      formatSarif(result([detection(), detection({ id: 'admin-user/ffff', severity: 'critical' })]), {
        version: '9.9.9',
        cwd: '/work',
      }),
    );
    expect(sarif.version).toBe('2.1.0');
    const run = sarif.runs[0];
    expect(run.tool.driver.name).toBe('iamrisk');
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(['admin-user']);
    expect(run.results).toHaveLength(2);
    expect(run.results[0].ruleIndex).toBe(0);
    expect(run.results[0].partialFingerprints.iamriskDetectionId).toBe('admin-user/0123456789abcdef');
    expect(run.results[0].locations[0].physicalLocation.artifactLocation.uri).toBe(
      'exports/100000000001/gaad.json',
    );
    expect(run.results[1].level).toBe('error');
    expect(run.results[1].properties['security-severity']).toBe('9.5');
  });
});
