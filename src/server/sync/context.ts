// What every mutation handler receives: the transaction's repositories, the caller, and the time.
import type { AuthUser } from '../auth/user';
import type { Repositories } from '../store';

export interface MutationContext {
  tx: Repositories;
  user: AuthUser;
  deviceId: string;
  /** Server time (ms) of this push: the receipt time recorded on the case. */
  now: number;
  /** Beijing calendar date of `now`. */
  today: string;
}
