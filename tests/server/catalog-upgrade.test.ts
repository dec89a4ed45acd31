// An app update that ships newer built-in catalogue versions: a server that ran the previous app
// (its items at version 1) raises each item it never customised to the new built-in version at
// start-up, and tablets pull it; an item the county published its own version of stays the
// county's. Every earlier version stays readable for cases prepared on it.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOG } from '../../src/catalog';
import type { ServiceItem } from '../../src/domain';
import { seedCatalog } from '../../src/server/seed/seed';
import { startRealServer, type RunningServer } from '../unit/sync/real-server';

const catalogV1 = JSON.parse(
  readFileSync(new URL('./fixtures/catalog-v1.json', import.meta.url), 'utf8'),
) as ServiceItem[];
const builtIn = (code: string) => CATALOG.find((i) => i.code === code)!;

let server: RunningServer;
beforeAll(async () => {
  server = await startRealServer();
});
afterAll(() => server.close());

describe('start-up seeding after an app update', () => {
  it('raises uncustomised items to the new built-in version and keeps the county’s own', async () => {
    const store = server.app.store;
    const now = Date.now();
    for (const item of catalogV1) await store.catalog.publish(item, now, 'seed');
    // The county adapted 身份证补领 itself (an admin's id as publisher): version 2 is the county's.
    const county = { ...catalogV1.find((i) => i.code === 'GA-SFZ-BL')!, version: 2, promisedLimitDays: 7 };
    await store.catalog.publish(county, now, 'admin-7');
    const headBefore = await store.changes.head();

    const raised = await seedCatalog(store, CATALOG, now + 1);

    // Items whose built-in version moved past 1 (issue 15's changes), except the county's own.
    const moved = catalogV1.filter((i) => builtIn(i.code).version > 1 && i.code !== 'GA-SFZ-BL').map((i) => i.code);
    expect(moved).toContain('YB-JMCB-DJ');
    expect(raised).toBe(moved.length);
    for (const code of moved) expect((await store.catalog.get(code))!.version).toBe(builtIn(code).version);
    expect(await store.catalog.get('GA-SFZ-BL')).toMatchObject({ version: 2, promisedLimitDays: 7 });
    // An item the update left at version 1 is untouched.
    const same = catalogV1.find((i) => builtIn(i.code).version === 1)!;
    expect((await store.catalog.get(same.code))!.version).toBe(1);
    // Cases prepared on version 1 still find it.
    expect((await store.catalog.version('YB-JMCB-DJ', 1))!.version).toBe(1);
    // Tablets hear of every raised item through the feed.
    const changes = await store.changes.after(headBefore, { countyCode: '341822' }, 1000);
    const items = changes.map((c) => (c.change as { type: string; item?: ServiceItem }).item?.code);
    expect(items.sort()).toEqual([...moved].sort());

    // Idempotent: a second start changes nothing.
    expect(await seedCatalog(store, CATALOG, now + 2)).toBe(0);
  });
});
