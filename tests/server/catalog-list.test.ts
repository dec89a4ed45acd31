// catalog.list() keeps the parsed catalogue between calls and re-reads the texts only when the
// rows' stamp (code and updated_at of each item) has moved: a change made through another server
// process on the same database is seen at once, even one written in the same millisecond with the
// same version (updated_at still moves forward), and a new item is seen too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app';
import { startServer, type TestServer } from './harness';

let s: TestServer;
let other: FastifyInstance;
beforeAll(async () => {
  s = await startServer();
  // A second server process on the same database (here: a second app in this process).
  other = await buildApp(s.config);
});
afterAll(async () => {
  await other.close();
  await s.close();
});

const stampOf = async (code: string) =>
  Number(
    (await s.db.get<{ updated_at: number }>(`SELECT updated_at FROM catalog_items WHERE code = ?`, [code]))!.updated_at,
  );

describe('catalog.list()', () => {
  it('sees another process rewrite an item in the same millisecond with the same version', async () => {
    const before = await s.app.store.catalog.list();
    const item = before[0]!;
    const at = await stampOf(item.code);
    expect(await other.store.catalog.upsert({ ...item, name: `${item.name}（改）` }, at)).toBe(true);
    expect(await stampOf(item.code)).toBeGreaterThan(at);
    const after = await s.app.store.catalog.list();
    expect(after.find((i) => i.code === item.code)!.name).toBe(`${item.name}（改）`);
    expect(after.map((i) => i.code)).toEqual(before.map((i) => i.code));
  });

  it('sees an item another process adds, and answers the same list while nothing changed', async () => {
    const before = await s.app.store.catalog.list();
    const item = { ...before[0]!, code: 'ZZ-NEW-ITEM', name: '新增事项' };
    await other.store.catalog.upsert(item, s.clock.now);
    const after = await s.app.store.catalog.list();
    expect(after.map((i) => i.code)).toEqual([...before.map((i) => i.code), 'ZZ-NEW-ITEM'].sort());
    expect(await s.app.store.catalog.list()).toEqual(after);
    // A caller's changes to the array it got are its own.
    after.pop();
    expect((await s.app.store.catalog.list()).map((i) => i.code)).toContain('ZZ-NEW-ITEM');
  });
});
