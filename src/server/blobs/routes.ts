// HEAD/PATCH/GET /api/blobs/:sha256 — see uploads.ts for the protocol.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { API, BLOB_CONTENT_TYPE, BlobUploadHeaders } from '../../domain/api';
import type { ServerConfig } from '../config';
import type { Store } from '../store';
import { ApiFailure } from '../http/errors';
import { parseInput } from '../http/validate';
import { serve } from '../http/route';
import { currentUser, visibilityOf, type AuthUser } from '../auth/user';
import { BlobUploads, type Uploader, type UploadState } from './uploads';

export { BLOB_CONTENT_TYPE };
/** One PATCH carries at most 1 MB: small enough to finish on a 2G link before a timeout. */
export const BLOB_CHUNK_LIMIT = 1024 * 1024;

function sendState(reply: FastifyReply, state: UploadState) {
  reply.header('Upload-Offset', String(state.offset)).header('Cache-Control', 'no-store');
  if (state.length !== null) reply.header('Upload-Length', String(state.length));
  if (state.complete) reply.header('Upload-Complete', '1');
  return reply;
}

/** The one answer for a file that is missing or that the caller may not see: the two never differ. */
const missing = () =>
  new ApiFailure(404, 'blob.not_found', '文件不存在或无权查看', undefined, {
    'Upload-Offset': '0',
    'Cache-Control': 'no-store',
  });

const uploaderOf = (user: AuthUser): Uploader => ({ id: user.id, visibility: visibilityOf(user) });

/** Abandoned uploads are looked for this often (and at every start). */
const sweepInterval = (abandonMs: number) => Math.min(abandonMs / 4, 3_600_000);

export async function registerBlobRoutes(app: FastifyInstance, store: Store, config: ServerConfig): Promise<void> {
  const uploads = new BlobUploads(
    store,
    config.blobDir,
    { maxBytes: config.maxBlobBytes, pixelLimits: config.pixelLimits, ...config.uploads },
    config.now,
  );
  const sweep = async () => {
    try {
      const report = await uploads.sweep();
      if (report.abandoned + report.orphans > 0) app.log.info(report, 'removed abandoned uploads');
    } catch (error) {
      app.log.error({ err: error }, 'sweep of abandoned uploads failed');
    }
  };
  await sweep();
  const timer = setInterval(() => void sweep(), sweepInterval(config.uploads.abandonMs));
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));
  app.addContentTypeParser(BLOB_CONTENT_TYPE, { parseAs: 'buffer', bodyLimit: BLOB_CHUNK_LIMIT }, (_req, body, done) =>
    done(null, body),
  );

  // A HEAD answer is given a body (the error JSON GET would send, or the upload state) only for
  // its Content-Length: Node never writes the body of a HEAD response, but without a length an
  // HTTP/1.0 keep-alive client (proxies, load testers) gets `Connection: close` on every probe.
  serve(app, API.blobHead, async ({ params: { sha256 }, request, reply }) => {
    const state = await uploads.state(sha256, uploaderOf(currentUser(request)));
    if (!state) throw missing();
    return sendState(reply, state).code(200).send(state);
  });

  serve(
    app,
    API.blobPatch,
    async ({ params: { sha256 }, request, reply }) => {
      const user = currentUser(request);
      const contentType = (request.headers['content-type'] ?? '').split(';')[0]?.trim();
      if (contentType !== BLOB_CONTENT_TYPE || (request.body !== undefined && !Buffer.isBuffer(request.body))) {
        throw new ApiFailure(415, 'blob.content_type', `上传内容类型应为 ${BLOB_CONTENT_TYPE}`);
      }
      const headers = parseInput(BlobUploadHeaders, request.headers, 'headers');
      const chunk = (request.body as Buffer | undefined) ?? Buffer.alloc(0);
      const state = await uploads.append(
        { sha256, offset: headers['upload-offset'], length: headers['upload-length'], chunk },
        uploaderOf(user),
      );
      return sendState(reply, state).code(200).send(state);
    },
    { bodyLimit: BLOB_CHUNK_LIMIT },
  );

  serve(
    app,
    API.blobGet,
    async ({ params: { sha256 }, request, reply }) => {
      const user = currentUser(request);
      const record = (await store.blobs.mayRead(sha256, user.id, visibilityOf(user)))
        ? await store.blobs.get(sha256)
        : undefined;
      if (!record) throw missing();
      return reply
        .type(record.mime ?? 'application/octet-stream')
        .header('Content-Length', String(record.size))
        .header('Cache-Control', 'private, max-age=31536000, immutable')
        .send(uploads.files.stream(sha256));
    },
    { exposeHeadRoute: false },
  );
}
