// The session kept on the device after login (token + user), so the agent keeps working offline.
// The login itself is in login-request.ts (no classic zod on the first screen's login path).
import { z } from 'zod';
import { SessionUser } from '../domain/api/auth';

export const Session = z.object({
  token: z.string().min(1),
  user: SessionUser,
  loggedInAt: z.number().int().nonnegative(),
  /** When the server stops accepting the token (the agent keeps working offline; sync asks to log in). */
  expiresAt: z.number().int().optional(),
  /** Server time the token was issued by rotation (X-Session-Token); a newer one replaces it. */
  tokenIssuedAt: z.number().int().optional(),
});
export type Session = z.infer<typeof Session>;
