// Start-up data, idempotent: the built-in catalogue — items not yet known, and newer built-in
// versions of items the county has not published its own versions of (after that the county admin
// publishes versions; a change row per seeded item so tablets pull it) and,
// for the demo, divisions and one login per role.
import type { ServiceItem } from '../../domain';
import { countyOf, townshipOf, uuidv7 } from '../../domain';
import type { Store, UserRecord } from '../store';
import { hashPassword } from '../auth/password';
import { DEMO_COUNTY, DEMO_LOGINS, DEMO_PASSWORD, DEMO_TOWNSHIPS, DEMO_VILLAGES, type DemoLogin } from './demo-county';

export async function seedCatalog(store: Store, items: readonly ServiceItem[], now: number): Promise<number> {
  return store.transaction(async (tx) => {
    let changed = 0;
    for (const item of items) {
      if (!(await tx.catalog.seed(item, now))) continue;
      changed++;
      await tx.changes.append(
        { villageCode: null, townshipCode: null, countyCode: null },
        { type: 'catalog.item', item },
        now,
      );
    }
    return changed;
  });
}

function demoUser(login: DemoLogin, passwordHash: string, now: number): UserRecord {
  const code = login.divisionCode;
  return {
    id: uuidv7(now),
    username: login.username,
    name: login.name,
    role: login.role,
    villageCode: login.role === 'agent' ? code : null,
    townshipCode: login.role === 'agent' ? townshipOf(code) : login.role === 'reviewer' ? code : null,
    countyCode: countyOf(code),
    passwordHash,
    createdAt: now,
    disabledAt: null,
    mustChangePassword: false,
  };
}

/** Creates the demo county and logins unless users already exist. Resolves true when it seeded. */
export async function seedDemo(store: Store, passwordCost: number, now: number): Promise<boolean> {
  if ((await store.users.count()) > 0) return false;
  const hashes = await Promise.all(DEMO_LOGINS.map(() => hashPassword(DEMO_PASSWORD, passwordCost)));
  await store.transaction(async (tx) => {
    for (const d of [DEMO_COUNTY, ...DEMO_TOWNSHIPS, ...DEMO_VILLAGES]) await tx.divisions.upsert(d);
    for (const [i, login] of DEMO_LOGINS.entries()) {
      if (await tx.users.byUsername(login.username)) continue;
      await tx.users.insert(demoUser(login, hashes[i] ?? '', now));
    }
  });
  return true;
}
