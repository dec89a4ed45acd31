// The authenticated caller and what it may see. Every route derives scope from here.
import type { FastifyRequest } from 'fastify';
import type { Role } from '../../domain';
import type { CaseRecord, UserRecord, Visibility } from '../store';
import { ApiFailure, forbidden, unauthorized } from '../http/errors';

/** A user as routes see it: the stored record without its secrets. */
export type AuthUser = Omit<UserRecord, 'passwordHash' | 'createdAt' | 'disabledAt'>;

declare module 'fastify' {
  interface FastifyRequest {
    authUser: AuthUser | null;
  }
}

export const toAuthUser = (u: UserRecord): AuthUser => ({
  id: u.id,
  username: u.username,
  name: u.name,
  role: u.role,
  villageCode: u.villageCode,
  townshipCode: u.townshipCode,
  countyCode: u.countyCode,
  mustChangePassword: u.mustChangePassword,
});

export function currentUser(request: FastifyRequest): AuthUser {
  if (!request.authUser) throw unauthorized();
  return request.authUser;
}

export function requireRole(user: AuthUser, ...roles: Role[]): void {
  if (!roles.includes(user.role)) throw forbidden('当前账号无权进行此操作');
}

/** agent → own village; reviewer → own township; admin → the county. */
export function visibilityOf(user: AuthUser): Visibility {
  if (user.role === 'agent' && user.villageCode) return { villageCode: user.villageCode };
  if (user.role === 'reviewer' && user.townshipCode) return { townshipCode: user.townshipCode };
  if (user.role === 'admin') return { countyCode: user.countyCode };
  throw new ApiFailure(403, 'scope.unassigned', '账号未分配辖区，请联系管理员');
}

export function canSee(user: AuthUser, c: Pick<CaseRecord, 'villageCode' | 'townshipCode' | 'countyCode'>): boolean {
  const v = visibilityOf(user);
  if ('villageCode' in v) return c.villageCode === v.villageCode;
  if ('townshipCode' in v) return c.townshipCode === v.townshipCode;
  return c.countyCode === v.countyCode;
}
