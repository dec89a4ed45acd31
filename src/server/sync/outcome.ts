// How a mutation handler says "no": thrown, so the transaction rolls back whatever it began.
// Rejected results are final and stored (a replay returns them again); retry results are not.
import type { PushResult } from '../../domain';

export class Rejected extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = 'Rejected';
  }
}

export class RetryLater extends Error {
  constructor(readonly code: string, message: string, readonly missingBlobs?: string[]) {
    super(message);
    this.name = 'RetryLater';
  }
}

export const okResult = (id: string, version: number): PushResult => ({ id, status: 'ok', version });
