import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderRulesDoc } from '../scripts/rules-doc.js';
import { RULES } from '../src/rules/index.js';
import { REPO_ROOT } from './shared-data.js';

describe('docs', () => {
  it('docs/rules.md matches the rule registry (regenerate with `npx tsx scripts/rules-doc.ts`)', () => {
    const onDisk = readFileSync(path.join(REPO_ROOT, 'docs/rules.md'), 'utf8');
    expect(onDisk).toBe(renderRulesDoc(RULES));
  });
});
