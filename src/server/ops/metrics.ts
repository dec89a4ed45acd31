// Prometheus metrics at GET /metrics (text exposition, outside /api and the route table): requests
// by route and status, latency, push results, pull pages, how long mutations waited in the
// devices' outboxes, and time spent in database write transactions, plus the process defaults
// (CPU, memory, event-loop lag). Open from loopback; from elsewhere only with
// `Authorization: Bearer <DAIBAN_METRICS_TOKEN>`. Behind a proxy (DAIBAN_TRUST_PROXY=1) the
// forwarded client address counts, so nginx on the same host does not make it public.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { API } from '../../domain/api';
import { ApiFailure } from '../http/errors';
import type { Store } from '../store';

export const METRICS_PATH = '/metrics';

export interface Metrics {
  registry: Registry;
  requests: Counter<'method' | 'route' | 'status'>;
  latency: Histogram<'method' | 'route'>;
  pushResults: Counter<'result'>;
  pulls: Counter;
  outboxAge: Histogram;
  dbTransactions: Histogram<'outcome'>;
}

/** One registry per app (tests build many apps in one process). */
export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'daiban_' });
  const registers = [registry];
  return {
    registry,
    requests: new Counter({
      name: 'daiban_http_requests_total',
      help: 'HTTP requests answered, by route pattern and status code',
      labelNames: ['method', 'route', 'status'],
      registers,
    }),
    latency: new Histogram({
      name: 'daiban_http_request_duration_seconds',
      help: 'Time from request to response, by route pattern',
      labelNames: ['method', 'route'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    }),
    pushResults: new Counter({
      name: 'daiban_push_mutations_total',
      help: 'Pushed mutations by result (ok, rejected, retry)',
      labelNames: ['result'],
      registers,
    }),
    pulls: new Counter({ name: 'daiban_pull_pages_total', help: 'Pull pages served', registers }),
    outboxAge: new Histogram({
      name: 'daiban_push_outbox_age_seconds',
      help: 'How long a pushed mutation waited on its device (server time minus mutation createdAt)',
      buckets: [1, 10, 60, 300, 1800, 3600, 6 * 3600, 86_400, 3 * 86_400, 7 * 86_400, 30 * 86_400],
      registers,
    }),
    dbTransactions: new Histogram({
      name: 'daiban_db_transaction_duration_seconds',
      help: 'Database write transactions, including the wait for the single writer',
      labelNames: ['outcome'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
      registers,
    }),
  };
}

/** The store with its write transactions timed. */
export function timedStore(store: Store, metrics: Metrics): Store {
  return {
    ...store,
    transaction: async (work) => {
      const end = metrics.dbTransactions.startTimer();
      try {
        const result = await store.transaction(work);
        end({ outcome: 'commit' });
        return result;
      } catch (error) {
        end({ outcome: 'rollback' });
        throw error;
      }
    },
  };
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function checkAccess(request: FastifyRequest, token: string | null, trustProxy: boolean): void {
  const address = trustProxy ? request.ip : request.socket.remoteAddress;
  if (address && LOOPBACK.test(address)) return;
  const header = request.headers.authorization ?? '';
  const given = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
  if (token !== null && given !== '' && sameToken(given, token)) return;
  if (token === null) throw new ApiFailure(403, 'metrics.forbidden', '监控指标只允许本机访问');
  throw new ApiFailure(401, 'metrics.unauthorized', '监控指标需要有效的令牌', undefined, {
    'WWW-Authenticate': 'Bearer',
  });
}

export function installMetrics(
  app: FastifyInstance,
  metrics: Metrics,
  options: { token: string | null; trustProxy: boolean; now: () => number },
): void {
  app.addHook('onResponse', async (request, reply) => {
    // Unmatched URLs share one label: a scanner must not grow a series per path it tries.
    const route = request.routeOptions.url ?? 'unmatched';
    const method = request.method;
    metrics.requests.inc({ method, route, status: String(reply.statusCode) });
    metrics.latency.observe({ method, route }, reply.elapsedTime / 1000);
  });

  app.addHook('preHandler', async (request) => {
    if (request.routeOptions.url !== API.push.path) return;
    const mutations = (request.body as { mutations?: unknown } | undefined)?.mutations;
    if (!Array.isArray(mutations)) return;
    const now = options.now();
    for (const m of mutations as { createdAt?: unknown }[]) {
      if (typeof m?.createdAt === 'number') metrics.outboxAge.observe(Math.max(0, (now - m.createdAt) / 1000));
    }
  });

  app.addHook('onSend', async (request, reply, payload) => {
    if (reply.statusCode !== 200) return payload;
    const route = request.routeOptions.url;
    if (route === API.pull.path) metrics.pulls.inc();
    if (route === API.push.path && typeof payload === 'string') {
      try {
        const { results } = JSON.parse(payload) as { results: { status: string }[] };
        for (const r of results) metrics.pushResults.inc({ result: r.status });
      } catch {
        // Not the answer we know: counted in daiban_http_requests_total only.
      }
    }
    return payload;
  });

  app.get(METRICS_PATH, { config: { rateLimit: false } }, async (request, reply) => {
    checkAccess(request, options.token, options.trustProxy);
    reply.header('Content-Type', metrics.registry.contentType).header('Cache-Control', 'no-store');
    return metrics.registry.metrics();
  });
}
