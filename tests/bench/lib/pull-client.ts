// The device's side of a first sync, in a process of its own (forked by server-scale.bench.ts), so
// that the server process's CPU time during the sync is the server's alone: every pull page from
// cursor 0 over HTTP, each decoded and parsed as a browser would. Told what to read by an IPC
// message, answers with what it read; says `ready` once loaded.
import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';

export interface PullJob {
  url: string;
  headers: Record<string, string>;
  encoding: string | null;
  limit: number;
}

export interface PullReport {
  ms: number;
  bytes: number;
  changes: number;
}

function get(url: string, headers: Record<string, string>): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const decode = (b: Buffer, encoding: string | null) =>
  encoding === null ? b : encoding === 'br' ? brotliDecompressSync(b) : gunzipSync(b);

async function firstSync(job: PullJob): Promise<PullReport> {
  const headers = job.encoding ? { ...job.headers, 'accept-encoding': job.encoding } : job.headers;
  let cursor = 0;
  let bytes = 0;
  let changes = 0;
  const t0 = performance.now();
  for (;;) {
    const res = await get(`${job.url}?cursor=${cursor}&limit=${job.limit}`, headers);
    if (res.status !== 200) throw new Error(`pull: ${res.status}`);
    bytes += res.body.length;
    const page = JSON.parse(decode(res.body, job.encoding).toString()) as {
      changes: unknown[];
      cursor: number;
      hasMore: boolean;
    };
    changes += page.changes.length;
    cursor = page.cursor;
    if (!page.hasMore) break;
  }
  return { ms: performance.now() - t0, bytes, changes };
}

process.on('message', (job: PullJob) => {
  firstSync(job).then(
    (report) => process.send!({ report }),
    (error: unknown) => process.send!({ error: String(error) }),
  );
});
process.send!('ready');
