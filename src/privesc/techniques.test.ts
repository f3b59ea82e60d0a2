/**
 * Generated scenarios, one describe per technique: the attacker (a user and a role) holds exactly the
 * technique's required actions — for pathfinding.cloud techniques, as listed in the path's YAML — and must
 * get an edge and a path to administrator; without any one of the actions it must get no edge; and when the
 * target is not more privileged (or a boundary caps what a self-modification gains) it must reach no
 * administrator.
 */
import { describe, expect, it } from 'vitest';
import type { EscalationAnalysis } from './analyze.js';
import { TECHNIQUES } from './techniques/index.js';
import type { Edge, Technique } from './types.js';
import { scenarioActions } from './test-utils/scenario-actions.js';
import { ATTACKER, ATTACKER_ROLE, arnOf, worldFor } from './test-utils/world.js';

function attackerEdges(t: Technique, a: EscalationAnalysis): Edge[] {
  return [...t.edges(ATTACKER, a.env), ...t.edges(ATTACKER_ROLE, a.env)];
}

const sorted = (xs: readonly string[]) => [...xs].map((x) => x.toLowerCase()).sort();

for (const t of TECHNIQUES) {
  const actions = scenarioActions(t);
  describe(`${t.id} ${t.name}`, () => {
    it('requires the actions pathfinding.cloud lists', () => {
      expect(sorted(t.requiredActions)).toEqual(sorted(actions));
    });

    it('positive: the attacker gets an edge and a path to administrator', () => {
      const a = worldFor(actions);
      const edges = attackerEdges(t, a);
      expect(edges.length, 'edges').toBeGreaterThan(0);
      for (const e of edges) {
        expect(e.technique).toBe(t.id);
        expect(e.conditional, e.reason).toBe(t.prerequisites.some((p) => p.includes('not an input')));
      }
      const from = edges[0]!.from;
      const path = a.paths.get(from);
      expect(path, `${from} reaches administrator`).toBeDefined();
      const last = path![path!.length - 1]!;
      expect(last.grantsAdmin || a.graph.nodes.get(last.to)?.isAdmin).toBe(true);
    });

    for (const missing of actions) {
      it(`negative: no edge without ${missing}`, () => {
        const a = worldFor(actions.filter((x) => x !== missing));
        expect(attackerEdges(t, a).map((e) => e.reason)).toEqual([]);
      });
    }

    it('negative: no path to administrator when the target is not more privileged', () => {
      const grantsAdmin = attackerEdges(t, worldFor(actions)).some((e) => e.grantsAdmin);
      const a = grantsAdmin
        ? worldFor(actions, {
            attackerBoundary: arnOf('policy', 's3-only'),
            targetBoundary: arnOf('policy', 's3-only'),
          })
        : worldFor(actions, { adminTargets: false });
      if (grantsAdmin) expect(attackerEdges(t, a).map((e) => e.reason)).toEqual([]);
      expect(a.paths.has(ATTACKER)).toBe(false);
      expect(a.paths.has(ATTACKER_ROLE)).toBe(false);
    });
  });
}
