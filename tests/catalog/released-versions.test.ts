// A built-in item that changes must carry a higher version, or a county already running the app
// never gets the change: its server takes a built-in item only when the version is higher.
import { describe, expect, it } from 'vitest';
import { CATALOG } from '../../src/catalog';
import { current, fingerprint, readReleased, unreleasable, type Released } from '../../scripts/catalog-release';

const record = (version: number, fp: string, catalogVersion = 4): Released => ({
  catalogVersion,
  items: { 'MZ-GLJT': { version, fingerprint: fp } },
});

describe('released built-in versions', () => {
  it('the record matches the catalogue (after a change: raise the versions, then npm run catalog:release)', () => {
    const released = readReleased();
    expect(unreleasable(released, current())).toEqual([]);
    expect(current()).toEqual(released);
  });

  it('a change to an item changes its fingerprint; its version number and key order do not', () => {
    const item = CATALOG.find((i) => i.code === 'MZ-GLJT')!;
    const base = fingerprint(item);
    expect(fingerprint({ ...item, version: item.version + 5 })).toBe(base);
    const reordered = Object.fromEntries(Object.entries(item).reverse()) as typeof item;
    expect(fingerprint(reordered)).toBe(base);
    expect(fingerprint({ ...item, promisedLimitDays: (item.promisedLimitDays ?? 0) + 1 })).not.toBe(base);
    const rules = item.rules.map((r, i) => (i === 0 ? { ...r, severity: 'warning' as const } : r));
    expect(fingerprint({ ...item, rules })).not.toBe(base);
  });

  it('refuses a changed item at its released version, a lowered version and an unraised catalogue version', () => {
    expect(
      unreleasable(record(2, 'aaaa'), { catalogVersion: 5, items: { 'MZ-GLJT': { version: 2, fingerprint: 'bbbb' } } }),
    ).toEqual(['MZ-GLJT changed since version 2 was released: raise its version to 3']);
    expect(
      unreleasable(record(2, 'aaaa'), { catalogVersion: 5, items: { 'MZ-GLJT': { version: 1, fingerprint: 'aaaa' } } }),
    ).toEqual(['MZ-GLJT: version 1 is lower than the released 2']);
    expect(
      unreleasable(record(2, 'aaaa'), { catalogVersion: 4, items: { 'MZ-GLJT': { version: 3, fingerprint: 'bbbb' } } }),
    ).toEqual(['items changed: raise CATALOG_VERSION (src/catalog/index.ts) above 4']);
    // Raised both: recordable. Unchanged: recordable as is.
    expect(
      unreleasable(record(2, 'aaaa'), { catalogVersion: 5, items: { 'MZ-GLJT': { version: 3, fingerprint: 'bbbb' } } }),
    ).toEqual([]);
    expect(unreleasable(record(2, 'aaaa'), record(2, 'aaaa'))).toEqual([]);
  });
});
