import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from './migrations/index.js';
import { openStore } from './store.js';
import type { Backend, TestTarget } from './test-utils/backends.js';
import { BACKENDS } from './test-utils/backends.js';

describe.each(BACKENDS)('migrations ($name)', (backend: Backend) => {
  let t: TestTarget;
  beforeEach(async () => {
    t = await backend.create();
  });
  afterEach(async () => t.cleanup());

  it('applies every migration once, on open, even when two processes open at the same time', async () => {
    const [a, b] = await Promise.all([openStore(t.target), openStore(t.target)]);
    await a.close();
    await b.close();
    const again = await openStore(t.target);
    const rows = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(
      again.db,
    );
    expect(rows.rows.map((r) => r.name)).toEqual(MIGRATIONS.map((m) => m.name));
    expect(await again.listScans()).toEqual([]);
    await again.close();
  });

  it('names migrations NNNN-name in order', () => {
    const names = MIGRATIONS.map((m) => m.name);
    for (const n of names) expect(n).toMatch(/^\d{4}-[a-z0-9-]+$/);
    expect([...names].sort()).toEqual(names);
  });
});
