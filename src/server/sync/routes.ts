// POST /api/sync/push, GET /api/sync/pull and GET /api/sync/snapshot.
import type { FastifyInstance } from 'fastify';
import { API } from '../../domain/api';
import type { ServerConfig } from '../config';
import type { Store } from '../store';
import { JsonText, serve } from '../http/route';
import { currentUser, visibilityOf } from '../auth/user';
import { applyBatch } from './apply';
import { pullPage } from './pull-page';
import { readSnapshot } from './snapshot';

export async function registerSyncRoutes(app: FastifyInstance, store: Store, config: ServerConfig): Promise<void> {
  serve(app, API.push, async ({ body, request }) => {
    // One write transaction for the whole batch, a savepoint per mutation (sync/apply.ts).
    const results = await applyBatch(body.mutations, {
      store,
      user: currentUser(request),
      deviceId: body.deviceId,
      now: config.now(),
      log: (err) => request.log.error({ err }, 'mutation failed'),
    });
    return { results };
  });

  serve(app, API.pull, async ({ query, request }) => {
    // The stored JSON text goes out as it is: no parse and stringify per change (sync/pull-page.ts).
    const { cursor, limit } = query;
    const visibility = visibilityOf(currentUser(request));
    return new JsonText(
      await pullPage(store, visibility, { cursor, limit, protocol: request.apiProtocol, now: config.now() }),
    );
  });

  serve(app, API.snapshot, async ({ query, request }) =>
    readSnapshot(store, currentUser(request), query.after ?? null, query.limit),
  );
}
