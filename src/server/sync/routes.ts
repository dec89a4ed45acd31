// POST /api/sync/push and GET /api/sync/pull.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { MAX_PULL_PAGE, PushRequest, type PullResponse, type PushResponse } from '../../domain';
import type { ServerConfig } from '../config';
import type { Store } from '../store';
import { parseInput } from '../http/validate';
import { currentUser, visibilityOf } from '../auth/user';
import { applyMutation } from './apply';

export const PullQuery = z.object({
  cursor: z.coerce.number().int('cursor 应为整数').nonnegative('cursor 不能为负').default(0),
  limit: z.coerce.number().int('limit 应为整数').min(1, 'limit 至少为 1').max(MAX_PULL_PAGE, `limit 最多为 ${MAX_PULL_PAGE}`).default(100),
});

export async function registerSyncRoutes(app: FastifyInstance, store: Store, config: ServerConfig): Promise<void> {
  app.post('/api/sync/push', async (request): Promise<PushResponse> => {
    const user = currentUser(request);
    const body = parseInput(PushRequest, request.body, 'body');
    const results = [];
    // In order: a later mutation may depend on an earlier one (submit, then withdraw).
    for (const m of body.mutations) {
      results.push(await applyMutation(m, { store, user, deviceId: body.deviceId, now: config.now(), log: (err) => request.log.error({ err }, 'mutation failed') }));
    }
    return { results };
  });

  app.get('/api/sync/pull', async (request): Promise<PullResponse> => {
    const user = currentUser(request);
    const { cursor, limit } = parseInput(PullQuery, request.query, 'query');
    const rows = await store.changes.after(cursor, visibilityOf(user), limit + 1);
    const page = rows.slice(0, limit);
    return { changes: page.map((r) => r.change), cursor: page.at(-1)?.seq ?? cursor, hasMore: rows.length > limit };
  });
}
