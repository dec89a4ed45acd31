// Error body of every API failure: a stable code for programs, a Chinese message for people.
// The codes live in error-codes.ts (zod-free, for the HTTP client); the client checks an error
// body with checkApiError (answer-checks.ts), which tests/unit/net/answer-checks.test.ts holds
// equal to this schema.
import { z } from 'zod';

export const ApiError = z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() });
export type ApiError = z.infer<typeof ApiError>;

export { ERROR_CODE_HEADER, ERROR_CODES } from './error-codes';
