// How a mutation handler says "not now": thrown, so the transaction rolls back whatever it began.
// Retry results are not stored; Rejected (../cases/rejected.ts) results are final and stored (a
// replay returns them again).
import type { PushResult } from '../../domain';

export class RetryLater extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly missingBlobs?: string[],
  ) {
    super(message);
    this.name = 'RetryLater';
  }
}

export const okResult = (id: string, version: number): PushResult => ({ id, status: 'ok', version });
