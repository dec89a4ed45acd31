// Account administration for one county, shared by the admin routes and the command-line tool:
// create, edit, disable and enable users, reset a password (one-time), list and end sessions.
// Each change and its audit event are one transaction; password hashing happens before it.
import { createHash } from 'node:crypto';
import { countyOf, townshipOf, uuidv7, type Actor, type Role } from '../../domain';
import type { AdminUser, CreateUserRequest, SessionInfo } from '../../domain/api';
import { hashPassword } from '../auth/password';
import { checkPassword, oneTimePassword } from '../auth/password-policy';
import { badRequest, conflict, notFound } from '../http/errors';
import type { DivisionRecord, Repositories, Store, UserRecord } from '../store';
import { auditAdmin } from './audit';

export interface AdminContext {
  /** Who acts: the admin, or the system for the command-line tool. */
  actor: Actor;
  /** The county whose users may be touched. */
  countyCode: string;
  now: number;
  passwordCost: number;
}

const ROLE_LEVEL: Record<Role, DivisionRecord['level']> = { agent: 'village', reviewer: 'township', admin: 'county' };
const ROLE_NAMES: Record<Role, string> = { agent: '代办员', reviewer: '乡镇审核员', admin: '县级管理员' };
const LEVEL_NAMES: Record<DivisionRecord['level'], string> = {
  village: '村（社区）',
  township: '乡镇',
  county: '县（市、区）',
};

/** The division a user is bound to: village, township or county by role. */
export const divisionCodeOf = (u: Pick<UserRecord, 'role' | 'villageCode' | 'townshipCode' | 'countyCode'>) =>
  (u.role === 'agent' ? u.villageCode : u.role === 'reviewer' ? u.townshipCode : null) ?? u.countyCode;

/** The user's scope columns for a role bound to a division of the admin's county. */
async function placement(tx: Repositories, ctx: AdminContext, role: Role, code: string) {
  const division = await tx.divisions.get(code);
  if (!division || countyOf(code) !== ctx.countyCode)
    throw badRequest('user.division_unknown', `本县没有代码为 ${code} 的行政区划，请先导入乡镇和村`);
  if (division.level !== ROLE_LEVEL[role])
    throw badRequest(
      'user.scope_mismatch',
      `${ROLE_NAMES[role]}应绑定到${LEVEL_NAMES[ROLE_LEVEL[role]]}，${division.name}是${LEVEL_NAMES[division.level]}`,
    );
  return {
    villageCode: role === 'agent' ? code : null,
    townshipCode: role === 'agent' ? townshipOf(code) : role === 'reviewer' ? code : null,
    countyCode: countyOf(code),
  };
}

async function userInScope(tx: Repositories, ctx: AdminContext, id: string): Promise<UserRecord> {
  const u = await tx.users.get(id);
  // Another county's user answers like a missing one.
  if (!u || u.countyCode !== ctx.countyCode) throw notFound('user.not_found', '找不到该用户');
  return u;
}

/** A session's handle for the admin: not a token, not a stored hash. */
export const sessionHandle = (sessionId: string) =>
  createHash('sha256').update(`session:${sessionId}`).digest('hex').slice(0, 16);

export async function toAdminUser(store: Repositories, u: UserRecord, now: number): Promise<AdminUser> {
  const code = divisionCodeOf(u);
  const division = await store.divisions.get(code);
  const out: AdminUser = {
    id: u.id,
    username: u.username,
    name: u.name,
    role: u.role,
    divisionCode: code,
    disabled: u.disabledAt !== null,
    mustChangePassword: u.mustChangePassword,
    createdAt: u.createdAt,
    sessions: (await store.sessions.forUser(u.id, now)).length,
  };
  if (division) out.divisionName = division.name;
  return out;
}

export async function listUsers(store: Store, ctx: AdminContext): Promise<AdminUser[]> {
  const users = await store.users.inCounty(ctx.countyCode);
  return Promise.all(users.map((u) => toAdminUser(store, u, ctx.now)));
}

export interface NewUser extends CreateUserRequest {
  /** False only when the operator chose the password on the command line. Default true. */
  oneTime?: boolean;
}

export async function createUser(store: Store, ctx: AdminContext, input: NewUser) {
  const password = input.password ?? oneTimePassword(input.username);
  checkPassword(password, input.username);
  const passwordHash = await hashPassword(password, ctx.passwordCost);
  const user = await store.transaction(async (tx) => {
    if (await tx.users.byUsername(input.username))
      throw conflict('user.username_taken', `用户名 ${input.username} 已被使用`);
    const u: UserRecord = {
      id: uuidv7(ctx.now),
      username: input.username,
      name: input.name,
      role: input.role,
      ...(await placement(tx, ctx, input.role, input.divisionCode)),
      passwordHash,
      createdAt: ctx.now,
      disabledAt: null,
      mustChangePassword: input.oneTime ?? true,
    };
    await tx.users.insert(u);
    await auditAdmin(
      tx,
      ctx.actor,
      {
        entity: 'user',
        entityId: u.id,
        action: 'user-create',
        detail: `${u.username} ${u.role} ${input.divisionCode}`,
      },
      ctx.now,
    );
    return toAdminUser(tx, u, ctx.now);
  });
  return { user, oneTimePassword: password };
}

export async function updateUser(
  store: Store,
  ctx: AdminContext,
  id: string,
  change: { name?: string | undefined; divisionCode?: string | undefined },
): Promise<AdminUser> {
  return store.transaction(async (tx) => {
    const u = await userInScope(tx, ctx, id);
    const next: UserRecord = { ...u, name: change.name ?? u.name };
    if (change.divisionCode !== undefined) Object.assign(next, await placement(tx, ctx, u.role, change.divisionCode));
    await tx.users.update(next);
    const what = [
      change.name !== undefined && change.name !== u.name ? `姓名 ${u.name} → ${next.name}` : '',
      divisionCodeOf(next) !== divisionCodeOf(u) ? `辖区 ${divisionCodeOf(u)} → ${divisionCodeOf(next)}` : '',
    ].filter(Boolean);
    await auditAdmin(
      tx,
      ctx.actor,
      { entity: 'user', entityId: u.id, action: 'user-edit', detail: what.join('；') || '无变化' },
      ctx.now,
    );
    return toAdminUser(tx, next, ctx.now);
  });
}

/** Disabling ends every session at once: the next request with any of its tokens gets 401. */
export async function setDisabled(store: Store, ctx: AdminContext, id: string, disabled: boolean): Promise<AdminUser> {
  return store.transaction(async (tx) => {
    const u = await userInScope(tx, ctx, id);
    if (disabled && ctx.actor.id === u.id) throw badRequest('user.self', '不能停用自己的账号');
    const next: UserRecord = { ...u, disabledAt: disabled ? (u.disabledAt ?? ctx.now) : null };
    await tx.users.update(next);
    const ended = disabled ? await tx.sessions.revokeForUser(u.id, ctx.now, 'disabled') : 0;
    await auditAdmin(
      tx,
      ctx.actor,
      {
        entity: 'user',
        entityId: u.id,
        action: disabled ? 'user-disable' : 'user-enable',
        ...(disabled && { detail: `结束会话 ${ended} 个` }),
      },
      ctx.now,
    );
    return toAdminUser(tx, next, ctx.now);
  });
}

/** A new one-time password (given or made); the user's sessions end. */
export async function resetPassword(store: Store, ctx: AdminContext, id: string, given?: string, oneTime = true) {
  const target = await userInScope(store, ctx, id);
  const password = given ?? oneTimePassword(target.username);
  checkPassword(password, target.username);
  const passwordHash = await hashPassword(password, ctx.passwordCost);
  const user = await store.transaction(async (tx) => {
    const u = await userInScope(tx, ctx, id);
    const next: UserRecord = { ...u, passwordHash, mustChangePassword: oneTime };
    await tx.users.update(next);
    const ended = await tx.sessions.revokeForUser(u.id, ctx.now, 'password');
    await auditAdmin(
      tx,
      ctx.actor,
      { entity: 'user', entityId: u.id, action: 'password-reset', detail: `结束会话 ${ended} 个` },
      ctx.now,
    );
    return toAdminUser(tx, next, ctx.now);
  });
  return { user, oneTimePassword: password };
}

export async function listSessions(store: Store, ctx: AdminContext, id: string): Promise<SessionInfo[]> {
  const u = await userInScope(store, ctx, id);
  return (await store.sessions.forUser(u.id, ctx.now)).map((s) => {
    const info: SessionInfo = { id: sessionHandle(s.sessionId), createdAt: s.createdAt, expiresAt: s.expiresAt };
    if (s.lastUsedAt !== null) info.lastUsedAt = s.lastUsedAt;
    if (s.device) info.device = s.device;
    if (s.ip) info.ip = s.ip;
    return info;
  });
}

export async function revokeSession(store: Store, ctx: AdminContext, id: string, sessionId: string): Promise<void> {
  await store.transaction(async (tx) => {
    const u = await userInScope(tx, ctx, id);
    const session = (await tx.sessions.forUser(u.id, ctx.now)).find((s) => sessionHandle(s.sessionId) === sessionId);
    if (!session) throw notFound('session.not_found', '找不到该会话，可能已经结束');
    // Kept as revoked, not deleted: at its next contact the device is told (auth.revoked), pushes
    // what it still holds, then wipes the user's data.
    await tx.sessions.revoke(session.sessionId, ctx.now, 'admin');
    await auditAdmin(
      tx,
      ctx.actor,
      { entity: 'session', entityId: u.id, action: 'session-revoke', detail: `${sessionId} ${session.device ?? ''}` },
      ctx.now,
    );
  });
}

/** Ends every session of the user (the admin's "结束全部登录"); resolves to the number ended. */
export async function revokeAllSessions(store: Store, ctx: AdminContext, id: string): Promise<number> {
  return store.transaction(async (tx) => {
    const u = await userInScope(tx, ctx, id);
    const ended = await tx.sessions.revokeForUser(u.id, ctx.now, 'admin');
    await auditAdmin(
      tx,
      ctx.actor,
      { entity: 'session', entityId: u.id, action: 'session-revoke-all', detail: `结束会话 ${ended} 个` },
      ctx.now,
    );
    return ended;
  });
}
