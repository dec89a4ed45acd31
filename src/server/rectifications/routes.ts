// 差评整改: GET /api/rectifications (township / county desk) and
// POST /api/rectifications/:id/close { callbackNote } — closed after the call-back (回访).
// Closing is idempotent: a retry after a dropped answer returns the closed item unchanged.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { chinaDate, UUID_PATTERN } from '../../domain';
import { deadlineStatus, type DeadlineStatus } from '../../domain/calendar';
import { currentUser, requireRole, visibilityOf } from '../auth/user';
import { parseInput } from '../http/validate';
import type { RectificationEntry, Store } from '../store';
import { closeRectification } from './close';

const ListQuery = z.object({ status: z.enum(['open', 'closed']).optional() });
const IdParams = z.object({ id: z.string().regex(UUID_PATTERN, '整改编号格式不正确') });
export const CloseRectificationBody = z.object({ callbackNote: z.string().trim().min(2, '请填写回访情况（至少 2 个字）').max(1000, '回访情况不能超过 1000 字') });

export interface RectificationView extends Omit<RectificationEntry, 'townshipCode' | 'countyCode'> {
  /** Countdown for open items; undefined once closed. */
  deadline?: DeadlineStatus;
}

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

  app.get('/api/rectifications', async (request) => {
    const user = currentUser(request);
    requireRole(user, 'reviewer', 'admin');
    const q = parseInput(ListQuery, request.query ?? {}, 'query');
    const today = chinaDate(now());
    const rows = await opts.store.rectifications.list(visibilityOf(user), q.status);
    return { today, items: rows.map((r) => view(r, today)) };
  });

  app.post('/api/rectifications/:id/close', async (request) => {
    const user = currentUser(request);
    requireRole(user, 'reviewer', 'admin');
    const { id } = parseInput(IdParams, request.params, 'params');
    const { callbackNote } = parseInput(CloseRectificationBody, request.body, 'body');
    const at = now();
    const row = await closeRectification(opts.store, user, id, callbackNote, at);
    return { rectification: view(row, chinaDate(at)) };
  });
}
