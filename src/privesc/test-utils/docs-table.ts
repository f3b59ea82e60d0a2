/** Generates docs/privesc-techniques.md from the catalog (asserted equal by catalog.test.ts). */
import { techniqueCatalog } from '../catalog.js';
import { scenarioActions } from './scenario-actions.js';
import { TECHNIQUES } from '../techniques/index.js';

const esc = (s: string) => s.replace(/\|/g, '\\|');

/** The whole markdown document. */
export function techniquesMarkdown(pathCount: number): string {
  const catalog = techniqueCatalog();
  const generated = new Set(TECHNIQUES.map((t) => t.id));
  const rows = catalog.map((t) => {
    const tech = TECHNIQUES.find((x) => x.id === t.id);
    const negatives = tech ? scenarioActions(tech).length + 1 : 0;
    const positive = generated.has(t.id) ? 'yes (techniques.test.ts)' : 'yes (traps.test.ts, multi-hop)';
    const negative = generated.has(t.id)
      ? `yes, ${negatives} (techniques.test.ts)`
      : 'yes (traps.test.ts: admin-role compute is not an escalation)';
    return `| \`${t.id}\` | ${t.family} | ${t.category} | ${esc(t.name)} | ${t.pathfinding.join(', ') || '—'} | yes | ${positive} | ${negative} |`;
  });
  const covered = new Set(catalog.flatMap((t) => t.pathfinding));
  return [
    '# Privilege-escalation techniques',
    '',
    'Generated from `src/privesc/catalog.ts` by `UPDATE_DOCS=1 npx vitest run src/privesc/catalog.test.ts`;',
    'the test fails when this file and the catalog disagree.',
    '',
    `Catalog: **${catalog.length} techniques**, covering **${covered.size} of ${pathCount}** pathfinding.cloud paths, plus ` +
      `${catalog.filter((t) => t.pathfinding.length === 0).length} techniques outside it (\`x-…\` ids).`,
    '',
    'Positive test: the attacker, holding exactly the required actions (as the pathfinding YAML lists them), gets',
    'an edge and a path to an administrator. Negative tests: one per required action left out (no edge), plus one',
    'where the target is not more privileged or a boundary caps the gain (no path to administrator).',
    '',
    '| id | family | category | name | pathfinding | implemented | positive test | negative tests |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}
