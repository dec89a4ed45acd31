// Published catalogue versions on the tablet: every pulled version is kept (an open case is handled
// with its own), the newest is what new cases use, and a withdrawn (停用) item is not offered.
import { describe, expect, it } from 'vitest';
import type { ServiceItem } from '../../src/domain';
import { findItem } from '../../src/catalog';
import { applyPullPage, getCatalogItem, listCatalogVersions } from '../../src/storage';
import {
  itemForCase,
  loadPulledCatalog,
  lookupItem,
  lookupItemVersion,
  openableItems,
} from '../../src/state/catalog-lookup';
import { freshDbPerTest } from './fixtures';

freshDbPerTest();

/** The bundled version of 高龄津贴; the county publishes the ones after it. */
const BUNDLED = findItem('MZ-GLJT')!.version;
const version = (v: number, over: Partial<ServiceItem> = {}): ServiceItem => ({
  ...structuredClone(findItem('MZ-GLJT')!),
  version: v,
  promisedLimitDays: v,
  ...over,
});

describe('catalogue versions on the device', () => {
  it('keeps every pulled version, and an open case keeps the one it was opened with', async () => {
    await applyPullPage({
      changes: [
        { seq: 1, type: 'catalog.item', item: version(BUNDLED + 1) },
        { seq: 2, type: 'catalog.item', item: version(BUNDLED + 2) },
      ],
      cursor: 2,
    });
    expect((await getCatalogItem('MZ-GLJT'))!.version).toBe(BUNDLED + 2);
    expect((await listCatalogVersions()).map((i) => i.version).sort()).toEqual([BUNDLED + 1, BUNDLED + 2]);

    await loadPulledCatalog();
    expect(lookupItem('MZ-GLJT')!.promisedLimitDays).toBe(BUNDLED + 2);
    expect(lookupItemVersion('MZ-GLJT', BUNDLED + 1)!.promisedLimitDays).toBe(BUNDLED + 1);
    expect(lookupItemVersion('MZ-GLJT', BUNDLED)).toBe(findItem('MZ-GLJT'));
    expect(itemForCase({ itemCode: 'MZ-GLJT', itemVersion: BUNDLED + 1 })!.version).toBe(BUNDLED + 1);
    expect(lookupItemVersion('MZ-GLJT', BUNDLED + 9)).toBeUndefined();
  });

  it("follows the server's version of an item, also when this app bundles a higher one (the county's own)", async () => {
    // The county published its own version before this app raised the built-in past it: the
    // server keeps the county's, and accepts new cases only on the versions it holds.
    const county = version(BUNDLED - 1, { promisedLimitDays: 7 });
    await applyPullPage({ changes: [{ seq: 1, type: 'catalog.item', item: county }], cursor: 1 });
    await loadPulledCatalog();
    expect(lookupItem('MZ-GLJT')).toMatchObject({ version: BUNDLED - 1, promisedLimitDays: 7 });
    expect(openableItems().find((i) => i.code === 'MZ-GLJT')!.version).toBe(BUNDLED - 1);
    // Another item the server never sent: the bundled one.
    expect(lookupItem('YB-LXBX')).toBe(findItem('YB-LXBX'));
  });

  it('stops offering a withdrawn item for new cases but keeps its versions', async () => {
    await applyPullPage({
      changes: [{ seq: 1, type: 'catalog.item', item: version(BUNDLED + 1, { withdrawn: true }) }],
      cursor: 1,
    });
    await loadPulledCatalog();
    expect(openableItems().map((i) => i.code)).not.toContain('MZ-GLJT');
    expect(openableItems().map((i) => i.code)).toContain('YB-LXBX');
    expect(lookupItem('MZ-GLJT')!.withdrawn).toBe(true);
    expect(itemForCase({ itemCode: 'MZ-GLJT', itemVersion: BUNDLED })!.withdrawn).toBeUndefined();
  });
});
