// Settings, pull application, catalogue and logout.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type Change, uuidv7 } from '../../src/domain';
import {
  applyPullPage,
  clearSession,
  clearUserData,
  createCase,
  getCase,
  getCatalogItem,
  getDb,
  getDeviceId,
  getSession,
  getSyncCursor,
  listAudit,
  listDecisions,
  listRectifications,
  putBlob,
  putCatalogItems,
  saveSession,
  savePerson,
  setSyncCursor,
  writeTransaction,
  enqueue,
  blobUsage,
  hasBlob,
  blobsToUpload,
  markBlobUploaded,
} from '../../src/storage';
import { AGENT, caseAudit, DEVICE, freshDbPerTest, kase, person, sha, T0, withdrawal } from './fixtures';

freshDbPerTest();

const Session = z.object({ userId: z.string(), role: z.enum(['agent', 'reviewer', 'admin']), token: z.string() });
const item = (version: number) => ({
  code: 'MED-INS-REG',
  version,
  name: '城乡居民医保参保登记',
  category: '医保',
  agency: '县医保经办',
  legalLimitDays: 1,
  promisedLimitDays: 0,
  requiresPresence: false,
  toleranceAllowed: false,
  fields: [],
  materials: [
    {
      id: 'id-card',
      name: '居民身份证',
      kind: 'document-photo',
      handling: 'original-checked-copy-kept',
      requirement: 'required',
    },
  ],
  rules: [],
});

describe('settings', () => {
  it('generates the device id once', async () => {
    const [a, b] = await Promise.all([getDeviceId(), getDeviceId()]);
    expect(a).toBe(b);
    expect(await getDeviceId()).toBe(a);
  });

  it('stores and validates the session', async () => {
    expect(await getSession(Session)).toBeUndefined();
    await saveSession({ userId: 'u1', role: 'agent', token: 't' });
    expect(await getSession(Session)).toEqual({ userId: 'u1', role: 'agent', token: 't' });
    await saveSession({ userId: 'u1', role: 'king', token: 't' });
    await expect(getSession(Session)).rejects.toMatchObject({ code: 'storage.invalid' });
    await clearSession();
    expect(await getSession(Session)).toBeUndefined();
  });
});

describe('blobs', () => {
  it('stores a file once and tracks its upload', async () => {
    await putBlob(sha(9), 'image/jpeg', new Uint8Array([1, 2, 3]).buffer);
    await putBlob(sha(9), 'image/jpeg', new Uint8Array([1, 2, 3]).buffer);
    expect(await blobUsage()).toEqual({ count: 1, bytes: 3, notUploaded: 1 });
    expect(await hasBlob(sha(9))).toBe(true);
    expect(await blobsToUpload([sha(9), sha(8)])).toEqual([sha(9)]);
    await markBlobUploaded(sha(9));
    expect(await blobsToUpload([sha(9)])).toEqual([]);
    await expect(putBlob('not-a-hash', 'image/jpeg', new ArrayBuffer(1))).rejects.toMatchObject({
      code: 'storage.invalid',
    });
  });
});

describe('applyPullPage', () => {
  it('applies status changes, decisions, rectifications and catalogue items with the cursor, in one transaction', async () => {
    const c = kase({ status: 'submitted', baseVersion: 1 });
    await createCase(c, caseAudit(c.id!));
    const decision = {
      id: uuidv7(),
      caseId: c.id!,
      kind: 'return' as const,
      reasons: [{ target: 'id-card', code: 'blurred' as const, text: '' }],
      reviewerId: 'r1',
      decidedAt: T0 + 9,
      revision: 1,
      toleranceDue: [],
    };
    const changes: Change[] = [
      { seq: 12, type: 'decision', caseId: c.id!, decision, version: 3 },
      { seq: 11, type: 'case.status', caseId: c.id!, status: 'returned', version: 2, at: T0 + 9 },
      {
        seq: 13,
        type: 'rectification',
        caseId: c.id!,
        rectification: { id: uuidv7(), caseId: c.id!, ratingId: uuidv7(), dueBy: '2025-07-01', status: 'open' },
      },
      { seq: 14, type: 'catalog.item', item: item(2) as never },
      { seq: 15, type: 'case.status', caseId: uuidv7(), status: 'accepted', version: 1, at: T0 }, // not on this device
    ];
    const summary = await applyPullPage({ changes, cursor: 15 });
    expect(summary).toEqual({ caseIds: [c.id], catalogItems: 1, cursor: 15 });
    expect(await getCase(c.id!)).toMatchObject({ status: 'returned', baseVersion: 3 });
    expect((await listAudit(c.id!)).at(-1)).toMatchObject({
      action: 'case.status',
      from: 'submitted',
      to: 'returned',
      actor: { role: 'system' },
    });
    expect(await listDecisions(c.id!)).toHaveLength(1);
    expect(await listRectifications(c.id!)).toHaveLength(1);
    expect((await getCatalogItem('MED-INS-REG'))?.version).toBe(2);
    expect(await getSyncCursor()).toBe(15);
  });

  it('skips stale status changes and changes nothing (cursor included) when a change is invalid', async () => {
    const c = kase({ status: 'accepted', baseVersion: 5 });
    await createCase(c, caseAudit(c.id!));
    await setSyncCursor(10);
    await applyPullPage({
      changes: [{ seq: 11, type: 'case.status', caseId: c.id!, status: 'returned', version: 4, at: T0 }],
      cursor: 11,
    });
    expect((await getCase(c.id!))?.status).toBe('accepted');
    const bad = { seq: 13, type: 'catalog.item', item: { ...item(3), code: 'bad code' } } as never;
    await expect(
      applyPullPage({
        changes: [{ seq: 12, type: 'case.status', caseId: c.id!, status: 'completed', version: 6, at: T0 }, bad],
        cursor: 13,
      }),
    ).rejects.toMatchObject({ code: 'storage.invalid' });
    expect((await getCase(c.id!))?.status).toBe('accepted');
    expect(await getSyncCursor()).toBe(11);
  });
});

describe('catalog', () => {
  it('keeps the newest version of an item', async () => {
    expect(await putCatalogItems([item(2)])).toBe(1);
    expect(await putCatalogItems([item(1)])).toBe(0);
    expect((await getCatalogItem('MED-INS-REG'))?.version).toBe(2);
  });
});

describe('clearUserData', () => {
  it("wipes the user's work and session but keeps the catalogue and the device id", async () => {
    const deviceId = await getDeviceId();
    await putCatalogItems([item(1)]);
    await saveSession({ userId: 'u1', role: 'agent', token: 't' });
    await savePerson(person(), AGENT, DEVICE);
    const c = kase();
    await createCase(c, caseAudit(c.id!));
    await writeTransaction(['outbox'], () => enqueue(withdrawal(c.id!)));
    await putBlob(sha(1), 'image/jpeg', new ArrayBuffer(4));
    await setSyncCursor(42);
    await clearUserData();
    const db = getDb();
    for (const t of [
      'persons',
      'cases',
      'materials',
      'blobs',
      'outbox',
      'audit',
      'decisions',
      'rectifications',
      'syncState',
    ] as const) {
      expect(await db.table(t).count(), t).toBe(0);
    }
    expect(await getSession(Session)).toBeUndefined();
    expect(await getDeviceId()).toBe(deviceId);
    expect(await getCatalogItem('MED-INS-REG')).toBeDefined();
    expect(await getSyncCursor()).toBe(0);
  });
});
