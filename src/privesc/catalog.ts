import { COMPUTE_ROLE, TECHNIQUES } from './techniques/index.js';
import type { TechniqueInfo } from './types.js';

/**
 * The technique catalog as plain data (no functions), for the docs, the explorer and `iamrisk paths`: every
 * technique that generates edges plus the compute → role hop. Ids are stable and unique.
 */
export function techniqueCatalog(): TechniqueInfo[] {
  return [...TECHNIQUES, COMPUTE_ROLE].map((t) => ({
    id: t.id,
    family: t.family,
    category: t.category,
    name: t.name,
    description: t.description,
    requiredActions: [...t.requiredActions],
    prerequisites: [...t.prerequisites],
    pathfinding: [...t.pathfinding],
    ...(t.parent === undefined ? {} : { parent: t.parent }),
    references: [...t.references],
  }));
}

/** The catalog entry of a technique id, or null. */
export function techniqueInfo(id: string): TechniqueInfo | null {
  return techniqueCatalog().find((t) => t.id === id) ?? null;
}
