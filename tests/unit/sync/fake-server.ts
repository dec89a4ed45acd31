// An in-process township server for sync tests: the sync endpoints' contract (push with an
// applied-mutation table, pull by cursor, resumable blob upload with hash check) behind a fetch
// function, plus the faults only an in-process server can stage (a chunk cut half-way with the
// first half kept, a malformed entry, a refusal on demand). The scenarios in backends.ts run
// against it and against the real server, so what it answers must stay what the real one answers.
import { createHash } from 'node:crypto';
import { PushRequest, type Change, type PushResult } from '../../../src/domain';
import { blobRefs, mutationCaseId } from '../../../src/sync/blob-refs';
import type { FetchLike } from '../../../src/sync/http';

interface StoredBlob {
  length: number;
  parts: Buffer[];
  received: number;
  complete: boolean;
}

export class FakeServer {
  readonly token = 'token-agent-1';
  applied = new Map<string, PushResult>();
  /** How often each mutation's effect was applied (must stay 1). */
  effects = new Map<string, number>();
  versions = new Map<string, number>();
  blobs = new Map<string, StoredBlob>();
  changes: Change[] = [];
  /** Cut the connection after this many body bytes of the next PATCH (an interrupted upload). */
  cutNextPatchAfter: number | undefined;
  /** Mutation ids that make the whole push request fail validation (400), like a malformed entry. */
  invalid = new Set<string>();
  /** Cases whose submissions the "rules" refuse. */
  poisoned = new Set<string>();

  addChanges(n: number, caseId: string): void {
    for (let i = 0; i < n; i++) {
      const seq = this.changes.length + 1;
      this.changes.push({
        seq,
        type: 'case.status',
        caseId,
        status: 'in_review',
        version: seq,
        at: 1_760_000_000_000 + seq,
      });
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
    const auth = new Headers(init.headers).get('Authorization');
    if (auth !== `Bearer ${this.token}`)
      return this.reply(method, 401, { code: 'auth.expired', message: '登录已过期' });
    if (method === 'POST' && path === '/api/sync/push') return this.push(JSON.parse(String(init.body)));
    if (method === 'GET' && path === '/api/sync/pull')
      return this.pull(Number(url.searchParams.get('cursor')), Number(url.searchParams.get('limit')));
    // The fake holds no cases of its own: a restore finds nothing (tests/unit/sync/restore.test.ts
    // runs it against the real server).
    if (method === 'GET' && path === '/api/sync/snapshot')
      return this.reply(method, 200, { cases: [], next: null, asOf: 0 });
    const blob = /^\/api\/blobs\/([0-9a-f]{64})$/.exec(path);
    if (blob && method === 'HEAD') return this.head(blob[1]!);
    if (blob && method === 'PATCH') return this.patch(blob[1]!, new Headers(init.headers), init.body as Uint8Array);
    return this.reply(method, 404, { code: 'route.not_found', message: '接口不存在' });
  };

  private reply(method: string, status: number, body?: unknown, headers: Record<string, string> = {}): Response {
    const text = body === undefined || method === 'HEAD' ? null : JSON.stringify(body);
    return new Response(status === 204 ? null : text, {
      status,
      headers: { 'Content-Type': 'application/json', ...headers },
    });
  }

  private push(raw: unknown): Response {
    const req = PushRequest.parse(raw);
    if (req.mutations.some((m) => this.invalid.has(m.id))) {
      return this.reply('POST', 400, { code: 'validation.failed', message: '提交的数据格式不正确' });
    }
    const results = req.mutations.map((m): PushResult => {
      const stored = this.applied.get(m.id);
      if (stored) return stored;
      const missing = blobRefs(m).filter((sha) => !this.blobs.get(sha)?.complete);
      if (missing.length)
        return { id: m.id, status: 'retry', code: 'blob.missing', message: '照片尚未上传完成', missingBlobs: missing };
      const caseId = mutationCaseId(m);
      let result: PushResult;
      if (m.kind !== 'case.submit' && !this.versions.has(caseId)) {
        result = {
          id: m.id,
          status: 'rejected',
          code: 'case.not_found',
          message: '乡镇服务器上没有这个办件，请先提交办件',
        };
      } else if (this.poisoned.has(caseId)) {
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
    return this.reply('POST', 200, { results });
  }

  private pull(cursor: number, limit: number): Response {
    const page = this.changes.filter((c) => c.seq > cursor).slice(0, limit);
    const last = page.at(-1)?.seq ?? cursor;
    const hasMore = this.changes.some((c) => c.seq > last);
    return this.reply('GET', 200, { changes: page, cursor: last, hasMore });
  }

  private head(sha: string): Response {
    const b = this.blobs.get(sha);
    if (!b) return this.reply('HEAD', 404, undefined, { 'Upload-Offset': '0' });
    return this.reply('HEAD', 200, undefined, {
      'Upload-Offset': String(b.received),
      'Upload-Length': String(b.length),
      ...(b.complete ? { 'Upload-Complete': '1' } : {}),
    });
  }

  private patch(sha: string, headers: Headers, body: Uint8Array): Response {
    const offset = Number(headers.get('Upload-Offset'));
    const length = Number(headers.get('Upload-Length'));
    if (headers.get('Content-Type') !== 'application/offset+octet-stream')
      return this.reply('PATCH', 415, { code: 'blob.content_type', message: '上传格式不正确' });
    if (body.byteLength > 1024 * 1024)
      return this.reply('PATCH', 413, { code: 'blob.chunk_too_large', message: '分块过大' });
    let b = this.blobs.get(sha);
    if (!b) {
      b = { length, parts: [], received: 0, complete: false };
      this.blobs.set(sha, b);
    }
    // Already complete (another device, or a retry after a lost answer): nothing to do.
    if (b.complete) return this.state(b);
    if (offset !== b.received) {
      return this.reply(
        'PATCH',
        409,
        { code: 'blob.offset_mismatch', message: '上传位置不一致', details: { offset: b.received } },
        { 'Upload-Offset': String(b.received) },
      );
    }
    let chunk = Buffer.from(body);
    if (this.cutNextPatchAfter !== undefined) {
      // The server keeps what arrived before the connection died; the client sees a network error.
      chunk = chunk.subarray(0, this.cutNextPatchAfter);
      this.cutNextPatchAfter = undefined;
      b.parts.push(chunk);
      b.received += chunk.byteLength;
      throw new TypeError('network connection lost');
    }
    b.parts.push(chunk);
    b.received += chunk.byteLength;
    if (b.received === b.length) {
      const all = Buffer.concat(b.parts);
      if (createHash('sha256').update(all).digest('hex') !== sha) {
        this.blobs.delete(sha);
        return this.reply('PATCH', 422, {
          code: 'blob.hash_mismatch',
          message: '文件内容与摘要不符（可能传输出错），请重新上传',
          details: { offset: 0 },
        });
      }
      b.complete = true;
    }
    return this.state(b);
  }

  /** A PATCH answer as the real server gives it: 200, the state in headers and body. */
  private state(b: StoredBlob): Response {
    const headers: Record<string, string> = {
      'Upload-Offset': String(b.received),
      'Upload-Length': String(b.length),
      ...(b.complete ? { 'Upload-Complete': '1' } : {}),
    };
    return this.reply('PATCH', 200, { offset: b.received, length: b.length, complete: b.complete }, headers);
  }
}
