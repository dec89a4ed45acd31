// An in-process township server for drain tests: the sync endpoints' contract (push with an
// applied-mutation table, pull by cursor, resumable blob upload with hash check) behind a fetch
// function, plus knobs to break the network at chosen moments.
import { createHash } from 'node:crypto';
import { Mutation, PushRequest, type Change, type PushResult } from '../../../src/domain';
import { blobRefs, mutationCaseId } from '../../../src/sync/blob-refs';
import type { FetchLike } from '../../../src/sync/http';

interface StoredBlob { length: number; parts: Buffer[]; received: number; complete: boolean }

export interface RequestLog { method: string; path: string; status: number | 'network' }

type Fault = { status: number; body?: unknown; headers?: Record<string, string> } | 'network';

export class FakeServer {
  readonly token = 'token-agent-1';
  applied = new Map<string, PushResult>();
  /** How often each mutation's effect was applied (must stay 1). */
  effects = new Map<string, number>();
  versions = new Map<string, number>();
  blobs = new Map<string, StoredBlob>();
  changes: Change[] = [];
  log: RequestLog[] = [];
  /** Every PATCH as sent: which blob, from which offset, how many bytes. */
  patchOffsets: Array<{ sha: string; offset: number; bytes: number }> = [];
  /** Push request bodies as received. */
  pushes: Mutation[][] = [];
  /** Faults served, in order, to the next requests whose "METHOD /path-prefix" matches. */
  private faults: Array<{ match: string; fault: Fault }> = [];
  /** Cut the connection after this many body bytes of the next PATCH (an interrupted upload). */
  cutNextPatchAfter: number | undefined;
  /** Mutation ids that make the whole push request fail validation (400), like a malformed entry. */
  invalid = new Set<string>();
  /** Cases whose submissions the "rules" refuse. */
  poisoned = new Set<string>();
  /** Hook run before each request is answered (e.g. to start a racing drain). */
  onRequest: ((method: string, path: string) => Promise<void> | void) | undefined;

  failNext(match: string, fault: Fault, times = 1): void {
    for (let i = 0; i < times; i++) this.faults.push({ match, fault });
  }

  clearFaults(): void {
    this.faults = [];
  }

  addChanges(n: number, caseId: string): void {
    for (let i = 0; i < n; i++) {
      const seq = this.changes.length + 1;
      this.changes.push({ seq, type: 'case.status', caseId, status: 'in_review', version: seq, at: 1_760_000_000_000 + seq });
    }
  }

  storedBytes(sha: string): Buffer | undefined {
    const b = this.blobs.get(sha);
    return b?.complete ? Buffer.concat(b.parts) : undefined;
  }

  readonly fetch: FetchLike = async (input, init = {}) => {
    const url = new URL(input);
    const method = (init.method ?? 'GET').toUpperCase();
    const path = url.pathname;
    await this.onRequest?.(method, path);
    const faultAt = this.faults.findIndex((f) => `${method} ${path}`.startsWith(f.match));
    if (faultAt >= 0) {
      const fault = this.faults.splice(faultAt, 1)[0]!.fault;
      if (fault === 'network') {
        this.log.push({ method, path, status: 'network' });
        throw new TypeError('fetch failed');
      }
      return this.reply(method, path, fault.status, fault.body ?? { code: `http.${fault.status}`, message: '故障' }, fault.headers);
    }
    const auth = new Headers(init.headers).get('Authorization');
    if (auth !== `Bearer ${this.token}`) return this.reply(method, path, 401, { code: 'auth.expired', message: '登录已过期' });
    if (method === 'POST' && path === '/api/sync/push') return this.push(JSON.parse(String(init.body)));
    if (method === 'GET' && path === '/api/sync/pull') return this.pull(Number(url.searchParams.get('cursor')), Number(url.searchParams.get('limit')));
    const blob = /^\/api\/blobs\/([0-9a-f]{64})$/.exec(path);
    if (blob && method === 'HEAD') return this.head(blob[1]!);
    if (blob && method === 'PATCH') return this.patch(blob[1]!, new Headers(init.headers), init.body as Uint8Array);
    return this.reply(method, path, 404, { code: 'route.not_found', message: '接口不存在' });
  };

  private reply(method: string, path: string, status: number, body?: unknown, headers: Record<string, string> = {}): Response {
    this.log.push({ method, path, status });
    const text = body === undefined || method === 'HEAD' ? null : JSON.stringify(body);
    return new Response(status === 204 ? null : text, { status, headers: { 'Content-Type': 'application/json', ...headers } });
  }

  private push(raw: unknown): Response {
    const req = PushRequest.parse(raw);
    if (req.mutations.some((m) => this.invalid.has(m.id))) {
      return this.reply('POST', '/api/sync/push', 400, { code: 'validation.failed', message: '提交的数据格式不正确' });
    }
    this.pushes.push(req.mutations);
    const results = req.mutations.map((m): PushResult => {
      const stored = this.applied.get(m.id);
      if (stored) return stored;
      const missing = blobRefs(m).filter((sha) => !this.blobs.get(sha)?.complete);
      if (missing.length) return { id: m.id, status: 'retry', code: 'blob.missing', message: '照片尚未上传完成', missingBlobs: missing };
      const caseId = mutationCaseId(m);
      let result: PushResult;
      if (this.poisoned.has(caseId)) {
        result = { id: m.id, status: 'rejected', code: 'rules.failed', message: '身份证已过期，请更新证件后重新提交' };
      } else {
        const version = (this.versions.get(caseId) ?? 0) + 1;
        this.versions.set(caseId, version);
        this.effects.set(m.id, (this.effects.get(m.id) ?? 0) + 1);
        result = { id: m.id, status: 'ok', version };
      }
      this.applied.set(m.id, result);
      return result;
    });
    return this.reply('POST', '/api/sync/push', 200, { results });
  }

  private pull(cursor: number, limit: number): Response {
    const page = this.changes.filter((c) => c.seq > cursor).slice(0, limit);
    const last = page.at(-1)?.seq ?? cursor;
    const hasMore = this.changes.some((c) => c.seq > last);
    return this.reply('GET', '/api/sync/pull', 200, { changes: page, cursor: last, hasMore });
  }

  private head(sha: string): Response {
    const b = this.blobs.get(sha);
    if (!b) return this.reply('HEAD', `/api/blobs/${sha}`, 404, undefined, { 'Upload-Offset': '0' });
    return this.reply('HEAD', `/api/blobs/${sha}`, 200, undefined, {
      'Upload-Offset': String(b.received), 'Upload-Length': String(b.length), ...(b.complete ? { 'Upload-Complete': '1' } : {}),
    });
  }

  private patch(sha: string, headers: Headers, body: Uint8Array): Response {
    const path = `/api/blobs/${sha}`;
    const offset = Number(headers.get('Upload-Offset'));
    this.patchOffsets.push({ sha, offset, bytes: body.byteLength });
    const length = Number(headers.get('Upload-Length'));
    if (headers.get('Content-Type') !== 'application/offset+octet-stream') return this.reply('PATCH', path, 415, { code: 'blob.content_type', message: '上传格式不正确' });
    if (body.byteLength > 1024 * 1024) return this.reply('PATCH', path, 413, { code: 'blob.chunk_too_large', message: '分块过大' });
    let b = this.blobs.get(sha);
    if (!b) {
      b = { length, parts: [], received: 0, complete: false };
      this.blobs.set(sha, b);
    }
    if (b.complete || offset !== b.received) {
      return this.reply('PATCH', path, 409, { code: 'blob.offset_mismatch', message: '上传位置不一致', details: { offset: b.received } }, { 'Upload-Offset': String(b.received) });
    }
    let chunk = Buffer.from(body);
    if (this.cutNextPatchAfter !== undefined) {
      // The server keeps what arrived before the connection died; the client sees a network error.
      chunk = chunk.subarray(0, this.cutNextPatchAfter);
      this.cutNextPatchAfter = undefined;
      b.parts.push(chunk);
      b.received += chunk.byteLength;
      this.log.push({ method: 'PATCH', path, status: 'network' });
      throw new TypeError('network connection lost');
    }
    b.parts.push(chunk);
    b.received += chunk.byteLength;
    if (b.received === b.length) {
      const all = Buffer.concat(b.parts);
      if (createHash('sha256').update(all).digest('hex') !== sha) {
        this.blobs.delete(sha);
        return this.reply('PATCH', path, 422, { code: 'blob.hash_mismatch', message: '文件校验失败' });
      }
      b.complete = true;
      return this.reply('PATCH', path, 204, undefined, { 'Upload-Offset': String(b.received), 'Upload-Complete': '1' });
    }
    return this.reply('PATCH', path, 204, undefined, { 'Upload-Offset': String(b.received) });
  }
}
