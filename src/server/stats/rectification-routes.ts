// 差评整改: GET /api/rectifications (township / county desk) and
// POST /api/rectifications/:id/close { callbackNote } — closed after the call-back (回访).
// Closing is idempotent: a retry after a dropped answer returns the closed item unchanged.
import type { FastifyInstance } from 'fastify';
import { chinaDate, Rectification, uuidv7, type AuditEvent } from '../../domain';
import { API, type RectificationView } from '../../domain/api';
import { deadlineStatus } from '../../domain/calendar';
import { currentUser, requireRole, visibilityOf, canSee } from '../auth/user';
import { notFound } from '../http/errors';
import { serve } from '../http/route';
import { repositories } from '../store/sql-store';
import { getRectification, listRectifications, saveClosedRectification, type RectificationRow } from './queries';
import type { StatsRoutesOptions } from './routes';


const view = (r: RectificationRow, today: string): RectificationView => {
  const { townshipCode: _t, countyCode: _c, ...rest } = r;
  return r.rectification.status === 'open' ? { ...rest, deadline: deadlineStatus(r.rectification.dueBy, today) } : rest;
};

export async function rectificationRoutes(app: FastifyInstance, opts: StatsRoutesOptions): Promise<void> {
  const now = opts.now ?? Date.now;

  serve(app, API.rectifications, async ({ query: q, request }) => {
    const user = currentUser(request);
    requireRole(user, 'reviewer', 'admin');
    const today = chinaDate(now());
    const rows = await listRectifications(opts.db, visibilityOf(user), q.status);
    return { today, items: rows.map((r) => view(r, today)) };
  });

  serve(app, API.closeRectification, async ({ params: { id }, body: { callbackNote }, request }) => {
    const user = currentUser(request);
    requireRole(user, 'reviewer', 'admin');
    const at = now();
    const row = await opts.db.transaction(async (tx) => {
      const found = await getRectification(tx, id);
      // Out of scope answers like a missing one: no hint that it exists elsewhere.
      if (!found || !canSee(user, found)) throw notFound('rectification.not_found', '找不到这条整改');
      if (found.rectification.status === 'closed') return found;
      const closed = Rectification.parse({ ...found.rectification, status: 'closed', callbackNote, closedAt: at });
      await saveClosedRectification(tx, closed, at);
      const repos = repositories(tx);
      const audit: AuditEvent = {
        id: uuidv7(at), entity: 'rectification', entityId: closed.id, caseId: closed.caseId, action: 'rectification-close',
        from: 'open', to: 'closed', actor: { role: user.role, id: user.id }, at, detail: callbackNote,
      };
      await repos.audit.insert(audit);
      await repos.changes.append(
        { villageCode: found.villageCode, townshipCode: found.townshipCode, countyCode: found.countyCode },
        { type: 'rectification', caseId: closed.caseId, rectification: closed },
        at,
      );
      return { ...found, rectification: closed };
    });
    return { rectification: view(row, chinaDate(at)) };
  });
}
