// Pieces of the first screen that stand in for heavier modules: the stored session read without
// its schema, the item names without the catalogue, the status list without the case schema.
import { describe, expect, it } from 'vitest';
import { CASE_STATUSES } from '../../../src/domain/schemas/case';
import { STATUS_LABELS } from '../../../src/domain/state-machine/labels';
import { Session } from '../../../src/state/session';
import { storedSession } from '../../../src/state/session-boot';
import { itemNameOptions, itemTitle, setPulledNames } from '../../../src/state/catalog-names';
import { CATALOG } from '../../../src/catalog';

const session = Session.parse({
  token: 'x'.repeat(43),
  user: { id: 'u1', username: 'agent1', name: '王小明', role: 'agent', villageCode: '330102001201' },
  loggedInAt: 1_750_000_000_000,
  expiresAt: 1_760_000_000_000,
});

describe('the stored session at start', () => {
  it('is taken as the login stored it', () => {
    expect(storedSession(structuredClone(session))).toEqual(session);
  });

  it('is refused when damaged: the app asks to log in again', () => {
    expect(storedSession(undefined)).toBeNull();
    expect(storedSession({ ...session, token: '' })).toBeNull();
    expect(storedSession({ ...session, loggedInAt: 'yesterday' })).toBeNull();
    expect(storedSession({ ...session, user: { ...session.user, role: 'root' } })).toBeNull();
    expect(storedSession({ ...session, user: { ...session.user, id: undefined } })).toBeNull();
  });
});

describe('the status filter', () => {
  it("lists every case status in the schema's order", () => {
    expect(Object.keys(STATUS_LABELS)).toEqual([...CASE_STATUSES]);
  });
});

describe('item names on the case list', () => {
  const first = CATALOG[0]!;

  it("come from the bundled catalogue until the server sent the item, then the server's; an unknown code says so", () => {
    setPulledNames([]);
    expect(itemTitle(first.code)).toBe(first.name);
    setPulledNames([{ code: first.code, version: first.version + 1, name: '新名称' }]);
    expect(itemTitle(first.code)).toBe('新名称');
    // The county's own version, below a built-in this app raised: the server keeps the county's.
    setPulledNames([{ code: first.code, version: first.version - 1, name: '县里的名称' }]);
    expect(itemTitle(first.code)).toBe('县里的名称');
    expect(itemTitle('NO-SUCH')).toBe('未知事项（NO-SUCH）');
  });

  it('offer every bundled item in order, then items only published by the county', () => {
    setPulledNames([{ code: 'CNTY-NEW', version: 1, name: '县里新增事项' }]);
    const options = itemNameOptions();
    expect(options.map((o) => o.value)).toEqual([...CATALOG.map((i) => i.code), 'CNTY-NEW']);
    expect(options.at(-1)).toEqual({ value: 'CNTY-NEW', label: '县里新增事项' });
    setPulledNames([]);
  });
});
