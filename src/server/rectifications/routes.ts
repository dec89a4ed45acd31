// 差评整改: GET /api/rectifications (township / county desk) and
// POST /api/rectifications/:id/close { callbackNote } — closed after the call-back (回访).
// Closing is idempotent: a retry after a dropped answer returns the closed item unchanged.
// Schemas: src/domain/api/rectifications.ts.
import type { FastifyInstance } from 'fastify';
import { chinaDate } from '../../domain';
import { API, type RectificationView } from '../../domain/api';
import { deadlineStatus } from '../../domain/calendar';
import { currentUser, requireRole, visibilityOf } from '../auth/user';
import { serve } from '../http/route';
import type { RectificationEntry, Store } from '../store';
import { closeRectification } from './close';

const view = (r: RectificationEntry, today: string): RectificationView => {
  const { townshipCode: _t, countyCode: _c, ...rest } = r;
  return r.rectification.status === 'open' ? { ...rest, deadline: deadlineStatus(r.rectification.dueBy, today) } : rest;
};

export interface RectificationRoutesOptions {
  store: Store;
  now?: () => number;
}

export async function rectificationRoutes(app: FastifyInstance, opts: RectificationRoutesOptions): Promise<void> {
  const now = opts.now ?? Date.now;

  serve(app, API.rectifications, async ({ query, request }) => {
    const user = currentUser(request);
    requireRole(user, 'reviewer', 'admin');
    const today = chinaDate(now());
    const rows = await opts.store.rectifications.list(visibilityOf(user), query.status);
    return { today, items: rows.map((r) => view(r, today)) };
  });

  serve(app, API.closeRectification, async ({ params: { id }, body: { callbackNote }, request }) => {
    const user = currentUser(request);
    requireRole(user, 'reviewer', 'admin');
    const at = now();
    const row = await closeRectification(opts.store, user, id, callbackNote, at);
    return { rectification: view(row, chinaDate(at)) };
  });
}
