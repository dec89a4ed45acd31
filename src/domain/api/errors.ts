// Error body of every API failure: a stable code for programs, a Chinese message for people.
import { z } from 'zod';

export const ApiError = z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() });
export type ApiError = z.infer<typeof ApiError>;

/** Codes a client acts on (others are shown as they come). */
export const ERROR_CODES = {
  versionUnsupported: 'version.unsupported',
  authInvalid: 'auth.invalid_token',
  authRequired: 'auth.required',
  badCredentials: 'auth.bad_credentials',
  requestInvalid: 'request.invalid',
  offsetMismatch: 'blob.offset_mismatch',
} as const;
