// JSON over fetch for the reviewer desk, with the session token. Every failure becomes a
// `RequestError` with a stable code, a Chinese message and whether retrying can help, so a short
// outage at the township shows "重试" instead of a broken page.
import { ApiError } from '../../domain/schemas/sync';

export class RequestError extends Error {
  constructor(readonly code: string, message: string, readonly status: number, readonly retryable: boolean, readonly details?: unknown) {
    super(message);
    this.name = 'RequestError';
  }
}

export interface HttpDeps {
  fetch: typeof fetch;
  /** The session token, or undefined when signed out. */
  token: () => string | undefined;
}

export interface RequestOptions {
  method?: 'GET' | 'POST';
  body?: unknown;
  signal?: AbortSignal;
}

async function send(deps: HttpDeps, path: string, opts: RequestOptions): Promise<Response> {
  const token = deps.token();
  if (!token) throw new RequestError('auth.missing', '请先登录', 401, false);
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await deps.fetch(path, {
      method: opts.method ?? 'GET',
      headers,
      body: opts.body === undefined ? null : JSON.stringify(opts.body),
      signal: opts.signal ?? null,
      cache: 'no-store',
    });
  } catch (err) {
    if ((err as { name?: string }).name === 'AbortError') throw err;
    throw new RequestError('net.offline', '网络中断，连不上乡镇服务器。请检查网络后点“重试”', 0, true);
  }
  if (res.ok) return res;
  const body: unknown = await res.json().catch(() => undefined);
  const api = ApiError.safeParse(body);
  const retryable = res.status >= 500 || res.status === 429 || res.status === 408;
  if (api.success) throw new RequestError(api.data.code, api.data.message, res.status, retryable, api.data.details);
  if (res.status === 401) throw new RequestError('auth.invalid_token', '登录已失效，请重新登录', 401, false);
  throw new RequestError('server.error', `服务器暂时出错（${res.status}），请稍后点“重试”`, res.status, retryable);
}

export async function requestJson<T>(deps: HttpDeps, path: string, opts: RequestOptions = {}): Promise<T> {
  const res = await send(deps, path, opts);
  try {
    return (await res.json()) as T;
  } catch {
    throw new RequestError('server.bad_response', '服务器返回的内容不完整，请重试', res.status, true);
  }
}

export async function requestBlob(deps: HttpDeps, path: string, opts: RequestOptions = {}): Promise<Blob> {
  return (await send(deps, path, opts)).blob();
}

export async function requestText(deps: HttpDeps, path: string, opts: RequestOptions = {}): Promise<string> {
  return (await send(deps, path, opts)).text();
}

/** Chinese message of any error a request may throw. */
export const errorMessage = (err: unknown) => (err instanceof Error && err.message ? err.message : '操作失败，请重试');
