// Bench page for tests/bench/storage.bench.ts: src/storage on Chromium's real (on-disk) IndexedDB.
import { CASE_STATUSES, type Case, type Mutation, uuidv7 } from '../../../src/domain';
import {
  countCases,
  createCase,
  DaibanDb,
  forgetStorageKey,
  getDb,
  listCases,
  makeAudit,
  submitCase,
  unlockStorage,
  useDb,
} from '../../../src/storage';

const DB = 'daiban-bench';
const VILLAGE = '330102001201';
const ITEMS = [
  'MED-INS-REG',
  'PENSION-REG',
  'DIBAO',
  'ELDERLY-ALLOWANCE',
  'DISABILITY-CARD',
  'BIRTH-REG',
  'HOUSING-FUND',
  'BUSINESS-REG',
];
const actor = { role: 'agent' as const, id: 'agent-1' };

function makeCase(i: number, now: number): Case {
  const day = String(1 + (i % 28)).padStart(2, '0');
  return {
    id: uuidv7(now - i * 60_000),
    number: `DB-${VILLAGE}-202506${day}-${String(i).padStart(5, '0')}`,
    itemCode: ITEMS[i % ITEMS.length]!,
    itemVersion: 1,
    applicantId: uuidv7(),
    status: CASE_STATUSES[(i * 7) % CASE_STATUSES.length]!,
    fields: { name: '张三', note: '备注'.repeat(10) },
    acknowledged: [],
    tolerance: [],
    villageCode: VILLAGE,
    agentId: actor.id,
    revision: 0,
    baseVersion: 0,
    dueOn: `2025-07-${day}`,
    createdAt: now - i * 60_000,
    updatedAt: now - i * 37_000,
  };
}

const withdraw = (caseId: string, at: number): Mutation => ({
  id: uuidv7(at),
  deviceId: 'bench',
  createdAt: at,
  kind: 'case.withdraw',
  baseVersion: 0,
  payload: { caseId, reason: '群众不办了' },
});

/** A fixed data key for the sealed runs (encryption at rest, src/storage/sealing.ts). */
const KEY = new Uint8Array(32).fill(5);

/** The app's database, sealed (as shipped) or, for the baseline, without the sealing middleware. */
async function connect(sealed: boolean): Promise<DaibanDb> {
  const db = new DaibanDb(DB);
  if (!sealed) db.unuse({ stack: 'dbcore', name: 'sealing' });
  useDb(db);
  if (sealed) await unlockStorage(KEY);
  else forgetStorageKey();
  await db.open();
  return db;
}

async function fresh(sealed = false): Promise<DaibanDb> {
  getDb().close();
  await new DaibanDb(DB).delete();
  return connect(sealed);
}

const api = {
  /** p50/p95 of one user action (case status + audit + outbox row) as ONE transaction. */
  async oneTransaction(n: number, sealed = false): Promise<number[]> {
    await fresh(sealed);
    const times: number[] = [];
    for (let i = 0; i < n; i++) {
      const now = Date.now();
      const c = makeCase(i, now);
      c.status = 'ready';
      await createCase(c, makeAudit({ entity: 'case', entityId: c.id, caseId: c.id, action: 'case.create', actor }));
      const t = performance.now();
      await submitCase({
        caseId: c.id,
        mutation: withdraw(c.id, now),
        audit: makeAudit({ entity: 'case', entityId: c.id, caseId: c.id, action: 'case.submit', actor }),
      });
      times.push(performance.now() - t);
    }
    return times;
  },
  /** The same three writes as three separate transactions (what "one action = one transaction" avoids). */
  async threeTransactions(n: number): Promise<number[]> {
    const db = await fresh();
    const times: number[] = [];
    for (let i = 0; i < n; i++) {
      const now = Date.now();
      const c = makeCase(i, now);
      c.status = 'ready';
      await db.cases.put(c);
      const t = performance.now();
      await db.cases.update(c.id, { status: 'queued', updatedAt: now });
      await db.audit.add(makeAudit({ entity: 'case', entityId: c.id, caseId: c.id, action: 'case.submit', actor }));
      const m = withdraw(c.id, now);
      await db.outbox.add({
        id: m.id,
        mutation: m,
        state: 'pending',
        attempts: 0,
        nextAttemptAt: now,
        caseId: c.id,
        createdAt: now,
        updatedAt: now,
      });
      times.push(performance.now() - t);
    }
    return times;
  },
  async seedCases(n: number, sealed = false): Promise<number> {
    const db = await fresh(sealed);
    const now = Date.now();
    for (let start = 0; start < n; start += 1000) {
      await db.cases.bulkPut(Array.from({ length: Math.min(1000, n - start) }, (_, k) => makeCase(start + k, now)));
    }
    return db.cases.count();
  },
  /** After a page reload: open the database and run the list screen's queries. */
  async coldList(sealed = false) {
    const t0 = performance.now();
    const db = await connect(sealed);
    const t1 = performance.now();
    const returned = await listCases({ status: 'returned', limit: 50 });
    const t2 = performance.now();
    const returnedCount = await countCases({ status: 'returned' });
    const t3 = performance.now();
    const newest = await listCases({ limit: 50 });
    const t4 = performance.now();
    const item = await listCases({ itemCode: 'DIBAO', status: ['submitted', 'in_review'], limit: 50 });
    const t5 = performance.now();
    const dueSoon = await listCases({ dueBefore: '2025-07-04', limit: 50 });
    const t6 = performance.now();
    // Baseline: read everything and filter/sort in JS (no index).
    const all = await db.cases.toArray();
    const naive = all
      .filter((c) => c.status === 'returned')
      .sort((a, b) => b.updatedAt - a.updatedAt)
      .slice(0, 50);
    const t7 = performance.now();
    if (naive.map((c) => c.id).join() !== returned.map((c) => c.id).join()) throw new Error('index and scan disagree');
    return {
      openMs: t1 - t0,
      returnedMs: t2 - t1,
      countMs: t3 - t2,
      newestMs: t4 - t3,
      itemMs: t5 - t4,
      dueMs: t6 - t5,
      scanMs: t7 - t6,
      sizes: {
        returned: returned.length,
        returnedCount,
        newest: newest.length,
        item: item.length,
        dueSoon: dueSoon.length,
        all: all.length,
      },
    };
  },
};

declare global {
  interface Window {
    __storageBench: typeof api;
  }
}
window.__storageBench = api;
document.title = 'ready';
