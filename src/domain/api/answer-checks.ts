// Hand-written checks of the answers the first screen's login reads: the login answer and an error
// body. They accept exactly what the contract's zod schemas accept (LoginResponse in auth.ts,
// ApiError in errors.ts) and return the same output (unknown keys dropped), so the login path
// carries no classic zod (~26 KB gzip). tests/unit/net/answer-checks.test.ts runs both over valid
// and broken answers and asserts they agree; change a schema and its check together.
import type { LoginResponse, SessionUser } from './auth';
import type { ApiError } from './errors';

/** A check's verdict: the output, or where the answer is wrong (the client's protocol details). */
export interface CheckIssue {
  path: string;
  message: string;
}
export type Checked<T> = { success: true; data: T } | { success: false; issues: readonly unknown[] };

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);
/** Length in Unicode code points, as zod measures strings (a lone surrogate counts as one). */
const codePoints = (s: string) => [...s].length;

/** The issues of one object's fields, with checks of a (bounded, patterned) string field. */
function fields(input: Obj, at: string) {
  const issues: CheckIssue[] = [];
  const fail = (key: string) => issues.push({ path: at + key, message: 'invalid' });
  const str = (key: string, min: number, max: number, pattern?: RegExp) => {
    const v = input[key];
    if (!isString(v) || codePoints(v) < min || codePoints(v) > max || (pattern && !pattern.test(v))) fail(key);
  };
  const optStr = (key: string, max: number, pattern?: RegExp) => {
    if (input[key] !== undefined) str(key, 0, max, pattern);
  };
  return { issues, fail, str, optStr };
}

const ROLES: readonly unknown[] = ['agent', 'reviewer', 'admin'];
const USER_OPTIONAL = [
  'username',
  'villageCode',
  'villageName',
  'townshipCode',
  'townshipName',
  'countyCode',
  'countyName',
  'mustChangePassword',
] as const;

function checkUser(input: unknown, at: string, issues: CheckIssue[]): SessionUser | undefined {
  if (!isObject(input)) {
    issues.push({ path: at, message: 'expected object' });
    return undefined;
  }
  const f = fields(input, at + '.');
  f.str('id', 1, 64);
  f.optStr('username', 64);
  f.str('name', 1, 40);
  if (!ROLES.includes(input.role)) f.fail('role');
  f.optStr('villageCode', Infinity, /^\d{12}$/);
  f.optStr('villageName', 60);
  f.optStr('townshipCode', Infinity, /^\d{6,12}$/);
  f.optStr('townshipName', 60);
  f.optStr('countyCode', 12);
  f.optStr('countyName', 60);
  if (input.mustChangePassword !== undefined && input.mustChangePassword !== true) f.fail('mustChangePassword');
  issues.push(...f.issues);
  if (f.issues.length) return undefined;
  const user: Obj = { id: input.id, name: input.name, role: input.role };
  for (const key of USER_OPTIONAL) if (key in input) user[key] = input[key];
  return user as SessionUser;
}

/** Same as `LoginResponse.safeParse(data)`. */
export function checkLoginResponse(data: unknown): Checked<LoginResponse> {
  if (!isObject(data)) return { success: false, issues: [{ path: '', message: 'expected object' }] };
  const f = fields(data, '');
  f.str('token', 1, Infinity);
  if (!isInt(data.expiresAt)) f.fail('expiresAt');
  const user = checkUser(data.user, 'user', f.issues);
  if (f.issues.length || !user) return { success: false, issues: f.issues };
  return { success: true, data: { token: data.token as string, user, expiresAt: data.expiresAt as number } };
}

/** Same as `ApiError.safeParse(data)`. */
export function checkApiError(data: unknown): Checked<ApiError> {
  if (!isObject(data) || !isString(data.code) || !isString(data.message))
    return { success: false, issues: [{ path: '', message: 'expected an error body' }] };
  const body: ApiError = { code: data.code, message: data.message };
  if ('details' in data) body.details = data.details;
  return { success: true, data: body };
}
