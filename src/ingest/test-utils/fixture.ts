import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** A parsed JSON fixture of `src/ingest/fixtures/`. */
export function readFixture(name: string): unknown {
  const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
  return JSON.parse(readFileSync(path.join(dir, name), 'utf8'));
}
