// The reviewer workspace API (township scope; an admin reads the whole county).
//   GET  /api/review/cases              work queue with filters and counts
//   GET  /api/review/cases/:id          one case with everything needed to decide
//   POST /api/review/cases/:id/open        submitted|resubmitted → in_review (idempotent)
//   POST /api/review/cases/:id/decisions   a Decision (idempotent by its id)
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { Decision, Uuid } from '../../domain';
import type { ServerConfig } from '../config';
import type { Store } from '../store';
import { badRequest } from '../http/errors';
import { parseInput } from '../http/validate';
import { currentUser, requireRole, visibilityOf } from '../auth/user';
import { listForReview, ReviewListQuery } from './list';
import { caseDetail } from './detail';
import { decide } from './decide';
import { openReview } from './open';

const CaseParams = z.object({ id: Uuid });
/** A decision is small; a long return with 50 reasons stays far below this. */
const DECISION_BODY_LIMIT = 256 * 1024;

export async function registerReviewRoutes(app: FastifyInstance, store: Store, config: ServerConfig): Promise<void> {
  app.get('/api/review/cases', async (request) => {
    const user = currentUser(request);
    requireRole(user, 'reviewer', 'admin');
    const q = parseInput(ReviewListQuery, request.query, 'query');
    return listForReview(store, visibilityOf(user), q, config.now());
  });

  app.get('/api/review/cases/:id', async (request) => {
    const user = currentUser(request);
    requireRole(user, 'reviewer', 'admin');
    const { id } = parseInput(CaseParams, request.params, 'params');
    return caseDetail(store, user, id, config.now());
  });

  app.post('/api/review/cases/:id/open', async (request) => {
    const user = currentUser(request);
    requireRole(user, 'reviewer');
    const { id } = parseInput(CaseParams, request.params, 'params');
    return openReview(store, id, user, config.now());
  });

  app.post('/api/review/cases/:id/decisions', { bodyLimit: DECISION_BODY_LIMIT }, async (request) => {
    const user = currentUser(request);
    requireRole(user, 'reviewer');
    const { id } = parseInput(CaseParams, request.params, 'params');
    const decision = parseInput(Decision, request.body, 'body');
    if (decision.caseId !== id) throw badRequest('decision.case_mismatch', '决定所属办件与地址不一致');
    return decide(store, decision, user, config.now());
  });
}
