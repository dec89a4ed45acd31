// Applies pushed mutations exactly once. A push's batch is one write transaction, each mutation in
// its own savepoint: the idempotency check, the change itself, its change feed rows, its audit
// events and the applied_mutations row commit together, so a replay (lost response, second tablet
// tab, concurrent drain) finds the stored result instead; a mutation that is refused or fails
// undoes only its own savepoint, and the others keep their results. One commit per push, not per
// mutation, is what makes a 50-mutation batch cheap (one fsync).
import { chinaDate, type Mutation, type PushResult, type ServiceItem } from '../../domain';
import type { AuthUser } from '../auth/user';
import type { DivisionRecord, Repositories, Store, Transaction } from '../store';
import { TransactionLost } from '../store/savepoint';
import { UniqueViolation } from '../store/sql';
import type { MutationContext } from './context';
import { Rejected } from '../cases';
import { RetryLater } from './outcome';
import { applyResubmit, applySubmit } from './mutations/submission';
import { applyWithdraw } from './mutations/withdraw';
import { applySupply } from './mutations/supply';
import { applyRating } from './mutations/rate';

function handle(ctx: MutationContext, m: Mutation): Promise<PushResult> {
  switch (m.kind) {
    case 'case.submit':
      return applySubmit(ctx, m);
    case 'case.resubmit':
      return applyResubmit(ctx, m);
    case 'case.withdraw':
      return applyWithdraw(ctx, m);
    case 'tolerance.supply':
      return applySupply(ctx, m);
    case 'rating.create':
      return applyRating(ctx, m);
  }
}

export interface ApplyOptions {
  store: Store;
  user: AuthUser;
  deviceId: string;
  now: number;
  log?: (error: unknown) => void;
}

/** A stored result, or a conflict when someone else's mutation already used this id. */
function replay(stored: { userId: string; result: PushResult }, user: AuthUser, id: string): PushResult {
  if (stored.userId === user.id) return stored.result;
  return { id, status: 'rejected', code: 'mutation.id_conflict', message: '操作编号冲突，请联系管理员' };
}

const serverError = (id: string): PushResult => ({
  id,
  status: 'retry',
  code: 'server.error',
  message: '乡镇服务器暂时无法处理，稍后会自动重试',
});

/** What a mutation came to inside the batch: a result, or "someone else stored this id first". */
type Attempt = PushResult | { lookUp: unknown };

function record(tx: Transaction, m: Mutation, o: ApplyOptions, result: PushResult) {
  return tx.mutations.insert({
    mutationId: m.id,
    deviceId: m.deviceId,
    userId: o.user.id,
    kind: m.kind,
    result,
    appliedAt: o.now,
  });
}

/** Stores `result` unless the id is known already (then that stored answer wins). */
async function once(tx: Transaction, m: Mutation, o: ApplyOptions, result: () => Promise<PushResult>) {
  const stored = await tx.mutations.get(m.id);
  if (stored) return replay(stored, o.user, m.id);
  const r = await result();
  await record(tx, m, o, r);
  return r;
}

/** A savepoint's failure that is not the transaction's: turned into the mutation's result. */
function failed(m: Mutation, error: unknown, o: ApplyOptions): Attempt {
  if (error instanceof TransactionLost) throw error;
  if (error instanceof RetryLater) {
    const result: PushResult = { id: m.id, status: 'retry', code: error.code, message: error.message };
    if (error.missingBlobs) result.missingBlobs = error.missingBlobs;
    return result;
  }
  // Another process (a PostgreSQL deployment) applied the same id first: its result is read after commit.
  if (error instanceof UniqueViolation) return { lookUp: error };
  o.log?.(error);
  return serverError(m.id);
}

/** `read` once per key: later calls get the same answer (the same object). A failed read is
 *  not kept: it may be a mutation's savepoint failing, which the next mutation does not share. */
function memo<T>(): (key: string, read: () => Promise<T>) => Promise<T> {
  const seen = new Map<string, Promise<T>>();
  return (key, read) => {
    let answer = seen.get(key);
    if (!answer) {
      answer = read();
      seen.set(key, answer);
      answer.catch(() => seen.delete(key));
    }
    return answer;
  };
}

/**
 * The catalogue and the county division lists as one batch reads them: each item, version and
 * list is read (and parsed) once per push, not once per mutation. Sound inside the batch's
 * transaction: no push mutation writes the catalogue or the divisions, and a write transaction
 * sees no other writer's commits.
 */
function batchReads(tx: Transaction): Repositories {
  const { catalog, divisions } = tx;
  const item = memo<ServiceItem | undefined>();
  const county = memo<DivisionRecord[]>();
  return {
    ...tx,
    catalog: {
      ...catalog,
      get: (code) => item(`current:${code}`, () => catalog.get(code)),
      version: (code, version) => item(`${version}:${code}`, () => catalog.version(code, version)),
    },
    divisions: { ...divisions, inCounty: (code) => county(code, () => divisions.inCounty(code)) },
  };
}

/** One mutation in the batch's transaction, in its own savepoint. */
async function attempt(tx: Transaction, repos: Repositories, m: Mutation, o: ApplyOptions): Promise<Attempt> {
  const ctx = { tx: repos, user: o.user, deviceId: o.deviceId, now: o.now, today: chinaDate(o.now) };
  try {
    return await tx.savepoint(() => once(tx, m, o, () => handle(ctx, m)));
  } catch (error) {
    if (!(error instanceof Rejected)) return failed(m, error, o);
    // The attempt rolled back; the refusal itself is stored so a replay gets the same answer.
    const refusal: PushResult = { id: m.id, status: 'rejected', code: error.code, message: error.message };
    try {
      return await tx.savepoint(() => once(tx, m, o, async () => refusal));
    } catch (again) {
      return failed(m, again, o);
    }
  }
}

async function settle(a: Attempt, m: Mutation, o: ApplyOptions): Promise<PushResult> {
  if (!('lookUp' in a)) return a;
  const stored = await o.store.mutations.get(m.id);
  if (stored) return replay(stored, o.user, m.id);
  o.log?.(a.lookUp);
  return serverError(m.id);
}

/**
 * Applies a push's mutations in order (a later one may depend on an earlier: submit, then
 * withdraw) in one transaction; resolves to one result per mutation, in order, once committed.
 */
export async function applyBatch(mutations: readonly Mutation[], o: ApplyOptions): Promise<PushResult[]> {
  let attempts: Attempt[];
  try {
    attempts = await o.store.transaction(async (tx) => {
      const out: Attempt[] = [];
      const repos = batchReads(tx);
      for (const m of mutations) out.push(await attempt(tx, repos, m, o));
      return out;
    });
  } catch (error) {
    // The transaction itself failed (its commit, a savepoint it could not roll back, the
    // connection): none of it stands. Each mutation then gets a transaction of its own, so one
    // that breaks transactions cannot cost the others their results.
    o.log?.(error);
    if (mutations.length === 1) return [serverError(mutations[0]!.id)];
    const results: PushResult[] = [];
    for (const m of mutations) results.push(...(await applyBatch([m], o)));
    return results;
  }
  const results: PushResult[] = [];
  for (const [i, a] of attempts.entries()) results.push(await settle(a, mutations[i]!, o));
  return results;
}

/** One mutation in a transaction of its own. */
export async function applyMutation(m: Mutation, o: ApplyOptions): Promise<PushResult> {
  return (await applyBatch([m], o))[0]!;
}
