// The live channel: one stream per device (GET /api/sync/live) on which the server says
// "something in your scope changed, up to seq N"; the page then drains (push, pull). Read with
// fetch, not EventSource, because the stream needs the Authorization header. While the page is
// hidden or the browser offline it stays closed; it reconnects with back-off and jitter, at once
// when the network returns, and is torn down by a watchdog when heartbeats stop (a dead NAT
// mapping keeps a socket "open" for minutes).
import { backoffDelay, type BackoffOptions } from './backoff';
import { LIVE_EVENTS, LiveHint, SYNC_ROUTES } from '../domain/api/sync';
import { createApiClient, RequestError, type FetchLike, type RotatedToken } from '../net';

interface Listenable {
  addEventListener(type: string, listener: () => void): void;
  removeEventListener(type: string, listener: () => void): void;
}

export interface LiveEnv {
  window?: Listenable;
  document?: Listenable & { visibilityState: string };
  navigator?: { onLine?: boolean };
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  random(): number;
  now(): number;
}

export interface LiveOptions {
  baseUrl: string;
  fetch?: FetchLike;
  token: () => Promise<string | undefined>;
  onToken?: (rotated: RotatedToken) => Promise<unknown> | void;
  deviceId: () => Promise<string>;
  /** Called on `ready` (seq undefined: pull what may have been missed) and on every hint. */
  onHint: (seq: number | undefined) => void;
  env?: LiveEnv;
  backoff?: BackoffOptions;
  /** No byte for this long (heartbeats come every 20 s) and the stream is given up. */
  silenceMs?: number;
}

export interface LiveChannel {
  start(): void;
  stop(): void;
  /** True while a stream is open and said `ready`. */
  readonly connected: boolean;
}

export const LIVE_BACKOFF: BackoffOptions = { baseMs: 1_000, maxMs: 60_000, factor: 2 };

function browserEnv(): LiveEnv {
  const g = globalThis as unknown as Partial<LiveEnv>;
  return {
    window: g.window,
    document: g.document,
    navigator: g.navigator,
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
    random: () => Math.random(),
    now: () => Date.now(),
  };
}

/** Splits an event-stream text into complete events; returns what is left of an unfinished one. */
export function parseEvents(buffer: string, emit: (event: string, data: string) => void): string {
  let rest = buffer.replace(/\r\n?/g, '\n');
  for (let end = rest.indexOf('\n\n'); end >= 0; end = rest.indexOf('\n\n')) {
    const block = rest.slice(0, end);
    rest = rest.slice(end + 2);
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) continue; // heartbeat comment
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
    if (data.length > 0 || event !== 'message') emit(event, data.join('\n'));
  }
  return rest;
}

export function createLiveChannel(options: LiveOptions): LiveChannel {
  const env = options.env ?? browserEnv();
  const backoff = options.backoff ?? LIVE_BACKOFF;
  const silenceMs = options.silenceMs ?? 65_000;
  // The stream lives for minutes: the client's usual request timeout must not cut it.
  const api = createApiClient({
    baseUrl: options.baseUrl,
    fetch: options.fetch,
    token: options.token,
    onToken: options.onToken,
    timeoutMs: 24 * 3_600_000,
  });
  let started = false;
  let running: AbortController | undefined;
  /** The stream this side closed on purpose (offline, hidden, stop): no reconnect for it. */
  let dropped: AbortController | undefined;
  let retry: unknown;
  let attempts = 0;
  let connected = false;
  /** After a 401 or 426 the stream waits for the next start, `online` or visibility. */
  let parked = false;

  const hidden = () => env.document?.visibilityState === 'hidden';
  const offline = () => env.navigator?.onLine === false;

  function clearRetry() {
    if (retry !== undefined) env.clearTimeout(retry);
    retry = undefined;
  }

  function later(ms: number) {
    clearRetry();
    if (!started || parked) return;
    retry = env.setTimeout(() => {
      retry = undefined;
      void connect();
    }, ms);
  }

  function close() {
    dropped = running;
    running?.abort();
    running = undefined;
    connected = false;
  }

  async function connect(): Promise<void> {
    if (!started || running || parked || hidden() || offline()) return;
    clearRetry();
    const abort = new AbortController();
    running = abort;
    let clean = false;
    let retryAfterMs: number | undefined;
    try {
      const res = await api.raw(SYNC_ROUTES.live, {
        query: { device: await options.deviceId() },
        signal: abort.signal,
      });
      if (!res.ok) throw await api.failure(res);
      if (!res.body) throw new Error('no stream body');
      clean = await read(res.body, abort);
    } catch (e) {
      if (e instanceof RequestError) {
        if (e.kind === 'auth' || e.kind === 'version') parked = true;
        retryAfterMs = e.retryAfterMs;
      }
    } finally {
      if (running === abort) running = undefined;
      connected = false;
    }
    if (!started || dropped === abort) return;
    // A stream the server ended in order (lifetime, a newer stream): back soon, spread a little.
    if (clean) later(env.random() * 1_000);
    else later(Math.max(backoffDelay(++attempts, backoff, env.random), retryAfterMs ?? 0));
  }

  /** Reads events until the stream ends; true when the server said goodbye. */
  async function read(body: ReadableStream<Uint8Array>, abort: AbortController): Promise<boolean> {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    let bye = false;
    let watchdog: unknown;
    const watch = () => {
      if (watchdog !== undefined) env.clearTimeout(watchdog);
      watchdog = env.setTimeout(() => abort.abort(), silenceMs);
    };
    const onAbort = () => void reader.cancel().catch(() => undefined);
    abort.signal.addEventListener('abort', onAbort);
    watch();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return bye;
        watch();
        buffer = parseEvents(buffer + decoder.decode(value, { stream: true }), (event, data) => {
          if (event === LIVE_EVENTS.ready) {
            connected = true;
            attempts = 0;
            options.onHint(undefined);
          } else if (event === LIVE_EVENTS.changed) {
            const hint = LiveHint.safeParse(safeJson(data));
            if (hint.success) options.onHint(hint.data.seq);
          } else if (event === LIVE_EVENTS.bye) bye = true;
        });
      }
    } finally {
      if (watchdog !== undefined) env.clearTimeout(watchdog);
      abort.signal.removeEventListener('abort', onAbort);
    }
  }

  const onOnline = () => {
    attempts = 0;
    parked = false;
    void connect();
  };
  const onOffline = () => {
    // The socket may hang for minutes; the next `online` opens a fresh one.
    close();
    clearRetry();
  };
  const onVisibility = () => {
    if (hidden()) {
      close();
      clearRetry();
    } else {
      parked = false;
      void connect();
    }
  };

  return {
    start() {
      if (started) return;
      started = true;
      parked = false;
      attempts = 0;
      env.window?.addEventListener('online', onOnline);
      env.window?.addEventListener('offline', onOffline);
      env.document?.addEventListener('visibilitychange', onVisibility);
      void connect();
    },
    stop() {
      if (!started) return;
      started = false;
      env.window?.removeEventListener('online', onOnline);
      env.window?.removeEventListener('offline', onOffline);
      env.document?.removeEventListener('visibilitychange', onVisibility);
      clearRetry();
      close();
    },
    get connected() {
      return connected;
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
