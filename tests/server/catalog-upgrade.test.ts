// An app update that ships newer built-in catalogue versions, on the store of a server that ran the
// previous app (its 19 items at version 1): each item the county never customised is raised to the
// new built-in version at start-up and tablets hear of it; an item the county published its own
// version of stays the county's; items new in this app are added; every earlier version stays
// readable for cases prepared on it.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOG } from '../../src/catalog';
import type { ServiceItem } from '../../src/domain';
import { loadConfig } from '../../src/server/config';
import { seedCatalog } from '../../src/server/seed/seed';
import { openStore, type Store } from '../../src/server/store';
import { createTestDatabase, onPostgres, type TestDatabase } from './test-database';

const catalogV1 = JSON.parse(
  readFileSync(new URL('./fixtures/catalog-v1.json', import.meta.url), 'utf8'),
) as ServiceItem[];
const builtIn = (code: string) => CATALOG.find((i) => i.code === code)!;

let dir: string;
let database: TestDatabase | null;
let store: Store;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'daiban-catalog-upgrade-'));
  database = onPostgres ? await createTestDatabase() : null;
  store = await openStore({
    ...loadConfig({ DAIBAN_DATA_DIR: dir }),
    ...(database && { databaseUrl: database.url, databasePoolSize: 2 }),
  });
});
afterAll(async () => {
  await store.close();
  await database?.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe('start-up seeding after an app update', () => {
  it('raises uncustomised items to the new built-in version and keeps the county’s own', async () => {
    const t0 = Date.now();
    // The previous app's first start, then the county adapts 身份证补领 itself (an admin publishes).
    expect(await seedCatalog(store, catalogV1, t0)).toBe(19);
    const county = { ...catalogV1.find((i) => i.code === 'GA-SFZ-BL')!, version: 2, promisedLimitDays: 7 };
    expect(await store.catalog.publish(county, t0, 'admin-7')).toBe(true);
    const headBefore = await store.changes.head();

    const raised = await seedCatalog(store, CATALOG, t0 + 1);

    const old = new Set(catalogV1.map((i) => i.code));
    const moved = catalogV1.filter((i) => builtIn(i.code).version > 1 && i.code !== 'GA-SFZ-BL').map((i) => i.code);
    const added = CATALOG.filter((i) => !old.has(i.code)).map((i) => i.code);
    expect(moved).toContain('YB-JMCB-DJ');
    expect(added).toContain('NY-GDLB');
    expect(raised).toBe(moved.length + added.length);
    for (const code of moved) expect((await store.catalog.get(code))!.version).toBe(builtIn(code).version);
    // The county's own version is not overwritten by the app's newer built-in version (tablets
    // follow the server's: src/state/catalog-lookup.ts).
    expect(await store.catalog.get('GA-SFZ-BL')).toMatchObject({ version: 2, promisedLimitDays: 7 });
    // A built-in item at the version already held is not taken again, even if it reads differently.
    const sameVersion = { ...builtIn('MZ-GLJT'), promisedLimitDays: 1 };
    expect(await seedCatalog(store, [sameVersion], t0 + 1)).toBe(0);
    expect((await store.catalog.get('MZ-GLJT'))!.promisedLimitDays).toBe(builtIn('MZ-GLJT').promisedLimitDays);
    // Cases prepared on version 1 still find it, read with today's defaults (no alternatives then).
    expect(await store.catalog.version('YB-JMCB-DJ', 1)).toMatchObject({ version: 1, alternatives: [] });
    // Tablets hear of every raised or added item through the feed.
    const changes = await store.changes.after(headBefore, { countyCode: '341822' }, 1000);
    const items = changes.map((c) => (c.change as { type: string; item?: ServiceItem }).item?.code);
    expect(items.sort()).toEqual([...moved, ...added].sort());

    // Idempotent: a second start changes nothing.
    expect(await seedCatalog(store, CATALOG, t0 + 2)).toBe(0);
  });
});
