// A savepoint inside an open write transaction, in SQL both SQLite and PostgreSQL run as written:
// SAVEPOINT, then RELEASE when the work resolves, or ROLLBACK TO + RELEASE when it throws — only
// the work's own writes are undone and the transaction goes on (on PostgreSQL this also clears the
// "transaction is aborted" state a failed statement leaves). The error is thrown again.
import type { Sql } from './sql';

/** A savepoint could not be ended: the whole transaction is gone, and its caller must not go on. */
export class TransactionLost extends Error {
  constructor(
    readonly reason: unknown,
    /** What the savepoint's work threw, if that is what started it. */
    readonly during?: unknown,
  ) {
    super(`transaction lost: ${reason instanceof Error ? reason.message : String(reason)}`);
    this.name = 'TransactionLost';
  }
}

/**
 * Savepoints of one transaction, named by depth (sp1, sp2 …: nested ones stay distinct, and the
 * same few statements are prepared again and again). Make one per transaction.
 */
export function savepoints(tx: Sql): <T>(work: () => Promise<T>) => Promise<T> {
  let depth = 0;
  return async (work) => {
    const name = `sp${++depth}`;
    try {
      // Sent without waiting (PostgreSQL pipelines it): its failure, if any, is the work's.
      await tx.write(`SAVEPOINT ${name}`);
      let result;
      try {
        result = await work();
        // The work's writes not yet answered (PostgreSQL) fail inside the savepoint, not after it.
        await tx.settle();
      } catch (error) {
        try {
          await tx.settle().catch(() => undefined); // what the rollback below undoes anyway
          await tx.run(`ROLLBACK TO SAVEPOINT ${name}`);
          await tx.run(`RELEASE SAVEPOINT ${name}`);
        } catch (lost) {
          // SQLite rolls the whole transaction back on some errors (disk full, I/O): nothing is left.
          throw new TransactionLost(lost, error);
        }
        throw error;
      }
      try {
        await tx.run(`RELEASE SAVEPOINT ${name}`);
      } catch (lost) {
        throw new TransactionLost(lost);
      }
      return result;
    } finally {
      depth--;
    }
  };
}
