// "退出所有设备": the server revokes every session of the user (each other device is told at its
// next contact, delivers its queued work, then wipes); this device then wipes like a logout.
// Its own chunk's import (the settings screen), so the account routes stay out of the first screen.
import { ACCOUNT_ROUTES } from '../domain/api/account';
import type { AppState } from './app-state';
import { endLocalSession } from './session-actions';

/** Needs the network; throws a RequestError with a Chinese message otherwise (nothing is wiped). */
export async function signOutEverywhere(state: AppState): Promise<number> {
  // Send what this device still holds first (the warning before told how much that is).
  await state.deps.syncNow?.().catch(() => undefined);
  const { ended } = await state.api.call(ACCOUNT_ROUTES.logoutAll, {});
  await endLocalSession(state);
  return ended;
}
