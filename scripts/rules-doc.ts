// Writes docs/rules.md from the rule registry (`npx tsx scripts/rules-doc.ts`); test/docs.test.ts keeps it current.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Rule } from '../src/rules/define-rule.js';
import { RULES } from '../src/rules/index.js';

const INPUT_NAMES: Record<string, string> = {
  iam: 'IAM authorization details',
  'credential-report': 'credential report',
  ec2: 'EC2 instances',
  lambda: 'Lambda functions',
  organization: 'organization',
  cloudtrail: 'CloudTrail',
};

function requirement(r: Rule['requires'][number]): string {
  return typeof r === 'string' ? (INPUT_NAMES[r] ?? r) : r.map((x) => INPUT_NAMES[x] ?? x).join(' or ');
}

/** Renders the rule catalog as Markdown, from the registry (ids, titles, severities, inputs, descriptions). */
export function renderRulesDoc(rules: readonly Rule[]): string {
  const lines = [
    '# Detection rules',
    '',
    'Generated from `src/rules/` by `npx tsx scripts/rules-doc.ts`; a test fails when this file is out of date.',
    'Rule ids are stable and never renamed. Severities are defaults; a rule may raise one with context, and says why',
    'in the evidence (`severityReason`). Thresholds are set in `iamrisk.config.json`.',
    '',
    '| id | title | resources | severity | inputs |',
    '|---|---|---|---|---|',
    ...rules.map(
      (r) =>
        `| [\`${r.id}\`](#${r.id}) | ${r.title} | ${r.resourceTypes.join(', ')} | ${r.severity} | ${r.requires.map(requirement).join(' + ')} |`,
    ),
    '',
  ];
  for (const r of rules) {
    lines.push(`## ${r.id}`, '', `**${r.title}** — ${r.severity}, ${r.maturity}, version ${r.version}.`, '');
    lines.push(r.description, '', `Fix: ${r.remediation}`, '');
    if (r.references.length > 0) lines.push(...r.references.map((ref) => `- <${ref}>`), '');
  }
  return lines.join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const target = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../docs/rules.md');
  writeFileSync(target, renderRulesDoc(RULES));
  console.log(`wrote ${target}`);
}
