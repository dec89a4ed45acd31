// The county admin's desk: users (create, edit, disable, reset a password, sessions) and the
// county's divisions (CSV import). Every route needs an admin; each answers only for the admin's
// own county. The password policy itself is the server's (it holds the common-password list).
import { z } from 'zod';
import { Role } from '../schemas/common';
import { route } from './route-spec';

/** A county (6 digits), township or village (12 digits) code. */
const DivisionCode = z.string().regex(/^\d{6}(\d{6})?$/, '行政区划代码应为 6 位或 12 位数字');

export const Username = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_.-]{3,32}$/, '用户名为 3–32 位字母、数字、点、下划线或连字符');

/** A new password as sent; the server checks the policy (length, common passwords). */
const NewPassword = z.string().min(1, '请输入新密码').max(200, '密码过长');

export const AdminUser = z.object({
  id: z.string().min(1).max(64),
  username: z.string().max(64),
  name: z.string().min(1).max(40),
  role: Role,
  /** The village (agent), township (reviewer) or county (admin) the user is bound to. */
  divisionCode: DivisionCode,
  divisionName: z.string().max(60).optional(),
  disabled: z.boolean(),
  /** A one-time password is set: the user must choose a new one at the next login. */
  mustChangePassword: z.boolean(),
  createdAt: z.number().int(),
  /** Sessions (logged-in devices) still valid. */
  sessions: z.number().int().nonnegative(),
});
export type AdminUser = z.infer<typeof AdminUser>;

export const UsersResponse = z.object({ users: z.array(AdminUser) });
export const UserResponse = z.object({ user: AdminUser });

export const CreateUserRequest = z.object({
  username: Username,
  name: z.string().trim().min(1, '请输入姓名').max(40, '姓名过长'),
  role: Role,
  divisionCode: DivisionCode,
  /** Omitted: the server makes one. Either way it is one-time. */
  password: NewPassword.optional(),
});
export type CreateUserRequest = z.infer<typeof CreateUserRequest>;

/** The one-time password is shown once, to hand to the user; the server keeps only its hash. */
export const OneTimePasswordResponse = z.object({ user: AdminUser, oneTimePassword: z.string().min(1) });
export type OneTimePasswordResponse = z.infer<typeof OneTimePasswordResponse>;

export const UpdateUserRequest = z
  .object({
    name: z.string().trim().min(1, '请输入姓名').max(40, '姓名过长').optional(),
    divisionCode: DivisionCode.optional(),
  })
  .refine((b) => b.name !== undefined || b.divisionCode !== undefined, '没有要修改的内容');

export const ResetPasswordRequest = z.object({ password: NewPassword.optional() });

const UserParams = z.object({ id: z.string().min(1).max(64) });

export const SessionInfo = z.object({
  /** A short handle for revoking it (not the token, not its hash). */
  id: z.string().regex(/^[0-9a-f]{16}$/),
  createdAt: z.number().int(),
  expiresAt: z.number().int(),
  /** Last request of the device (to the minute); absent until it made one after login. */
  lastUsedAt: z.number().int().optional(),
  /** The browser's User-Agent at login, if it sent one. */
  device: z.string().max(200).optional(),
  ip: z.string().max(64).optional(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;
export const SessionsResponse = z.object({ sessions: z.array(SessionInfo) });

export const Division = z.object({
  code: DivisionCode,
  name: z.string().max(60),
  level: z.enum(['county', 'township', 'village']),
  parentCode: z.string().nullable(),
});
export type Division = z.infer<typeof Division>;
export const DivisionsResponse = z.object({ divisions: z.array(Division) });

export const DivisionsImportRequest = z.object({
  /** The file's text (the app decodes UTF-8 or GBK before sending). */
  csv: z.string().max(4_000_000, '文件过大'),
  /** Check only: count and report, write nothing (the screen's preview). */
  dryRun: z.boolean().default(false),
});

export const ImportProblem = z.object({
  line: z.number().int().positive(),
  code: z.string(),
  message: z.string(),
});
export type ImportProblem = z.infer<typeof ImportProblem>;

export const DivisionsImportResponse = z.object({
  townships: z.number().int().nonnegative(),
  villages: z.number().int().nonnegative(),
  created: z.number().int().nonnegative(),
  updated: z.number().int().nonnegative(),
  errors: z.array(ImportProblem),
  /** False for a dry run; an import with errors is refused (422) and writes nothing. */
  applied: z.boolean(),
});
export type DivisionsImportResponse = z.infer<typeof DivisionsImportResponse>;

export const ADMIN_ROUTES = {
  users: route({ method: 'GET', path: '/api/admin/users', response: UsersResponse }),
  createUser: route({
    method: 'POST',
    path: '/api/admin/users',
    body: CreateUserRequest,
    response: OneTimePasswordResponse,
  }),
  updateUser: route({
    method: 'PATCH',
    path: '/api/admin/users/:id',
    params: UserParams,
    body: UpdateUserRequest,
    response: UserResponse,
  }),
  disableUser: route({
    method: 'POST',
    path: '/api/admin/users/:id/disable',
    params: UserParams,
    response: UserResponse,
  }),
  enableUser: route({
    method: 'POST',
    path: '/api/admin/users/:id/enable',
    params: UserParams,
    response: UserResponse,
  }),
  resetPassword: route({
    method: 'POST',
    path: '/api/admin/users/:id/password',
    params: UserParams,
    body: ResetPasswordRequest,
    response: OneTimePasswordResponse,
  }),
  sessions: route({
    method: 'GET',
    path: '/api/admin/users/:id/sessions',
    params: UserParams,
    response: SessionsResponse,
  }),
  revokeSession: route({
    method: 'POST',
    path: '/api/admin/users/:id/sessions/:sessionId/revoke',
    params: UserParams.extend({ sessionId: z.string().regex(/^[0-9a-f]{16}$/) }),
    response: null,
  }),
  /** Ends every session of the user (each device is told auth.revoked and wipes after pushing). */
  revokeAllSessions: route({
    method: 'POST',
    path: '/api/admin/users/:id/sessions/revoke-all',
    params: UserParams,
    response: z.object({ ended: z.number().int().nonnegative() }),
  }),
  divisions: route({ method: 'GET', path: '/api/admin/divisions', response: DivisionsResponse }),
  importDivisions: route({
    method: 'POST',
    path: '/api/admin/divisions/import',
    body: DivisionsImportRequest,
    response: DivisionsImportResponse,
  }),
} as const;
