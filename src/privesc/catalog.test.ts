/**
 * Meta-tests (after typescript-eslint): the technique catalog, the pathfinding.cloud data and the docs agree.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { format } from 'prettier';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../test/shared-data.js';
import { techniqueCatalog, techniqueInfo } from './catalog.js';
import { techniquesMarkdown } from './test-utils/docs-table.js';
import { pathfindingPaths } from './test-utils/pathfinding.js';

/** pathfinding.cloud paths deliberately not covered, with the reason. Empty: every path is covered. */
const NOT_COVERED: Record<string, string> = {};

/** Where our category differs from pathfinding's, and why. */
const CATEGORY_EXCEPTIONS: Record<string, string> = {
  'cloudformation-004':
    'needs an existing stack set in the inputs, so it is an existing-resource technique here',
  'cloudformation-005': 'acts through the service role of an existing stack, which must be in the inputs',
  'glue-005': 'updates an existing Glue job, which must be in the inputs',
  'glue-006': 'updates an existing Glue job, which must be in the inputs',
};

const paths = pathfindingPaths();
const catalog = techniqueCatalog();
const DOC = path.join(REPO_ROOT, 'docs', 'privesc-techniques.md');

describe('technique catalog', () => {
  it('reads all 65 pathfinding.cloud paths', () => {
    expect(paths.length).toBe(65);
  });

  it('has unique, stable, kebab-case ids (pathfinding ids or x-…)', () => {
    const ids = catalog.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const t of catalog) {
      expect(t.id).toMatch(/^([a-z0-9]+-\d{3}|x-[a-z0-9-]+)$/);
      if (!t.id.startsWith('x-')) expect(t.pathfinding).toContain(t.id);
      else expect(t.pathfinding).toEqual([]);
    }
  });

  it('names only pathfinding ids that exist, with their category and parent', () => {
    const byId = new Map(paths.map((p) => [p.id, p]));
    for (const t of catalog) {
      for (const id of t.pathfinding) {
        const p = byId.get(id);
        expect(p, `${t.id} names ${id}`).toBeDefined();
        if (CATEGORY_EXCEPTIONS[id] === undefined) expect(t.category, id).toBe(p!.category);
        expect(t.parent ?? null, `${id} parent`).toBe(p!.parent);
      }
    }
  });

  it('covers every pathfinding path or lists it with a reason', () => {
    const covered = new Set(catalog.flatMap((t) => t.pathfinding));
    const missing = paths
      .filter((p) => !covered.has(p.id) && NOT_COVERED[p.id] === undefined)
      .map((p) => p.id);
    expect(missing).toEqual([]);
    for (const id of Object.keys(NOT_COVERED))
      expect(covered.has(id), `${id} is covered after all`).toBe(false);
  });

  it('documents every technique: name, description, prerequisites, references, and catalog-known actions', () => {
    for (const t of catalog) {
      expect(t.name.length, t.id).toBeGreaterThan(0);
      expect(t.description.length, t.id).toBeGreaterThan(10);
      expect(t.prerequisites.length, t.id).toBeGreaterThan(0);
      expect(t.references.length, t.id).toBeGreaterThan(0);
      for (const r of t.references) expect(new URL(r).protocol).toBe('https:');
    }
    expect(techniqueInfo('iam-002')?.requiredActions).toEqual(['iam:CreateAccessKey']);
    expect(techniqueInfo('no-such-technique')).toBeNull();
  });

  it('is plain data (JSON round-trips unchanged)', () => {
    expect(JSON.parse(JSON.stringify(catalog))).toEqual(catalog);
  });

  it('docs/privesc-techniques.md matches the catalog', async () => {
    // Compared as Prettier formats it, since the repository's format step rewrites the table.
    const expected = await format(techniquesMarkdown(paths.length), { parser: 'markdown' });
    if (process.env.UPDATE_DOCS) writeFileSync(DOC, expected);
    expect(readFileSync(DOC, 'utf8')).toBe(expected);
  });
});
