// Changing one's own password; loaded with the change-password screen (not the first screen).
import { saveSession } from '../storage';
import { ACCOUNT_ROUTES } from '../domain/api/account';
import { RequestError } from '../net';
import type { AppState } from './app-state';
import { rewrapAfterPasswordChange } from './device-key';

/**
 * Changes the user's own password (online). Clears the one-time flag on the stored session, so
 * the app (and sync) opens normally; the server ends the user's other sessions.
 */
export async function changePassword(state: AppState, currentPassword: string, newPassword: string): Promise<void> {
  const session = state.session.value;
  if (!session) throw new RequestError('auth', { code: 'auth.no_session', message: '请先登录' });
  const { user } = await state.api.call(ACCOUNT_ROUTES.changePassword, { body: { currentPassword, newPassword } });
  await rewrapAfterPasswordChange(newPassword);
  const next = { ...session, user };
  await saveSession(next);
  state.session.value = next;
}
