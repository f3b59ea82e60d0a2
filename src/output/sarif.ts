import path from 'node:path';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import type { Detection, Severity } from '../model/finding.js';
import type { InputKind } from '../model/input.js';
import type { ScanResult } from '../model/scan.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

// GitHub code scanning ranks security results by `security-severity` (0–10, CVSS-like bands).
const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '0.0',
};

const SOURCE_KIND: Record<Detection['resource']['type'], InputKind> = {
  user: 'iam-authorization-details',
  role: 'iam-authorization-details',
  group: 'iam-authorization-details',
  policy: 'iam-authorization-details',
  'ec2-instance': 'ec2-instances',
  'lambda-function': 'lambda-functions',
  account: 'credential-report',
};

/**
 * SARIF 2.1.0 for code-scanning upload: one `reportingDescriptor` per rule seen, one result per detection
 * with the detection id as its stable fingerprint, the resource ARN as a logical location and the input
 * file it came from as the physical location (code scanning requires one).
 */
export function formatSarif(result: ScanResult, opts: { version: string; cwd: string }): string {
  const ruleIds = [...new Set(result.detections.map((d) => d.rule))].sort();
  const ruleIndex = new Map(ruleIds.map((id, i) => [id, i]));
  const firstOf = new Map<InputKind, string>();
  for (const input of result.inputs) if (!firstOf.has(input.kind)) firstOf.set(input.kind, input.path);
  const fallback = result.inputs[0]?.path ?? '.';
  const uriOf = (d: Detection): string => {
    const file = firstOf.get(SOURCE_KIND[d.resource.type]) ?? fallback;
    return path.relative(opts.cwd, path.resolve(opts.cwd, file)).split(path.sep).join('/') || '.';
  };
  const rules: ReportingDescriptor[] = ruleIds.map((id) => {
    const d = result.detections.find((x) => x.rule === id) as Detection;
    return {
      id,
      name: id,
      shortDescription: { text: d.title },
      fullDescription: { text: d.title },
      defaultConfiguration: { level: LEVEL[d.severity] },
      properties: { tags: ['security', 'aws', 'iam'], 'security-severity': SECURITY_SEVERITY[d.severity] },
    };
  });
  const results: Result[] = result.detections.map((d) => ({
    ruleId: d.rule,
    ruleIndex: ruleIndex.get(d.rule),
    level: LEVEL[d.severity],
    message: { text: d.message },
    locations: [
      {
        physicalLocation: { artifactLocation: { uri: uriOf(d) }, region: { startLine: 1 } },
        logicalLocations: [{ fullyQualifiedName: d.resource.arn, kind: 'resource' }],
      },
    ],
    partialFingerprints: { iamriskDetectionId: d.id },
    properties: {
      severity: d.severity,
      'security-severity': SECURITY_SEVERITY[d.severity],
      resource: d.resource,
      consoleUrl: d.remediation.consoleUrl,
      remediation: d.remediation.steps,
    },
  }));
  const sarif: Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'iamrisk', version: opts.version, rules } },
        automationDetails: { id: `iamrisk/${result.asOf}` },
        results,
        properties: { asOf: result.asOf, partial: result.summary.partial },
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
