// The township server: one Fastify app. Routes are registered per concern; the store is opened,
// migrated and seeded before the app accepts requests.
import Fastify, { type FastifyInstance } from 'fastify';
import { mkdirSync } from 'node:fs';
import { CATALOG } from '../catalog';
import type { ServerConfig } from './config';
import { openStore, type Store } from './store';
import { frameworkErrors, installErrorHandling } from './http/errors';
import { installSecurity } from './http/security';
import { installStatic } from './http/static';
import { installCompression } from './http/compression';
import { serve } from './http/route';
import { installVersionCheck } from './http/version';
import { API } from '../domain/api';
import { installAuthentication } from './auth/authenticate';
import { registerAuthRoutes } from './auth/routes';
import { registerBlobRoutes } from './blobs/routes';
import { registerSyncRoutes } from './sync/routes';
import { clusterNotifier } from './live/cluster-notifier';
import { memoryNotifier, type ChangeNotifier } from './live/notifier';
import { notifyingStore } from './live/notifying-store';
import { registerLiveRoutes } from './live/routes';
import { registerReviewRoutes } from './review/routes';
import { statsRoutes } from './stats';
import { rectificationRoutes } from './rectifications';
import { registerDiagnosticRoutes } from './diagnostics/routes';
import { registerAdminRoutes } from './admin/routes';
import { seedCatalog, seedDemo } from './seed/seed';
import { registerHolidayRoutes } from './holidays/routes';
import { registerDivisionRoutes } from './divisions/routes';
import { awaitedYear, missingYearWarning, seedHolidayYears } from './holidays/service';
import { httpServerOptions } from './ops/http-server';
import { createMetrics, installMetrics, timedStore } from './ops/metrics';
import { registerReadiness } from './ops/readiness';
import { markRunning } from './ops/running';
import { sealExistingBlobs } from './blobs/at-rest';
import { registerLookupRoutes } from './lookup/routes';
import { requestLogSerializer } from './lookup/log';

/** Push batches carry whole case submissions (JSON, no photos): 8 MB is far above a real one. */
export const JSON_BODY_LIMIT = 8 * 1024 * 1024;

declare module 'fastify' {
  interface FastifyInstance {
    store: Store;
    /** `METHOD /path` of every registered route (HEAD ones Fastify adds for GET included). */
    routeList: readonly string[];
  }
}

export async function buildApp(config: ServerConfig): Promise<FastifyInstance> {
  mkdirSync(config.blobDir, { recursive: true });
  const metrics = createMetrics();
  const opened = await openStore(config, config.now());
  // Every committed change is hinted to the live streams of its scope (src/server/live); on
  // PostgreSQL also to those of the other server processes (LISTEN/NOTIFY).
  let warn: (message: string, error?: unknown) => void = () => undefined;
  let notifier: ChangeNotifier & { close?: () => Promise<void> };
  try {
    notifier = opened.cluster.shared
      ? await clusterNotifier(opened.cluster, { head: () => opened.changes.head(), warn: (m, e) => warn(m, e) })
      : memoryNotifier();
  } catch (error) {
    await opened.close();
    throw error;
  }
  const store = notifyingStore(timedStore(opened, metrics), notifier);
  try {
    // Several processes may start at once on one database and blob folder: one at a time here.
    await store.cluster.exclusive('startup', async () => {
      // Data from before encryption at rest: sealed on the first start of this version, then marked.
      if (!(await store.crypto.existingSealed())) {
        await store.crypto.sealExisting();
        await sealExistingBlobs(config.blobDir, store.crypto.ring);
        await store.crypto.markExistingSealed(config.now());
      }
      await seedCatalog(store, CATALOG, config.now());
      await seedHolidayYears(store, config.now());
      if (config.seedDemo) await seedDemo(store, config.passwordCost, config.now());
    });
  } catch (error) {
    await notifier.close?.();
    await store.close();
    throw error;
  }

  const app = Fastify({
    // Request lines are logged without lookup tokens (src/server/lookup/log.ts).
    logger: { level: config.logLevel, serializers: { req: requestLogSerializer } },
    bodyLimit: JSON_BODY_LIMIT,
    return503OnClosing: true,
    frameworkErrors,
    trustProxy: config.trustProxy,
    ...httpServerOptions(config.timeouts),
  });
  // Also for an HTTPS server, which does not take the `http` options above.
  app.server.headersTimeout = config.timeouts.headersMs;
  // Every route as registered (method and path), for the contract test and diagnostics.
  const routeList: string[] = [];
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) routeList.push(`${method} ${r.url}`);
  });
  app.decorate('routeList', routeList);
  app.decorate('store', store);
  app.decorate('checkResponses', config.checkResponses);
  warn = (message, error) => app.log.warn({ err: error }, message);
  // Stop listening before the database closes.
  app.addHook('onClose', async () => {
    await notifier.close?.();
    await store.close();
  });
  const unmark = markRunning(config.dataDir);
  app.addHook('onClose', async () => unmark());

  installErrorHandling(app);
  await installCompression(app);
  // API answers are per user and change constantly: never cached by the browser or the SW.
  app.addHook('onSend', async (request, reply) => {
    if (request.routeOptions.url?.startsWith('/api/') && !reply.hasHeader('Cache-Control'))
      reply.header('Cache-Control', 'no-store');
  });
  installMetrics(app, metrics, { token: config.metricsToken, trustProxy: config.trustProxy, now: config.now });
  installVersionCheck(app);
  await installSecurity(
    app,
    config.rateLimits,
    store.cluster.shared ? { repo: store.rateLimits, now: config.now } : undefined,
  );
  installAuthentication(app, store, config.now, config.sessions);

  serve(app, API.health, async () => ({ ok: true as const }), { config: { rateLimit: false } });
  registerReadiness(app, store, config.blobDir);
  await registerAuthRoutes(app, store, config);
  await app.register(async (scope) => registerBlobRoutes(scope, store, config));
  await registerSyncRoutes(app, store, config);
  registerLiveRoutes(app, notifier, config.live);
  await registerReviewRoutes(app, store, config);
  await app.register(statsRoutes, { store, now: config.now });
  await app.register(rectificationRoutes, { store, now: config.now });
  await registerDiagnosticRoutes(app);
  await registerAdminRoutes(app, store, config);
  registerLookupRoutes(app, store, config);
  await registerHolidayRoutes(app, store, config);
  registerDivisionRoutes(app, store);
  await installStatic(app, config.staticDir);
  // From 1 November the log says so while next year's holiday arrangement is missing.
  const missing = awaitedYear(config.now());
  if (missing !== undefined) app.log.warn(missingYearWarning(missing));
  return app;
}
