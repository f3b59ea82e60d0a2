import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readDataVersion } from './data-version.js';
import type { Store } from './store.js';
import type { Backend } from './test-utils/backends.js';
import { BACKENDS, freshStore } from './test-utils/backends.js';
import { day, detection, roleArn, scanInput } from './test-utils/scan-builder.js';

describe.each(BACKENDS)('data version ($name)', (backend: Backend) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ store, cleanup } = await freshStore(backend));
  });
  afterEach(async () => cleanup());

  it('counts every write to findings and to mutes in the data version', async () => {
    const version = () => readDataVersion(store.db);
    expect(await version()).toEqual({ findings: 0, mutes: 0 });
    const d = detection('admin-role', roleArn('a'));
    await store.recordScan(scanInput({ detections: [d] }), { recordedAt: day(1) });
    expect(await version()).toEqual({ findings: 1, mutes: 0 });
    const m = await store.mute({ detectionId: d.id, reason: 'ok', author: 'ana' }, day(2));
    expect(await version()).toEqual({ findings: 1, mutes: 1 });
    await store.unmute(m.id, 'bob', day(3));
    expect(await version()).toEqual({ findings: 1, mutes: 2 });
    // Nothing changed: no bump.
    expect(await store.unmute(m.id, 'bob', day(3))).toBeNull();
    await store.prune(1);
    expect(await version()).toEqual({ findings: 1, mutes: 2 });
  });

  it('leaves the counter alone when a write fails', async () => {
    await expect(store.mute({ detectionId: 'x', reason: ' ', author: 'ana' })).rejects.toThrow(/reason/);
    await expect(
      store.recordScan(scanInput({ detections: [detection('admin-role', roleArn('a'))] }), {
        onStage: (stage) => {
          if (stage === 'lifecycle') throw new Error('boom');
        },
      }),
    ).rejects.toThrow(/boom/);
    expect(await readDataVersion(store.db)).toEqual({ findings: 0, mutes: 0 });
  });
});
