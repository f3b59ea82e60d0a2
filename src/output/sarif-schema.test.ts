import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import AjvDraft04 from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';
import { formatSarif } from './sarif.js';
import type { ScanResult } from '../model/scan.js';

// The official SARIF 2.1.0 JSON schema, as bundled (MIT) by @microsoft/jest-sarif (a dev dependency).
const require = createRequire(import.meta.url);
// ajv-draft-04 is CommonJS with `exports.default`; under NodeNext the class sits on `.default`.
const Ajv = (AjvDraft04 as unknown as { default: typeof AjvDraft04.default }).default;
const schemaPath = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<string, unknown>;

const result: ScanResult = {
  schemaVersion: 1,
  asOf: '2026-11-20T00:00:00.000Z',
  window: { days: 15, from: '2026-11-05T00:00:00.000Z', to: '2026-11-20T00:00:00.000Z' },
  inputs: [{ path: 'gaad.json', kind: 'iam-authorization-details', records: 1, errors: [] }],
  summary: {
    detections: 1,
    bySeverity: { critical: 1, high: 0, medium: 0, low: 0, info: 0 },
    byRule: { 'public-trust': 1 },
    skippedRules: [],
    partial: false,
  },
  identities: [],
  detections: [
    {
      id: 'public-trust-0123456789abcdef',
      rule: 'public-trust',
      severity: 'critical',
      title: 'Role can be assumed by anyone',
      message: 'IAM role "quoted" <b>x</b> can be assumed by anyone.',
      resource: {
        arn: 'arn:aws:iam::100000000001:role/x',
        type: 'role',
        name: 'x',
        accountId: '100000000001',
        region: null,
      },
      evidence: { statement: { Effect: 'Allow', Principal: '*' } },
      remediation: {
        consoleUrl: 'https://console.aws.amazon.com/iam/home#/roles/details/x',
        steps: ['Restrict it.'],
      },
    },
  ],
};

describe('SARIF schema', () => {
  it('validates against the official SARIF 2.1.0 schema', () => {
    const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
    const validate = ajv.compile(schema);
    const log = JSON.parse(formatSarif(result, { version: '0.1.0', cwd: '/' })) as unknown;
    const ok = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });
  it('the schema check can fail (a result without a message is rejected)', () => {
    const ajv = new Ajv({ strict: false, unicodeRegExp: false });
    const validate = ajv.compile(schema);
    const log = JSON.parse(formatSarif(result, { version: '0.1.0', cwd: '/' })) as {
      runs: { results: Record<string, unknown>[] }[];
    };
    delete log.runs[0]!.results[0]!.message;
    expect(validate(log)).toBe(false);
  });
});
