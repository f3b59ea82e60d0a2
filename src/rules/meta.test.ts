import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SHARED_DATA } from '../../test/shared-data.js';
import { isSeverity } from '../model/finding.js';
import { RULES } from './index.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
/** Files of src/rules/ that are not rules. */
const NOT_RULES = new Set(['context.ts', 'define-rule.ts', 'console-url.ts', 'index.ts', 'run.ts']);
/** RULES.md ids implemented elsewhere (their own issues). */
const OWNED_ELSEWHERE = new Set<string>([]);

interface CatalogRow {
  id: string;
  title: string;
  severity: string;
}

// The RULES.md table: | `id` | title | resource | severity | inputs | fires when |. The severity cell starts
// with the default ("medium; high if administrator"), except in the form "critical if …, else high".
function readCatalog(): CatalogRow[] {
  const text = readFileSync(path.join(SHARED_DATA, '../spec/RULES.md'), 'utf8');
  return text
    .split('\n')
    .filter((line) => /^\|\s*`[a-z0-9-]+`\s*\|/.test(line))
    .map((line) => {
      const cells = line.split('|').map((c) => c.trim());
      return {
        id: (cells[1] ?? '').replace(/`/g, ''),
        title: cells[2] ?? '',
        severity: defaultSeverity(cells[4] ?? ''),
      };
    });
}

function defaultSeverity(cell: string): string {
  return /\belse (\w+)/.exec(cell)?.[1] ?? cell.split(/[;,\s]/)[0] ?? '';
}

const catalog = readCatalog();
const ruleFiles = readdirSync(HERE)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !NOT_RULES.has(f))
  .map((f) => f.slice(0, -3))
  .sort();

describe('rule registry', () => {
  it('parses the RULES.md catalog', () => {
    expect(catalog.length).toBeGreaterThanOrEqual(23);
    for (const row of catalog) expect(isSeverity(row.severity), `${row.id}: ${row.severity}`).toBe(true);
  });

  it('registers exactly the rule files of src/rules', () => {
    expect(RULES.map((r) => r.id).sort()).toEqual(ruleFiles);
  });

  it('has no duplicate ids', () => {
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
  });

  it('each rule is exported from the file named after its id, and has a test file', async () => {
    for (const rule of RULES) {
      const mod = (await import(`./${rule.id}.js`)) as Record<string, unknown>;
      expect(Object.values(mod), rule.id).toContain(rule);
      expect(readdirSync(HERE), rule.id).toContain(`${rule.id}.test.ts`);
    }
  });

  it('covers every RULES.md id, apart from those owned by other issues, and nothing else', () => {
    const specIds = catalog
      .map((r) => r.id)
      .filter((id) => !OWNED_ELSEWHERE.has(id))
      .sort();
    expect(RULES.map((r) => r.id).sort()).toEqual(specIds);
    for (const id of OWNED_ELSEWHERE) expect(catalog.map((r) => r.id)).toContain(id);
  });

  it('uses the titles and default severities of RULES.md', () => {
    const byId = new Map(catalog.map((r) => [r.id, r]));
    for (const rule of RULES) {
      expect(rule.title, rule.id).toBe(byId.get(rule.id)?.title);
      expect(rule.severity, rule.id).toBe(byId.get(rule.id)?.severity);
    }
  });

  it('has complete metadata and kebab-case, referenced message ids', () => {
    for (const rule of RULES) {
      expect(rule.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(rule.description.length, rule.id).toBeGreaterThan(40);
      expect(rule.references.length, rule.id).toBeGreaterThan(0);
      for (const ref of rule.references) expect(ref).toMatch(/^https:\/\//);
      expect(rule.requires.length, rule.id).toBeGreaterThan(0);
      expect(rule.resourceTypes.length, rule.id).toBeGreaterThan(0);
      const messages = Object.entries(rule.messages);
      expect(messages.length, rule.id).toBeGreaterThan(0);
      for (const [, text] of messages) expect(text.trim().endsWith('.'), `${rule.id}: ${text}`).toBe(true);
    }
  });
});
