// A small typed client for the township server's sync endpoints. Every answer is parsed with the
// shared zod schemas; every failure becomes a SyncError with a stable code and a Chinese message.
// Runs in the page, the service worker and Node (tests, bench): only fetch, Headers and AbortSignal.
import { z } from 'zod';
import {
  ApiError, PullResponse, PushResponse, type Mutation,
} from '../domain';
import { parseRetryAfter } from './backoff';
import { MESSAGES, SyncError, toSyncError } from './errors';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface SyncClientOptions {
  /** Origin of the server, '' for the app's own origin (page and service worker). */
  baseUrl: string;
  /** Bearer token of the current session; undefined means not logged in. */
  token: () => Promise<string | undefined> | string | undefined;
  fetch?: FetchLike;
  /** Per-request limit; a 256 KB chunk needs ~7 s on DevTools "3G". */
  timeoutMs?: number;
  now?: () => number;
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
  pull(cursor: number, limit: number, signal?: AbortSignal): Promise<PullResponse>;
  blobStatus(sha256: string, signal?: AbortSignal): Promise<BlobStatus>;
  /** Sends one chunk; a 409 throws SyncError code `blob.offset_mismatch` with `details.offset`. */
  blobPatch(sha256: string, chunk: BlobChunk, signal?: AbortSignal): Promise<BlobStatus>;
}

export const OFFSET_MISMATCH = 'blob.offset_mismatch';
const DEFAULT_TIMEOUT_MS = 60_000;

/** Combines the caller's signal with a timeout (AbortSignal.any is missing in older Safari). */
function withTimeout(signal: AbortSignal | undefined, ms: number): AbortSignal {
  const timeout = AbortSignal.timeout(ms);
  if (!signal) return timeout;
  return typeof AbortSignal.any === 'function' ? AbortSignal.any([signal, timeout]) : signal;
}

const offsetHeader = (res: Response): number | undefined => {
  const raw = res.headers.get('Upload-Offset');
  return raw !== null && /^\d+$/.test(raw.trim()) ? Number(raw) : undefined;
};

export function createSyncClient(options: SyncClientOptions): SyncClient {
  const doFetch: FetchLike = options.fetch ?? ((input, init) => fetch(input, init));
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const now = options.now ?? Date.now;

  async function request(method: string, path: string, init: { headers?: Record<string, string>; body?: BodyInit; signal?: AbortSignal } = {}): Promise<Response> {
    const token = await options.token();
    if (!token) throw new SyncError('auth', { code: 'auth.required', message: MESSAGES.auth });
    const headers: Record<string, string> = { Authorization: `Bearer ${token}`, ...init.headers };
    let res: Response;
    try {
      res = await doFetch(`${options.baseUrl}${path}`, {
        method, headers, body: init.body, signal: withTimeout(init.signal, timeoutMs), cache: 'no-store',
      });
    } catch (e) {
      throw toSyncError(e);
    }
    return res;
  }

  /** Turns a non-2xx answer into a SyncError, keeping the server's code and message. */
  async function failure(res: Response): Promise<SyncError> {
    let body: ApiError | undefined;
    const text = await res.text().catch(() => '');
    try {
      const parsed = ApiError.safeParse(JSON.parse(text));
      if (parsed.success) body = parsed.data;
    } catch { /* empty or not JSON: a HEAD answer, a proxy or captive portal page */ }
    const status = res.status;
    const retryAfterMs = parseRetryAfter(res.headers.get('Retry-After'), now());
    if (status === 401) return new SyncError('auth', { code: body?.code ?? 'auth.expired', message: MESSAGES.auth }, { status });
    if (status === 429) return new SyncError('unavailable', { code: body?.code ?? 'http.throttled', message: body?.message ?? MESSAGES.throttled }, { status, retryAfterMs });
    if (status >= 500 || status === 408) return new SyncError('unavailable', { code: body?.code ?? `http.${status}`, message: MESSAGES.unavailable }, { status, retryAfterMs });
    return new SyncError('refused', { code: body?.code ?? `http.${status}`, message: body?.message ?? `请求被拒绝（${status}）` }, { status, details: body?.details });
  }

  async function json<T>(res: Response, schema: z.ZodType<T>): Promise<T> {
    if (!res.ok) throw await failure(res);
    let data: unknown;
    try {
      data = await res.json();
    } catch (e) {
      // A body cut off mid-way is a network failure; anything else is not our protocol.
      if ((e as { name?: string }).name === 'SyntaxError') throw new SyncError('protocol', { code: 'protocol.not_json', message: MESSAGES.protocol }, { status: res.status, cause: e });
      throw toSyncError(e);
    }
    const parsed = schema.safeParse(data);
    if (!parsed.success) throw new SyncError('protocol', { code: 'protocol.schema', message: MESSAGES.protocol }, { status: res.status, details: parsed.error.issues });
    return parsed.data;
  }

  return {
    async push(deviceId, mutations, signal) {
      const res = await request('POST', '/api/sync/push', {
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ deviceId, mutations }),
        signal,
      });
      return json(res, PushResponse);
    },

    async pull(cursor, limit, signal) {
      const res = await request('GET', `/api/sync/pull?cursor=${cursor}&limit=${limit}`, { signal });
      return json(res, PullResponse);
    },

    async blobStatus(sha256, signal) {
      const res = await request('HEAD', `/api/blobs/${sha256}`, { signal });
      if (res.status === 404) return { offset: 0, complete: false };
      if (!res.ok) throw await failure(res);
      const offset = offsetHeader(res);
      if (offset === undefined) throw new SyncError('protocol', { code: 'protocol.upload_offset', message: MESSAGES.protocol }, { status: res.status });
      return { offset, complete: res.headers.get('Upload-Complete') === '1' };
    },

    async blobPatch(sha256, chunk, signal) {
      const res = await request('PATCH', `/api/blobs/${sha256}`, {
        headers: {
          'Content-Type': 'application/offset+octet-stream',
          'Upload-Offset': String(chunk.offset),
          'Upload-Length': String(chunk.length),
        },
        body: chunk.data as Uint8Array<ArrayBuffer>,
        signal,
      });
      if (res.status === 409) {
        const error = await failure(res);
        const offset = offsetHeader(res) ?? offsetFromDetails(error.details);
        return Promise.reject(new SyncError('refused', { code: error.code === `http.409` ? OFFSET_MISMATCH : error.code, message: error.message }, { status: 409, details: { offset } }));
      }
      if (!res.ok) throw await failure(res);
      // Drain the (empty) body so the connection can be reused.
      await res.arrayBuffer().catch(() => undefined);
      const offset = offsetHeader(res);
      if (offset === undefined) throw new SyncError('protocol', { code: 'protocol.upload_offset', message: MESSAGES.protocol }, { status: res.status });
      return { offset, complete: res.headers.get('Upload-Complete') === '1' };
    },
  };
}

function offsetFromDetails(details: unknown): number | undefined {
  const offset = (details as { offset?: unknown } | null | undefined)?.offset;
  return typeof offset === 'number' && Number.isInteger(offset) && offset >= 0 ? offset : undefined;
}
