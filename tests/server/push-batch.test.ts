// A push is one write transaction with a savepoint per mutation: every mutation still gets its own
// result, a refused or failing one undoes only its own writes, a transaction that breaks as a whole
// falls back to one transaction per mutation, idempotency and the audit chains hold, and the live
// notifier never hints at a change a rolled-back savepoint took away.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7, type Mutation } from '../../src/domain';
import type { Store } from '../../src/server/store';
import { TransactionLost } from '../../src/server/store/savepoint';
import { UniqueViolation } from '../../src/server/store/sql';
import { applyBatch } from '../../src/server/sync/apply';
import { verifyAllAudit } from '../../src/server/audit/verify';
import { memoryNotifier } from '../../src/server/live/notifier';
import { notifyingStore } from '../../src/server/live/notifying-store';
import { toAuthUser, type AuthUser } from '../../src/server/auth/user';
import { login, push, startServer, uploadAll, type TestServer } from './harness';
import { buildCase, submitMutation } from './fixtures';

let s: TestServer;
let a1: Awaited<ReturnType<typeof login>>;
let agent: AuthUser;
beforeAll(async () => {
  s = await startServer();
  a1 = await login(s.app, 'agent1');
  agent = toAuthUser((await s.app.store.users.get(a1.user.id))!);
});
afterAll(() => s.close());

const count = async (sql: string, params: (string | number)[] = []) =>
  Number((await s.db.get<{ n: number }>(sql, params))!.n);
const caseRows = (id: string) => count('SELECT COUNT(*) AS n FROM cases WHERE id = ?', [id]);
const applied = (id: string) => count('SELECT COUNT(*) AS n FROM applied_mutations WHERE mutation_id = ?', [id]);

async function prepared(options: Partial<Parameters<typeof buildCase>[0]> = {}, upload = true) {
  const built = buildCase({ agentId: a1.user.id, villageCode: a1.user.villageCode!, now: s.clock.now, ...options });
  if (upload) await uploadAll(s.app, a1.token, built.files);
  return { ...built, m: submitMutation(built.submission, s.clock.now) };
}

/** Committed write transactions so far, as /metrics counts them. */
async function commits(): Promise<number> {
  const text = (await s.app.inject({ url: '/metrics' })).body;
  const line = text
    .split('\n')
    .find((l) => l.startsWith('daiban_db_transaction_duration_seconds_count{outcome="commit"}'));
  return Number(line?.split(' ').at(-1) ?? 0);
}

/** The store, with `cases.insert` of one case failing as a broken driver would. */
function breaking(store: Store, caseId: string, error: () => Error): Store {
  return {
    ...store,
    transaction: (work) =>
      store.transaction((tx) =>
        work({
          ...tx,
          cases: {
            ...tx.cases,
            insert: async (c) => {
              if (c.id === caseId) throw error();
              return tx.cases.insert(c);
            },
          },
        }),
      ),
  };
}

/** The store, writing one case's audit events twice: the database refuses the copies (audit.id is
 *  unique) — on PostgreSQL only later, as the writes go out without waiting for their answers. */
function auditTwice(store: Store, caseId: string): Store {
  return {
    ...store,
    transaction: (work) =>
      store.transaction((tx) =>
        work({
          ...tx,
          audit: {
            ...tx.audit,
            insertAll: async (events, serverAt) => {
              await tx.audit.insertAll(events, serverAt);
              if (events.some((e) => e.caseId === caseId)) await tx.audit.insertAll(events, serverAt);
            },
          },
        }),
      ),
  };
}

/** Three fresh submissions in one batch, the middle one's writes broken by `breakIt`; what the
 *  batch answered and logged. */
async function applyMiddleBroken(breakIt: (store: Store, caseId: string) => Store) {
  const x = await prepared();
  const y = await prepared();
  const z = await prepared();
  const errors: unknown[] = [];
  const results = await applyBatch([x.m, y.m, z.m], {
    store: breakIt(s.app.store, y.submission.case.id),
    user: agent,
    deviceId: 'tablet-1',
    now: s.clock.now,
    log: (e) => errors.push(e),
  });
  return { x, y, z, errors, results };
}

describe('a push batch', () => {
  it('is one transaction, and each mutation still gets its own result, in order', async () => {
    const a = await prepared();
    const refused = await prepared({ itemCode: 'SB-JMYL-CB' }); // the applicant is 85: rules.failed
    const unsent = await prepared({}, false); // its photos never arrived: retry
    const d = await prepared();
    const withdrawA: Mutation = {
      id: uuidv7(),
      deviceId: 'tablet-1',
      createdAt: s.clock.now,
      kind: 'case.withdraw',
      baseVersion: 1,
      payload: { caseId: a.submission.case.id, reason: '' },
    };
    const batch = [a.m, refused.m, unsent.m, d.m, withdrawA, d.m];
    const before = await commits();
    const { results } = await push(s.app, a1.token, batch);
    expect(await commits()).toBe(before + 1);
    expect(results.map((r) => [r.id, r.status, r.code])).toEqual([
      [a.m.id, 'ok', undefined],
      [refused.m.id, 'rejected', 'rules.failed'],
      [unsent.m.id, 'retry', 'blob.missing'],
      [d.m.id, 'ok', undefined],
      [withdrawA.id, 'ok', undefined],
      [d.m.id, 'ok', undefined], // the same mutation twice in one batch: the stored result
    ]);

    expect((await s.app.store.cases.get(a.submission.case.id))?.status).toBe('withdrawn');
    expect(await caseRows(refused.submission.case.id)).toBe(0);
    expect(await caseRows(unsent.submission.case.id)).toBe(0);
    expect(await caseRows(d.submission.case.id)).toBe(1);
    // The refusal is stored (a replay gets it again); a retry is not.
    expect(await applied(refused.m.id)).toBe(1);
    expect(await applied(unsent.m.id)).toBe(0);
    expect(await applied(d.m.id)).toBe(1);
    expect(
      await count('SELECT COUNT(*) AS n FROM changes WHERE case_id IN (?, ?)', [
        refused.submission.case.id,
        unsent.submission.case.id,
      ]),
    ).toBe(0);
    expect(await count('SELECT COUNT(*) AS n FROM audit WHERE case_id = ?', [a.submission.case.id])).toBe(3);
    expect((await verifyAllAudit(s.app.store)).breaks).toEqual([]);

    // The whole push again: the same answers, nothing applied twice.
    expect((await push(s.app, a1.token, batch)).results).toEqual(results);
    expect(await count('SELECT COUNT(*) AS n FROM audit WHERE case_id = ?', [a.submission.case.id])).toBe(3);
    expect(await count('SELECT COUNT(*) AS n FROM changes WHERE case_id = ?', [d.submission.case.id])).toBe(1);
  });

  it('keeps the other mutations when one fails unexpectedly, undoing all of that one', async () => {
    const { x, y, z, errors, results } = await applyMiddleBroken((store, id) =>
      breaking(store, id, () => new TypeError('driver broke')),
    );
    expect(results.map((r) => [r.status, r.code])).toEqual([
      ['ok', undefined],
      ['retry', 'server.error'],
      ['ok', undefined],
    ]);
    expect(errors).toEqual([expect.objectContaining({ message: 'driver broke' })]);
    expect(await caseRows(x.submission.case.id)).toBe(1);
    expect(await caseRows(z.submission.case.id)).toBe(1);
    // Nothing of y's half-done work stays: not its applicant, not their feed row, not a result.
    const applicant = y.submission.applicant.id;
    expect(await count('SELECT COUNT(*) AS n FROM persons WHERE id = ?', [applicant])).toBe(0);
    expect(await applied(y.m.id)).toBe(0);
    // Its device retries, and now it goes through.
    expect((await push(s.app, a1.token, [y.m])).results[0]).toMatchObject({ status: 'ok', version: 1 });
    expect((await verifyAllAudit(s.app.store)).breaks).toEqual([]);
  });

  it('keeps the other mutations when the database refuses a write of one, undoing all of that one', async () => {
    const { x, y, z, errors, results } = await applyMiddleBroken(auditTwice);
    expect(results.map((r) => [r.status, r.code])).toEqual([
      ['ok', undefined],
      ['retry', 'server.error'],
      ['ok', undefined],
    ]);
    // The refusal itself, not the "transaction is aborted" of the statements sent after it.
    expect(errors).toEqual([expect.any(UniqueViolation)]);
    expect(await caseRows(x.submission.case.id)).toBe(1);
    expect(await caseRows(y.submission.case.id)).toBe(0);
    expect(await caseRows(z.submission.case.id)).toBe(1);
    expect(await count('SELECT COUNT(*) AS n FROM persons WHERE id = ?', [y.submission.applicant.id])).toBe(0);
    expect(await count('SELECT COUNT(*) AS n FROM changes WHERE case_id = ?', [y.submission.case.id])).toBe(0);
    expect(await applied(y.m.id)).toBe(0);
    expect((await push(s.app, a1.token, [y.m])).results[0]).toMatchObject({ status: 'ok', version: 1 });
    expect((await verifyAllAudit(s.app.store)).breaks).toEqual([]);
  });

  it('falls back to one transaction per mutation when the batch transaction itself is lost', async () => {
    const { x, y, z, errors, results } = await applyMiddleBroken((store, id) =>
      breaking(store, id, () => new TransactionLost(new Error('no such savepoint'))),
    );
    expect(results.map((r) => r.status)).toEqual(['ok', 'retry', 'ok']);
    expect(errors.length).toBe(2); // the batch, then y alone
    expect(await caseRows(x.submission.case.id)).toBe(1);
    expect(await caseRows(y.submission.case.id)).toBe(0);
    expect(await caseRows(z.submission.case.id)).toBe(1);
    expect(await count('SELECT COUNT(*) AS n FROM changes WHERE case_id = ?', [x.submission.case.id])).toBe(1);
  });

  it('answers retry for all when even the commit fails, and stores nothing', async () => {
    const x = await prepared();
    const failing: Store = {
      ...s.app.store,
      transaction: async (work) => {
        await s.app.store.transaction(async (tx) => {
          await work(tx);
          throw new Error('disk I/O error'); // as if COMMIT failed: all of it rolls back
        });
        throw new Error('unreachable');
      },
    };
    const results = await applyBatch([x.m], { store: failing, user: agent, deviceId: 'tablet-1', now: s.clock.now });
    expect(results).toEqual([expect.objectContaining({ id: x.m.id, status: 'retry', code: 'server.error' })]);
    expect(await caseRows(x.submission.case.id)).toBe(0);
    expect(await applied(x.m.id)).toBe(0);
  });

  it('hints live streams only at changes that committed, not at those a savepoint rolled back', async () => {
    const x = await prepared();
    const y = await prepared(); // its new applicant's `person` change is appended, then undone
    const notifier = memoryNotifier();
    const heard: number[] = [];
    notifier.subscribe({ villageCode: a1.user.villageCode! }, (seq) => heard.push(seq));
    const store = notifyingStore(
      breaking(s.app.store, y.submission.case.id, () => new Error('broke')),
      notifier,
    );
    await applyBatch([x.m, y.m], { store, user: agent, deviceId: 'tablet-1', now: s.clock.now });
    const newest = await count('SELECT MAX(seq) AS n FROM changes');
    expect(heard.length).toBeGreaterThan(0);
    expect(Math.max(...heard)).toBe(newest);
  });
});

describe('savepoints (store.transaction → tx.savepoint)', () => {
  it('undo only their own writes, nest, and let the transaction commit the rest', async () => {
    const store = s.app.store;
    await store.transaction(async (tx) => {
      await tx.loginFailures.record('sp-a', 1);
      await tx.savepoint(async () => {
        await tx.loginFailures.record('sp-b', 1);
        await expect(
          tx.savepoint(async () => {
            await tx.loginFailures.record('sp-c', 1);
            throw new Error('inner');
          }),
        ).rejects.toThrow('inner');
        // Inside, the inner savepoint's write is already gone.
        expect(await tx.loginFailures.get('sp-c')).toBeUndefined();
      });
      await expect(
        tx.savepoint(async () => {
          await tx.loginFailures.record('sp-d', 1);
          throw new Error('outer');
        }),
      ).rejects.toThrow('outer');
    });
    expect(await store.loginFailures.get('sp-a')).toBeDefined();
    expect(await store.loginFailures.get('sp-b')).toBeDefined();
    expect(await store.loginFailures.get('sp-c')).toBeUndefined();
    expect(await store.loginFailures.get('sp-d')).toBeUndefined();
  });
});
