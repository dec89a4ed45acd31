// Sync's calls to the township server — push, pull, and the resumable blob upload — on the app's
// one HTTP client (src/net). Every answer is parsed with the route table's schemas; a pull page is
// read change by change so a newer server's kinds are skipped, not fatal.
import { BLOB_CONTENT_TYPE, BLOB_ROUTES } from '../domain/api/blobs';
import { readPullPage, SYNC_ROUTES, type PullPage, type SnapshotPage } from '../domain/api/sync';
import type { Mutation, PushResponse } from '../domain';
import { createApiClient, RequestError, type ApiClientOptions } from '../net';
import { MESSAGES, SYNC_NET_MESSAGES } from './errors';

export type { FetchLike } from '../net';

export interface SyncClientOptions extends ApiClientOptions {
  baseUrl: string;
  token: NonNullable<ApiClientOptions['token']>;
}

export interface BlobStatus {
  /** Bytes the server already holds. */
  offset: number;
  complete: boolean;
}

export interface BlobChunk {
  offset: number;
  /** Total size of the blob. The server sniffs the type from the bytes; no MIME is sent. */
  length: number;
  data: Uint8Array;
}

export interface SyncClient {
  push(deviceId: string, mutations: Mutation[], signal?: AbortSignal): Promise<PushResponse>;
  pull(cursor: number, limit: number, signal?: AbortSignal): Promise<PullPage>;
  /** One page of the restore snapshot, after the case id `after` (null: from the start). */
  snapshot(after: string | null, limit: number, signal?: AbortSignal): Promise<SnapshotPage>;
  /** A stored file's bytes (GET /api/blobs/:sha256, scoped by case on the server). */
  blob(sha256: string, signal?: AbortSignal): Promise<{ mime: string; data: ArrayBuffer }>;
  blobStatus(sha256: string, signal?: AbortSignal): Promise<BlobStatus>;
  /** Sends one chunk; a 409 throws RequestError code `blob.offset_mismatch` with `details.offset`. */
  blobPatch(sha256: string, chunk: BlobChunk, signal?: AbortSignal): Promise<BlobStatus>;
}

export const OFFSET_MISMATCH = 'blob.offset_mismatch';

const offsetHeader = (res: Response): number | undefined => {
  const raw = res.headers.get('Upload-Offset');
  return raw !== null && /^\d+$/.test(raw.trim()) ? Number(raw) : undefined;
};

function uploadStatus(res: Response): BlobStatus {
  const offset = offsetHeader(res);
  if (offset === undefined) {
    throw new RequestError(
      'protocol',
      { code: 'protocol.upload_offset', message: MESSAGES.protocol },
      { status: res.status },
    );
  }
  return { offset, complete: res.headers.get('Upload-Complete') === '1' };
}

export function createSyncClient(options: SyncClientOptions): SyncClient {
  const api = createApiClient({ messages: SYNC_NET_MESSAGES, ...options });

  return {
    push: (deviceId, mutations, signal) => api.call(SYNC_ROUTES.push, { body: { deviceId, mutations } }, signal),

    async pull(cursor, limit, signal) {
      return readPullPage(await api.call(SYNC_ROUTES.pull, { query: { cursor, limit } }, signal));
    },

    snapshot: (after, limit, signal) =>
      api.call(SYNC_ROUTES.snapshot, { query: { ...(after !== null && { after }), limit } }, signal),

    async blob(sha256, signal) {
      const res = await api.raw(BLOB_ROUTES.get, { params: { sha256 }, signal });
      if (!res.ok) throw await api.failure(res);
      const mime = (res.headers.get('Content-Type') ?? 'application/octet-stream').split(';')[0]!.trim();
      return { mime, data: await res.arrayBuffer() };
    },

    async blobStatus(sha256, signal) {
      const res = await api.raw(BLOB_ROUTES.head, { params: { sha256 }, signal });
      if (res.status === 404) return { offset: 0, complete: false };
      if (!res.ok) throw await api.failure(res);
      return uploadStatus(res);
    },

    async blobPatch(sha256, chunk, signal) {
      const res = await api.raw(BLOB_ROUTES.patch, {
        params: { sha256 },
        headers: {
          'Content-Type': BLOB_CONTENT_TYPE,
          'Upload-Offset': String(chunk.offset),
          'Upload-Length': String(chunk.length),
        },
        body: chunk.data as Uint8Array<ArrayBuffer>,
        signal,
      });
      if (res.status === 409) {
        const error = await api.failure(res);
        const offset = offsetHeader(res) ?? offsetFromDetails(error.details);
        throw new RequestError(
          'refused',
          { code: error.code === 'http.409' ? OFFSET_MISMATCH : error.code, message: error.message },
          { status: 409, details: { offset } },
        );
      }
      if (!res.ok) throw await api.failure(res);
      // Drain the (empty) body so the connection can be reused.
      await res.arrayBuffer().catch(() => undefined);
      return uploadStatus(res);
    },
  };
}

function offsetFromDetails(details: unknown): number | undefined {
  const offset = (details as { offset?: unknown } | null | undefined)?.offset;
  return typeof offset === 'number' && Number.isInteger(offset) && offset >= 0 ? offset : undefined;
}
