// The public progress lookup: /q/:number?t=… (HTML for the villager's phone) and
// /api/public/cases/:number?t=… (JSON, in the API contract). No session; limited per IP, each
// route with its own bucket keyed on the routed path (never the raw URL). A wrong token answers
// exactly like an unknown number.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { API } from '../../domain/api';
import { PublicCaseParams, PublicCaseQuery } from '../../domain/api/lookup';
import type { ServerConfig } from '../config';
import type { Store } from '../store';
import { ApiFailure, notFound } from '../http/errors';
import { serve } from '../http/route';
import { findByToken, publicStatus } from './status';
import { ERROR_PAGE, LOOKUP_CSS, LOOKUP_STYLESHEET_PATH, NOT_FOUND_PAGE, statusPage, TOO_MANY_PAGE } from './page';

const HTML = 'text/html; charset=utf-8';

export function registerLookupRoutes(app: FastifyInstance, store: Store, config: ServerConfig): void {
  const rateLimit = {
    max: config.lookup.perMinute,
    timeWindow: 60_000,
    keyGenerator: (request: FastifyRequest) => `ip:${request.ip}`,
    // The global limiter leaves pages outside /api alone; this route counts.
    allowList: () => false,
  };
  const notFoundApi = () => notFound('lookup.not_found', '没有找到这个办件，请核对办件编号和查询码');

  serve(
    app,
    API.publicCase,
    async ({ params, query }) => {
      const c = await findByToken(store, params.number, query.t);
      if (!c) throw notFoundApi();
      return publicStatus(store, c, config.now());
    },
    { config: { rateLimit } },
  );

  serve(app, API.publicLookupBase, async () => ({ baseUrl: config.lookup.publicUrl }), {
    config: { rateLimit: false },
  });

  app.get(
    '/q/:number',
    {
      config: { public: true, rateLimit },
      // This page answers in HTML whatever happens (the villager's browser shows it as it is).
      errorHandler: (error: FastifyError | ApiFailure, request: FastifyRequest, reply: FastifyReply) => {
        const status = error.statusCode ?? 500;
        if (status >= 500) request.log.error({ err: error }, 'lookup page failed');
        if (error instanceof ApiFailure) reply.headers(error.headers); // Retry-After of a 429
        const [code, page] =
          status === 429 ? [429, TOO_MANY_PAGE] : status >= 500 ? [500, ERROR_PAGE] : [404, NOT_FOUND_PAGE];
        return reply.code(code).type(HTML).header('Cache-Control', 'no-store').send(page);
      },
    },
    async (request, reply) => {
      reply.type(HTML).header('Cache-Control', 'no-store');
      const params = PublicCaseParams.safeParse(request.params);
      const query = PublicCaseQuery.safeParse(request.query);
      const c =
        params.success && query.success ? await findByToken(store, params.data.number, query.data.t) : undefined;
      if (!c) return reply.code(404).send(NOT_FOUND_PAGE);
      return reply.send(statusPage(await publicStatus(store, c, config.now())));
    },
  );

  app.get(LOOKUP_STYLESHEET_PATH, { config: { public: true, rateLimit: false } }, async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('Cache-Control', 'public, max-age=3600').send(LOOKUP_CSS),
  );
}
