// The reviewer workspace API (township scope; an admin reads the whole county). Paths and
// schemas: src/domain/api/review.ts.
import type { FastifyInstance } from 'fastify';
import { API } from '../../domain/api';
import { DEFAULT_LIFECYCLE, type ServerConfig } from '../config';
import type { Store } from '../store';
import { badRequest } from '../http/errors';
import { serve } from '../http/route';
import { currentUser, requireRole, visibilityOf } from '../auth/user';
import { listForReview } from './list';
import { caseDetail } from './detail';
import { decide } from './decide';
import { openReview } from './open';
import { expireOverdueTolerance } from './lifecycle-job';

/** A decision is small; a long return with 50 reasons stays far below this. */
const DECISION_BODY_LIMIT = 256 * 1024;

export async function registerReviewRoutes(app: FastifyInstance, store: Store, config: ServerConfig): Promise<void> {
  const lifecycle = config.lifecycle ?? DEFAULT_LIFECYCLE;
  // Overdue tolerance promises end their cases: once the app is ready (the county's holiday
  // arrangement installed), then periodically.
  const sweep = async () => {
    try {
      const terminated = await expireOverdueTolerance(store, lifecycle, config.now());
      if (terminated.length > 0)
        app.log.info({ cases: terminated }, 'terminated cases with overdue tolerance promises');
    } catch (error) {
      app.log.error({ err: error }, 'tolerance expiry failed');
    }
  };
  app.addHook('onReady', sweep);
  const timer = setInterval(() => void sweep(), lifecycle.sweepMs);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));

  serve(app, API.reviewList, async ({ query, request }) => {
    const user = currentUser(request);
    requireRole(user, 'reviewer', 'admin');
    return listForReview(store, visibilityOf(user), query, config.now());
  });

  serve(app, API.reviewCase, async ({ params, request }) => {
    const user = currentUser(request);
    requireRole(user, 'reviewer', 'admin');
    return caseDetail(store, user, params.id, config.now(), lifecycle);
  });

  serve(app, API.reviewOpen, async ({ params, request }) => {
    const user = currentUser(request);
    requireRole(user, 'reviewer');
    return openReview(store, params.id, user, config.now());
  });

  serve(
    app,
    API.reviewDecide,
    async ({ params, body: decision, request }) => {
      const user = currentUser(request);
      requireRole(user, 'reviewer');
      if (decision.caseId !== params.id) throw badRequest('decision.case_mismatch', '决定所属办件与地址不一致');
      return decide(store, decision, user, config.now(), lifecycle);
    },
    { bodyLimit: DECISION_BODY_LIMIT },
  );
}
