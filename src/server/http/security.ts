// Security headers and rate limits. The PWA is served from this same origin, so the policy is
// 'self' only (plus blob:/data: images for photos shown before upload). No CDN, no inline script.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { RateLimits } from '../config';
import { bearerToken, hashToken } from '../auth/tokens';
import type { RateLimitRepo } from '../store';
import { ApiFailure } from './errors';
import { sharedRateLimitStore } from './shared-rate-limit';

export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  // 'wasm-unsafe-eval' lets the on-device OCR worker compile onnxruntime's self-hosted WASM
  // (issue 16); it allows WebAssembly compilation only, not eval() or inline script.
  scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'blob:', 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  workerSrc: ["'self'", 'blob:'],
  manifestSrc: ["'self'"],
  mediaSrc: ["'self'", 'blob:'],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  // Township servers often run on plain HTTP inside the government intranet: do not upgrade.
  upgradeInsecureRequests: null,
};

/** One bucket per signed-in session (hashed token), or per IP address without a token. */
function rateKey(request: FastifyRequest): string {
  const token = bearerToken(request.headers.authorization);
  return token ? `t:${hashToken(token)}` : `ip:${request.ip}`;
}

/**
 * Rate limits count in memory, or in the database (`shared`) when several server processes share
 * it (PostgreSQL): then every route's limit, the login and lookup limits included, is one count
 * over all of them.
 */
export async function installSecurity(
  app: FastifyInstance,
  limits: RateLimits,
  shared?: { repo: RateLimitRepo; now: () => number },
): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    crossOriginEmbedderPolicy: false,
    // Neither header is sent: each made the browser throw away the renderer it had started for
    // the navigation and start another once the answer came (a new browsing context group; an
    // origin-keyed process), ≈ 125 ms of every cold start at 4× CPU and ≈ 90 ms unthrottled
    // (issue 13; docs/performance-log.md, stop 45). What that gives up, and what stands instead:
    // - COOP cut every other page's hold on the app's window. The page cuts the link to its
    //   opener itself as it starts (src/main.tsx): the opener can then no longer navigate the
    //   window (device-crypt.spec.ts tries). The app has no frames, no window message listener
    //   and opens no windows, so what a page that opened it still has (its closed and length) tells
    //   nothing.
    // - Origin-Agent-Cluster asked for a process of the app's origin alone, apart from other
    //   origins of its site (another port or subdomain of the same host). Without it the app
    //   shares its site's process (site isolation still keeps other sites out), and Chromium still
    //   keys its agent cluster by origin: document.domain cannot join it to another origin
    //   (https.spec.ts).
    crossOriginOpenerPolicy: false,
    originAgentCluster: false,
  });
  await app.register(rateLimit, {
    global: true,
    max: limits.apiPerMinute,
    timeWindow: 60_000,
    keyGenerator: rateKey,
    ...(shared && { store: sharedRateLimitStore(shared.repo, shared.now) }),
    // Static files are cheap and cached; only the API counts. Keyed on the matched route, never the
    // raw URL: an absolute-form request line (`POST http://host/api/…`) or a percent-encoded path
    // (`/%61pi/…`) routes to the same handler and must count the same.
    allowList: (request) => !request.routeOptions.url?.startsWith('/api/'),
    errorResponseBuilder: (_request, context) =>
      new ApiFailure(
        429,
        'rate.limited',
        `请求过于频繁，请 ${Math.ceil(context.ttl / 1000)} 秒后再试`,
        { retryAfterSeconds: Math.ceil(context.ttl / 1000) },
        { 'Retry-After': String(Math.ceil(context.ttl / 1000)) },
      ),
  });
}
