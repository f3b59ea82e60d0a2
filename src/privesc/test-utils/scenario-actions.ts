import type { Technique } from '../types.js';
import { pathfindingPaths } from './pathfinding.js';

/** Actions a path lists as required that only help discovery, not the step itself. */
const DISCOVERY_ONLY: Record<string, string[]> = {
  'ec2instanceconnect-003': ['ec2:DescribeInstances'],
};

const yamlById = new Map(pathfindingPaths().map((p) => [p.id, p]));

/** The actions a scenario grants: the YAML's required list for a pathfinding technique, else the catalog's. */
export function scenarioActions(t: Technique): string[] {
  const y = t.pathfinding[0] === undefined ? undefined : yamlById.get(t.pathfinding[0]);
  if (y === undefined) return [...t.requiredActions];
  const skip = DISCOVERY_ONLY[y.id] ?? [];
  return y.required.filter((a) => !skip.includes(a));
}
