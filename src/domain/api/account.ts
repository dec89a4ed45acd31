// POST /api/auth/password: one's own password; POST /api/auth/logout-all: sign out everywhere. Apart from auth.ts so the first screen (login)
// does not carry it; the change-password screen is its own chunk.
import { z } from 'zod';
import { MeResponse } from './auth';
import { route } from './route-spec';

export const ChangePasswordRequest = z.object({
  currentPassword: z.string().min(1, '请输入当前密码').max(200, '密码过长'),
  newPassword: z.string().min(1, '请输入新密码').max(200, '密码过长'),
});

export const ACCOUNT_ROUTES = {
  /** Own password (needs the current one); ends the user's other sessions. */
  changePassword: route({
    method: 'POST',
    path: '/api/auth/password',
    body: ChangePasswordRequest,
    response: MeResponse,
  }),
  /** Revokes every session of the user, this one included: each device is told (auth.revoked) at
   *  its next contact, pushes what it still holds, and wipes the user's data. */
  logoutAll: route({
    method: 'POST',
    path: '/api/auth/logout-all',
    response: z.object({ ended: z.number().int().nonnegative() }),
  }),
} as const;
