// GET /api/divisions: the signed-in user's own county list (its county comes from the session;
// the route takes no parameter that could name another). If-None-Match with the current version
// answers 304 without the list.
import type { FastifyInstance } from 'fastify';
import { API } from '../../domain/api';
import { currentUser } from '../auth/user';
import { serve } from '../http/route';
import type { Store } from '../store';
import { countyDivisions } from './service';

/** The versions an If-None-Match header names (`"v"`, `W/"v"`, several separated by commas). */
const namedVersions = (header: string | undefined) =>
  (header ?? '').split(',').map((t) => t.trim().replace(/^W\//, '').replace(/^"|"$/g, ''));

export function registerDivisionRoutes(app: FastifyInstance, store: Store): void {
  serve(app, API.countyDivisions, async ({ request, reply }) => {
    const { countyCode } = currentUser(request);
    const list = await countyDivisions(store, countyCode);
    void reply.header('ETag', `"${list.version}"`);
    if (namedVersions(request.headers['if-none-match']).includes(list.version)) return reply.code(304).send();
    return { countyCode, ...list };
  });
}
