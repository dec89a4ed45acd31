// Checks shared by the handlers that touch an existing case (push mutations, review), and the
// scope a case's change rows are addressed to.
import type { CaseRecord, Repositories, Scope } from '../store';
import { canSee, type AuthUser } from '../auth/user';
import { Rejected } from './rejected';

/** The caller and the transaction a check runs in (a push's MutationContext is one). */
export interface CaseContext {
  tx: Repositories;
  user: AuthUser;
}

export function requireAgent(ctx: Pick<CaseContext, 'user'>): void {
  if (ctx.user.role !== 'agent') throw new Rejected('auth.role', '只有代办员可以提交和修改办件');
}

export async function loadOwnCase(ctx: CaseContext, caseId: string): Promise<CaseRecord> {
  requireAgent(ctx);
  const found = await ctx.tx.cases.get(caseId);
  if (!found) throw new Rejected('case.not_found', '乡镇服务器上没有这个办件，请先提交办件');
  if (!canSee(ctx.user, found)) throw new Rejected('scope.forbidden', '不能操作其他村的办件');
  return found;
}

/** Optimistic concurrency: the agent's copy must be the server's current version. */
export function requireCurrentVersion(c: CaseRecord, baseVersion: number): void {
  if (baseVersion !== c.version) {
    throw new Rejected(
      'version.stale',
      `乡镇已更新了这个办件（服务器版本 ${c.version}，本机依据的版本 ${baseVersion}），请先同步最新状态，核对后再操作`,
    );
  }
}

export const caseScope = (c: Pick<CaseRecord, 'villageCode' | 'townshipCode' | 'countyCode'>): Scope => ({
  villageCode: c.villageCode,
  townshipCode: c.townshipCode,
  countyCode: c.countyCode,
});
