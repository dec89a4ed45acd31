// The live channel's client side: reading the event stream, and reconnecting — with back-off
// after failures, soon after an orderly goodbye, at once when the network returns, never while
// offline, hidden, stopped or logged out, and when heartbeats stop.
import { describe, expect, it } from 'vitest';
import { createLiveChannel, parseEvents, type LiveEnv } from '../../../src/sync/live';

function fakeEnv() {
  const handlers = new Map<string, Set<() => void>>();
  const target = (prefix: string) => ({
    addEventListener: (t: string, fn: () => void) => {
      const key = `${prefix}:${t}`;
      if (!handlers.has(key)) handlers.set(key, new Set());
      handlers.get(key)!.add(fn);
    },
    removeEventListener: (t: string, fn: () => void) => handlers.get(`${prefix}:${t}`)?.delete(fn),
  });
  const timers: Array<{ at: number; fn: () => void; id: number }> = [];
  let clock = 0;
  let nextId = 1;
  const document = { ...target('document'), visibilityState: 'visible' };
  const navigator = { onLine: true };
  const env: LiveEnv = {
    window: target('window'),
    document,
    navigator,
    setTimeout: (fn, ms) => {
      const id = nextId++;
      timers.push({ at: clock + ms, fn, id });
      return id;
    },
    clearTimeout: (id) => {
      const i = timers.findIndex((t) => t.id === id);
      if (i >= 0) timers.splice(i, 1);
    },
    random: () => 0.5,
    now: () => clock,
  };
  return {
    env,
    document,
    navigator,
    fire: (key: string) => {
      for (const fn of handlers.get(key) ?? []) fn();
    },
    /** Moves the clock, running due timers in order. */
    async advance(ms: number) {
      const end = clock + ms;
      for (;;) {
        timers.sort((a, b) => a.at - b.at);
        const next = timers[0];
        if (!next || next.at > end) break;
        timers.shift();
        clock = next.at;
        next.fn();
        await flush();
      }
      clock = end;
      await flush();
    },
    pendingTimers: () => timers.length,
  };
}

const flush = async () => {
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
};

/** A server stand-in: each request gets a stream the test writes to, or a failure. */
function fakeServer() {
  const requests: Array<{ url: string; headers: Record<string, string> }> = [];
  const streams: Array<ReadableStreamDefaultController<Uint8Array>> = [];
  const answers: Array<'stream' | 'offline' | number> = [];
  const enc = new TextEncoder();
  const fetch = async (url: string, init?: RequestInit) => {
    requests.push({ url, headers: init?.headers as Record<string, string> });
    const answer = answers.shift() ?? 'stream';
    if (answer === 'offline') throw new TypeError('Failed to fetch');
    if (typeof answer === 'number')
      return new Response(JSON.stringify({ code: answer === 401 ? 'auth.expired' : 'x.y', message: '错误' }), {
        status: answer,
      });
    let controller!: ReadableStreamDefaultController<Uint8Array>;
    const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
    init?.signal?.addEventListener('abort', () => controller.error(new DOMException('aborted', 'AbortError')));
    streams.push(controller);
    return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
  };
  return {
    fetch,
    requests,
    answers,
    send: (text: string, i = streams.length - 1) => streams[i]!.enqueue(enc.encode(text)),
    end: (i = streams.length - 1) => streams[i]!.close(),
    fail: (i = streams.length - 1) => streams[i]!.error(new TypeError('network error')),
  };
}

function setup(token: string | undefined = 'tok-1') {
  const browser = fakeEnv();
  const server = fakeServer();
  const hints: Array<number | undefined> = [];
  const live = createLiveChannel({
    baseUrl: 'https://t.example',
    fetch: server.fetch,
    token: async () => token,
    deviceId: async () => 'dev-1',
    onHint: (seq) => hints.push(seq),
    env: browser.env,
    silenceMs: 65_000,
  });
  return { browser, server, hints, live };
}

describe('parseEvents', () => {
  it('keeps an unfinished event for the next chunk, skips comments, reads CRLF', () => {
    const seen: string[] = [];
    let rest = parseEvents(': hb\n\nevent: changed\ndata: {"se', (e, d) => seen.push(`${e}=${d}`));
    expect(seen).toEqual([]);
    rest = parseEvents(`${rest}q":3}\r\n\r\nevent: bye\ndata: {}\n\n`, (e, d) => seen.push(`${e}=${d}`));
    expect(seen).toEqual(['changed={"seq":3}', 'bye={}']);
    expect(rest).toBe('');
  });
});

describe('the live channel', () => {
  it('opens one authenticated stream for the device and passes on ready and hints', async () => {
    const { server, hints, live } = setup();
    live.start();
    live.start();
    await flush();
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.url).toBe('https://t.example/api/sync/live?device=dev-1');
    expect(server.requests[0]!.headers.authorization).toBe('Bearer tok-1');
    server.send('retry: 5000\nevent: ready\ndata: {}\n\n');
    await flush();
    expect(live.connected).toBe(true);
    server.send('event: changed\ndata: {"seq":7}\n\n: hb\n\nevent: changed\ndata: {"seq":"x"}\n\n');
    await flush();
    // A hint without a readable seq is dropped, not passed on as data.
    expect(hints).toEqual([undefined, 7]);
    live.stop();
  });

  it('reconnects with growing back-off after failures, and starts over after a ready', async () => {
    const { browser, server, live } = setup();
    server.answers.push('offline', 'offline', 'offline');
    live.start();
    await flush();
    expect(server.requests).toHaveLength(1);
    // Attempt 1: 1 s cap, equal jitter with random 0.5 → 750 ms.
    await browser.advance(749);
    expect(server.requests).toHaveLength(1);
    await browser.advance(1);
    expect(server.requests).toHaveLength(2);
    // Attempt 2: 2 s cap → 1,500 ms.
    await browser.advance(1_499);
    expect(server.requests).toHaveLength(2);
    await browser.advance(1);
    expect(server.requests).toHaveLength(3);
    await browser.advance(3_000);
    expect(server.requests).toHaveLength(4);
    server.send('event: ready\ndata: {}\n\n');
    await flush();
    server.fail();
    await flush();
    // Back to attempt 1 after a stream that was ready.
    await browser.advance(750);
    expect(server.requests).toHaveLength(5);
    live.stop();
  });

  it('comes back within a second after an orderly goodbye', async () => {
    const { browser, server, live } = setup();
    live.start();
    await flush();
    server.send('event: ready\ndata: {}\n\nevent: bye\ndata: {}\n\n');
    server.end();
    await flush();
    await browser.advance(1_000);
    expect(server.requests).toHaveLength(2);
    live.stop();
  });

  it('stays closed offline and reconnects the moment the network returns, whatever the back-off', async () => {
    const { browser, server, live } = setup();
    server.answers.push('offline', 'offline', 'offline', 'offline', 'offline');
    live.start();
    await flush();
    await browser.advance(20_000); // back-off has grown to 8–16 s
    const before = server.requests.length;
    expect(before).toBeGreaterThanOrEqual(4);
    browser.navigator.onLine = false;
    browser.fire('window:offline');
    await browser.advance(120_000);
    expect(server.requests).toHaveLength(before);
    expect(browser.pendingTimers()).toBe(0);
    browser.navigator.onLine = true;
    browser.fire('window:online');
    await flush();
    expect(server.requests).toHaveLength(before + 1);
    live.stop();
  });

  it('closes while hidden and reopens when visible', async () => {
    const { browser, server, live } = setup();
    live.start();
    await flush();
    server.send('event: ready\ndata: {}\n\n');
    await flush();
    browser.document.visibilityState = 'hidden';
    browser.fire('document:visibilitychange');
    await browser.advance(300_000);
    expect(server.requests).toHaveLength(1);
    expect(live.connected).toBe(false);
    browser.document.visibilityState = 'visible';
    browser.fire('document:visibilitychange');
    await flush();
    expect(server.requests).toHaveLength(2);
    live.stop();
  });

  it('gives up a stream whose heartbeats stopped, and opens a new one', async () => {
    const { browser, server, live } = setup();
    live.start();
    await flush();
    server.send('event: ready\ndata: {}\n\n');
    await flush();
    await browser.advance(60_000);
    server.send(': hb\n\n');
    await flush();
    await browser.advance(64_000);
    expect(server.requests).toHaveLength(1);
    await browser.advance(1_000 + 750);
    expect(server.requests).toHaveLength(2);
    live.stop();
  });

  it('after a 401 waits for the next start or online instead of hammering the server', async () => {
    const { browser, server, live } = setup();
    server.answers.push(401);
    live.start();
    await flush();
    await browser.advance(600_000);
    expect(server.requests).toHaveLength(1);
    browser.fire('window:online');
    await flush();
    expect(server.requests).toHaveLength(2);
    live.stop();
  });

  it('honours Retry-After of a full server (503 live.busy)', async () => {
    const { browser, server, live } = setup();
    const busy = server.fetch;
    let first = true;
    const fetchWithRetryAfter = async (url: string, init?: RequestInit) => {
      if (!first) return busy(url, init);
      first = false;
      server.requests.push({ url, headers: init?.headers as Record<string, string> });
      return new Response('{"code":"live.busy","message":"满"}', { status: 503, headers: { 'Retry-After': '60' } });
    };
    const hints: unknown[] = [];
    const channel = createLiveChannel({
      baseUrl: '',
      fetch: fetchWithRetryAfter,
      token: async () => 't',
      deviceId: async () => 'd',
      onHint: (s) => hints.push(s),
      env: browser.env,
    });
    channel.start();
    await flush();
    await browser.advance(59_000);
    expect(server.requests).toHaveLength(1);
    await browser.advance(1_000);
    expect(server.requests).toHaveLength(2);
    channel.stop();
    live.stop();
  });

  it('stop closes the stream and nothing reconnects', async () => {
    const { browser, server, live } = setup();
    live.start();
    await flush();
    live.stop();
    await flush();
    await browser.advance(600_000);
    expect(server.requests).toHaveLength(1);
    expect(browser.pendingTimers()).toBe(0);
  });
});
