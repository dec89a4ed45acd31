// JSON answers of the API are compressed (br or gzip) when the client accepts it and the body is
// worth it: a first sync's pull pages shrink to a fraction on a village's slow link, and browsers
// decompress fetch answers transparently. Two kinds of /api answer are never compressed: the live
// stream (each event must leave at once; a compressor would hold it back) and blob bytes (photos
// and PDFs are compressed already, and their Content-Length is the file's). The PWA's own files
// are not touched here: @fastify/static sends their pre-compressed copies (scripts/precompress.mjs).
import type { FastifyInstance } from 'fastify';
import fastifyCompress from '@fastify/compress';
import { constants } from 'node:zlib';
import { API } from '../../domain/api';

/** Smaller answers go out as they are: the compressed frame would save next to nothing. */
export const COMPRESS_MIN_BYTES = 1024;

const NEVER = new Set<string>([API.live.path, API.blobHead.path, API.blobPatch.path, API.blobGet.path]);

/** Whether answers of the route at `url` may be compressed. */
export const compressible = (url: string): boolean => url.startsWith('/api/') && !NEVER.has(url);

/** Call before any route is registered: the choice is made per route as it is added. */
export async function installCompression(app: FastifyInstance): Promise<void> {
  // Runs before the plugin's own onRoute hook (hooks run in the order they were added).
  app.addHook('onRoute', (route) => {
    if (!compressible(route.url)) route.compress = false;
  });
  await app.register(fastifyCompress, {
    global: true,
    encodings: ['br', 'gzip'],
    threshold: COMPRESS_MIN_BYTES,
    // Requests are not inflated: no client sends them compressed, and a small one could expand a thousandfold.
    globalDecompression: false,
    // Quality 4: most of brotli's gain at gzip's speed (11, the library default, costs ~20× the CPU).
    brotliOptions: { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } },
  });
}
