// In-memory SyncPorts with the outbox semantics storage promises: tests watch every state change.
import type { Change, Mutation, PushResult } from '../../../src/domain';
import type { SkippedChange } from '../../../src/domain/api';
import type { SyncIssue } from '../../../src/sync/errors';
import type { FetchLike } from '../../../src/sync/http';
import type { OutboxItem, SyncPorts, SyncProblem } from '../../../src/sync/ports';
import { mutationCaseId } from '../../../src/sync/blob-refs';
import { DEVICE_ID, type TestBlob } from './fixtures';

export interface MemoryRow extends OutboxItem {
  state: 'pending' | 'sending' | 'failed' | 'rejected' | 'done';
  nextAttemptAt: number;
  lastError?: SyncIssue;
  seq: number;
}

export class MemoryDevice {
  rows: MemoryRow[] = [];
  blobs = new Map<string, TestBlob & { uploaded: boolean }>();
  versions = new Map<string, number>();
  applied: Change[] = [];
  cursor = 0;
  token: string | undefined = 'token-agent-1';
  /** Transactions of pull pages: [changes, cursor] as committed together. */
  pullCommits: Array<{ changes: number; cursor: number }> = [];
  /** Changes the pull skipped, as recorded with their page. */
  skipped: SkippedChange[] = [];
  /** Set to make the next markDone throw, as if the tab died right after the push answer. */
  crashOnMarkDone = false;
  lastSuccessAt: number | undefined;
  private seq = 0;

  enqueue(mutation: Mutation): MemoryRow {
    const row: MemoryRow = {
      id: mutation.id,
      caseId: mutationCaseId(mutation),
      mutation,
      attempts: 0,
      state: 'pending',
      nextAttemptAt: 0,
      seq: this.seq++,
    };
    this.rows.push(row);
    return row;
  }

  addBlob(blob: TestBlob): void {
    this.blobs.set(blob.sha256, { ...blob, uploaded: false });
  }

  row(id: string): MemoryRow {
    const row = this.rows.find((r) => r.id === id);
    if (!row) throw new Error(`no row ${id}`);
    return row;
  }

  states(): string[] {
    return this.rows.map((r) => r.state);
  }

  ports(baseUrl: string, fetch?: FetchLike): SyncPorts {
    const byId = (ids: string[]) => this.rows.filter((r) => ids.includes(r.id));
    return {
      net: { baseUrl, fetch },
      session: {
        deviceId: async () => DEVICE_ID,
        token: async () => this.token,
        recordSuccess: async (at) => {
          this.lastSuccessAt = at;
        },
      },
      outbox: {
        nextBatch: async (limit, now) => {
          // Same contract as src/storage nextBatch: oldest first, no overtaking within a case.
          const blocked = new Set<string>();
          const batch: OutboxItem[] = [];
          for (const r of [...this.rows].sort((a, b) => a.seq - b.seq)) {
            if (batch.length >= limit) break;
            if (r.state === 'done' || r.state === 'rejected' || blocked.has(r.caseId)) continue;
            if (r.nextAttemptAt <= now)
              batch.push({ id: r.id, caseId: r.caseId, mutation: r.mutation, attempts: r.attempts });
            else blocked.add(r.caseId);
          }
          return batch;
        },
        reclaimSending: async () => {
          const sending = this.rows.filter((r) => r.state === 'sending');
          for (const r of sending) Object.assign(r, { state: 'pending', nextAttemptAt: 0 });
          return sending.length;
        },
        markSending: async (ids, leaseUntil) => {
          for (const r of byId(ids))
            Object.assign(r, { state: 'sending', nextAttemptAt: leaseUntil, attempts: r.attempts + 1 });
        },
        markDone: async (item: OutboxItem, result: PushResult) => {
          if (this.crashOnMarkDone) {
            this.crashOnMarkDone = false;
            throw new Error('tab closed');
          }
          this.row(item.id).state = 'done';
          if (result.version !== undefined) this.versions.set(item.caseId, result.version);
        },
        markRejected: async (id, issue) => {
          Object.assign(this.row(id), { state: 'rejected', lastError: issue });
        },
        markFailed: async (ids, issue, at) => {
          for (const r of byId(ids)) Object.assign(r, { state: 'failed', lastError: issue, nextAttemptAt: at });
        },
        release: async (ids, issue) => {
          for (const r of byId(ids)) Object.assign(r, { state: 'pending', lastError: issue, nextAttemptAt: 0 });
        },
        pendingCount: async () => this.rows.filter((r) => r.state !== 'done' && r.state !== 'rejected').length,
        listProblems: async (): Promise<SyncProblem[]> =>
          this.rows
            .filter((r) => r.state === 'rejected' || r.state === 'failed')
            .map((r) => ({
              mutationId: r.id,
              caseId: r.caseId,
              state: r.state as 'failed' | 'rejected',
              code: r.lastError?.code ?? '',
              message: r.lastError?.message ?? '',
            })),
      },
      blobs: {
        read: async (sha) => {
          const b = this.blobs.get(sha);
          return b && { sha256: b.sha256, mime: b.mime, data: b.data };
        },
        isUploaded: async (sha) => this.blobs.get(sha)?.uploaded ?? false,
        markUploaded: async (sha) => {
          const b = this.blobs.get(sha);
          if (b) b.uploaded = true;
        },
      },
      pull: {
        cursor: async () => this.cursor,
        apply: async (changes, cursor, skipped) => {
          // One "transaction": both or neither.
          this.applied.push(...changes);
          this.skipped.push(...skipped);
          this.cursor = cursor;
          this.pullCommits.push({ changes: changes.length, cursor });
        },
      },
    };
  }
}
