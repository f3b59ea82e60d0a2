import { describe, expect, it } from 'vitest';
import { inventoryFromRaw } from '../from-raw.js';
import { MANIFEST_MARKER } from './manifest.js';

describe('collect manifest and the scanner', () => {
  it('is skipped quietly by the readers, and only when it carries the marker', () => {
    const manifest = { [MANIFEST_MARKER]: 1, files: [], errors: [] };
    expect(inventoryFromRaw([{ file: 'collect-manifest.json', raw: manifest }]).inputs).toEqual([]);
    const unmarked = inventoryFromRaw([{ file: 'other.json', raw: { files: [], errors: [] } }]).inputs;
    expect(unmarked).toHaveLength(1);
    expect(unmarked[0]!.errors[0]!.reason).toMatch(/not a recognised AWS export/);
    // A marker with another value is not ours: reported like any unknown file.
    expect(inventoryFromRaw([{ file: 'x.json', raw: { [MANIFEST_MARKER]: 2 } }]).inputs).toHaveLength(1);
  });
});
