// The one HTTP client of the app: sync (page and service worker), session, reviewer desk, admin.
// It fills paths and queries from the route table (src/domain/api), adds the session token and
// the version headers, applies a timeout on top of the caller's AbortSignal, and parses every
// JSON answer with the route's schema. Every failure is a RequestError with a stable code.
// Runs in the page, the service worker and Node (tests, bench): only fetch, Headers, AbortSignal.
// The route-spec, errors and version modules only, never the api barrel: the client must not pull
// every route's schemas into the first screen.
// No classic zod either (the login path of the first screen uses this client): error bodies are
// checked by hand (answer-checks.ts), and the login's answer too (callChecked).
import type { ApiError } from '../domain/api/errors';
import { checkApiError, type Checked } from '../domain/api/answer-checks';
import { ERROR_CODE_HEADER, ERROR_CODES } from '../domain/api/error-codes';
import { fillPath, queryString, type RouteInput, type RouteResponse, type RouteSpec } from '../domain/api/route-spec';
import { versionHeaders } from '../domain/api/version';
import { SESSION_TOKEN_HEADERS } from '../domain/api/auth-light';
import { MESSAGES, RequestError, toRequestError, type Messages } from './errors';
import { parseRetryAfter } from './retry-after';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface ApiClientOptions {
  /** Origin of the server, '' for the app's own origin (page and service worker). */
  baseUrl?: string;
  /** Bearer token of the current session; undefined means not logged in. */
  token?: () => Promise<string | undefined> | string | undefined;
  fetch?: FetchLike;
  /** Per-request limit; a 256 KB chunk needs ~7 s on DevTools "3G". */
  timeoutMs?: number;
  now?: () => number;
  /** Wording of the failures for this caller (sync retries by itself; a screen has 重试). */
  messages?: Messages;
  /** The server rotated the session token (X-Session-Token): store it (atomically, newest wins). */
  onToken?: (rotated: RotatedToken) => Promise<unknown> | void;
}

export interface RotatedToken {
  token: string;
  /** Server time of issue: of two rotated tokens the newer wins, whatever order answers arrive in. */
  issuedAt: number;
  expiresAt?: number;
}

/** The rotated token an answer carries, if any. */
export function rotatedToken(res: Response): RotatedToken | undefined {
  const time = (name: string) => {
    const raw = res.headers.get(name);
    return raw !== null && /^\d{1,15}$/.test(raw) ? Number(raw) : undefined;
  };
  const token = res.headers.get(SESSION_TOKEN_HEADERS.token);
  const issuedAt = time(SESSION_TOKEN_HEADERS.issuedAt);
  if (!token || !/^[A-Za-z0-9_-]{43}$/.test(token) || issuedAt === undefined) return undefined;
  const expiresAt = time(SESSION_TOKEN_HEADERS.expiresAt);
  return expiresAt === undefined ? { token, issuedAt } : { token, issuedAt, expiresAt };
}

export interface RawInit {
  params?: Record<string, unknown>;
  query?: Record<string, unknown>;
  headers?: Record<string, string>;
  body?: BodyInit;
  signal?: AbortSignal;
}

export interface ApiClient {
  /** Calls a JSON route and returns its parsed answer (undefined for routes without JSON). */
  call<S extends RouteSpec>(spec: S, input: RouteInput<S>, signal?: AbortSignal): Promise<RouteResponse<S>>;
  /**
   * Calls a JSON route whose answer is checked by a hand-written function instead of a zod schema
   * (the login of the first screen: answer-checks.ts, held equal to the schema by a test).
   */
  callChecked<T>(
    spec: Endpoint,
    input: { params?: Record<string, unknown>; query?: Record<string, unknown>; body?: unknown },
    check: (data: unknown) => Checked<T>,
    signal?: AbortSignal,
  ): Promise<T>;
  /** Sends a request of a route and returns the raw response, whatever its status (files, uploads). */
  raw(spec: Endpoint, init?: RawInit): Promise<Response>;
  /** A non-2xx response as a RequestError, keeping the server's code, message and details. */
  failure(res: Response): Promise<RequestError>;
}

/** A route's method, path and reach, without its schemas. */
export type Endpoint = Pick<RouteSpec, 'method' | 'path' | 'public'>;

export const DEFAULT_TIMEOUT_MS = 60_000;

/** Combines the caller's signal with a timeout (AbortSignal.any is missing in older Safari). */
function withTimeout(signal: AbortSignal | undefined, ms: number): AbortSignal {
  const timeout = AbortSignal.timeout(ms);
  if (!signal) return timeout;
  return typeof AbortSignal.any === 'function' ? AbortSignal.any([signal, timeout]) : signal;
}

export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const doFetch: FetchLike = options.fetch ?? ((input, init) => fetch(input, init));
  const baseUrl = options.baseUrl ?? '';
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const now = options.now ?? Date.now;
  const messages = options.messages ?? MESSAGES;

  async function raw(spec: Endpoint, init: RawInit = {}): Promise<Response> {
    const headers: Record<string, string> = { ...versionHeaders(), ...init.headers };
    if (!spec.public) {
      const token = await options.token?.();
      if (!token) throw new RequestError('auth', { code: ERROR_CODES.authRequired, message: messages.auth });
      headers.authorization = `Bearer ${token}`;
    }
    const url = `${baseUrl}${fillPath(spec.path, init.params)}${queryString(init.query)}`;
    let res: Response;
    try {
      res = await doFetch(url, {
        method: spec.method,
        headers,
        body: init.body,
        signal: withTimeout(init.signal, timeoutMs),
        cache: 'no-store',
      });
    } catch (e) {
      throw toRequestError(e, messages);
    }
    const rotated = options.onToken && rotatedToken(res);
    // Best effort: the old token keeps working, and the server re-sends a new one if this is lost.
    if (rotated) await Promise.resolve(options.onToken?.(rotated)).catch(() => undefined);
    return res;
  }

  async function failure(res: Response): Promise<RequestError> {
    let body: ApiError | undefined;
    const text = await res.text().catch(() => '');
    try {
      const parsed = checkApiError(JSON.parse(text));
      if (parsed.success) body = parsed.data;
    } catch {
      /* empty or not JSON: a HEAD answer, a proxy or captive portal page */
    }
    const status = res.status;
    const retryAfterMs = parseRetryAfter(res.headers.get('Retry-After'), now());
    const code = body?.code ?? `http.${status}`;
    if (status === 401) {
      // Wrong credentials at login say so; any other 401 means the session is gone. A HEAD answer
      // has no body: its code (revoked, disabled …) comes in a header.
      const message = body?.code === ERROR_CODES.badCredentials ? body.message : messages.auth;
      const header = res.headers.get(ERROR_CODE_HEADER);
      const headerCode = header && /^[a-z_]+\.[a-z_.]+$/.test(header) ? header : undefined;
      return new RequestError('auth', { code: body?.code ?? headerCode ?? 'auth.expired', message }, { status });
    }
    if (status === 426)
      return new RequestError(
        'version',
        { code: body?.code ?? ERROR_CODES.versionUnsupported, message: messages.version },
        { status, details: body?.details },
      );
    if (status === 429)
      return new RequestError(
        'unavailable',
        { code: body?.code ?? 'http.throttled', message: body?.message ?? messages.throttled },
        { status, retryAfterMs },
      );
    if (status >= 500 || status === 408)
      return new RequestError('unavailable', { code, message: messages.unavailable }, { status, retryAfterMs });
    return new RequestError(
      'refused',
      { code, message: body?.message ?? `请求被拒绝（${status}）` },
      { status, details: body?.details },
    );
  }

  /** Sends a JSON request; the answer's JSON (undefined when `json` is false), checked by `check`. */
  async function send<T>(
    spec: Endpoint,
    input: { params?: Record<string, unknown>; query?: Record<string, unknown>; body?: unknown },
    check: ((data: unknown) => Checked<T>) | null,
    signal?: AbortSignal,
  ): Promise<T | undefined> {
    const hasBody = input.body !== undefined;
    const res = await raw(spec, {
      params: input.params,
      query: input.query,
      headers: hasBody ? { 'content-type': 'application/json' } : {},
      body: hasBody ? JSON.stringify(input.body) : undefined,
      signal,
    });
    if (!res.ok) throw await failure(res);
    if (check === null) {
      // Drain the (empty) body so the connection can be reused.
      await res.arrayBuffer().catch(() => undefined);
      return undefined;
    }
    let data: unknown;
    try {
      data = await res.json();
    } catch (e) {
      // A body cut off mid-way is a network failure; anything else is not our protocol.
      if ((e as { name?: string }).name === 'SyntaxError') {
        throw new RequestError(
          'protocol',
          { code: 'protocol.not_json', message: messages.protocol },
          { status: res.status, cause: e },
        );
      }
      throw toRequestError(e, messages);
    }
    const parsed = check(data);
    if (!parsed.success) {
      throw new RequestError(
        'protocol',
        { code: 'protocol.schema', message: messages.protocol },
        { status: res.status, details: parsed.issues },
      );
    }
    return parsed.data;
  }

  async function call<S extends RouteSpec>(
    spec: S,
    input: RouteInput<S>,
    signal?: AbortSignal,
  ): Promise<RouteResponse<S>> {
    const schema = spec.response;
    const check =
      schema &&
      ((data: unknown): Checked<unknown> => {
        const parsed = schema.safeParse(data);
        return parsed.success ? parsed : { success: false, issues: parsed.error.issues };
      });
    return (await send(spec, input as Parameters<typeof send>[1], check, signal)) as RouteResponse<S>;
  }

  async function callChecked<T>(
    spec: Endpoint,
    input: Parameters<typeof send>[1],
    check: (data: unknown) => Checked<T>,
    signal?: AbortSignal,
  ): Promise<T> {
    return (await send(spec, input, check, signal)) as T;
  }

  return { call, callChecked, raw, failure };
}
