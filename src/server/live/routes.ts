// GET /api/sync/live: a text/event-stream telling a device "something in your scope changed, up
// to seq N" — never the change itself, the device pulls it (scope and data stay on /pull). The
// usual onRequest hook has authenticated the bearer token (the client reads the stream with
// fetch, which can send it; EventSource cannot). Heartbeat comments keep proxies from closing
// it, and `X-Accel-Buffering: no` keeps nginx from holding events back.
import type { FastifyInstance } from 'fastify';
import type { ServerResponse } from 'node:http';
import { API } from '../../domain/api';
import { LIVE_EVENTS } from '../../domain/api/sync';
import { DEFAULT_LIVE, type LiveLimits } from '../config';
import { ApiFailure } from '../http/errors';
import { serve } from '../http/route';
import { currentUser, visibilityOf } from '../auth/user';
import type { ChangeNotifier } from './notifier';

interface Stream {
  user: string;
  device: string;
  raw: ServerResponse;
  close: (event?: string) => void;
}

const frame = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

export interface LiveStreams {
  /** Open streams now. */
  readonly size: number;
}

export function registerLiveRoutes(
  app: FastifyInstance,
  notifier: ChangeNotifier,
  limits: LiveLimits = DEFAULT_LIVE,
): LiveStreams {
  const streams = new Set<Stream>();
  // One timer for all streams: 2,000 idle streams cost one wake-up per heartbeat, not 2,000.
  const heartbeat = setInterval(() => {
    for (const s of streams) s.raw.write(': hb\n\n');
  }, limits.heartbeatMs);
  heartbeat.unref();
  // Open streams would keep app.close() waiting: say goodbye first.
  app.addHook('preClose', async () => {
    clearInterval(heartbeat);
    for (const s of [...streams]) s.close(LIVE_EVENTS.bye);
  });

  serve(app, API.live, async ({ query, request, reply }) => {
    const user = currentUser(request);
    const visibility = visibilityOf(user);
    // A newer stream of this device replaces the older (one stream per device).
    for (const s of [...streams]) if (s.user === user.id && s.device === query.device) s.close(LIVE_EVENTS.bye);
    const mine = [...streams].filter((s) => s.user === user.id).length;
    if (mine >= limits.maxPerUser)
      throw new ApiFailure(429, 'live.too_many', '本账号的实时通知连接过多：请关闭其他设备上的应用', undefined, {
        'Retry-After': '60',
      });
    if (streams.size >= limits.maxStreams)
      throw new ApiFailure(503, 'live.busy', '服务器实时通知已满：应用每分钟自动检查一次', undefined, {
        'Retry-After': '60',
      });

    reply.hijack();
    const raw = reply.raw;
    // Headers set so far (security headers, a rotated session token) go out with the stream.
    const headers: Record<string, string | number | string[]> = {};
    for (const [k, v] of Object.entries(reply.getHeaders())) if (v !== undefined) headers[k] = v;
    raw.writeHead(200, {
      ...headers,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-accel-buffering': 'no',
      connection: 'keep-alive',
    });
    raw.socket?.setNoDelay(true);

    let open = true;
    const stream: Stream = {
      user: user.id,
      device: query.device,
      raw,
      close(event) {
        if (!open) return;
        open = false;
        streams.delete(stream);
        unsubscribe();
        clearTimeout(lifetime);
        if (event) raw.write(frame(event, {}));
        raw.end();
      },
    };
    const unsubscribe = notifier.subscribe(visibility, (seq) => {
      if (open) raw.write(frame(LIVE_EVENTS.changed, { seq }));
    });
    const lifetime = setTimeout(() => stream.close(LIVE_EVENTS.bye), limits.maxStreamMs);
    lifetime.unref();
    streams.add(stream);
    raw.on('close', () => stream.close());
    // The client reconnects after 5 s by itself if it is an EventSource; ours has its own back-off.
    raw.write(`retry: 5000\n${frame(LIVE_EVENTS.ready, {})}`);
    return reply;
  });

  return {
    get size() {
      return streams.size;
    },
  };
}
