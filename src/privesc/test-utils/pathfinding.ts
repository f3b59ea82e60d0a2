/** Reads the pathfinding.cloud path files (read-only shared data) for the generated tests. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { SHARED_DATA } from '../../../test/shared-data.js';

/** The fields of a path file the tests use. */
export interface PathfindingPath {
  id: string;
  name: string;
  category: string;
  required: string[];
  parent: string | null;
}

export const PATHS_DIR = path.join(SHARED_DATA, 'pathfinding.cloud', 'paths');

/** Every path file, sorted by id. Some files repeat a key, so duplicate keys are accepted (last wins). */
export function pathfindingPaths(): PathfindingPath[] {
  const out: PathfindingPath[] = [];
  for (const dir of readdirSync(PATHS_DIR).sort()) {
    for (const f of readdirSync(path.join(PATHS_DIR, dir)).sort()) {
      if (!f.endsWith('.yaml')) continue;
      const y = parse(readFileSync(path.join(PATHS_DIR, dir, f), 'utf8'), { uniqueKeys: false }) as {
        id: string;
        name: string;
        category: string;
        permissions: { required: { permission: string }[] };
        parent?: { id: string };
      };
      out.push({
        id: y.id,
        name: y.name,
        category: y.category,
        required: y.permissions.required.map((p) => p.permission),
        parent: y.parent?.id ?? null,
      });
    }
  }
  return out.sort((a, b) => (a.id < b.id ? -1 : 1));
}
