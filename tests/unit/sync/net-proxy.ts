// A TCP proxy that behaves like a slow mobile link: one shared link per direction with a bit rate
// (bytes are serialised one after another, across every connection) and a one-way delay of RTT/2.
// It can also cut every connection after a number of upstream bytes (a link that dies mid-upload).
// Used by the sync tests and the sync bench; Node only.
import { createServer, connect, type Server, type Socket } from 'node:net';

export interface LinkProfile {
  /** Bits per second each way; 0 = unlimited. */
  bps: number;
  rttMs: number;
}

export const UNLIMITED: LinkProfile = { bps: 0, rttMs: 0 };
/** Chrome DevTools "3G": 400 kbit/s both ways, 2000 ms RTT (the architecture's test preset). */
export const DEVTOOLS_3G: LinkProfile = { bps: 400_000, rttMs: 2_000 };

/** Slices big enough to keep timers few, small enough to interleave connections. */
const SLICE = 8 * 1024;

class Link {
  private freeAt = 0;
  bytes = 0;
  constructor(private readonly profile: () => LinkProfile) {}

  /** When `size` bytes sent now arrive at the far end. */
  arrival(size: number): number {
    const { bps, rttMs } = this.profile();
    const now = performance.now();
    this.bytes += size;
    const start = Math.max(now, this.freeAt);
    this.freeAt = bps > 0 ? start + (size * 8 * 1000) / bps : start;
    return this.freeAt + rttMs / 2;
  }
}

export class NetProxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private readonly up: Link;
  private readonly down: Link;
  private cutAt: number | undefined;
  port = 0;
  profile: LinkProfile;
  connections = 0;
  /** Request lines and headers seen going upstream, e.g. to check a resumed upload's offset. */
  readonly requests: Array<{ at: number; method: string; path: string; headers: Record<string, string> }> = [];

  constructor(
    private readonly target: { host: string; port: number },
    profile: LinkProfile = UNLIMITED,
  ) {
    this.profile = profile;
    this.up = new Link(() => this.profile);
    this.down = new Link(() => this.profile);
  }

  /** Bytes the client sent towards the server (headers and bodies) / received from it. */
  get bytesUp(): number {
    return this.up.bytes;
  }
  get bytesDown(): number {
    return this.down.bytes;
  }

  resetCounters(): void {
    this.up.bytes = 0;
    this.down.bytes = 0;
  }

  /** Destroys every connection once `bytes` more upstream bytes have gone through. */
  cutAfterUpstreamBytes(bytes: number): void {
    this.cutAt = this.up.bytes + bytes;
  }

  /** Destroys every open connection now. */
  cutAll(): void {
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
  }

  async listen(): Promise<number> {
    this.server = createServer((client) => this.accept(client));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    this.port = typeof address === 'object' && address ? address.port : 0;
    return this.port;
  }

  async close(): Promise<void> {
    this.cutAll();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private accept(client: Socket): void {
    this.connections++;
    const upstream = connect(this.target.port, this.target.host);
    this.sockets.add(client).add(upstream);
    // A close is graceful: what is queued still arrives, then `end` follows. An error kills both.
    const kill = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', kill).on('close', () => this.sockets.delete(client));
    upstream.on('error', kill).on('close', () => this.sockets.delete(upstream));
    client.on(
      'data',
      sniffRequests((r) => this.requests.push(r)),
    );
    this.pipe(client, upstream, this.up, true);
    this.pipe(upstream, client, this.down, false);
  }

  /** Forwards `from` → `to` through `link`, in order (one queue and one timer per direction). */
  private pipe(from: Socket, to: Socket, link: Link, upstream: boolean): void {
    const queue: Array<{ at: number; data: Buffer | null; cut?: boolean }> = [];
    let timer: NodeJS.Timeout | undefined;
    const flush = () => {
      timer = undefined;
      const now = performance.now();
      while (queue.length > 0 && queue[0]!.at <= now) {
        const item = queue.shift()!;
        if (to.destroyed) continue;
        if (item.data === null) to.end();
        else to.write(item.data);
        if (item.cut) this.cutAll();
      }
      if (queue.length > 0) timer = setTimeout(flush, Math.max(0, queue[0]!.at - performance.now()));
    };
    const enqueue = (at: number, data: Buffer | null, cut = false) => {
      queue.push({ at, data, cut });
      timer ??= setTimeout(flush, Math.max(0, queue[0]!.at - performance.now()));
    };
    from.on('data', (data: Buffer) => {
      for (let i = 0; i < data.length; i += SLICE) {
        const slice = data.subarray(i, i + SLICE);
        if (upstream && this.cutAt !== undefined && link.bytes + slice.length >= this.cutAt) {
          // The link dies here: what fits goes through, then every connection drops.
          const last = slice.subarray(0, Math.max(0, this.cutAt - link.bytes));
          this.cutAt = undefined;
          enqueue(link.arrival(last.length), last, true);
          from.pause();
          return;
        }
        enqueue(link.arrival(slice.length), slice);
      }
    });
    from.on('end', () => enqueue(link.arrival(0), null));
  }
}

/** Bytes kept between reads to catch a request head split across them (heads are small). */
const SNIFF_WINDOW = 16 * 1024;
const HEAD = /(GET|HEAD|POST|PATCH|PUT|DELETE) (\/[^ \r\n]*) HTTP\/1\.1\r\n([\s\S]*?)\r\n\r\n/;

/** Finds HTTP/1.1 request heads in one connection's upstream bytes (bodies are skipped over). */
function sniffRequests(found: (r: NetProxy['requests'][number]) => void): (data: Buffer) => void {
  let text = '';
  return (data) => {
    text += data.toString('latin1');
    for (let m = HEAD.exec(text); m; m = HEAD.exec(text)) {
      const headers: Record<string, string> = {};
      for (const line of m[3]!.split('\r\n')) {
        const i = line.indexOf(':');
        if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
      }
      found({ at: Date.now(), method: m[1]!, path: m[2]!, headers });
      text = text.slice(m.index + m[0].length);
    }
    // Keep only a tail: enough for a head split across two reads.
    text = text.slice(-SNIFF_WINDOW);
  };
}
