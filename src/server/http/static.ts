// Serves the built PWA: hashed files under /assets are immutable; the entry points (index.html,
// sw.js, the manifest) must be revalidated every time so an update reaches the tablets.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { notFound } from './errors';

const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

export function cacheControlFor(path: string): string {
  if (/[\\/]assets[\\/]/.test(path)) return IMMUTABLE;
  const name = basename(path).replace(/\.(br|gz)$/, ''); // a pre-compressed copy has its original's rule
  if (name === 'index.html' || name === 'sw.js' || name.endsWith('.webmanifest') || name.startsWith('workbox-'))
    return REVALIDATE;
  return 'public, max-age=3600';
}

export async function installStatic(app: FastifyInstance, staticDir: string): Promise<void> {
  const hasPwa = existsSync(`${staticDir}/index.html`);
  if (hasPwa) {
    await app.register(fastifyStatic, {
      root: staticDir,
      wildcard: false,
      cacheControl: false,
      preCompressed: true, // .br / .gz written by scripts/precompress.mjs at build time
      setHeaders: (res, path) => {
        res.setHeader('Cache-Control', cacheControlFor(path));
        // The same URL is sent as .br, .gz or plain by Accept-Encoding: a shared cache must know.
        res.setHeader('Vary', 'Accept-Encoding');
      },
    });
  }
  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0] ?? '';
    // The SPA owns every other GET path (client-side routes); missing hashed assets stay 404s.
    const isPage =
      (request.method === 'GET' || request.method === 'HEAD') &&
      !path.startsWith('/api/') &&
      !path.startsWith('/assets/');
    if (hasPwa && isPage) return reply.header('Cache-Control', REVALIDATE).sendFile('index.html');
    throw path.startsWith('/api/')
      ? notFound('route.not_found', '接口不存在')
      : notFound('route.not_found', '页面不存在');
  });
}
