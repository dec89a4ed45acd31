// Operations: liveness and readiness, for the county IT person's monitoring and the load balancer.
// `/api/health` says the process answers; `/api/ready` says it can serve (database reachable,
// migrations applied, blob folder writable) and is 503 when it cannot. Prometheus metrics are at
// `/metrics` (text, outside /api and this table: src/server/ops/metrics.ts).
import { z } from 'zod';
import { route } from './route-spec';

const Check = z.object({ ok: z.boolean(), message: z.string().max(300).optional() });

export const Readiness = z.object({
  ready: z.boolean(),
  /** The server's release (package.json version) and the newest protocol it speaks. */
  app: z.string(),
  protocol: z.number().int(),
  checks: z.object({ database: Check, migrations: Check, blobDir: Check }),
});

export const OPS_ROUTES = {
  ready: route({ method: 'GET', path: '/api/ready', response: Readiness, public: true }),
};
